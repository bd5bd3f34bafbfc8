"""Run the skill on a request envelope given as JSON-ready data, as every host receives it."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope, Response, ResponseEnvelope
from ask_sdk_model.ui import Reprompt, SsmlOutputSpeech

from skill.errors import WrongSkillError
from speech import ssml

_LOGGER = logging.getLogger(__name__)

RESPONSE_VERSION = "1.0"


@dataclass(frozen=True)
class Apology:
    """What a skill says to a request it cannot read (plain text; escaped when spoken)."""

    speech: str
    """The apology and a way forward."""
    reprompt: str
    """Said if the user stays silent."""

    @classmethod
    def from_lines(cls, lines: Mapping[str, str]) -> Apology:
        """The apology in a skill's lines: its ``error`` and ``error_reprompt``."""
        return cls(lines["error"], lines["error_reprompt"])


def handle_event(
    skill: CustomSkill, event: object, context: object = None, *, apology: Apology
) -> dict[str, Any]:
    """Answer one request envelope; a malformed one gets ``apology``, never an exception.

    Raises WrongSkillError when the skill has an id and the request is for another skill.
    """
    try:
        if not isinstance(event, dict) or not isinstance(event.get("request"), dict):
            raise ValueError("the envelope has no request object")
        envelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
    except Exception as error:
        _LOGGER.warning("malformed request envelope: %s", error)
        return apology_response(skill, apology)
    if skill.skill_id is not None:
        application = getattr(getattr(envelope.context, "system", None), "application", None)
        if getattr(application, "application_id", None) != skill.skill_id:
            raise WrongSkillError("the request is for another skill")
    try:
        response_envelope = skill.invoke(request_envelope=envelope, context=context)
    except AskSdkException as error:
        _LOGGER.error("the skill could not answer: %s", error)
        return apology_response(skill, apology)
    return _serialize(skill, response_envelope)


def apology_response(skill: CustomSkill, apology: Apology) -> dict[str, Any]:
    """The response envelope that speaks an apology and keeps the session open."""
    response = Response(
        output_speech=SsmlOutputSpeech(ssml=ssml.speak(apology.speech)),
        reprompt=Reprompt(output_speech=SsmlOutputSpeech(ssml=ssml.speak(apology.reprompt))),
        should_end_session=False,
    )
    return _serialize(skill, ResponseEnvelope(version=RESPONSE_VERSION, response=response))


def _serialize(skill: CustomSkill, envelope: ResponseEnvelope) -> dict[str, Any]:
    """The response envelope as JSON-ready data."""
    result = skill.serializer.serialize(envelope)
    if not isinstance(result, dict):
        raise TypeError("a response envelope serializes to an object")
    return result


def speech_of(response: dict[str, Any]) -> str | None:
    """The SSML (or plain text) a response envelope speaks, if any."""
    speech = (response.get("response") or {}).get("outputSpeech") or {}
    value = speech.get("ssml") or speech.get("text")
    return value if isinstance(value, str) else None
