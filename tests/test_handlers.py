"""Handlers: the conversation rules of DESIGN.md, through the real skill and a real SQLite file."""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.builder import build_skill
from skill.conversation.handlers import Handler, request_handlers
from skill.conversation.state import merge
from skill.hosts.local.conversation import Conversation
from skill.persistence import SQLiteAdapter

CONTENT = content.load()
TOPIC_INTENTS = frozenset(t.intent for t in CONTENT.topics)
STRATEGY_IDS = [s.id for s in CONTENT.strategies]


def model_intents() -> set[str]:
    """Every intent of the shipped en-US interaction model."""
    text = resources.files("interaction_model").joinpath("en-US.json").read_text("utf-8")
    language = json.loads(text)["interactionModel"]["languageModel"]
    return {intent["name"] for intent in language["intents"]}


def strategy_slot(strategy_id: str | None = None, number: str | None = None) -> dict[str, Any]:
    """Alexa-shaped slots for StrategyIntent."""
    slots: dict[str, Any] = {
        "strategy": {"name": "strategy", "confirmationStatus": "NONE"},
        "number": {"name": "number", "confirmationStatus": "NONE"},
    }
    if strategy_id is not None:
        slots["strategy"].update(
            value=strategy_id.replace("_", " "),
            resolutions={
                "resolutionsPerAuthority": [
                    {
                        "authority": "amzn1.er-authority.echo-sdk.test.STRATEGY",
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": {"name": strategy_id, "id": strategy_id}}],
                    }
                ]
            },
        )
    if number is not None:
        slots["number"]["value"] = number
    return slots


def heard_strategy(talk_response: Any) -> str:
    """The strategy a tip response spoke, from its card title."""
    title = talk_response.response["response"]["card"]["title"]
    return next(s.id for s in CONTENT.strategies if s.title == title)


def test_every_model_intent_has_a_handler_and_no_handler_is_dead() -> None:
    handled: set[str] = set()
    for handler in request_handlers(TOPIC_INTENTS):
        if isinstance(handler, Handler):
            handled |= handler.intents
    assert handled == model_intents()


def test_launch_first_visit_then_welcome_back(talk: Conversation) -> None:
    first = talk.launch()
    assert first.speech == CONTENT.line("welcome")
    talk.end()
    again = talk.launch()
    assert again.speech == CONTENT.line("welcome_back")
    assert not again.end_session


def test_nine_tips_over_nine_sessions_are_nine_different_strategies(
    skill: CustomSkill, db_path: Path
) -> None:
    heard = []
    for _ in range(9):
        one_shot = Conversation(skill, user="nine")
        heard.append(heard_strategy(one_shot.intent("TrustTipIntent")))
        one_shot.end()
    assert sorted(heard) == sorted(STRATEGY_IDS)
    assert db_path.exists()


def test_a_new_round_never_starts_with_the_tip_that_ended_the_last(skill: CustomSkill) -> None:
    for user in ("ann", "bob", "cy", "dee", "eve"):
        talk = Conversation(skill, user=user)
        tips = [heard_strategy(talk.intent("TrustTipIntent")) for _ in range(18)]
        assert sorted(tips[:9]) == sorted(STRATEGY_IDS) == sorted(tips[9:])
        assert tips[8] != tips[9]


def test_round_complete_is_announced(talk: Conversation) -> None:
    for _ in range(9):
        talk.intent("TrustTipIntent")
    tenth = talk.intent("TrustTipIntent")
    assert tenth.speech.startswith(CONTENT.line("round_complete"))


def test_tip_has_card_question_and_reprompt(talk: Conversation) -> None:
    tip = talk.intent("TrustTipIntent")
    strategy = CONTENT.strategy(heard_strategy(tip))
    assert strategy is not None
    assert strategy.tip in tip.speech
    assert tip.speech.endswith(CONTENT.line("tip_question"))
    assert tip.response["response"]["card"] == {
        "type": "Simple",
        "title": strategy.title,
        "content": strategy.card,
    }


def test_tell_me_more_is_about_what_was_said_last(talk: Conversation) -> None:
    tip = talk.intent("TrustTipIntent")
    strategy = CONTENT.strategy(heard_strategy(tip))
    assert strategy is not None
    more = talk.intent("TellMeMoreIntent")
    assert strategy.more in more.speech
    topic = talk.intent("CausesIntent")
    assert CONTENT.topics[0].speech in topic.speech
    rest = talk.intent("TellMeMoreIntent")
    assert rest.speech.startswith(CONTENT.topics[0].more)
    assert talk.intent("TellMeMoreIntent").speech == CONTENT.line("more_topic_done")


