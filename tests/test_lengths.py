"""Answers sized for a speaker: every line of every locale within its spoken budget.

Measured like scripts/exercise_lengths.py: words at 150 per minute plus every pause.
"""

from __future__ import annotations

import pytest

from skill import locales
from skill.content import Content, load
from skill.conversation.exercise import step_ssml
from speech import ssml

HELP_SECONDS = 15
FALLBACK_SECONDS = 8
TOPIC_SECONDS = 20
LINE_SECONDS = 20
"""Any other line: a speaker is no place for a speech."""
SAFETY_SECONDS = 30
"""The safety message carries an emergency number and a helpline, slowly."""
MORE_SECONDS = 40
"""A "tell me more" answer, asked for."""

CONTENTS = [load(locale) for locale in locales.content_locales()]


def seconds(*parts: str) -> float:
    """How long the parts take to say, one after another."""
    return ssml.estimate_seconds(ssml.speak(*parts))


def longest_title(content: Content) -> str:
    """The longest exercise step title, for lines that name the step."""
    return max((step.title for step in content.exercise.steps), key=len)


@pytest.fixture(params=CONTENTS, ids=lambda c: c.locale)
def content(request: pytest.FixtureRequest) -> Content:
    """Each locale's words."""
    found: Content = request.param
    return found


def test_help_fits(content: Content) -> None:
    assert seconds(content.line("help")) <= HELP_SECONDS
    step = longest_title(content)
    assert seconds(content.exercise.lines["help"].format(step=step)) <= HELP_SECONDS


def test_fallback_fits_and_a_second_miss_is_shorter(content: Content) -> None:
    first, again = seconds(content.line("fallback")), seconds(content.line("fallback_again"))
    assert first <= FALLBACK_SECONDS
    assert again < first
    step = longest_title(content)
    assert seconds(content.exercise.lines["fallback"].format(step=step)) <= FALLBACK_SECONDS


def test_every_topic_answer_fits_with_its_question(content: Content) -> None:
    for topic in content.topics:
        spoken = seconds(topic.speech, content.line("topic_question"))
        assert spoken <= TOPIC_SECONDS, f"{topic.id}: {spoken:.1f} s"
        more = seconds(topic.more, content.line("topic_more_question"))
        assert more <= MORE_SECONDS, f"{topic.id} more: {more:.1f} s"


def test_every_other_line_fits(content: Content) -> None:
    values = {"step": longest_title(content), "title": longest_title(content), "number": 99}
    too_long = []
    for key, text in content.lines.items():
        budget = SAFETY_SECONDS if key == "safety" else LINE_SECONDS
        spoken = seconds(text.format(**values))
        if spoken > budget:
            too_long.append(f"lines.{key}: {spoken:.1f} s")
    for key, text in content.exercise.lines.items():
        spoken = seconds(text.format(**values))
        if spoken > LINE_SECONDS:
            too_long.append(f"exercise.lines.{key}: {spoken:.1f} s")
    for strategy in content.strategies:
        if seconds(strategy.tip, content.line("tip_question")) > LINE_SECONDS:
            too_long.append(f"{strategy.id}.tip")
        if seconds(strategy.more, content.line("more_question")) > MORE_SECONDS:
            too_long.append(f"{strategy.id}.more")
    assert not too_long


def test_exercise_steps_stay_under_alexas_ninety_seconds(content: Content) -> None:
    for step in content.exercise.steps:
        assert seconds(step_ssml(step)) <= ssml.MAX_AUDIO_SECONDS


def test_the_measure_counts_words_and_pauses() -> None:
    assert seconds("one two three four five") == pytest.approx(2.0)
    assert seconds("one two three four five", ssml.pause(3)) == pytest.approx(5.0)


def test_a_routines_help_and_fallback_fit_on_every_step(content: Content) -> None:
    routines = [content.exercise, *([content.checkin] if content.checkin else [])]
    for routine in routines:
        title = max((step.title for step in routine.steps), key=len)
        first = seconds(routine.lines["fallback"].format(step=title))
        assert first <= FALLBACK_SECONDS
        assert seconds(routine.lines["fallback_again"]) < first
        for step in routine.steps:
            assert seconds(step.help, routine.lines["help"]) <= HELP_SECONDS, step.id
            assert seconds(step.explain, step.prompt) <= LINE_SECONDS, step.id
            assert seconds(routine.lines["thanks"], step.prompt) <= FALLBACK_SECONDS, step.id
            assert seconds(routine.lines["wait"], step.prompt) <= FALLBACK_SECONDS, step.id
