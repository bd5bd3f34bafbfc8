"""AWS Lambda entry point: `lambda_handler` answers Alexa's requests with the one skill."""

from __future__ import annotations

import logging
import os
from typing import Any

from skill import content
from skill.builder import build_skill_from_env
from skill.hosts.runtime import Apology, handle_event

logging.getLogger().setLevel(os.environ.get("TRUST_COACH_LOG_LEVEL", "INFO"))

# Built once per container, reused by every warm invocation.
_SKILL = build_skill_from_env()
_APOLOGY = Apology.from_lines(content.load().lines)


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answer one Alexa request."""
    return handle_event(_SKILL, event, context, apology=_APOLOGY)
