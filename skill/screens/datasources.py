"""The datasource each kind of screen binds (``payload.screen``), its text from the content data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from skill.content import Content, ExerciseStep, Strategy, Topic
from speech import ssml

NAME = "screen"
"""The one datasource of every document: bound as ``${payload.screen.<field>}``."""

Builder = Callable[..., dict[str, Any]]


def tip(content: Content, *, strategy: Strategy) -> dict[str, Any]:
    """A strategy's tip: number, title, the short words and what to say next."""
    return _strategy(content, strategy, strategy.tip, "tip_phrase")


def more(content: Content, *, strategy: Strategy) -> dict[str, Any]:
    """A strategy after "tell me more": its longer words."""
    return _strategy(content, strategy, strategy.more, "more_phrase")


def _strategy(content: Content, strategy: Strategy, text: str, phrase: str) -> dict[str, Any]:
    screen = content.screen
    return {
        "brand": screen["brand"],
        "heading": screen["tip_heading"].format(
            number=strategy.number, total=len(content.strategies)
        ),
        "number": strategy.number,
        "title": strategy.title,
        "text": text,
        "hint": screen["hint"].format(phrase=screen[phrase]),
    }


def topic(content: Content, *, topic: Topic) -> dict[str, Any]:
    """One of the article's other sections: its title and short answer."""
    return _topic(content, topic, topic.speech, "tip_phrase")


def topic_more(content: Content, *, topic: Topic) -> dict[str, Any]:
    """The rest of a section, after "tell me more"."""
    return _topic(content, topic, topic.more, "more_phrase")


def _topic(content: Content, topic: Topic, text: str, phrase: str) -> dict[str, Any]:
    screen = content.screen
    return {
        "brand": screen["brand"],
        "heading": screen["topic_heading"],
        "title": topic.title,
        "text": text,
        "hint": screen["hint"].format(phrase=screen[phrase]),
    }


def strategies(content: Content) -> dict[str, Any]:
    """The nine strategies to touch, in article order."""
    screen = content.screen
    return {
        "brand": screen["brand"],
        "title": screen["list_title"],
        "hint": screen["list_hint"],
        "hintRemote": screen["list_hint_remote"],
        "strategies": [
            {"id": s.id, "number": s.number, "title": s.title} for s in content.strategies
        ],
    }


def step(
    content: Content,
    *,
    steps: Sequence[ExerciseStep],
    index: int,
    routine: str | None = None,
) -> dict[str, Any]:
    """Step ``index`` of a routine (None: the exercise): what to do and its quiet time."""
    screen = content.screen
    current = steps[index]
    # The quiet time follows the step's words; the screen starts counting when they should end.
    words_ms = round(ssml.estimate_seconds(ssml.speak(ssml.text(current.speech))) * 1000)
    return {
        "brand": screen["brand"],
        "heading": screen["step_heading"].format(
            routine=screen[f"{routine or 'exercise'}_title"], number=index + 1, total=len(steps)
        ),
        "title": current.title,
        "text": current.speech,
        "hint": current.prompt,
        "waitSeconds": current.wait_seconds,
        "quietStartMs": words_ms if current.wait_seconds > 0 else 0,
        "quietLabel": screen["quiet_label"],
        "quietDone": screen["quiet_done"],
    }


def safety(content: Content) -> dict[str, Any]:
    """The safety message's numbers, as the locale's lines.safety says them."""
    screen = content.screen
    return {
        "brand": screen["brand"],
        "title": screen["safety_title"],
        "emergency": screen["safety_emergency"],
        "emergencyNumber": screen["safety_emergency_number"],
        "helpline": screen["safety_helpline"],
        "helplineNumber": screen["safety_helpline_number"],
    }
