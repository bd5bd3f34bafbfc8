"""Run the skill on a request envelope given as JSON-ready data, as every host receives it."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.exceptions import AskSdkException, SerializationException
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope, Response, ResponseEnvelope
from ask_sdk_model.ui import Reprompt, SsmlOutputSpeech

from skill.errors import WrongSkillError
from skill.hosts import envelope as alexa
from skill.hosts import lenient
from skill.hosts.quietlog import clip
from speech import ssml

_LOGGER = logging.getLogger(__name__)

RESPONSE_VERSION = "1.0"
MAX_TURN_ATTEMPTS = 40
"""Runs of one turn when other writers keep storing the user's state first (then it merges)."""
MAX_RESPONSE_BYTES = 24 * 1024
"""Alexa refuses a response envelope larger than 24 kilobytes."""


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

    Values the SDK's models do not know (a new enum value, a wrong type where the skill reads
    nothing) are read past; every response is checked against Alexa's response rules and replaced
    by a safe reply when it would break one. Raises WrongSkillError when the skill has an id and
    the request is for another skill.
    """
    try:
        if not isinstance(event, dict) or not isinstance(event.get("request"), dict):
            raise ValueError("the envelope has no request object")
        envelope = _deserialize(skill, event)
    except Exception as error:
        _LOGGER.warning("malformed request envelope: %s", clip(error))
        return fallback_reply(skill, event, apology)
    if skill.skill_id is not None:
        if alexa.application_id(event) != skill.skill_id:
            raise WrongSkillError("the request is for another skill")
        _put_application_where_the_sdk_reads_it(envelope, skill.skill_id)
    try:
        response_envelope = _invoke(skill, event, envelope, context)
        response = _serialize(skill, response_envelope)
    except AskSdkException as error:
        _LOGGER.error("the skill could not answer: %s", clip(error))
        return fallback_reply(skill, event, apology)
    problems = response_problems(alexa.request_type(event), response)
    if problems:
        _LOGGER.error("a response broke Alexa's rules, sent a safe reply instead: %s", problems)
        return fallback_reply(skill, event, apology)
    return response


def _invoke(
    skill: CustomSkill, event: dict[str, Any], envelope: RequestEnvelope, context: object
) -> ResponseEnvelope:
    """Run the turn; when another writer stored the user's state first, run it again on theirs.

    Re-running the turn on the fresh state (not merging two finished states) is what keeps
    counters exact and a tip from being given twice in a round; the last attempt merges.
    """
    import random
    import time

    from skill.persistence.versioned import turn_attempt

    for attempt in range(1, MAX_TURN_ATTEMPTS + 1):
        with turn_attempt(retry_on_conflict=attempt < MAX_TURN_ATTEMPTS) as state:
            response_envelope: ResponseEnvelope = skill.invoke(
                request_envelope=envelope, context=context
            )
        if not state.conflicted:
            return response_envelope
        _LOGGER.debug("turn overtaken by another writer (attempt %s), running it again", attempt)
        time.sleep(random.uniform(0, 0.002 * min(attempt, 10)))
        envelope = _deserialize(skill, event)  # fresh model objects for the new attempt
    return response_envelope


def _deserialize(skill: CustomSkill, event: dict[str, Any]) -> RequestEnvelope:
    """The SDK's envelope; values its models cannot read are dropped first (DEBUG log)."""
    try:
        envelope: RequestEnvelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
        return envelope
    except SerializationException as error:
        repaired = lenient.repair(event)
        if repaired is None:
            raise
        _LOGGER.debug("read past what the SDK could not read: %s", clip(error))
        fixed: RequestEnvelope = skill.serializer.deserialize(json.dumps(repaired), RequestEnvelope)
        return fixed


def _put_application_where_the_sdk_reads_it(envelope: RequestEnvelope, skill_id: str) -> None:
    """The SDK checks only ``context.System.application``; a request may carry it in the session."""
    from ask_sdk_model import Application, Context
    from ask_sdk_model.interfaces.system import SystemState

    if envelope.context is None:
        envelope.context = Context()
    if envelope.context.system is None:
        user = envelope.session.user if envelope.session is not None else None
        envelope.context.system = SystemState(user=user)
    if envelope.context.system.application is None:
        envelope.context.system.application = Application(application_id=skill_id)


def fallback_reply(skill: CustomSkill, event: object, apology: Apology) -> dict[str, Any]:
    """What a request gets when the skill cannot answer it: spoken apology or a silent reply."""
    if alexa.speaks(alexa.request_type(event)):
        return apology_response(skill, apology)
    return silent_reply()


def silent_reply() -> dict[str, Any]:
    """A response with nothing in it: for SessionEnded, media and other non-dialog requests."""
    return {"version": RESPONSE_VERSION, "response": {}}


def response_problems(request_type: str | None, response: dict[str, Any]) -> list[str]:
    """How a response envelope breaks Alexa's response rules (empty when it keeps them all).

    Rules: at most 24 KB; no lone surrogates anywhere; speech, reprompt and cards only for
    requests that may speak; speech and reprompt valid SSML of at most 8,000 characters.
    """
    problems: list[str] = []
    try:
        size = len(json.dumps(response, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:
        return ["a lone surrogate (not encodable as UTF-8)"]
    except (TypeError, ValueError) as error:
        return [f"not JSON: {error}"]
    if size > MAX_RESPONSE_BYTES:
        problems.append(f"{size} bytes, more than {MAX_RESPONSE_BYTES}")
    body = response.get("response")
    if not isinstance(body, dict):
        return [*problems, "no response object"]
    reprompt = body.get("reprompt")
    speeches = {
        "speech": body.get("outputSpeech"),
        "reprompt": reprompt.get("outputSpeech") if isinstance(reprompt, dict) else None,
    }
    if not alexa.speaks(request_type):
        for name in ("outputSpeech", "reprompt", "card"):
            if body.get(name) is not None:
                problems.append(f"{name} in the response to a {request_type}")
        return problems
    for name, speech in speeches.items():
        if speech is None:
            continue
        text = speech.get("ssml") if isinstance(speech, dict) else None
        if not isinstance(text, str):
            text = speech.get("text") if isinstance(speech, dict) else None
            if not isinstance(text, str) or len(text) > ssml.MAX_CHARACTERS:
                problems.append(f"{name}: no SSML or text of at most {ssml.MAX_CHARACTERS}")
            continue
        problems.extend(f"{name}: {problem}" for problem in ssml.validate(text))
    return problems


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