def test_yes_after_a_topic_is_the_rest_of_it_and_no_offers_a_tip(talk: Conversation) -> None:
    talk.intent("TherapyIntent")
    therapy = CONTENT.topic("therapy")
    assert therapy is not None
    assert talk.intent("AMAZON.YesIntent").speech.startswith(therapy.more)
    talk.intent("TherapyIntent")
    assert talk.intent("AMAZON.NoIntent").speech == CONTENT.line("offer_tip")


def test_a_second_miss_in_a_row_is_shorter_and_a_real_answer_resets_it(
    talk: Conversation,
) -> None:
    assert talk.intent("AMAZON.FallbackIntent").speech == CONTENT.line("fallback")
    assert talk.intent("AMAZON.FallbackIntent").speech == CONTENT.line("fallback_again")
    assert talk.intent("AMAZON.FallbackIntent").speech == CONTENT.line("fallback_again")
    talk.intent("AMAZON.HelpIntent")
    assert talk.intent("AMAZON.FallbackIntent").speech == CONTENT.line("fallback")


def test_tell_me_more_with_nothing_said(talk: Conversation) -> None:
    assert talk.intent("TellMeMoreIntent").speech == CONTENT.line("more_nothing")


def test_yes_after_a_tip_tells_more_and_no_offers_another(talk: Conversation) -> None:
    tip = talk.intent("TrustTipIntent")
    strategy = CONTENT.strategy(heard_strategy(tip))
    assert strategy is not None
    assert strategy.more in talk.intent("AMAZON.YesIntent").speech
    talk.intent("TrustTipIntent")
    assert talk.intent("AMAZON.NoIntent").speech == CONTENT.line("another_question")
    next_tip = talk.intent("AMAZON.YesIntent")
    assert "card" in next_tip.response["response"]
    talk.intent("AMAZON.NoIntent")
    bye = talk.intent("AMAZON.NoIntent")
    assert bye.end_session and bye.speech == CONTENT.line("goodbye")


@pytest.mark.parametrize(
    ("strategy_id", "number", "expected"),
    [
        ("establish_boundaries", None, "establish_boundaries"),
        (None, "4", "seek_professional_help"),
        (None, "9", "respect_their_feelings"),
        ("be_consistent", "1", "be_consistent"),
    ],
)
def test_strategy_by_name_or_number(
    talk: Conversation, strategy_id: str | None, number: str | None, expected: str
) -> None:
    exchange = talk.intent("StrategyIntent", strategy_slot(strategy_id, number))
    assert heard_strategy(exchange) == expected


@pytest.mark.parametrize("number", ["0", "10", "42"])
def test_strategy_number_out_of_range_is_answered_helpfully(
    talk: Conversation, number: str
) -> None:
    exchange = talk.intent("StrategyIntent", strategy_slot(number=number))
    assert exchange.speech == CONTENT.line("strategy_out_of_range", number=int(number))
    assert not exchange.end_session


@pytest.mark.parametrize(
    "slots",
    [
        None,
        {},
        strategy_slot(),
        {
            "strategy": {
                "name": "strategy",
                "value": "blah",
                "resolutions": {
                    "resolutionsPerAuthority": [
                        {"authority": "x", "status": {"code": "ER_SUCCESS_NO_MATCH"}}
                    ]
                },
            }
        },
        {"number": {"name": "number", "value": "?"}},
    ],
)
def test_strategy_without_a_usable_slot(talk: Conversation, slots: dict[str, Any] | None) -> None:
    assert talk.intent("StrategyIntent", slots).speech == CONTENT.line("strategy_unknown")


def test_list_then_next_previous_start_over(talk: Conversation) -> None:
    listing = talk.intent("ListStrategiesIntent")
    assert listing.speech == CONTENT.line("list_strategies")
    assert heard_strategy(talk.intent("AMAZON.NextIntent")) == STRATEGY_IDS[0]
    assert heard_strategy(talk.intent("AMAZON.NextIntent")) == STRATEGY_IDS[1]
    assert heard_strategy(talk.intent("AMAZON.PreviousIntent")) == STRATEGY_IDS[0]
    assert talk.intent("AMAZON.PreviousIntent").speech == CONTENT.line("list_at_start")
    talk.intent("StrategyIntent", strategy_slot(number="8"))
    assert heard_strategy(talk.intent("AMAZON.NextIntent")) == STRATEGY_IDS[8]
    assert heard_strategy(talk.intent("AMAZON.NextIntent")) == STRATEGY_IDS[8]
    assert heard_strategy(talk.intent("AMAZON.StartOverIntent")) == STRATEGY_IDS[0]


