"""Golden files: a request envelope written for this skill in, the exact response out.

Run ``pytest tests/test_golden.py --update-golden`` to rewrite them; the diff is the change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from skill import content, locales
from skill.builder import build_skill
from skill.conversation.state import SESSION_SCHEMA, merge
from skill.hosts.local import envelopes
from skill.hosts.runtime import Apology, handle_event
from skill.persistence import SQLiteAdapter
from tests.test_handlers import model_intents, strategy_slot

APOLOGY = Apology.from_lines(content.load().lines)

GOLDEN = Path(__file__).parent / "golden"
USER = "amzn1.ask.account.GOLDEN-USER"
SESSION = "amzn1.echo-api.session.00000000-0000-4000-8000-000000000001"
TIMESTAMP = "2026-11-27T10:00:00Z"

AFTER_TIP: dict[str, Any] = {
    "_schema": SESSION_SCHEMA,
    "last_kind": "tip",
    "last_id": "practice_patience",
    "history": ["practice_patience"],
    "pending": "more",
    "declined": "another",
    "said": {"kind": "tip", "ref": "practice_patience"},
    # What earlier versions kept for Repeat: read past, never spoken again.
    "last_ssml": "Here's strategy 3: Practice Patience.",
    "last_reprompt": "Would you like more on this one?",
}
IN_LIST: dict[str, Any] = {"_schema": SESSION_SCHEMA, "last_kind": "tip", "list_index": 2}

CASES: dict[str, tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = {
    # name: (intent or request type, slots, session attributes of an ongoing session)
    "launch": ("LaunchRequest", None, None),
    "session_ended": ("SessionEndedRequest", None, {}),
    "trust_tip": ("TrustTipIntent", None, None),
    "strategy_by_name": ("StrategyIntent", strategy_slot("establish_boundaries"), None),
    "strategy_by_number": ("StrategyIntent", strategy_slot(number="4"), None),
    "strategy_out_of_range": ("StrategyIntent", strategy_slot(number="12"), None),
    "strategy_unknown": ("StrategyIntent", strategy_slot(), None),
    "list_strategies": ("ListStrategiesIntent", None, None),
    "tell_me_more": ("TellMeMoreIntent", None, AFTER_TIP),
    "exercise_start": ("ActiveListeningExerciseIntent", None, None),
    "resume_exercise_nothing_saved": ("ResumeExerciseIntent", None, None),
    "safety": ("SafetyIntent", None, None),
    "situation": (
        "SituationIntent",
        {
            "situation": {
                "name": "situation",
                "value": "my partner is jealous",
                "resolutions": {
                    "resolutionsPerAuthority": [
                        {
                            "authority": "amzn1.er-authority.echo-sdk.skill.SITUATION",
                            "status": {"code": "ER_SUCCESS_MATCH"},
                            "values": [
                                {
                                    "value": {
                                        "name": "my partner is jealous",
                                        "id": "partner_jealous",
                                    }
                                }
                            ],
                        }
                    ]
                },
            }
        },
        None,
    ),
    "thanks": ("ThanksIntent", None, None),
    "forget_me": ("ForgetMeIntent", None, None),
    "causes": ("CausesIntent", None, None),
    "impact": ("ImpactIntent", None, None),
    "active_listening": ("ActiveListeningIntent", None, None),
    "expressing_feelings": ("ExpressingFeelingsIntent", None, None),
    "building_trust": ("BuildingTrustIntent", None, None),
    "therapy": ("TherapyIntent", None, None),
    "support_groups": ("SupportGroupsIntent", None, None),
    "help": ("AMAZON.HelpIntent", None, None),
    "stop": ("AMAZON.StopIntent", None, AFTER_TIP),
    "cancel": ("AMAZON.CancelIntent", None, AFTER_TIP),
    "navigate_home": ("AMAZON.NavigateHomeIntent", None, AFTER_TIP),
    "fallback": ("AMAZON.FallbackIntent", None, AFTER_TIP),
    "next_in_list": ("AMAZON.NextIntent", None, IN_LIST),
    "previous_in_list": ("AMAZON.PreviousIntent", None, IN_LIST),
    "repeat": ("AMAZON.RepeatIntent", None, AFTER_TIP),
    "start_over": ("AMAZON.StartOverIntent", None, IN_LIST),
    "pause": ("AMAZON.PauseIntent", None, AFTER_TIP),
    "resume": ("AMAZON.ResumeIntent", None, None),
    "yes_after_tip": ("AMAZON.YesIntent", None, AFTER_TIP),
    "checkin_start": ("CheckInIntent", None, None),
    # Reminders without the permission (the golden requests carry none): Alexa is asked to ask.
    "reminder_set": (
        "SetReminderIntent",
        {
            "day": {
                "name": "day",
                "value": "sunday",
                "resolutions": {
                    "resolutionsPerAuthority": [
                        {
                            "authority": "amzn1.er-authority.echo-sdk.golden.WEEKDAY",
                            "status": {"code": "ER_SUCCESS_MATCH"},
                            "values": [{"value": {"name": "sunday", "id": "SU"}}],
                        }
                    ]
                },
            },
            "time": {"name": "time", "value": "19:00"},
        },
        None,
    ),
    "reminder_status": ("ReminderStatusIntent", None, None),
    "reminder_move": ("MoveReminderIntent", {"time": {"name": "time", "value": "MO"}}, None),
    "reminder_cancel": ("CancelReminderIntent", None, None),
    "partner_names": (
        "PartnerNamesIntent",
        {"first": {"name": "first", "value": "sam"}, "second": {"name": "second", "value": "alex"}},
        None,
    ),
    "first_speaker": ("FirstSpeakerIntent", {"name": {"name": "name", "value": "sam"}}, None),
    "no_after_tip": ("AMAZON.NoIntent", None, AFTER_TIP),
}


def build_request(
    kind: str, slots: dict[str, Any] | None, attributes: dict[str, Any] | None
) -> dict[str, Any]:
    """The request envelope of one case, with fixed ids and time."""
    if kind == "LaunchRequest":
        request = envelopes.launch_request(locale=locales.DEFAULT, timestamp=TIMESTAMP)
    elif kind == "SessionEndedRequest":
        request = envelopes.session_ended_request(locale=locales.DEFAULT, timestamp=TIMESTAMP)
    else:
        request = envelopes.intent_request(kind, slots, locale=locales.DEFAULT, timestamp=TIMESTAMP)
    request["requestId"] = "amzn1.echo-api.request.00000000-0000-4000-8000-000000000002"
    return envelopes.envelope(
        request, user_id=USER, session_id=SESSION, new=attributes is None, attributes=attributes
    )


def test_every_intent_and_request_type_has_a_golden_case() -> None:
    covered = {kind for kind, _, _ in CASES.values()}
    assert model_intents() - covered == set()
    assert {"LaunchRequest", "SessionEndedRequest"} <= covered


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    kind, slots, attributes = CASES[name]
    event = build_request(kind, slots, attributes)
    skill = build_skill(SQLiteAdapter(tmp_path / "golden.sqlite3", merge=merge))
    response = handle_event(skill, event, apology=APOLOGY)
    response.pop("userAgent", None)
    path = GOLDEN / f"{name}.json"
    if request.config.getoption("--update-golden"):
        path.write_text(json.dumps({"request": event, "response": response}, indent=2) + "\n")
    stored = json.loads(path.read_text("utf-8"))
    assert stored["request"] == event, "the case changed: run with --update-golden and review"
    assert stored["response"] == response
