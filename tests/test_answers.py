"""Repeat rebuilt from typed state, and everyday replies in every context (skill.conversation
.answers): through the real skill, a real SQLite file and Alexa-shaped requests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill import content
from skill.builder import build_skill
from skill.conversation.answers import QUESTIONS
from skill.conversation.handlers import request_handlers
from skill.conversation.state import SESSION_SCHEMA, Answer, Said
from skill.hosts import runtime
from skill.hosts.local.conversation import Conversation, Exchange
from skill.persistence import SQLiteAdapter
from tests.helpers import check_golden_transcript
from tests.test_handlers import ExplodingHandler, heard_strategy, strategy_slot

CONTENT = content.load()
STEPS = CONTENT.exercise.steps
LINES = CONTENT.exercise.lines
CHECKIN = CONTENT.checkin
assert CHECKIN is not None
GOLDEN = Path(__file__).parent / "golden"
APOLOGY = runtime.Apology.from_lines(CONTENT.lines)


def reprompt(exchange: Exchange) -> Any:
    """The reprompt of a response."""
    return exchange.response["response"].get("reprompt")


def same_answer(first: Exchange, again: Exchange) -> None:
    """``again`` says exactly what ``first`` said: speech, reprompt and card."""
    assert again.ssml == first.ssml
    assert reprompt(again) == reprompt(first)
    assert again.response["response"].get("card") == first.response["response"].get("card")


# Every kind of real answer, reached by intents from a fresh session.
REAL_ANSWERS: dict[str, list[tuple[str, dict[str, Any] | None]]] = {
    "tip": [("TrustTipIntent", None)],
    "strategy": [("StrategyIntent", strategy_slot("establish_boundaries"))],
    "more": [("TrustTipIntent", None), ("TellMeMoreIntent", None)],
    "list": [("ListStrategiesIntent", None)],
    "topic": [("CausesIntent", None)],
    "topic_more": [("CausesIntent", None), ("TellMeMoreIntent", None)],
    "safety": [("SafetyIntent", None)],
    "thanks": [("ThanksIntent", None)],
    "another": [("TrustTipIntent", None), ("AMAZON.NoIntent", None)],
    "forget": [("ForgetMeIntent", None)],
    "step": [("ActiveListeningExerciseIntent", None), ("AMAZON.NextIntent", None)],
    "checkin_step": [("CheckInIntent", None), ("AMAZON.NextIntent", None)],
}


@pytest.mark.parametrize("name", sorted(REAL_ANSWERS))
@pytest.mark.parametrize("between", ["AMAZON.FallbackIntent", "AMAZON.HelpIntent", None])
def test_repeat_gives_the_last_real_answer_even_after_a_fallback_or_help(
    skill: CustomSkill, name: str, between: str | None
) -> None:
    talk = Conversation(skill, user=f"repeat-{name}-{between}")
    talk.launch()
    said = [talk.intent(intent, slots) for intent, slots in REAL_ANSWERS[name]][-1]
    if between is not None:
        assert talk.intent(between).ssml != said.ssml
    same_answer(said, talk.intent("AMAZON.RepeatIntent"))
    # And what yes means after it is what it meant after the answer itself.
    assert talk.attributes.get("pending") == said.response["sessionAttributes"].get("pending")


def test_repeat_after_the_welcome_and_the_resume_offer(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="welcome")
    welcome = talk.launch()
    talk.intent("AMAZON.FallbackIntent")
    same_answer(welcome, talk.intent("AMAZON.RepeatIntent"))
    talk.intent("ActiveListeningExerciseIntent")
    talk.intent("AMAZON.NextIntent")
    talk.intent("AMAZON.PauseIntent")
    offer = talk.launch()
    assert offer.speech == CONTENT.line("welcome_back_paused", step=STEPS[1].title)
    talk.intent("AMAZON.FallbackIntent")
    same_answer(offer, talk.intent("AMAZON.RepeatIntent"))
    assert STEPS[1].speech in talk.intent("AMAZON.YesIntent").speech


def test_wait_what_do_i_do_then_repeat_gives_the_step_not_the_help(talk: Conversation) -> None:
    talk.intent("ActiveListeningExerciseIntent")
    step = talk.intent("AMAZON.NextIntent")
    helped = talk.intent("AMAZON.HelpIntent")
    assert helped.speech == f"{STEPS[1].help} {LINES['help']}"
    assert talk.intent("AMAZON.RepeatIntent").ssml == step.ssml
    talk.intent("AMAZON.FallbackIntent")
    assert talk.intent("AMAZON.RepeatIntent").ssml == step.ssml


def test_repeat_after_an_error_gives_the_answer_before_it(
    monkeypatch: pytest.MonkeyPatch, adapter: SQLiteAdapter
) -> None:
    real = request_handlers

    class ExplodingThanks(ExplodingHandler):
        intents = frozenset({"ThanksIntent"})

    monkeypatch.setattr(
        "skill.builder.request_handlers", lambda topics: (ExplodingThanks(), *real(topics))
    )
    talk = Conversation(build_skill(adapter), user="error")
    tip = talk.intent("StrategyIntent", strategy_slot(number="5"))
    assert talk.intent("ThanksIntent").speech == CONTENT.line("error")
    same_answer(tip, talk.intent("AMAZON.RepeatIntent"))
    assert talk.intent("AMAZON.YesIntent").speech.startswith(CONTENT.strategies[4].more)


def test_repeat_with_nothing_said_yet_and_help_first(talk: Conversation) -> None:
    assert talk.intent("AMAZON.RepeatIntent").speech == CONTENT.line("repeat_nothing")
    talk.end()
    helped = talk.intent("AMAZON.HelpIntent")
    # With nothing real said before it, the help is what there is to repeat.
    same_answer(helped, talk.intent("AMAZON.RepeatIntent"))


def _repeat_event(attributes: dict[str, Any]) -> dict[str, Any]:
    path = GOLDEN / "repeat.json"
    envelope: dict[str, Any] = copy.deepcopy(json.loads(path.read_text("utf-8"))["request"])
    envelope["session"]["attributes"] = {"_schema": SESSION_SCHEMA, **attributes}
    return envelope


MALFORMED: list[object] = [
    "tip",
    ["tip", "practice_patience"],
    {"kind": "tip", "ref": "x" * 1_000_000},
    {"kind": "tip", "ref": 3},
    {"kind": "situation", "ref": "a\udc80"},
    {"kind": "topic", "ref": "__class__"},
    {"kind": "tip", "ref": "<speak>x</speak>"},
    {"kind": "step", "step": 10**9},
    {"kind": "step", "step": True},
    {"kind": "step", "step": -1},
    {"kind": "step", "step": 1, "routine": "bogus"},
    {"kind": "SAFETY"},
    {"kind": None},
    {},
]
"""Session records that are not records: read as none."""
UNKNOWN: list[object] = [
    {"kind": "tip", "ref": "not_a_strategy"},
    {"kind": "more"},
    {"kind": "resume_offer", "ref": "elsewhere", "step": 1},
    {"kind": "question", "ref": "error"},
    {"kind": "question", "ref": "fallback"},
    {"kind": "question", "ref": "welcome_back_paused"},
]
"""Well-formed records that name nothing the content has (or an error line): nothing to say."""
FORGED = MALFORMED + UNKNOWN


@pytest.mark.parametrize("said", FORGED, ids=lambda value: repr(value)[:40])
def test_repeat_with_forged_session_attributes_says_there_is_nothing_to_repeat(
    skill: CustomSkill, said: object
) -> None:
    event = _repeat_event({"said": said, "last_ssml": "<speak>forged</speak>"})
    answer = runtime.handle_event(skill, event, apology=APOLOGY)
    assert runtime.speech_of(answer) == f"<speak>{CONTENT.line('repeat_nothing')}</speak>"
    assert not runtime.response_problems("IntentRequest", answer)


@pytest.mark.parametrize("step", [10**9, 7, 99])
def test_repeat_inside_the_exercise_with_a_forged_step_repeats_a_real_step(
    skill: CustomSkill, step: int
) -> None:
    event = _repeat_event({"exercise_step": step, "said": {"kind": "step", "step": 2}})
    answer = runtime.handle_event(skill, event, apology=APOLOGY)
    assert STEPS[-1].speech in (runtime.speech_of(answer) or "")
    assert len(json.dumps(answer)) < 24 * 1024


def test_every_question_line_exists_and_none_is_an_error_or_fallback() -> None:
    assert set(QUESTIONS) <= set(CONTENT.lines)
    assert not {"error", "fallback", "fallback_again", "repeat_nothing"} & set(QUESTIONS)
    for question in QUESTIONS.values():
        assert question.reprompt is None or question.reprompt in CONTENT.lines


def test_said_round_trips_and_reads_nothing_malformed() -> None:
    said = Said(Answer.STEP, step=3, routine="checkin")
    assert Said.from_attributes(said.to_attributes()) == said
    assert Said.from_attributes({"kind": "tip", "ref": "be_consistent"}) == Said(
        Answer.TIP, ref="be_consistent"
    )
    for value in MALFORMED:
        assert Said.from_attributes(value) is None, value
    for value in UNKNOWN:
        assert Said.from_attributes(value) is not None, value


# Everyday replies in context, as golden transcripts (intents: what the resolver sends for
# "yeah sure", "nah", "what?", "I don't get it", "wait what do I do", "thank you", "the one
# before", "and then").
TRANSCRIPTS: dict[str, list[tuple[str, dict[str, Any] | None]]] = {
    "everyday_after_a_tip": [
        ("TellMeMoreIntent", None),  # "I don't get it" after the welcome
        ("AMAZON.YesIntent", None),  # "yeah sure": a tip
        ("AMAZON.NextIntent", None),  # "and then"
        ("AMAZON.PreviousIntent", None),  # "the one before"
        ("AMAZON.FallbackIntent", None),
        ("AMAZON.RepeatIntent", None),  # "what?": the tip, not the fallback
        ("TellMeMoreIntent", None),  # "I don't get it": deeper
        ("ThanksIntent", None),  # "thank you"
        ("AMAZON.RepeatIntent", None),  # "what did you say"
        ("AMAZON.YesIntent", None),  # "okay": another tip
        ("AMAZON.NoIntent", None),  # "nah": a different one?
        ("AMAZON.NoIntent", None),  # "I'm good": goodbye
    ],
    "everyday_in_the_list": [
        ("ListStrategiesIntent", None),
        ("TellMeMoreIntent", None),  # "I don't get it"
        ("AMAZON.YesIntent", None),  # the first
        ("AMAZON.NoIntent", None),  # not that one
        ("AMAZON.YesIntent", None),  # the next in the list
        ("AMAZON.NextIntent", None),
        ("AMAZON.PreviousIntent", None),
        ("AMAZON.HelpIntent", None),
        ("AMAZON.RepeatIntent", None),
        ("TellMeMoreIntent", None),
        ("AMAZON.YesIntent", None),  # another: the next in the list
        ("ThanksIntent", None),
        ("AMAZON.YesIntent", None),
        ("AMAZON.StopIntent", None),
    ],
    "everyday_in_the_exercise": [
        ("ActiveListeningExerciseIntent", None),
        ("AMAZON.HelpIntent", None),  # "wait what do I do"
        ("AMAZON.RepeatIntent", None),  # the step, not the help
        ("TellMeMoreIntent", None),  # "I don't get it"
        ("ThanksIntent", None),  # the step stays
        ("AMAZON.NoIntent", None),  # "not yet"
        ("AMAZON.YesIntent", None),  # "okay": next
        ("AMAZON.FallbackIntent", None),
        ("AMAZON.FallbackIntent", None),  # shorter
        ("AMAZON.RepeatIntent", None),
        ("AMAZON.PreviousIntent", None),  # "the one before"
        ("AMAZON.NextIntent", None),  # "and then"
        ("SafetyIntent", None),
        ("TellMeMoreIntent", None),  # "I don't get it": the safety message again
        ("ThanksIntent", None),
        ("AMAZON.NoIntent", None),
    ],
    "everyday_at_questions": [
        ("TrustTipIntent", None),
        ("AMAZON.PreviousIntent", None),  # "go back" after the first tip
        ("AMAZON.PauseIntent", None),  # "hang on": take your time, the question again
        ("AMAZON.RepeatIntent", None),  # "what?"
        ("ForgetMeIntent", None),
        ("TellMeMoreIntent", None),  # "I don't get it": what forgetting means
        ("AMAZON.PauseIntent", None),  # "hold on a sec"
        ("AMAZON.NoIntent", None),  # "not yet": a tip instead?
        ("ThanksIntent", None),
        ("AMAZON.NoIntent", None),  # "nah": goodbye
    ],
    "everyday_in_the_checkin": [
        ("CheckInIntent", None),
        ("AMAZON.HelpIntent", None),
        ("AMAZON.YesIntent", None),
        ("TellMeMoreIntent", None),
        ("AMAZON.RepeatIntent", None),
        ("ThanksIntent", None),
        ("AMAZON.NoIntent", None),
        ("AMAZON.FallbackIntent", None),
        ("AMAZON.NextIntent", None),
        ("AMAZON.PauseIntent", None),
    ],
}


def run_transcript(talk: Conversation, name: str) -> list[Exchange]:
    """Open the skill and send the transcript's intents."""
    exchanges = [talk.launch()]
    for intent, slots in TRANSCRIPTS[name]:
        exchanges.append(talk.intent(intent, slots))
    return exchanges


