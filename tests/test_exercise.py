"""The guided active-listening exercise: steering, pacing, and progress across sessions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.conversation.exercise import step_ssml
from skill.hosts.local.conversation import Conversation, Exchange
from speech import ssml
from tests.helpers import check_golden_transcript, run_to_the_end, user_envelope

CONTENT = content.load()
STEPS = CONTENT.exercise.steps
LINES = CONTENT.exercise.lines
LAST = len(STEPS) - 1
GOLDEN = Path(__file__).parent / "golden" / "exercise_transcript.json"


def step_of(exchange: Exchange) -> int:
    """Which step a response speaks (by its card title)."""
    title = exchange.response["response"]["card"]["title"]
    return next(i for i, step in enumerate(STEPS) if step.title == title)


def at_step(talk: Conversation, index: int) -> Exchange:
    """Start the exercise and go forward to step `index`."""
    exchange = talk.intent("ActiveListeningExerciseIntent")
    for _ in range(index):
        exchange = talk.intent("AMAZON.NextIntent")
    assert step_of(exchange) == index
    return exchange


def test_whole_exercise_golden_transcript(
    talk: Conversation, request: pytest.FixtureRequest
) -> None:
    exchanges = run_to_the_end(talk, "ActiveListeningExerciseIntent")
    check_golden_transcript(exchanges, GOLDEN, request)
    assert len(exchanges) == len(STEPS) + 2
    assert exchanges[-1].speech == LINES["finished"]


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_every_step_is_paced_with_real_pauses(index: int) -> None:
    step = STEPS[index]
    text = f"<speak>{step_ssml(step)}</speak>"
    assert ssml.validate(text) == []
    breaks = [float(b) for b in re.findall(r'<break time="([\d.]+)s"/>', text)]
    assert all(b <= 10 for b in breaks)
    assert sum(breaks) == pytest.approx(step.wait_seconds)
    if step.wait_seconds:
        assert text.index(ssml.escape(step.cue)) > text.index("<break")
        assert text.rindex("<break") > text.index(ssml.escape(step.cue))
    assert ssml.estimate_seconds(text) <= 90


@pytest.mark.parametrize("index", [0, 3, LAST])
def test_next_previous_repeat_start_over_at_first_middle_last(
    skill: CustomSkill, index: int
) -> None:
    talk = Conversation(skill, user=f"steer-{index}")
    shown = at_step(talk, index)
    assert talk.intent("AMAZON.RepeatIntent").ssml == shown.ssml
    back = talk.intent("AMAZON.PreviousIntent")
    assert step_of(back) == max(0, index - 1)
    if index == 0:
        assert back.speech.startswith(LINES["at_first"])
    forward = talk.intent("AMAZON.NextIntent")
    assert step_of(forward) == (1 if index == 0 else index)
    restarted = talk.intent("AMAZON.StartOverIntent")
    assert step_of(restarted) == 0 and restarted.speech.startswith(LINES["start_over"])


def test_next_after_the_last_step_finishes(talk: Conversation) -> None:
    at_step(talk, LAST)
    finished = talk.intent("AMAZON.NextIntent")
    assert finished.end_session and finished.speech == LINES["finished"]


@pytest.mark.parametrize("index", [0, 3, LAST])
def test_help_and_fallback_stay_in_the_exercise(skill: CustomSkill, index: int) -> None:
    talk = Conversation(skill, user=f"help-{index}")
    at_step(talk, index)
    title = STEPS[index].title
    helped = talk.intent("AMAZON.HelpIntent")
    assert helped.speech == f"{STEPS[index].help} {LINES['help']}" and not helped.end_session
    lost = talk.intent("AMAZON.FallbackIntent")
    assert lost.speech == LINES["fallback"].format(step=title) and not lost.end_session
    odd = talk.intent("SomeIntentFromAnOldModel")
    assert odd.speech == LINES["fallback_again"]
    following = talk.intent("AMAZON.NextIntent")
    if index < LAST:
        assert step_of(following) == index + 1
    else:
        assert following.speech == LINES["finished"]


@pytest.mark.parametrize("index", [0, 3, LAST])
@pytest.mark.parametrize(
    "intent", ["AMAZON.PauseIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent"]
)
def test_pause_stop_cancel_then_resume_in_a_later_session(
    skill: CustomSkill, index: int, intent: str
) -> None:
    talk = Conversation(skill, user=f"pause-{index}-{intent}")
    at_step(talk, index)
    ended = talk.intent(intent)
    assert ended.end_session
    if intent == "AMAZON.PauseIntent":
        assert ended.speech == LINES["paused"]
    else:
        # Stop ends at once, and says in a few words that the place is kept.
        assert ended.speech == LINES["stopped"]
    later = Conversation(skill, user=f"pause-{index}-{intent}")
    resumed = later.intent("ResumeExerciseIntent")
    assert step_of(resumed) == index
    assert resumed.speech.startswith(LINES["resumed"].format(step=STEPS[index].title))


def test_amazon_resume_in_a_new_skill_instance_on_the_same_file(
    skill: CustomSkill, db_path: Path
) -> None:
    from skill.builder import build_skill
    from skill.conversation.state import merge
    from skill.persistence import SQLiteAdapter

    at_step(Conversation(skill, user="two-days"), 4)
    tomorrow = Conversation(build_skill(SQLiteAdapter(db_path, merge=merge)), user="two-days")
    assert step_of(tomorrow.intent("AMAZON.ResumeIntent")) == 4


def test_starting_again_with_unfinished_progress_asks(skill: CustomSkill) -> None:
    at_step(Conversation(skill, user="ask"), 2)
    talk = Conversation(skill, user="ask")
    question = talk.intent("ActiveListeningExerciseIntent")
    assert question.speech == LINES["intro_resume_question"].format(step=STEPS[2].title)
    assert step_of(talk.intent("AMAZON.YesIntent")) == 2
    again = Conversation(skill, user="ask")
    again.intent("ActiveListeningExerciseIntent")
    fresh = again.intent("AMAZON.NoIntent")
    assert step_of(fresh) == 0 and fresh.speech.startswith(LINES["start_over"])


def test_yes_inside_a_step_moves_on(talk: Conversation) -> None:
    at_step(talk, 1)
    assert step_of(talk.intent("AMAZON.YesIntent")) == 2
    assert talk.intent("AMAZON.NoIntent").speech == f"{LINES['wait']} {STEPS[2].prompt}"


def test_finishing_clears_progress_and_welcome_back_mentions_it(talk: Conversation) -> None:
    talk.launch()
    at_step(talk, LAST)
    talk.intent("AMAZON.NextIntent")
    assert talk.launch().speech == CONTENT.line("welcome_back_finished")
    assert talk.intent("AMAZON.ResumeIntent").speech == CONTENT.line("resume_nothing")
    talk.intent("AMAZON.StopIntent")
    assert talk.launch().speech == CONTENT.line("welcome_back")


@pytest.mark.parametrize("saved", [{"step": "step_from_v0", "at": "x"}, "corrupt", {"step": 7}])
def test_stale_or_corrupted_saved_step_restarts_cleanly(
    talk: Conversation, adapter: object, saved: object
) -> None:
    envelope = user_envelope(talk.user_id)
    attributes = adapter.get_attributes(envelope)  # type: ignore[attr-defined]
    attributes["exercise"] = saved
    adapter.save_attributes(envelope, attributes)  # type: ignore[attr-defined]
    resumed = talk.intent("ResumeExerciseIntent")
    assert step_of(resumed) == 0
    assert resumed.speech.startswith(LINES["stale"])


def test_safety_interrupts_the_exercise(talk: Conversation) -> None:
    at_step(talk, 2)
    assert talk.intent("SafetyIntent").speech == CONTENT.line("safety")


def test_welcome_back_offers_to_continue_a_paused_exercise(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="paused-welcome")
    talk.launch()
    at_step(talk, 3)
    talk.intent("AMAZON.PauseIntent")
    welcome = talk.launch()
    assert welcome.speech == CONTENT.line("welcome_back_paused", step=STEPS[3].title)
    assert step_of(talk.intent("AMAZON.YesIntent")) == 3
    talk.intent("AMAZON.PauseIntent")
    talk.launch()
    assert talk.intent("AMAZON.NoIntent").speech == CONTENT.line("offer_tip")
    assert "card" in talk.intent("AMAZON.YesIntent").response["response"]


@pytest.mark.parametrize("intent", ["AMAZON.ResumeIntent", "ResumeExerciseIntent"])
def test_continue_inside_a_running_exercise_goes_on(talk: Conversation, intent: str) -> None:
    at_step(talk, 2)
    assert step_of(talk.intent(intent)) == 3


def test_a_tip_leaves_the_exercise_and_resume_brings_it_back(talk: Conversation) -> None:
    at_step(talk, 2)
    tip = talk.intent("TrustTipIntent")
    assert "card" in tip.response["response"]
    assert talk.intent("AMAZON.NextIntent").response["response"]["card"]["title"] not in {
        step.title for step in STEPS
    }
    assert step_of(talk.intent("ResumeExerciseIntent")) == 2