def test_next_and_previous_outside_the_list(talk: Conversation) -> None:
    assert talk.intent("AMAZON.PreviousIntent").speech == CONTENT.line("nav_nothing")
    first = heard_strategy(talk.intent("TrustTipIntent"))
    second = heard_strategy(talk.intent("AMAZON.NextIntent"))
    assert first != second
    assert heard_strategy(talk.intent("AMAZON.PreviousIntent")) == first


def test_repeat_repeats_the_last_response_exactly(talk: Conversation) -> None:
    assert talk.intent("AMAZON.RepeatIntent").speech == CONTENT.line("repeat_nothing")
    tip = talk.intent("TrustTipIntent")
    again = talk.intent("AMAZON.RepeatIntent")
    assert again.ssml == tip.ssml
    assert again.response["response"]["reprompt"] == tip.response["response"]["reprompt"]
    assert talk.intent("AMAZON.RepeatIntent").ssml == tip.ssml
    more = talk.intent("AMAZON.YesIntent")
    assert heard_strategy(tip) == heard_strategy(more)


@pytest.mark.parametrize(
    "intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"]
)
def test_stop_cancel_home_end_at_once(talk: Conversation, intent: str) -> None:
    talk.launch()
    exchange = talk.intent(intent)
    assert exchange.end_session
    assert exchange.speech == CONTENT.line("goodbye")
    assert "reprompt" not in exchange.response["response"]


def test_help_keeps_the_session_open(talk: Conversation) -> None:
    exchange = talk.intent("AMAZON.HelpIntent")
    assert exchange.speech == CONTENT.line("help") and not exchange.end_session


def test_fallback_says_what_the_skill_can_do(talk: Conversation) -> None:
    exchange = talk.intent("AMAZON.FallbackIntent")
    assert exchange.speech == CONTENT.line("fallback") and not exchange.end_session


@pytest.mark.parametrize("intent", sorted(TOPIC_INTENTS))
def test_topics_answer_from_the_content(talk: Conversation, intent: str) -> None:
    topic = CONTENT.topic_for_intent(intent)
    assert topic is not None
    exchange = talk.intent(intent)
    assert exchange.speech == f"{topic.speech} {CONTENT.line('topic_question')}"
    assert exchange.response["response"]["card"]["title"] == topic.title


def test_safety_gives_no_tip_and_repeats_the_number_on_yes(talk: Conversation) -> None:
    talk.intent("TrustTipIntent")
    exchange = talk.intent("SafetyIntent")
    assert exchange.speech == CONTENT.line("safety")
    assert "card" not in exchange.response["response"]
    assert talk.intent("AMAZON.YesIntent").speech == CONTENT.line("safety")
    assert talk.intent("AMAZON.NoIntent").end_session


@pytest.mark.parametrize(
    ("locale", "number"),
    [("en-GB", "999"), ("en-AU", "000"), ("en-IN", "112"), ("en-CA", "911"), ("fr-FR", "911")],
)
def test_safety_speaks_the_emergency_number_of_the_requests_locale(
    skill: CustomSkill, locale: str, number: str, caplog: pytest.LogCaptureFixture
) -> None:
    talk = Conversation(skill, user="abroad", locale=locale)
    with caplog.at_level(logging.DEBUG, logger="skill.locales"):
        speech = talk.intent("SafetyIntent").speech
    answered_in = locale if locale != "fr-FR" else "en-US"
    assert speech == content.load(answered_in).line("safety")
    assert f"call {number}" in speech or f"that's {number}" in speech
    unsupported = [r for r in caplog.records if "not supported" in r.getMessage()]
    assert [r.levelno for r in unsupported] == ([logging.DEBUG] if locale == "fr-FR" else [])


def test_pause_outside_a_routine_waits_and_asks_the_last_question_again(
    talk: Conversation,
) -> None:
    first = talk.intent("AMAZON.PauseIntent")
    assert not first.end_session
    assert first.speech == f"{CONTENT.line('hold_on')} {CONTENT.line('help_reprompt')}"
    tip = talk.intent("TrustTipIntent")
    held = talk.intent("AMAZON.PauseIntent")
    assert not held.end_session
    assert held.speech == f"{CONTENT.line('hold_on')} {CONTENT.line('tip_reprompt')}"
    # Yes still means what it meant after the tip, and Repeat still repeats the tip.
    assert talk.intent("AMAZON.RepeatIntent").ssml == tip.ssml
    talk.intent("AMAZON.PauseIntent")
    strategy = CONTENT.strategy(heard_strategy(tip))
    assert strategy is not None
    assert talk.intent("AMAZON.YesIntent").speech.startswith(strategy.more)


