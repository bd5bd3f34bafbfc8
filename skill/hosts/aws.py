"""The AWS Lambda host: the skill configured from the function's environment."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from skill.builder import build_skill
from skill.conversation.state import merge
from skill.hosts.runtime import handle_event
from skill.persistence import adapter_from_env

LOG_LEVEL_ENV = "TRUST_COACH_LOG_LEVEL"
"""Environment variable naming the logging level (the template's LogLevel parameter)."""

SKILL_ID_ENV = "TRUST_COACH_SKILL_ID"
"""Environment variable naming the only skill id the function answers (the template's SkillId)."""

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]
"""What Lambda calls: (event, context) -> response."""


def handler_from_environment(environ: Mapping[str, str] = os.environ) -> LambdaHandler:
    """Build the skill once (storage and skill id from the environment) and return its handler."""
    logging.getLogger().setLevel(environ.get(LOG_LEVEL_ENV, "INFO"))
    skill = build_skill(adapter_from_env(environ, merge=merge), skill_id=environ.get(SKILL_ID_ENV))

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        """Answer one Alexa request."""
        return handle_event(skill, event, context)

    return lambda_handler