@pytest.mark.parametrize("name", sorted(TRANSCRIPTS))
def test_everyday_replies_golden_transcript(
    talk: Conversation, name: str, request: pytest.FixtureRequest
) -> None:
    exchanges = run_transcript(talk, name)
    check_golden_transcript(exchanges, GOLDEN / f"{name}.json", request)
    assert exchanges[-1].end_session
    assert all(not e.end_session for e in exchanges[:-1])
    not_repeated = [CONTENT.line(k) for k in ("fallback", "fallback_again", "help")]
    not_repeated += [LINES[k] for k in ("fallback", "fallback_again", "help")]
    for repeat in exchanges:
        if repeat.intent == "AMAZON.RepeatIntent":
            assert not [line for line in not_repeated if line.format(step="") in repeat.speech]


def test_after_a_tip_yes_no_and_i_dont_get_it_mean_the_obvious(talk: Conversation) -> None:
    tip = talk.intent("TrustTipIntent")
    strategy = CONTENT.strategy(heard_strategy(tip))
    assert strategy is not None
    assert talk.intent("TellMeMoreIntent").speech.startswith(strategy.more)
    talk.intent("TrustTipIntent")
    assert talk.intent("AMAZON.NoIntent").speech == CONTENT.line("another_question")
    assert heard_strategy(talk.intent("AMAZON.YesIntent")) not in (strategy.id,)


