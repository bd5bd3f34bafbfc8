"""Everything the skill says, loaded once from the locale's TOML file into frozen dataclasses.

A locale's file may begin with ``extends = "<locale>"``: it then holds only what differs from
that locale (tables merge key by key, ``[[strategies]]`` and ``[[exercise.steps]]`` by ``id``),
and may add no key the other locale lacks.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skill import locales
from skill.content.spoken import Spoken
from skill.errors import ContentError, UnknownLocaleError

# Beside this package (skill.locales.CONTENT_DIR), not importlib.resources: that pulls in zipfile,
# tempfile and lzma, a few milliseconds of every Lambda cold start, and the package is always
# installed as files.
LOCALES_DIR = locales.CONTENT_DIR
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
    """The spoken answer (at most 20 s)."""
    more: str
    """The rest of the section, for "tell me more"."""
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
    help: str
    """ "Wait, what do I do?": what to do on this step, in a sentence or two."""
    explain: str
    """ "I don't get it": the step in plain words (the prompt follows)."""
    named_speech: str = ""
    """The speech addressing the couple by ``{first}`` and ``{second}`` name, when they gave
    their names (empty: the step says the same either way)."""
    named_help: str = ""
    """The help addressing the couple by ``{first}`` and ``{second}`` name (empty: as ``help``)."""
    named_title: str = ""
    """The title as spoken ("on the step: ...") once the couple gave their names (empty: as
    ``title``)."""


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
    """The locale these words are written for, e.g. "en-GB"."""
    strategies: tuple[Strategy, ...]
    """In article order."""
    topics: tuple[Topic, ...]
    exercise: Exercise
    lines: dict[str, str]
    """The skill's own lines (welcome, help, goodbye, ...), by key."""
    spoken: Spoken
    """How the locale says numbers, times and dates (skill/content/spoken.py)."""
    situations: dict[str, Situation] = field(default_factory=dict)
    """What people confide, by SITUATION slot id."""
    checkin: Exercise | None = None
    """The guided weekly check-in (same shape as the exercise), when the locale has one."""
    screen: dict[str, str] = field(default_factory=dict)
    """What a screen shows besides the spoken words (labels, hints, safety numbers), by key."""
    reminders: dict[str, str] = field(default_factory=dict)
    """The weekly check-in reminder's lines, by key."""
    reminder_times: dict[str, tuple[int, int]] = field(default_factory=dict)
    """(hour, minute) of "default" and of the parts of the day Alexa names (MO, AF, EV, NI)."""
    names: dict[str, str] = field(default_factory=dict)
    """Lines about the couple's first names and recognized speakers, by key."""

    @functools.cached_property
    def strategy_ids(self) -> tuple[str, ...]:
        """The strategies' slot ids, in article order."""
        return tuple(s.id for s in self.strategies)

    def strategy(self, strategy_id: str) -> Strategy | None:
        """The strategy with this slot id, if any."""
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def strategy_number(self, number: int) -> Strategy | None:
        """The strategy at this position (1-based), if any."""
        return self.strategies[number - 1] if 1 <= number <= len(self.strategies) else None

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, if any."""
        return next((t for t in self.topics if t.id == topic_id), None)

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
            situations={
                key: Situation(id=key, **item) for key, item in data.get("situations", {}).items()
            },
            checkin=_routine(data["checkin"]) if "checkin" in data else None,
            screen=dict(data.get("screen", {})),
            spoken=Spoken.from_dict(data["spoken"]),
            reminders=dict(data.get("reminders", {})),
            reminder_times={
                key: (int(value[0]), int(value[1]))
                for key, value in data.get("reminder_times", {}).items()
            },
            names=dict(data.get("names", {})),
        )


def _routine(data: dict[str, Any]) -> Exercise:
    """A guided routine's steps and lines (the check-in's table has the exercise's shape)."""
    return Exercise(
        steps=tuple(ExerciseStep(**step) for step in data["steps"]), lines=dict(data["lines"])
    )


