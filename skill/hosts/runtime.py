"""Run the skill on a request envelope given as JSON-ready data, as every host receives it."""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope, Response, ResponseEnvelope
from ask_sdk_model.ui import Reprompt, SsmlOutputSpeech

from skill import content
from skill.errors import WrongSkillError
from speech import ssml

_LOGGER = logging.getLogger(__name__)

RESPONSE_VERSION = "1.0"


def handle_event(skill: CustomSkill, event: object, context: object = None) -> dict[str, Any]:
    """Answer one request envelope; a malformed one gets a spoken apology, never an exception.

    Raises WrongSkillError when the skill has an id and the request is for another skill.
    """
    try:
        if not isinstance(event, dict) or not isinstance(event.get("request"), dict):
            raise ValueError("the envelope has no request object")
        envelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
    except Exception as error:
        _LOGGER.warning("malformed request envelope: %s", error)
        return apology(skill)
    if skill.skill_id is not None:
        application = getattr(getattr(envelope.context, "system", None), "application", None)
        if getattr(application, "application_id", None) != skill.skill_id:
            raise WrongSkillError("the request is for another skill")
    try:
        response_envelope = skill.invoke(request_envelope=envelope, context=context)
    except AskSdkException as error:
        _LOGGER.error("the skill could not answer: %s", error)
        return apology(skill)
    return _serialize(skill, response_envelope)


def apology(skill: CustomSkill) -> dict[str, Any]:
    """The spoken apology for a request the skill could not read."""
    lines = content.load()
    response = Response(
        output_speech=SsmlOutputSpeech(ssml=ssml.speak(lines.line("error"))),
        reprompt=Reprompt(
            output_speech=SsmlOutputSpeech(ssml=ssml.speak(lines.line("error_reprompt")))
        ),
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