def test_in_the_list_yes_goes_through_it_in_order(talk: Conversation) -> None:
    talk.intent("ListStrategiesIntent")
    ids = [heard_strategy(talk.intent("AMAZON.YesIntent"))]
    for _ in range(3):
        talk.intent("AMAZON.NoIntent")  # "not that one": a different one?
        ids.append(heard_strategy(talk.intent("AMAZON.YesIntent")))
    assert ids == [s.id for s in CONTENT.strategies[:4]]


def test_in_the_list_yes_after_the_last_is_a_new_tip(talk: Conversation) -> None:
    talk.intent("ListStrategiesIntent")
    talk.intent("StrategyIntent", strategy_slot(number="9"))
    talk.intent("AMAZON.NoIntent")
    following = talk.intent("AMAZON.YesIntent")
    assert following.response["response"]["card"]
    assert "list_index" not in talk.attributes


@pytest.mark.parametrize("index", [0, 3, len(STEPS) - 1])
def test_everyday_replies_inside_the_exercise_keep_the_step(skill: CustomSkill, index: int) -> None:
    talk = Conversation(skill, user=f"everyday-{index}")
    step = talk.intent("ActiveListeningExerciseIntent")
    for _ in range(index):
        step = talk.intent("AMAZON.NextIntent")
    here = STEPS[index]
    assert talk.intent("TellMeMoreIntent").speech == f"{here.explain} {here.prompt}"
    assert talk.intent("ThanksIntent").speech == f"{LINES['thanks']} {here.prompt}"
    assert talk.intent("AMAZON.NoIntent").speech == f"{LINES['wait']} {here.prompt}"
    assert talk.intent("AMAZON.HelpIntent").speech == f"{here.help} {LINES['help']}"
    first = talk.intent("AMAZON.FallbackIntent")
    again = talk.intent("AMAZON.FallbackIntent")
    assert first.speech == LINES["fallback"].format(step=here.title)
    assert again.speech == LINES["fallback_again"] and len(again.speech) < len(first.speech)
    assert talk.intent("AMAZON.RepeatIntent").ssml == step.ssml
    # After every one of them, yes still means the next step.
    following = talk.intent("AMAZON.YesIntent")
    if index < len(STEPS) - 1:
        assert STEPS[index + 1].speech in following.speech
    else:
        assert following.speech == LINES["finished"] and following.end_session


