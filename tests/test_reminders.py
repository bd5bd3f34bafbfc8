"""Weekly check-in reminders against the stand-in Reminders API over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.hosts.local.conversation import Conversation, Exchange
from skill.hosts.local.envelopes import user_id_for
from skill.hosts.local.reminders_api import RemindersStandIn
from skill.persistence import SQLiteAdapter
from skill.persistence.reminders import ReminderStore
from skill.reminders.permissions import SCOPE
from speech import ssml
from tests.helpers import check_golden_transcript, run_cli, run_to_the_end, user_envelope

LINES = content.load().reminders
GOLDEN = Path(__file__).parent / "golden"


def weekday(code: str) -> dict[str, Any]:
    """A WEEKDAY slot as Alexa sends it."""
    return {
        "name": "day",
        "value": code.lower(),
        "resolutions": {
            "resolutionsPerAuthority": [
                {
                    "authority": "amzn1.er-authority.echo-sdk.x.WEEKDAY",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": code.lower(), "id": code}}],
                }
            ]
        },
    }


def when(day: str | None = None, time: str | None = None) -> dict[str, Any]:
    """The day and time slots of the reminder intents."""
    slots: dict[str, Any] = {}
    if day:
        slots["day"] = weekday(day)
    if time:
        slots["time"] = {"name": "time", "value": time}
    return slots


@pytest.fixture
def api(db_path: Path) -> Iterator[RemindersStandIn]:
    """The stand-in, on this test's SQLite file, with a short timeout for the timeout fault."""
    with RemindersStandIn(ReminderStore(db_path), timeout_seconds=3.5) as stand_in:
        yield stand_in


def talk_to(skill: CustomSkill, api: RemindersStandIn, *, granted: bool = True) -> Conversation:
    return Conversation(
        skill, user="couple", granted=[SCOPE] if granted else [], api_endpoint=api.endpoint
    )


def said(exchange: Exchange) -> str:
    """The words a voice says for a response (numbers as they are said, not as written)."""
    return ssml.to_speech(exchange.ssml)


def stored(adapter: SQLiteAdapter) -> dict[str, Any]:
    return adapter.get_attributes(user_envelope(user_id_for("couple")))


def transcript_check(exchanges: list[Exchange], name: str, request: pytest.FixtureRequest) -> None:
    check_golden_transcript(exchanges, GOLDEN / f"reminders_{name}.json", request)


def test_set_when_move_cancel_with_permission(
    skill: CustomSkill,
    api: RemindersStandIn,
    adapter: SQLiteAdapter,
    request: pytest.FixtureRequest,
) -> None:
    talk = talk_to(skill, api)
    exchanges = [talk.intent("SetReminderIntent", when("SU", "19:00"))]
    assert "every Sunday at seven p.m." in said(exchanges[-1])
    [reminder] = api.store.of_user()
    rule = reminder.request["trigger"]["recurrence"]["recurrenceRules"]
    assert rule == ["FREQ=WEEKLY;BYDAY=SU;BYHOUR=19;BYMINUTE=0;BYSECOND=0;INTERVAL=1"]
    assert reminder.request["alertInfo"]["spokenInfo"]["content"] == [
        {"locale": "en-US", "text": LINES["text"]}
    ]
    assert stored(adapter)["reminder"]["token"] == reminder.token
    exchanges.append(talk.intent("ReminderStatusIntent"))
    exchanges.append(talk.intent("MoveReminderIntent", when("SA", "MO")))
    assert "every Saturday at nine a.m." in said(exchanges[-1])
    exchanges.append(talk.intent("ReminderStatusIntent"))
    assert "Saturday at nine a.m." in said(exchanges[-1])
    exchanges.append(talk.intent("CancelReminderIntent"))
    assert api.store.of_user() == [] and "reminder" not in stored(adapter)
    assert [method for method, _ in api.calls] == ["GET", "POST", "GET", "PUT", "GET", "DELETE"]
    transcript_check(exchanges, "with_permission", request)