def load(locale: str = locales.DEFAULT) -> Content:
    """The content for ``locale`` (cached: read once per process).

    Any locale with a content file loads (a supported one, or an overlay ahead of its model);
    any other is an UnknownLocaleError, never another locale's words. The TOML file is the
    source; `trust-coach package` ships it as JSON, which parses in a fraction of the time on
    Lambda's cold start.
    """
    return _load(locale)


@functools.cache
def _load(locale: str) -> Content:
    """Read, extend and parse one locale's content (``load()`` and ``load(DEFAULT)`` share it)."""
    try:
        return Content.from_dict(locale, document(locale))
    except (KeyError, TypeError) as error:
        raise ContentError(f"{locale}: content is missing or misshapes {error}") from error


def document(locale: str) -> dict[str, Any]:
    """A locale's content as one document, with the locale it extends merged under it."""
    return _document(locale, ())


def _document(locale: str, chain: tuple[str, ...]) -> dict[str, Any]:
    if locale in chain:
        raise ContentError(f"content extends itself: {' -> '.join((*chain, locale))}")
    path = locales.content_file(locale)
    if path is None:
        raise UnknownLocaleError(
            f"no content for locale {locale!r}: Trust Coach has {', '.join(available_locales())}"
        )
    data = _read(path)
    base = data.pop("extends", None)
    spelling = data.pop("spelling", {})
    if base is None:
        return data
    if not isinstance(base, str):
        raise ContentError(f"{path}: extends must name a locale")
    if not isinstance(spelling, dict) or not all(isinstance(v, str) for v in spelling.values()):
        raise ContentError(f"{path}: spelling must map words to words")
    respelled = _respell(_document(base, (*chain, locale)), spelling)
    merged: dict[str, Any] = _overlay(respelled, data, f"{locale} over {base}")
    return merged


_NOT_WORDS = frozenset({"id", "intent"})
"""Keys whose values are names, not words: never respelled."""


def _respell(document: dict[str, Any], spelling: dict[str, str]) -> dict[str, Any]:
    """Every spoken or shown string of a document with whole words respelled (case kept)."""
    if not spelling:
        return document
    import re

    words = {**spelling, **{w.capitalize(): s.capitalize() for w, s in spelling.items()}}
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(rf"\b({alternatives})\b")

    def walk(value: Any, key: str) -> Any:
        if key in _NOT_WORDS:
            return value
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str):
            return pattern.sub(lambda found: words[found.group(1)], value)
        return value

    result: dict[str, Any] = walk(document, "")
    return result


def _read(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    if path.suffix == ".json":
        result: dict[str, Any] = json.loads(text)
        return result
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path}: {error}") from error


def _overlay(base: Any, over: Any, where: str) -> Any:
    """``over`` laid on ``base``: tables by key, lists of tables by ``id``, values replaced."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            if key not in base:
                raise ContentError(f"{where}: {key!r} is not in the content it extends")
            merged[key] = _overlay(base[key], value, f"{where}.{key}")
        return merged
    if isinstance(base, list) and isinstance(over, list) and all(isinstance(i, dict) for i in base):
        by_id = {item.get("id"): item for item in over if isinstance(item, dict)}
        known = {item.get("id") for item in base}
        unknown = [i for i in by_id if i not in known] or [
            i for i in over if not isinstance(i, dict)
        ]
        if unknown or len(by_id) != len(over):
            raise ContentError(f"{where}: items must be tables with the id of an item it extends")
        return [
            _overlay(item, by_id[item["id"]], f"{where}[{item['id']}]")
            if item["id"] in by_id
            else item
            for item in base
        ]
    if type(base) is not type(over):
        raise ContentError(
            f"{where}: a {type(over).__name__} where it extends a {type(base).__name__}"
        )
    return over


def available_locales() -> tuple[str, ...]:
    """Locales that have content: the supported ones, then overlays ahead of their models."""
    return locales.content_locales()