def test_everyday_replies_inside_the_checkin_keep_the_step(talk: Conversation) -> None:
    assert CHECKIN is not None
    talk.intent("CheckInIntent")
    step = talk.intent("AMAZON.YesIntent")
    here = CHECKIN.steps[1]
    assert here.speech in step.speech
    assert talk.intent("TellMeMoreIntent").speech == f"{here.explain} {here.prompt}"
    assert talk.intent("AMAZON.HelpIntent").speech == f"{here.help} {CHECKIN.lines['help']}"
    assert talk.intent("ThanksIntent").speech == f"{CHECKIN.lines['thanks']} {here.prompt}"
    assert talk.intent("AMAZON.RepeatIntent").ssml == step.ssml
    assert CHECKIN.steps[2].speech in talk.intent("AMAZON.YesIntent").speech


def test_after_the_safety_message_no_tip_is_pushed(talk: Conversation) -> None:
    safety = talk.intent("SafetyIntent")
    assert talk.intent("TellMeMoreIntent").ssml == safety.ssml
    thanks = talk.intent("ThanksIntent")
    assert thanks.speech == CONTENT.line("thanks_safety")
    assert talk.intent("AMAZON.YesIntent").ssml == safety.ssml
    assert talk.intent("AMAZON.NoIntent").end_session


