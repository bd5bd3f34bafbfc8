"""Everything the skill says, loaded once from the locale's TOML file into frozen dataclasses."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_LOCALE = "en-US"

# Beside this module, not importlib.resources: that pulls in zipfile, tempfile and lzma, a few
# milliseconds of every Lambda cold start, and the package is always installed as files.
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
"""One folder per locale: content.toml (and content.json in the Lambda zip)."""


@dataclass(frozen=True)
class Strategy:
    """One of the article's nine strategies."""

    id: str
    """Slot id, e.g. "establish_boundaries"."""
    number: int
    """Position in the article, 1 to 9."""
    title: str
    """The article's heading, e.g. "Establish Boundaries"."""
    tip: str
    """The short spoken version (at most 30 words)."""
    more: str
    """The longer spoken version for "tell me more" (about 60 to 100 words)."""
    card: str
    """Plain text for the Alexa app card."""


@dataclass(frozen=True)
class Situation:
    """Something people confide (SituationIntent's slot id), answered with care."""

    id: str
    """SITUATION slot id, e.g. "partner_jealous"."""
    acknowledgement: str
    """One sentence that acknowledges it, without diagnosis or blame."""
    strategy: str
    """The id of the strategy from the article that fits it best."""


@dataclass(frozen=True)
class Topic:
    """One of the article's other sections, answered by its own intent."""

    id: str
    """Key in the content file, e.g. "causes"."""
    intent: str
    """The intent that asks for it, e.g. "CausesIntent"."""
    title: str
    """Card title."""
    speech: str
    """The spoken answer."""
    card: str
    """Plain text for the Alexa app card."""


@dataclass(frozen=True)
class ExerciseStep:
    """One step of the guided active-listening exercise."""

    id: str
    """Stable key saved in persistent attributes, e.g. "speaker_turn"."""
    title: str
    """Short name, used on the card and by Help ("You're at the step: ...")."""
    speech: str
    """What the coach says at the start of the step."""
    wait_seconds: int
    """Quiet time after the speech for the couple to talk (0 for none)."""
    cue: str
    """Gentle cue spoken before the quiet time ends (empty when there is no wait)."""
    prompt: str
    """The closing question, e.g. "When you're ready, say next."."""
    reprompt: str
    """Said if the couple is silent after the prompt."""


@dataclass(frozen=True)
class Exercise:
    """The guided active-listening exercise: its steps and its own lines."""

    steps: tuple[ExerciseStep, ...]
    """The steps, in order."""
    lines: dict[str, str]
    """Exercise-specific lines (help, paused, resumed, finished, ...), by key."""


@dataclass(frozen=True)
class Content:
    """All the words of one locale."""

    locale: str
    """The locale these words are written for, e.g. "en-US"."""
    strategies: tuple[Strategy, ...]
    """In article order."""
    topics: tuple[Topic, ...]
    exercise: Exercise
    lines: dict[str, str]
    """The skill's own lines (welcome, help, goodbye, ...), by key."""
    safety_by_locale: dict[str, str] = field(default_factory=dict)
    """The safety message for other locales sharing this content (their emergency numbers)."""
    situations: dict[str, Situation] = field(default_factory=dict)
    """What people confide, by SITUATION slot id."""

    @functools.cached_property
    def strategy_ids(self) -> tuple[str, ...]:
        """The strategies' slot ids, in article order."""
        return tuple(s.id for s in self.strategies)

    def safety(self, locale: str) -> str:
        """The safety message for a request's locale (this content's own when none is set)."""
        return self.safety_by_locale.get(locale, self.lines["safety"])

    def strategy(self, strategy_id: str) -> Strategy | None:
        """The strategy with this slot id, if any."""
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def strategy_number(self, number: int) -> Strategy | None:
        """The strategy at this position (1-based), if any."""
        return self.strategies[number - 1] if 1 <= number <= len(self.strategies) else None

    def topic_for_intent(self, intent: str) -> Topic | None:
        """The topic answered by this intent, if any."""
        return next((t for t in self.topics if t.intent == intent), None)

    def line(self, key: str, **values: object) -> str:
        """One of the skill's lines, with ``{placeholders}`` filled in."""
        return self.lines[key].format(**values) if values else self.lines[key]

    @classmethod
    def from_dict(cls, locale: str, data: dict[str, Any]) -> Content:
        """Build from the parsed TOML document."""
        strategies = tuple(Strategy(**item) for item in data["strategies"])
        topics = tuple(Topic(id=key, **item) for key, item in data["topics"].items())
        exercise_data = data["exercise"]
        exercise = Exercise(
            steps=tuple(ExerciseStep(**step) for step in exercise_data["steps"]),
            lines=dict(exercise_data["lines"]),
        )
        return cls(
            locale=locale,
            strategies=strategies,
            topics=topics,
            exercise=exercise,
            lines=dict(data["lines"]),
            safety_by_locale=dict(data.get("safety_by_locale", {})),
            situations={
                key: Situation(id=key, **item) for key, item in data.get("situations", {}).items()
            },
        )


def load(locale: str = DEFAULT_LOCALE) -> Content:
    """The content for ``locale`` (cached: read once per process).

    The TOML file is the source; `trust-coach package` ships it as JSON, which parses in a
    fraction of the time on Lambda's cold start.
    """
    return _load(locale)


@functools.cache
def _load(locale: str) -> Content:
    """Read and parse one locale's content (``load()`` and ``load("en-US")`` share the cache)."""
    compiled = LOCALES_DIR / locale / "content.json"
    if compiled.is_file():
        return Content.from_dict(locale, json.loads(compiled.read_text("utf-8")))
    import tomllib

    return Content.from_dict(
        locale, tomllib.loads((LOCALES_DIR / locale / "content.toml").read_text("utf-8"))
    )


@functools.cache
def available_locales() -> tuple[str, ...]:
    """Locales that have a content file."""
    return tuple(
        sorted(
            {
                path.parent.name
                for pattern in ("*/content.toml", "*/content.json")
                for path in LOCALES_DIR.glob(pattern)
            }
        )
    )
