"""The one function that builds the skill; Lambda, Flask and the local mode all call it."""

from __future__ import annotations

import os

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from skill import content
from skill.conversation.handlers import CatchAllExceptionHandler, request_handlers
from skill.conversation.interceptors import KeepTurn, LoadTurn


def build_skill(
    persistence_adapter: AbstractPersistenceAdapter | None = None,
    *,
    skill_id: str | None = None,
) -> CustomSkill:
    """Build Trust Coach with its handlers, interceptors, exception handler and storage.

    ``skill_id`` defaults to ``TRUST_COACH_SKILL_ID``; when set, requests for other skills fail.
    """
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter)  # type: ignore[arg-type]
    topic_intents = frozenset(t.intent for t in content.load().topics)
    for handler in request_handlers(topic_intents):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_request_interceptor(LoadTurn(has_storage=persistence_adapter is not None))
    builder.add_global_response_interceptor(KeepTurn())
    builder.skill_id = skill_id or os.environ.get("TRUST_COACH_SKILL_ID") or None  # type: ignore[assignment]
    skill: CustomSkill = builder.create()
    return skill