def test_at_launch_i_dont_get_it_explains_and_yes_is_a_tip(talk: Conversation) -> None:
    talk.launch()
    assert talk.intent("TellMeMoreIntent").speech == CONTENT.line("welcome_more")
    assert talk.intent("AMAZON.YesIntent").response["response"]["card"]


def test_as_people_say_it_in_the_exercise(skill: CustomSkill) -> None:
    """Issue 10's own case, in words: "wait what do I do" (help, or a miss), then "repeat"."""
    talk = Conversation(skill, Resolver.from_locale("en-US"), user="words")
    talk.send("open trust coach")
    step = talk.send("start the active listening exercise")
    lost = talk.send("wait what do I do")
    assert lost.intent in ("AMAZON.HelpIntent", "AMAZON.FallbackIntent")
    assert talk.send("repeat").ssml == step.ssml
    assert talk.send("what did you say").ssml == step.ssml
    assert talk.send("I don't get it").speech == f"{STEPS[0].explain} {STEPS[0].prompt}"
    assert talk.send("thank you").speech == f"{LINES['thanks']} {STEPS[0].prompt}"
    assert STEPS[1].speech in talk.send("okay").speech
    assert STEPS[0].speech in talk.send("the one before").speech
    assert STEPS[1].speech in talk.send("go on").speech


def test_as_people_say_it_after_a_tip_and_in_the_list(skill: CustomSkill) -> None:
    talk = Conversation(skill, Resolver.from_locale("en-US"), user="words-tip")
    talk.send("open trust coach")
    tip = talk.send("tell me about boundaries")
    talk.send("blah blah")
    same_answer(tip, talk.send("what"))
    strategy = CONTENT.strategies[1]
    assert talk.send("yeah sure").speech.startswith(strategy.more)
    assert talk.send("thank you").speech == CONTENT.line("thanks")
    talk.send("list the strategies")
    assert talk.send("I don't get it").speech == CONTENT.line("list_more")
    assert heard_strategy(talk.send("okay")) == CONTENT.strategies[0].id
    assert heard_strategy(talk.send("and then")) == CONTENT.strategies[1].id
    assert heard_strategy(talk.send("the one before")) == CONTENT.strategies[0].id
    assert talk.send("nah").speech == CONTENT.line("another_question")
    assert heard_strategy(talk.send("sure why not")) == CONTENT.strategies[1].id


def test_thanks_before_any_tip_offers_a_tip_not_another(talk: Conversation) -> None:
    talk.launch()
    assert talk.intent("ThanksIntent").speech == CONTENT.line("thanks_first")
    talk.intent("AMAZON.YesIntent")
    assert talk.intent("ThanksIntent").speech == CONTENT.line("thanks")