@pytest.mark.parametrize("answer", ["ACCEPTED", "DENIED", "NOT_ANSWERED"])
def test_without_permission_alexa_asks_by_voice(
    skill: CustomSkill, api: RemindersStandIn, answer: str, request: pytest.FixtureRequest
) -> None:
    talk = talk_to(skill, api, granted=False)
    asked = talk.intent("SetReminderIntent", when("FR", "20:00"))
    [directive] = asked.response["response"]["directives"]
    assert directive["type"] == "Connections.SendRequest" and directive["name"] == "AskFor"
    assert directive["payload"]["permissionScope"] == SCOPE
    assert asked.end_session and api.calls == []
    answered = talk.answer_permission(answer)
    if answer == "ACCEPTED":
        assert "every Friday at eight p.m." in said(answered)
        assert len(api.store.of_user()) == 1
    else:
        key = "permission_denied" if answer == "DENIED" else "permission_not_answered"
        assert answered.speech == LINES[key] and api.store.of_user() == []
    if answer != "NOT_ANSWERED":
        transcript_check([asked, answered], f"permission_{answer.lower()}", request)


def test_a_device_that_cannot_ask_by_voice_gets_the_card(
    skill: CustomSkill, api: RemindersStandIn
) -> None:
    talk = talk_to(skill, api, granted=False)
    talk.intent("SetReminderIntent", when("FR", "20:00"))
    talk.asking = None
    event_response = talk._run(  # a Connections.Response whose status is not 200
        "",
        None,
        {},
        {
            "type": "Connections.Response",
            "requestId": "amzn1.echo-api.request.1",
            "timestamp": "2026-12-03T10:00:00Z",
            "locale": "en-US",
            "name": "AskFor",
            "status": {"code": "400", "message": "not supported"},
            "payload": {},
            "token": "set FR 20:00",
        },
    )
    card = event_response.response["response"]["card"]
    assert card == {"type": "AskForPermissionsConsent", "permissions": [SCOPE]}
    assert event_response.speech == LINES["permission_card"]


@pytest.mark.parametrize(
    ("fault", "key"),
    [
        (401, None),
        (403, None),
        (409, "error_conflict"),
        (429, "error_busy"),
        (500, "error_unavailable"),
        (503, "error_unavailable"),
        ("garbage", "error_garbled"),
        ("timeout", "error_timeout"),
    ],
)
def test_every_error_gets_a_clear_answer_and_loses_nothing(
    skill: CustomSkill,
    api: RemindersStandIn,
    adapter: SQLiteAdapter,
    fault: int | str,
    key: str | None,
) -> None:
    talk = talk_to(skill, api)
    talk.intent("SetReminderIntent", when("SU", "19:00"))
    before = stored(adapter)["reminder"]
    api.fail_next(fault)
    failed = talk.intent("MoveReminderIntent", when("WE", "18:30"))
    if key is None:
        assert failed.speech == LINES["permission_revoked"] and failed.end_session
        assert failed.response["response"]["card"]["type"] == "AskForPermissionsConsent"
    else:
        assert failed.speech == LINES[key] and not failed.end_session
    assert stored(adapter)["reminder"] == before
    [kept] = api.store.of_user()
    assert "BYDAY=SU" in kept.request["trigger"]["recurrence"]["recurrenceRules"][0]


def test_a_reminder_deleted_in_the_app_is_a_404_and_offers_a_new_one(
    skill: CustomSkill, api: RemindersStandIn, adapter: SQLiteAdapter
) -> None:
    talk = talk_to(skill, api)
    talk.intent("SetReminderIntent", when("SU", "19:00"))
    api.store.delete_user(user_id_for("couple"))
    gone = talk.intent("MoveReminderIntent", when("TH", "20:00"))
    assert gone.speech.startswith("I couldn't find your check-in reminder")
    assert "reminder" not in stored(adapter)
    again = talk.intent("AMAZON.YesIntent")
    assert "every Thursday at eight p.m." in said(again) and len(api.store.of_user()) == 1


