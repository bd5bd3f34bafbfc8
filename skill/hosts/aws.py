"""The AWS Lambda host: the skill configured from the function's environment."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from skill import content
from skill.builder import build_skill_from_env
from skill.hosts.runtime import Apology, handle_event

LOG_LEVEL_ENV = "TRUST_COACH_LOG_LEVEL"
"""Environment variable naming the logging level (the template's LogLevel parameter)."""

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]
"""What Lambda calls: (event, context) -> response."""


def handler_from_environment(environ: Mapping[str, str] = os.environ) -> LambdaHandler:
    """Build the skill once (storage and skill id from the environment) and return its handler."""
    logging.getLogger().setLevel(environ.get(LOG_LEVEL_ENV, "INFO"))
    skill = build_skill_from_env(environ)
    apology = Apology.from_lines(content.load().lines)

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        """Answer one Alexa request."""
        return handle_event(skill, event, context, apology=apology)

    return lambda_handler
