"""The guided weekly check-in: its content, pacing, steering and progress across sessions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill import content
from skill.conversation.exercise import step_ssml
from skill.hosts.local.conversation import Conversation, Exchange
from skill.persistence import SQLiteAdapter
from speech import ssml
from tests.helpers import check_golden_transcript, run_to_the_end

CONTENT = content.load()
assert CONTENT.checkin is not None
STEPS = CONTENT.checkin.steps
LINES = CONTENT.checkin.lines
LAST = len(STEPS) - 1
GOLDEN = Path(__file__).parent / "golden" / "checkin_transcript.json"
EXERCISE_TITLES = {step.title for step in CONTENT.exercise.steps}


def step_of(exchange: Exchange) -> int:
    """Which check-in step a response speaks (by its card's title and text)."""
    card = exchange.response["response"]["card"]
    return next(
        i for i, s in enumerate(STEPS) if s.title == card["title"] and s.speech == card["content"]
    )


def at_step(talk: Conversation, index: int) -> Exchange:
    """Start the check-in and go forward to step `index`."""
    exchange = talk.intent("CheckInIntent")
    for _ in range(index):
        exchange = talk.intent("AMAZON.NextIntent")
    assert step_of(exchange) == index
    return exchange


def test_whole_checkin_golden_transcript(
    talk: Conversation, request: pytest.FixtureRequest
) -> None:
    exchanges = [talk.launch(), talk.intent("CheckInIntent")]
    exchanges += [talk.intent("AMAZON.NextIntent") for _ in STEPS]
    # Without a reminder yet, the end of the check-in offers a weekly one; no ends the session.
    offer = exchanges[-1]
    assert "remind you to check in again" in offer.speech and not offer.end_session
    exchanges += run_to_the_end_from(talk, "AMAZON.NoIntent")
    check_golden_transcript(exchanges, GOLDEN, request)
    assert exchanges[-1].end_session


def run_to_the_end_from(talk: Conversation, intent: str) -> list[Exchange]:
    """Send ``intent``, then no until the session ends (at most a few turns)."""
    exchanges = [talk.intent(intent)]
    while not exchanges[-1].end_session and len(exchanges) < 4:
        exchanges.append(talk.intent("AMAZON.NoIntent"))
    return exchanges


def test_with_a_reminder_set_the_checkin_ends_with_its_goodbye(
    skill: CustomSkill, adapter: SQLiteAdapter
) -> None:
    from skill.conversation.state import UserState
    from skill.hosts.local.envelopes import user_id_for
    from tests.helpers import user_envelope

    record = {"token": "t", "day": "SU", "time": "19:00", "at": "2026-12-01T10:00:00+00:00"}
    adapter.save_attributes(
        user_envelope(user_id_for("reminded")),
        UserState.from_attributes({"reminder": record}).to_attributes(),
    )
    exchanges = run_to_the_end(Conversation(skill, user="reminded"), "CheckInIntent")
    assert len(exchanges) == len(STEPS) + 2
    assert exchanges[-1].speech == LINES["finished"]


def test_the_steps_cover_what_the_article_asks_for_each_partner() -> None:
    # "what's working, and what needs improvement" for each partner, and "future plans".
    ids = [step.id for step in STEPS]
    assert ids == [
        "opening",
        "first_went_well",
        "second_went_well",
        "first_could_be_better",
        "second_could_be_better",
        "plan",
    ]


def test_it_takes_about_five_minutes() -> None:
    total = sum(
        ssml.estimate_seconds(f"<speak>{step_ssml(step)}</speak>") for step in STEPS
    ) + ssml.estimate_seconds(f"<speak>{ssml.text(LINES['finished'])}</speak>")
    assert 4 * 60 <= total <= 6 * 60, total
    assert "about five minutes" in STEPS[0].speech


@pytest.mark.parametrize("index", range(len(STEPS)))
def test_every_step_is_paced_with_real_pauses(index: int) -> None:
    step = STEPS[index]
    text = f"<speak>{step_ssml(step)}</speak>"
    assert ssml.validate(text) == []
    breaks = [float(b) for b in re.findall(r'<break time="([\d.]+)s"/>', text)]
    assert all(b <= 10 for b in breaks)
    assert sum(breaks) == pytest.approx(step.wait_seconds)
    assert (step.wait_seconds > 0) == (index > 0)
    assert ssml.estimate_seconds(text) <= 90


@pytest.mark.parametrize("index", [0, 3, LAST])
def test_next_previous_repeat_start_over(skill: CustomSkill, index: int) -> None:
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


@pytest.mark.parametrize("index", [0, LAST])
def test_help_and_fallback_stay_in_the_checkin(skill: CustomSkill, index: int) -> None:
    talk = Conversation(skill, user=f"help-{index}")
    at_step(talk, index)
    title = STEPS[index].title
    assert talk.intent("AMAZON.NoIntent").speech == f"{LINES['wait']} {STEPS[index].prompt}"
    helped = talk.intent("AMAZON.HelpIntent")
    assert helped.speech == f"{STEPS[index].help} {LINES['help']}" and not helped.end_session
    lost = talk.intent("AMAZON.FallbackIntent")
    assert lost.speech == LINES["fallback"].format(step=title) and not lost.end_session
    following = talk.intent("AMAZON.NextIntent")
    if index < LAST:
        assert step_of(following) == index + 1
    else:
        assert "remind you to check in again" in following.speech
        assert not following.end_session


@pytest.mark.parametrize("intent", ["AMAZON.PauseIntent", "AMAZON.StopIntent"])
@pytest.mark.parametrize("resume", ["AMAZON.ResumeIntent", "ResumeExerciseIntent"])
def test_pause_or_stop_then_resume_in_a_later_session(
    skill: CustomSkill, intent: str, resume: str
) -> None:
    talk = Conversation(skill, user=f"pause-{intent}-{resume}")
    at_step(talk, 3)
    ended = talk.intent(intent)
    assert ended.end_session
    if intent == "AMAZON.PauseIntent":
        assert ended.speech == LINES["paused"]
    else:
        # Stop ends at once, and says in a few words that the place is kept.
        assert ended.speech == LINES["stopped"]
    later = Conversation(skill, user=f"pause-{intent}-{resume}")
    resumed = later.intent(resume)
    assert step_of(resumed) == 3
    assert resumed.speech.startswith(LINES["resumed"].format(step=STEPS[3].title))
    assert step_of(later.intent("AMAZON.NextIntent")) == 4


def test_starting_again_with_unfinished_progress_asks(skill: CustomSkill) -> None:
    at_step(Conversation(skill, user="ask"), 2)
    talk = Conversation(skill, user="ask")
    question = talk.intent("CheckInIntent")
    assert question.speech == LINES["intro_resume_question"].format(step=STEPS[2].title)
    assert step_of(talk.intent("AMAZON.YesIntent")) == 2
    again = Conversation(skill, user="ask")
    again.intent("CheckInIntent")
    fresh = again.intent("AMAZON.NoIntent")
    assert step_of(fresh) == 0 and fresh.speech.startswith(LINES["start_over"])


def test_checkin_and_exercise_keep_their_own_progress(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="both")
    talk.intent("ActiveListeningExerciseIntent")
    talk.intent("AMAZON.NextIntent")
    talk.intent("AMAZON.PauseIntent")
    at_step(Conversation(skill, user="both"), 2)
    # The check-in was saved last, so a plain "resume" picks it up ...
    later = Conversation(skill, user="both")
    assert step_of(later.intent("AMAZON.ResumeIntent")) == 2
    later.intent("AMAZON.StopIntent")
    # ... and the exercise still offers its own step.
    exercise = Conversation(skill, user="both")
    asked = exercise.intent("ActiveListeningExerciseIntent")
    assert asked.speech == CONTENT.exercise.lines["intro_resume_question"].format(
        step=CONTENT.exercise.steps[1].title
    )
    continued = exercise.intent("AMAZON.YesIntent")
    assert continued.response["response"]["card"]["title"] == CONTENT.exercise.steps[1].title


def test_finishing_clears_progress(talk: Conversation) -> None:
    at_step(talk, LAST)
    talk.intent("AMAZON.NextIntent")
    assert talk.intent("AMAZON.ResumeIntent").speech == CONTENT.line("resume_nothing")
    assert step_of(talk.intent("CheckInIntent")) == 0


def test_safety_interrupts_the_checkin(talk: Conversation) -> None:
    at_step(talk, 2)
    assert talk.intent("SafetyIntent").speech == CONTENT.line("safety")


def test_a_tip_leaves_the_checkin(talk: Conversation) -> None:
    at_step(talk, 2)
    assert "card" in talk.intent("TrustTipIntent").response["response"]
    title = talk.intent("AMAZON.NextIntent").response["response"]["card"]["title"]
    assert title not in {step.title for step in STEPS} | EXERCISE_TITLES


@pytest.mark.parametrize(
    "utterance", ["let's do a check in", "start our weekly check-in", "time for our check in"]
)
def test_the_phrases_resolve_to_the_checkin(skill: CustomSkill, utterance: str) -> None:
    talk = Conversation(skill, Resolver.from_locale("en-US"), user="words")
    exchange = talk.send(f"ask trust coach {utterance}")
    assert exchange.intent == "CheckInIntent" and step_of(exchange) == 0


def test_checkin_records_are_read_written_and_merged() -> None:
    from skill.conversation.state import UserState, merge

    ours = {"checkin": {"step": "plan", "at": "2026-11-27T10:00:05Z"}}
    theirs = {
        "checkin": {"step": "opening", "at": "2026-11-27T10:00:01Z"},
        "checkin_finished": {"at": "2026-11-20T10:00:00Z", "mentioned": False},
    }
    assert UserState.from_attributes(ours).to_attributes() == ours
    assert merge(ours, theirs) == {
        "checkin": ours["checkin"],
        "checkin_finished": theirs["checkin_finished"],
    }
    assert UserState.from_attributes({"checkin": "corrupt"}).checkin is not None


def test_welcome_back_offers_to_continue_a_paused_checkin(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="paused-welcome")
    talk.launch()
    at_step(talk, 3)
    talk.intent("AMAZON.PauseIntent")
    welcome = talk.launch()
    assert welcome.speech == LINES["welcome_back_paused"].format(step=STEPS[3].title)
    assert step_of(talk.intent("AMAZON.YesIntent")) == 3
    talk.intent("AMAZON.PauseIntent")
    talk.launch()
    assert talk.intent("AMAZON.NoIntent").speech == CONTENT.line("offer_tip")


def test_welcome_back_offers_the_routine_saved_last(skill: CustomSkill) -> None:
    """An exercise paused last week and a check-in paused since: the welcome offers the check-in
    (as "resume" picks it), not the older exercise."""
    talk = Conversation(skill, user="both-welcome")
    talk.launch()
    talk.intent("ActiveListeningExerciseIntent")
    talk.intent("AMAZON.NextIntent")
    talk.intent("AMAZON.PauseIntent")
    at_step(talk, 3)
    talk.intent("AMAZON.StopIntent")
    welcome = talk.launch()
    assert welcome.speech == LINES["welcome_back_paused"].format(step=STEPS[3].title)
    assert step_of(talk.intent("AMAZON.YesIntent")) == 3