def test_a_finished_checkin_offers_a_weekly_reminder(
    skill: CustomSkill, api: RemindersStandIn, request: pytest.FixtureRequest
) -> None:
    talk = talk_to(skill, api)
    talk.launch()
    talk.intent("CheckInIntent")
    offer = None
    for _ in range(10):
        offer = talk.intent("AMAZON.NextIntent")
        if "remind" in offer.speech:
            break
    assert offer is not None and not offer.end_session
    assert "every Sunday at seven p.m." in said(offer)
    made = talk.intent("AMAZON.YesIntent")
    assert made.speech.startswith("Done.") and len(api.store.of_user()) == 1
    # With a reminder set, the next check-in ends with its goodbye.
    ends = run_to_the_end(talk_to(skill, api), "CheckInIntent")
    assert ends[-1].speech == content.load().checkin.lines["finished"]  # type: ignore[union-attr]


def test_the_local_mode_grants_lists_and_forgets(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    empty = run_cli(["reminders"], db)
    assert empty.returncode == 0 and empty.stdout.count("\n") == 1
    made = run_cli(
        [
            "say",
            "--text",
            "--grant",
            "reminders",
            "ask trust coach to remind us every sunday at 7 pm",
        ],
        db,
    )
    assert made.returncode == 0, made.stderr
    assert "every Sunday at 7 p.m." in made.stdout
    listed = run_cli(["reminders"], db)
    assert listed.stdout.startswith("every Sunday at 19:00: " + LINES["text"])
    assert run_cli(["forget"], db).returncode == 0
    assert run_cli(["reminders"], db).stdout == empty.stdout


def test_without_grant_the_local_mode_plays_alexas_permission_question(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    result = run_cli(
        ["say", "--text", "ask trust coach to remind us every monday at 8 pm", "no"], db
    )
    assert result.returncode == 0, result.stderr
    assert LINES["permission_lead"] in result.stdout
    assert "(Alexa asks whether Trust Coach may set reminders" in result.stdout
    assert LINES["permission_denied"] in result.stdout


def test_chat_waits_for_the_answer_to_alexas_permission_question(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    talk = "open trust coach\nremind us every monday at nine am\nyes\nno\n"
    result = run_cli(["chat", "--text"], db, stdin=talk)
    assert result.returncode == 0, result.stderr
    assert "every Monday at 9 a.m. to do your weekly check-in" in result.stdout
    assert run_cli(["reminders"], db).stdout.startswith("every Monday at 09:00")


def test_forget_me_deletes_the_reminder_it_made(
    skill: CustomSkill, api: RemindersStandIn, adapter: SQLiteAdapter
) -> None:
    talk = talk_to(skill, api)
    talk.intent("SetReminderIntent", when("SU", "19:00"))
    talk.intent("ForgetMeIntent")
    talk.intent("AMAZON.YesIntent")
    assert api.store.of_user() == [] and "reminder" not in stored(adapter)


def test_the_client_keeps_plain_http_on_this_machine() -> None:
    from ask_sdk_core.exceptions import ApiClientException
    from ask_sdk_model.services import ApiClientRequest

    from skill.reminders.client import TimedApiClient

    request = ApiClientRequest(url="http://api.example.com/v1/alerts/reminders", method="GET")
    with pytest.raises(ApiClientException, match="only HTTPS"):
        TimedApiClient().invoke(request)


def test_typed_words_reach_the_skill_as_alexa_slots(
    skill: CustomSkill, api: RemindersStandIn
) -> None:
    from interaction_model.resolver import Resolver

    talk = Conversation(
        skill,
        Resolver.from_locale("en-US"),
        user="words",
        granted=[SCOPE],
        api_endpoint=api.endpoint,
    )
    moved = talk.send("ask trust coach to move our check in to saturday morning")
    assert moved.intent == "MoveReminderIntent"
    assert moved.request["request"]["intent"]["slots"]["time"]["value"] == "MO"
    made = talk.send("ask trust coach to remind us to check in every sunday at seven pm")
    assert made.request["request"]["intent"]["slots"]["time"]["value"] == "19:00"
    assert "every Sunday at seven p.m." in said(made)


def test_the_manifest_declares_the_reminders_permission() -> None:
    from skill.deploy.manifest import load_shared, load_store_texts, skill_manifest

    manifest = skill_manifest(load_shared(), load_store_texts())["manifest"]
    assert manifest["permissions"] == [{"name": SCOPE}]


@pytest.mark.parametrize(
    ("locale", "noon"),
    [
        ("en-US", "noon"),
        ("en-GB", "midday"),
        ("en-AU", "midday"),
        ("en-IN", "noon"),
        ("en-CA", "noon"),
    ],
)
def test_every_locale_sets_it_in_its_own_words(
    skill: CustomSkill, api: RemindersStandIn, locale: str, noon: str
) -> None:
    from interaction_model.resolver import Resolver

    talk = Conversation(
        skill, Resolver.from_locale(locale), user=locale, granted=[SCOPE], api_endpoint=api.endpoint
    )
    made = talk.send("ask trust coach to remind us to check in every saturday at noon")
    assert f"every Saturday at {noon}" in said(made)
    [reminder] = api.store.of_user(user_id_for(locale))
    assert reminder.request["alertInfo"]["spokenInfo"]["content"][0]["locale"] == locale


def test_repeat_after_each_reminder_answer_says_it_again(
    skill: CustomSkill, api: RemindersStandIn
) -> None:
    talk = talk_to(skill, api)
    steps: list[tuple[str, dict[str, Any]]] = [
        ("ReminderStatusIntent", {}),
        ("SetReminderIntent", when("SU", "19:00")),
        ("ReminderStatusIntent", {}),
        ("MoveReminderIntent", when("SA", "MO")),
        ("MoveReminderIntent", when("SA", "MO")),
        ("CancelReminderIntent", {}),
        ("CancelReminderIntent", {}),
        ("MoveReminderIntent", when("FR")),
    ]
    for intent, slots in steps:
        given = talk.intent(intent, slots)
        again = talk.intent("AMAZON.RepeatIntent")
        assert again.ssml == given.ssml, intent
        assert again.response["response"]["reprompt"] == given.response["response"]["reprompt"]
    # Yes after the repeated offer still sets it at the time the offer named.
    made = talk.intent("AMAZON.YesIntent")
    assert "every Friday at seven p.m." in said(made)


def test_repeat_after_an_error_repeats_the_answer_before_it(
    skill: CustomSkill, api: RemindersStandIn
) -> None:
    talk = talk_to(skill, api)
    made = talk.intent("SetReminderIntent", when("SU", "19:00"))
    api.fail_next(503)
    failed = talk.intent("MoveReminderIntent", when("WE", "18:30"))
    assert failed.speech == LINES["error_unavailable"]
    assert talk.intent("AMAZON.RepeatIntent").ssml == made.ssml


def test_after_a_permission_answer_repeat_says_what_was_done(
    skill: CustomSkill, api: RemindersStandIn
) -> None:
    talk = talk_to(skill, api, granted=False)
    talk.intent("SetReminderIntent", when("FR", "20:00"))
    done = talk.answer_permission("ACCEPTED")
    assert talk.intent("AMAZON.RepeatIntent").ssml == done.ssml


@pytest.mark.parametrize("fault", [429, 500, "timeout", "garbage"])
def test_when_alexa_cannot_say_the_time_the_kept_time_is_given(
    skill: CustomSkill, api: RemindersStandIn, adapter: SQLiteAdapter, fault: int | str
) -> None:
    talk = talk_to(skill, api)
    talk.intent("SetReminderIntent", when("SU", "19:00"))
    api.fail_next(fault)
    failed = talk.intent("ReminderStatusIntent")
    assert failed.speech.startswith("I couldn't check with Alexa just now")
    assert "every Sunday at seven p.m." in said(failed) and not failed.end_session
    assert "reminder" in stored(adapter) and len(api.store.of_user()) == 1
    # Without a kept reminder (another device set it), the answer says to ask again.
    other = Conversation(skill, user="other", granted=[SCOPE], api_endpoint=api.endpoint)
    api.fail_next(fault)
    assert other.intent("ReminderStatusIntent").speech == LINES["status_failed"]


def test_the_status_reprompt_asks_what_yes_does(skill: CustomSkill, api: RemindersStandIn) -> None:
    talk = talk_to(skill, api)
    talk.intent("SetReminderIntent", when("SU", "19:00"))
    status = talk.intent("ReminderStatusIntent")
    reprompt = status.response["response"]["reprompt"]["outputSpeech"]["ssml"]
    assert reprompt == f"<speak>{LINES['status_reprompt']}</speak>"
    assert "check-in" in LINES["status_reprompt"]
    started = talk.intent("AMAZON.YesIntent")
    assert started.speech.startswith("Welcome to your weekly check-in")


@pytest.mark.parametrize("answer", ["DENIED", "NOT_ANSWERED"])
def test_cancelling_without_permission_speaks_of_cancelling(
    skill: CustomSkill, api: RemindersStandIn, answer: str
) -> None:
    setter = talk_to(skill, api)
    setter.intent("SetReminderIntent", when("SU", "19:00"))
    talk = talk_to(skill, api, granted=False)
    asked = talk.intent("CancelReminderIntent")
    assert asked.speech == LINES["permission_lead_cancel"] and asked.end_session
    answered = talk.answer_permission(answer)
    key = "permission_denied_cancel" if answer == "DENIED" else "permission_not_answered_cancel"
    assert answered.speech == LINES[key]
    assert len(api.store.of_user()) == 1


def test_moving_by_words_keeps_the_time_said(skill: CustomSkill, api: RemindersStandIn) -> None:
    from interaction_model.resolver import Resolver

    talk = Conversation(
        skill,
        Resolver.from_locale("en-US"),
        user="words",
        granted=[SCOPE],
        api_endpoint=api.endpoint,
    )
    talk.send("ask trust coach to remind us every saturday at nine am")
    for utterance, heard in [
        ("move it to seven pm", "every Saturday at seven p.m."),
        ("move the reminder to 8 pm", "every Saturday at eight p.m."),
        ("change it to friday", "every Friday at eight p.m."),
        ("move it to sunday at seven thirty pm", "every Sunday at seven thirty p.m."),
        ("make it 6 pm instead", "every Sunday at six p.m."),
    ]:
        moved = talk.send(utterance)
        assert moved.intent == "MoveReminderIntent", utterance
        assert heard in said(moved), utterance
    [kept] = api.store.of_user(user_id_for("words"))
    assert (
        "BYDAY=SU;BYHOUR=18;BYMINUTE=0"
        in kept.request["trigger"]["recurrence"]["recurrenceRules"][0]
    )


def test_the_reminder_follows_amazons_reminder_guidelines() -> None:
    """An action to take and the skill to ask, nothing personal; the confirmation restates when
    it rings and says how to change it (Alexa Reminders guidelines for usage)."""
    from skill import locales

    for locale in locales.SUPPORTED:
        lines = content.load(locales.for_request(locale)).reminders
        text = lines["text"]
        assert text.startswith("Ask Trust Coach to ") and len(text) <= 80, locale
        assert "{" not in text, locale
        assert "{when}" in lines["set_done"] and "{when}" in lines["offer_after_checkin"], locale
        assert "move" in lines["set_done"] and "cancel" in lines["set_done"], locale


def _to_the_offer(talk: Conversation) -> Exchange:
    talk.launch()
    talk.intent("CheckInIntent")
    while "remind" not in (offer := talk.intent("AMAZON.NextIntent")).speech:
        assert not offer.end_session
    return offer


def test_no_to_the_offer_is_respected_for_four_weeks(
    skill: CustomSkill, api: RemindersStandIn, adapter: SQLiteAdapter
) -> None:
    talk = talk_to(skill, api)
    _to_the_offer(talk)
    declined = talk.intent("AMAZON.NoIntent")
    assert not declined.end_session and api.store.of_user() == []
    assert isinstance(stored(adapter)["reminder_declined"], str)
    ends = run_to_the_end(talk_to(skill, api), "CheckInIntent")
    assert ends[-1].speech == content.load().checkin.lines["finished"]  # type: ignore[union-attr]
    # Four weeks later the offer comes back.
    attributes = stored(adapter)
    attributes["reminder_declined"] = "2000-01-01T00:00:00Z"
    adapter.save_attributes(user_envelope(user_id_for("couple")), attributes)
    assert "every Sunday at seven p.m." in said(_to_the_offer(talk_to(skill, api)))
    # Asking for one is never held back.
    asked = talk_to(skill, api).intent("SetReminderIntent", when("SU", "19:00"))
    assert asked.speech.startswith("Done.") and len(api.store.of_user()) == 1


def test_help_and_i_dont_get_it_after_a_reminder_answer(
    skill: CustomSkill, api: RemindersStandIn
) -> None:
    talk = talk_to(skill, api)
    made = talk.intent("SetReminderIntent", when("SU", "19:00"))
    helped = talk.intent("AMAZON.HelpIntent")
    assert helped.speech == LINES["help"] and not helped.end_session
    assert talk.intent("AMAZON.RepeatIntent").ssml == made.ssml
    explained = talk.intent("TellMeMoreIntent")
    assert said(explained).startswith("Every Sunday at seven p.m., Alexa will chime")
    talk.intent("CancelReminderIntent")
    offered = talk.intent("TellMeMoreIntent")
    assert offered.speech.startswith("A weekly reminder means") and "Sunday" in offered.speech
    assert talk.intent("AMAZON.YesIntent").speech.startswith("Done.")


@pytest.mark.parametrize(
    ("utterance", "day", "time"),
    [
        ("remind us on sundays at 7 pm", "SU", "19:00"),
        ("set a reminder for sunday evening", "SU", "EV"),
        ("remind us every sunday night", "SU", "NI"),
        ("remind us weekly on friday at 8 pm", "FR", "20:00"),
        # Near a sample rather than one: the time is still one value (time_of_day).
        ("set a check in reminder for thursday at eight pm", "TH", "20:00"),
        ("set up a weekly reminder for saturday at nine in the morning", "SA", "09:00"),
        ("remind us every sunday at seven pm to check in", "SU", "19:00"),
        ("saturday", "SA", None),
    ],
)
def test_more_ways_to_say_when(utterance: str, day: str, time: str | None) -> None:
    from interaction_model.resolver import Resolver
    from interaction_model.time_of_day import alexa_time

    found = Resolver.from_locale("en-US").resolve(utterance)
    assert found.intent == "SetReminderIntent"
    assert found.slots["day"].resolution_id == day
    spoken = found.slots["time"].value
    assert (alexa_time(spoken) if spoken else None) == time


def test_a_reminder_the_skill_lost_track_of_is_moved_not_doubled(
    skill: CustomSkill, api: RemindersStandIn, adapter: SQLiteAdapter
) -> None:
    talk = talk_to(skill, api)
    talk.intent("SetReminderIntent", when("SU", "19:00"))
    attributes = stored(adapter)
    del attributes["reminder"]  # as after an answer that timed out
    adapter.save_attributes(user_envelope(user_id_for("couple")), attributes)
    again = talk_to(skill, api).intent("SetReminderIntent", when("FR", "20:00"))
    assert again.speech.startswith("Done.") and "every Friday at eight p.m." in said(again)
    [kept] = api.store.of_user()
    assert "BYDAY=FR" in kept.request["trigger"]["recurrence"]["recurrenceRules"][0]
    assert stored(adapter)["reminder"]["token"] == kept.token