QUESTIONS_ASKED: dict[str, list[str]] = {
    # The skill's kinds of question, reached in words from a fresh user's first session.
    "which would you like": [],
    "more about this tip": ["give me a trust tip"],
    "another tip": ["give me a trust tip", "yes"],
    "start the exercise": ["resume the exercise"],
    "forget me": ["forget me"],
    "next step": ["start the active listening exercise"],
    "check-in step": ["start the check-in", "next"],
}


@pytest.mark.parametrize("context", sorted(QUESTIONS_ASKED))
def test_as_people_say_it_at_every_question_hang_on_waits_and_not_yet_is_no(
    skill: CustomSkill, context: str
) -> None:
    """ "Hang on" never ends the session outside a routine (inside it, it pauses the routine);
    "not yet" means what "no" means; "what" repeats the question."""
    replies: dict[str, Exchange] = {}
    for reply in ("hang on", "not yet", "no", "what"):
        talk = Conversation(skill, Resolver.from_locale("en-US"), user=f"{context}-{reply}")
        asked = talk.send("open trust coach")
        for words in QUESTIONS_ASKED[context]:
            asked = talk.send(words)
        replies[reply] = answered = talk.send(reply)
        if reply == "what":
            same_answer(asked, answered)
    in_routine = "step" in context
    hold = replies["hang on"]
    assert hold.intent == "AMAZON.PauseIntent"
    assert hold.end_session is in_routine
    if not in_routine:
        assert hold.speech.startswith(CONTENT.line("hold_on"))
    assert replies["not yet"].intent == "AMAZON.NoIntent"
    assert replies["not yet"].ssml == replies["no"].ssml


def _paused(skill: CustomSkill, user: str, start: str) -> Conversation:
    """A user who paused a routine on its second step in an earlier session."""
    talk = Conversation(skill, Resolver.from_locale("en-US"), user=user)
    for words in ("open trust coach", start, "next", "pause"):
        talk.send(words)
    return talk


@pytest.mark.parametrize(
    ("start", "steps"),
    [("start the active listening exercise", STEPS), ("start the check-in", CHECKIN.steps)],
)
def test_at_the_offer_to_pick_up_a_routine(skill: CustomSkill, start: str, steps: Any) -> None:
    talk = _paused(skill, f"offer-{start}", start)
    offer = talk.send("open trust coach")
    assert "pick up where you left off" in offer.speech
    plain = talk.send("I don't get it")
    assert plain.speech == CONTENT.line("resume_explain")
    held = talk.send("hang on")
    assert not held.end_session
    assert held.speech == f"{CONTENT.line('hold_on')} {CONTENT.line('resume_explain')}"
    same_answer(offer, talk.send("what"))
    assert steps[1].speech in talk.send("yeah").speech
    # "Start again" at the offer starts the routine over (not the strategy list).
    talk = _paused(skill, f"again-{start}", start)
    talk.send("open trust coach")
    again = talk.send("start again")
    assert steps[0].speech in again.speech and talk.attributes.get("exercise_step") == 0


def test_i_dont_get_it_after_forget_me_and_resume_nothing_explains(skill: CustomSkill) -> None:
    talk = Conversation(skill, Resolver.from_locale("en-US"), user="explain")
    talk.send("open trust coach")
    talk.send("forget me")
    plain = talk.send("I don't get it")
    assert plain.speech == CONTENT.line("forget_explain")
    same_answer(plain, talk.send("what"))
    talk.send("no")
    talk.send("resume the exercise")
    assert talk.send("I don't get it").speech == CONTENT.line("resume_nothing_explain")
    assert STEPS[0].speech in talk.send("sure").speech
    talk.send("forget me")
    talk.send("I don't get it")
    forgotten = talk.send("yes")
    assert forgotten.end_session and forgotten.speech == CONTENT.line("forget_done")


def test_go_back_after_the_first_tip_says_so_and_yes_is_another(talk: Conversation) -> None:
    tip = talk.intent("TrustTipIntent")
    back = talk.intent("AMAZON.PreviousIntent")
    assert back.speech == CONTENT.line("previous_first")
    following = talk.intent("AMAZON.YesIntent")
    assert heard_strategy(following) != heard_strategy(tip)
