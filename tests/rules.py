"""The conversation rules of DESIGN.md, checked on every response envelope the tests produce."""

from __future__ import annotations

from typing import Any

from skill.hosts.envelope import speaks
from speech import ssml


def _ssml_of(speech: dict[str, Any] | None) -> str | None:
    if not speech:
        return None
    value = speech.get("ssml")
    assert speech.get("type") == "SSML" and isinstance(value, str), speech
    return value


def conversation_problems(request: dict[str, Any], response: dict[str, Any]) -> list[str]:
    """Every way `response` breaks a conversation rule (empty when it keeps them all)."""
    problems: list[str] = []
    body = response.get("response")
    if not isinstance(body, dict):
        return ["no response object"]
    speech = _ssml_of(body.get("outputSpeech"))
    reprompt = _ssml_of((body.get("reprompt") or {}).get("outputSpeech"))
    inner = request.get("request")
    request_type = inner.get("type") if isinstance(inner, dict) else None
    if not speaks(request_type if isinstance(request_type, str) else None):
        if speech is not None or reprompt is not None or body.get("card") is not None:
            problems.append(f"a {request_type} got speech")
        return problems
    end = body.get("shouldEndSession")
    if end is None:
        problems.append("shouldEndSession is unset")
    if end is False and reprompt is None:
        problems.append("the session stays open without a reprompt")
    if end is True and reprompt is not None:
        problems.append("the session ends but a reprompt is set")
    if speech is None:
        problems.append("no speech")
    for name, text in (("speech", speech), ("reprompt", reprompt)):
        if text is not None:
            problems.extend(f"{name}: {p}" for p in ssml.validate(text))
    card = body.get("card")
    if card is not None and card.get("type") == "AskForPermissionsConsent":
        if not card.get("permissions"):
            problems.append(f"a permissions card that asks for nothing: {card}")
    elif card is not None and not (card.get("title") and card.get("content")):
        problems.append(f"card without title or text: {card}")
    return problems


def assert_conversation_rules(request: dict[str, Any], response: dict[str, Any]) -> None:
    """Fail the test when a response breaks a conversation rule."""
    problems = conversation_problems(request, response)
    assert not problems, problems