def test_resume_with_nothing_saved_offers_the_exercise(talk: Conversation) -> None:
    exchange = talk.intent("AMAZON.ResumeIntent")
    assert exchange.speech == CONTENT.line("resume_nothing")
    started = talk.intent("AMAZON.YesIntent")
    assert CONTENT.exercise.steps[0].speech in started.speech


def test_session_ended_returns_no_speech(talk: Conversation) -> None:
    talk.launch()
    ended = talk.end("EXCEEDED_MAX_REPROMPTS")
    assert ended is not None and "outputSpeech" not in ended.response["response"]


def test_unknown_intent_gets_the_fallback(talk: Conversation) -> None:
    exchange = talk.intent("SomeOtherSkillIntent", {"x": {"name": "x", "value": "1"}})
    assert exchange.speech == CONTENT.line("fallback")


def test_session_attributes_from_an_older_version_are_ignored(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="old")
    talk.launch()
    talk.attributes = {"lastSpeech": "<speak>hi</speak>", "list_index": "three", "_schema": 0}
    assert talk.intent("AMAZON.RepeatIntent").speech == CONTENT.line("repeat_nothing")
    talk.attributes = {"_schema": 1, "list_index": "x", "history": "y", "last_kind": 5}
    assert talk.intent("AMAZON.NextIntent").response["response"]["card"]


class ExplodingHandler(Handler):
    """A handler that fails, to reach the catch-all exception handler."""

    intents = frozenset({"TrustTipIntent"})

    def handle(self, handler_input: Any) -> Any:
        raise RuntimeError("boom")


def test_catch_all_exception_handler_apologises(
    monkeypatch: pytest.MonkeyPatch, adapter: SQLiteAdapter
) -> None:
    real = request_handlers
    monkeypatch.setattr(
        "skill.builder.request_handlers", lambda topics: (ExplodingHandler(), *real(topics))
    )
    talk = Conversation(build_skill(adapter), user="boom")
    exchange = talk.intent("TrustTipIntent")
    assert exchange.speech == CONTENT.line("error")
    assert not exchange.end_session


def test_catch_all_survives_a_failing_interceptor(
    monkeypatch: pytest.MonkeyPatch, adapter: SQLiteAdapter
) -> None:
    def broken(self: object, handler_input: object) -> None:
        raise RuntimeError("interceptor broke")

    monkeypatch.setattr("skill.conversation.interceptors.LoadTurn.process", broken)
    exchange = Conversation(build_skill(adapter), user="x").launch()
    assert exchange.speech == CONTENT.line("error")


class BrokenStore(SQLiteAdapter):
    """A store whose reads or writes fail, like a full disk or a locked file."""

    def __init__(self, path: Path, fail_read: bool, fail_write: bool) -> None:
        super().__init__(path, merge=merge)
        self.fail_read, self.fail_write = fail_read, fail_write

    def get_attributes(self, request_envelope: Any) -> dict[str, Any]:
        if self.fail_read:
            raise OSError("disk on fire")
        result: dict[str, Any] = super().get_attributes(request_envelope)
        return result

    def save_attributes(self, request_envelope: Any, attributes: dict[str, Any]) -> None:
        if self.fail_write:
            raise OSError("disk full")
        super().save_attributes(request_envelope, attributes)


@pytest.mark.parametrize(("fail_read", "fail_write"), [(True, False), (False, True), (True, True)])
def test_storage_failure_still_gives_a_tip(
    db_path: Path, fail_read: bool, fail_write: bool
) -> None:
    talk = Conversation(build_skill(BrokenStore(db_path, fail_read, fail_write)), user="x")
    exchange = talk.intent("TrustTipIntent")
    assert heard_strategy(exchange) in STRATEGY_IDS
    assert not exchange.end_session


def test_unwritable_database_still_gives_a_tip(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    talk = Conversation(build_skill(SQLiteAdapter(blocker / "db.sqlite3", merge=merge)), user="x")
    assert heard_strategy(talk.intent("TrustTipIntent")) in STRATEGY_IDS
