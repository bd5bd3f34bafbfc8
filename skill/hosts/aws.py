"""The AWS Lambda host: the skill configured from the function's environment."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from skill import content
from skill.builder import build_skill_from_env
from skill.hosts.quietlog import level_from_env
from skill.hosts.runtime import Apology, handle_event

_LOGGER = logging.getLogger(__name__)

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]
"""What Lambda calls: (event, context) -> response."""


def handler_from_environment(environ: Mapping[str, str] = os.environ) -> LambdaHandler:
    """Build the skill once (storage and skill id from the environment) and return its handler."""
    level, problem = level_from_env(environ, "INFO")  # the template's LogLevel parameter
    logging.getLogger().setLevel(level)
    if problem:
        _LOGGER.warning("%s", problem)
    skill = build_skill_from_env(environ)
    apology = Apology.from_lines(content.load().lines)

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        """Answer one Alexa request."""
        return handle_event(skill, event, context, apology=apology)

    return lambda_handler
