"""The one function that builds the skill, and the policy every host gets with it.

Lambda, Flask and the local mode call these; they pass configuration (an adapter, a skill id),
never policy: the two-device merge and the skill-id check are decided here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from skill import content, locales
from skill.conversation.handlers import CatchAllExceptionHandler, request_handlers
from skill.conversation.interceptors import KeepTurn, LoadTurn
from skill.conversation.state import merge
from skill.persistence import VersionedAdapter, adapter_from_env

SKILL_ID_ENV = "TRUST_COACH_SKILL_ID"
"""Environment variable with the skill's id; when set, requests for other skills are refused."""


def skill_id_from_env(environ: Mapping[str, str] = os.environ) -> str | None:
    """The skill id the environment names, if any."""
    return environ.get(SKILL_ID_ENV, "").strip() or None


def storage_from_env(environ: Mapping[str, str] = os.environ) -> AbstractPersistenceAdapter:
    """The persistence adapter the environment asks for (SQLite or DynamoDB)."""
    return adapter_from_env(environ, merge=merge)


def build_skill(
    persistence_adapter: AbstractPersistenceAdapter | None = None,
    *,
    skill_id: str | None = None,
) -> CustomSkill:
    """Build Trust Coach with its handlers, interceptors, exception handler and storage.

    A versioned adapter gets the skill's merge for two devices writing at once; with a
    ``skill_id``, requests for any other skill are refused.
    """
    if isinstance(persistence_adapter, VersionedAdapter):
        persistence_adapter.use_merge(merge)
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter)  # type: ignore[arg-type]
    topic_intents = frozenset(t.intent for t in content.load(locales.DEFAULT).topics)
    for handler in request_handlers(topic_intents):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_request_interceptor(LoadTurn(has_storage=persistence_adapter is not None))
    builder.add_global_response_interceptor(KeepTurn())
    builder.skill_id = skill_id  # type: ignore[assignment]
    skill: CustomSkill = builder.create()
    return skill


def build_skill_from_env(environ: Mapping[str, str] = os.environ) -> CustomSkill:
    """The skill as a server configures it: storage and skill id from the environment."""
    return build_skill(storage_from_env(environ), skill_id=skill_id_from_env(environ))
