"""Lenient on what Alexa may add, strict on what it must have; every response keeps the rules."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.builder import build_skill
from skill.hosts import runtime
from speech import ssml

GOLDEN = Path(__file__).parent / "golden"

APOLOGY = runtime.Apology.from_lines(content.load().lines)


def _golden(name: str) -> dict[str, Any]:
    request: dict[str, Any] = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))["request"]
    return request


def _speech(response: dict[str, Any]) -> str | None:
    return runtime.speech_of(response)


def _apology() -> str:
    return ssml.speak(content.load().line("error"))


def _set(envelope: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    changed = copy.deepcopy(envelope)
    node = changed
    *parents, last = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return changed


ODD_BUT_LEGAL = [
    ("launch", "context.Viewport", {"shape": "HEXAGON", "pixelWidth": 1024}),
    ("session_ended", "request.reason", "NEW_REASON"),
    ("strategy_by_name", "request.intent.confirmationStatus", "MAYBE"),
    ("launch", "context.System.device.supportedInterfaces", {"Display": 3}),
    ("launch", "context.System.unit", ["not", "an", "object"]),
    ("launch", "context.AudioPlayer", {"playerActivity": "LEVITATING"}),
    ("launch", "context.Geolocation", 12),
    ("launch", "request.shouldLinkResultBeReturned", "perhaps"),
    ("launch", "context.System.person", {"personId": 7}),
]


@pytest.mark.parametrize(("name", "path", "value"), ODD_BUT_LEGAL)
def test_values_the_sdk_does_not_know_do_not_turn_an_answer_into_an_apology(
    name: str, path: str, value: object
) -> None:
    skill = build_skill()  # no storage: both answers start from the same state
    envelope = _golden(name)
    expected = runtime.handle_event(skill, envelope, apology=APOLOGY)
    odd = runtime.handle_event(skill, _set(envelope, path, value), apology=APOLOGY)
    assert _speech(odd) == _speech(expected)
    assert _speech(odd) != _apology()


def test_a_new_entity_resolution_code_is_read_past(skill: CustomSkill) -> None:
    envelope = copy.deepcopy(_golden("strategy_by_name"))
    slots = envelope["request"]["intent"]["slots"]
    for slot in slots.values():
        for authority in (slot.get("resolutions") or {}).get("resolutionsPerAuthority", []):
            authority["status"]["code"] = "ER_NEW"
    answer = runtime.handle_event(skill, envelope, apology=APOLOGY)
    assert _speech(answer) not in (None, _apology())


@pytest.mark.parametrize(
    "kind",
    [
        "SessionEndedRequest",
        "AudioPlayer.PlaybackStarted",
        "AudioPlayer.PlaybackFailed",
        "PlaybackController.PlayCommandIssued",
        "CanFulfillIntentRequest",
        "System.ExceptionEncountered",
        "Messaging.MessageReceived",
        "Reminders.ReminderCreated",
        "AlexaSkillEvent.SkillDisabled",
        "AlexaHouseholdListEvent.ItemsCreated",
    ],
)
@pytest.mark.parametrize("malformed", [False, True])
def test_non_dialog_requests_never_get_speech(
    skill: CustomSkill, kind: str, malformed: bool, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = copy.deepcopy(_golden("launch"))
    envelope["request"] = {**envelope["request"], "type": kind}
    if malformed:
        envelope["request"]["timestamp"] = {"not": "a time"}
        envelope["session"] = "broken"
    with caplog.at_level(logging.DEBUG):
        answer = runtime.handle_event(skill, envelope, apology=APOLOGY)
    assert answer["response"].get("outputSpeech") is None
    assert answer["response"].get("reprompt") is None
    assert answer["response"].get("card") is None
    # An event no handler takes is not an error: no ERROR line, no traceback in the log.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize("value", ["9" * 5000, "1" * 19, "²", "٣", "-", "3.5", "\udc80"])
def test_a_number_no_strategy_has_is_a_clear_answer_not_an_apology(
    skill: CustomSkill, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = copy.deepcopy(_golden("strategy_by_number"))
    envelope["request"]["intent"]["slots"]["number"]["value"] = value
    with caplog.at_level(logging.WARNING):
        answer = runtime.handle_event(skill, envelope, apology=APOLOGY)
    assert _speech(answer) == ssml.speak(content.load().line("strategy_unknown"))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_malformed_dialog_request_still_gets_the_apology(skill: CustomSkill) -> None:
    envelope = _set(_golden("launch"), "request.type", "LaunchRequest")
    envelope["request"]["locale"] = {"x": 1}
    envelope["session"]["new"] = "yes"
    envelope["context"] = 5
    answer = runtime.handle_event(skill, envelope, apology=APOLOGY)
    assert _speech(answer) is not None


@pytest.mark.parametrize(
    ("response", "word"),
    [
        ({"response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>\udc80</speak>"}}}, "lone"),
        ({"response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>x"}}}, "XML"),
        (
            {
                "response": {
                    "outputSpeech": {"type": "SSML", "ssml": f"<speak>{'a ' * 4001}</speak>"}
                }
            },
            "characters",
        ),
        ({"response": {}, "sessionAttributes": {"x": "y" * 30_000}}, "bytes"),
        ({"response": {"card": {"type": "Simple", "title": "t\udc80", "content": "c"}}}, "lone"),
    ],
)
def test_the_response_rules_catch_what_alexa_would_refuse(
    response: dict[str, Any], word: str
) -> None:
    problems = runtime.response_problems("IntentRequest", response)
    assert any(word in problem for problem in problems), problems


def test_speech_on_a_session_ended_request_breaks_the_rules() -> None:
    speech = {"outputSpeech": {"type": "SSML", "ssml": "<speak>bye</speak>"}}
    assert runtime.response_problems("SessionEndedRequest", {"response": speech})
    assert not runtime.response_problems("IntentRequest", {"response": speech})


def test_a_response_that_would_break_the_rules_is_replaced(skill: CustomSkill) -> None:
    envelope = copy.deepcopy(_golden("repeat"))
    envelope["session"]["attributes"]["last_ssml"] = "<speak>" + "x" * 1_000_000 + "</speak>"
    answer = runtime.handle_event(skill, envelope, apology=APOLOGY)
    assert not runtime.response_problems("IntentRequest", answer)
    assert len(json.dumps(answer)) < 24 * 1024


def test_ssml_validate_reports_a_lone_surrogate() -> None:
    assert ssml.validate("<speak>a\ud800b</speak>") == ["a lone surrogate (not encodable as UTF-8)"]


@pytest.mark.parametrize("saved", ["<speak>x", "x" * 1_000_000, "<audio src='x'/", "a\udc80"])
def test_repeat_never_speaks_saved_speech_that_is_not_a_reply_of_the_skill(saved: str) -> None:
    envelope = copy.deepcopy(_golden("repeat"))
    envelope["session"]["attributes"]["last_ssml"] = saved
    envelope["session"]["attributes"]["last_reprompt"] = saved
    answer = runtime.handle_event(build_skill(), envelope, apology=APOLOGY)
    strategy = content.load().strategy("practice_patience")
    assert strategy is not None
    speech = _speech(answer) or ""
    # Rebuilt from the typed record of the last answer (the tip), never from the saved SSML.
    assert strategy.tip in speech and saved not in speech
    assert not runtime.response_problems("IntentRequest", answer)


def _lone_surrogate_user(envelope: dict[str, Any]) -> None:
    envelope["context"]["System"]["user"]["userId"] = "amzn1.ask.account.\udc80"
    envelope["session"]["user"]["userId"] = "amzn1.ask.account.\udc80"


def _null_resolution_value(envelope: dict[str, Any]) -> None:
    slot = envelope["request"]["intent"]["slots"]["strategy"]
    slot["resolutions"]["resolutionsPerAuthority"][0]["values"] = [{"value": None}, None]


ODD_INSIDE = [
    ("launch", lambda e: e["request"].update(timestamp="0001-01-01T00:00:00+14:00")),
    ("launch", lambda e: e["request"].update(timestamp="9999-12-31T23:59:59-12:00")),
    ("trust_tip", _lone_surrogate_user),
    ("strategy_by_name", _null_resolution_value),
]


@pytest.mark.parametrize(("name", "change"), ODD_INSIDE, ids=["year1", "year9999", "user", "er"])
def test_odd_values_the_skill_reads_get_an_answer_not_an_apology(
    skill: CustomSkill, name: str, change: Any, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = copy.deepcopy(_golden(name))
    change(envelope)
    with caplog.at_level(logging.ERROR):
        answer = runtime.handle_event(skill, envelope, apology=APOLOGY)
    assert _speech(answer) not in (None, _apology())
    assert [r.getMessage() for r in caplog.records] == []
