"""Concept tier: a strategy, an article section or the exercise asked for by describing it.

People often do not name what they want; they say what it is about: "the one about not rushing
them to heal" (practice patience), "what is trust made of" (building trust), "let's do that
exercise where we take turns talking". The nearest-sample tier weighs every word of such a
description against the samples' words, and a description shares few of them. This reading
looks instead for the words that carry each idea (interaction_model/concepts.toml: the article's
own words for it plus the words people use for it, in any of their forms) and answers only when
one profile clearly wins:

- it scores at least a threshold (lower when the utterance says it is a description: "the one
  about ...", "the tip where ...", "what does it say about ..."),
- it beats the runner-up by a margin, and
- without such a frame, the talk is about trust or a relationship (a domain word is said), so
  "how do i heal a sunburn" or "plan a trip to rome" stay out of domain.

A modifier then turns some answers into another intent: the exercise with "keep going" is the
exercise resumed; a request for "advice" that names no strategy asks for a tip. Between the
words of a phrase only grammar words may come ("keep your promises"), a phrase of grammar words
only as said ("do to"), and a request to the device ("plan a trip for us") is no description.

The safety check runs before every tier of the resolver; this reading never answers safety.
"""

import functools
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interaction_model import device_requests
from interaction_model.fuzzy import FUNCTION_WORDS, NEUTRAL_WORDS, WHO_WORDS, stem
from interaction_model.text import normalize_tokens

PROFILES_PATH = Path(__file__).resolve().parent / "concepts.toml"
"""The concept profiles (data)."""

WHO_MARK = "<who>"
"""In a profile phrase: the other person (they, them, her, my partner ...)."""
ME_MARK = "<me>"
"""In a profile phrase: the speaker (i, me, my)."""
_ME_WORDS = frozenset({"i", "me", "my", "myself", "mine"})
_GAP = 2
"""Most other words allowed between two words of a profile phrase."""
_GRAMMAR = frozenset(stem(word) for word in FUNCTION_WORDS) | {WHO_MARK, ME_MARK}
_SKIPPABLE = _GRAMMAR | frozenset(stem(word) for word in NEUTRAL_WORDS) | {"is", "not"}
"""Words that may come between the words of a phrase."""
_WEAK_FACTOR = 0.5
_WORD_BONUS = 0.5
"""A phrase weighs 1 plus this much per word after its first."""
_MARK_BONUS = 0.25
"""... and this much per person mark ("<who>") in it."""

THRESHOLD = 1.5
"""Least score of the winning profile when the utterance is not framed as a description."""
FRAMED_THRESHOLD = 1.0
"""Least score when it is ("the one about ...")."""
MARGIN = 0.5
"""Least lead of the winner over the runner-up."""
RATIO = 0.6
"""... or the runner-up at most this share of the winner."""
MODIFIER_WEIGHT = 0.5
"""What a modifier's word adds to the profile it turns ("we stopped halfway through the
exercise, can we keep going": the exercise, resumed)."""
TOPIC_IN_FRAME = 0.5
"""How much an article section counts when the utterance asks for "the one about" something:
that names a strategy (or the exercise), not a section."""

_FRAME_NOUNS = frozenset(
    {"one", "tip", "strategy", "advice", "part", "bit", "section", "thing", "idea", "point"}
)
_FRAME_LINKS = frozenset({"about", "on", "where", "that", "with", "when", "which"})
_FRAME_DETERMINERS = frozenset({"the", "that", "this", "a", "your", "its"})
"""Before the noun of a frame: "the one about", "that tip where" (not "no idea where")."""
_FRAME_LATEST = 5
"""The furthest word a frame's noun may be: a description opens with its frame ("can we do
the one where ..."); "is it my fault ... after the thing with my ex" confides."""
_SAY_FRAMES = (
    ("what", "does", "it", "say", "about"),
    ("what", "did", "it", "say", "about"),
    ("what", "does", "the", "article", "say", "about"),
    ("what", "did", "the", "article", "say", "about"),
    ("what", "do", "you", "say", "about"),
    ("what", "did", "you", "say", "about"),
    ("what", "was", "that", "about"),
)
"""How people ask what the article says about an idea."""

DOMAIN_WORDS = frozenset(
    {
        "trust",
        "trusting",
        "trusted",
        "distrust",
        "mistrust",
        "relationship",
        "relationships",
        "couple",
        "couples",
        "marriage",
        "married",
        "dating",
        "feel",
        "feeling",
        "feelings",
        "emotion",
        "emotions",
        "emotional",
        "emotionally",
        "strategy",
        "strategies",
        "article",
        "exercise",
        "practice",
        "practise",
        "listening",
        "listener",
        "listen",
        "partners",
        "we",
        "us",
        "our",
        "love",
    }
    | WHO_WORDS
)
"""Words that say the talk is about trust or a relationship."""
_EACH_OTHER = ("each", "other")


@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]
    """Marked stems, in order."""
    weight: float
    gap: int
    """Most other words between two of its words: none for a phrase of grammar words ("do
    to" is not in "how do i prove to her")."""


@dataclass(frozen=True)
class Profile:
    """One idea: a strategy, an article section or the exercise."""

    id: str
    """The strategy id (the STRATEGY value), or the intent name of a section."""
    kind: str
    """"strategy", "topic" or "exercise"."""
    intent: str
    """The intent that answers it."""
    slot: str | None
    """The slot that carries the id (strategies), else None."""
    terms: tuple[_Term, ...]


@dataclass(frozen=True)
class _Modifier:
    id: str
    applies_to: frozenset[str]
    """Profile ids it turns ("" : no profile at all)."""
    intent: str
    terms: tuple[_Term, ...]
    turns: frozenset[str]
    """Other intents it turns when one of its profiles is mentioned at all."""


@dataclass(frozen=True)
class Reading:
    """What a description is about."""

    intent: str
    """The intent that answers it."""
    slot: str | None
    """The slot to fill (strategies), else None."""
    value: str | None
    """The slot value id to fill it with, else None."""
    score: float
    """The winning profile's score."""
    framed: bool
    """Whether the utterance said it was a description ("the one about ...")."""
    described: str
    """The words of the description (after its frame)."""


def marked(tokens: Iterable[str]) -> list[str]:
    """Words as profiles compare them: stemmed, the other person and the speaker one class each."""
    return [
        WHO_MARK if token in WHO_WORDS else ME_MARK if token in _ME_WORDS else stem(token)
        for token in tokens
    ]


def _phrase(text: str) -> tuple[str, ...]:
    words: list[str] = []
    for part in text.split():
        if part in (WHO_MARK, ME_MARK):
            words.append(part)
        else:
            words.extend(marked(normalize_tokens(part)))
    return tuple(words)


def _terms(entry: Mapping[str, Any], *keys: str) -> tuple[_Term, ...]:
    terms: dict[tuple[str, ...], float] = {}
    for key in keys:
        factor = _WEAK_FACTOR if key == "weak" else 1.0
        for text in entry.get(key, ()):
            words = _phrase(str(text))
            if words:
                said = sum(1 for word in words if word not in (WHO_MARK, ME_MARK))
                marks = len(words) - said
                weight = factor * (1 + _WORD_BONUS * (said - 1) + _MARK_BONUS * marks)
                terms[words] = max(weight, terms.get(words, 0.0))
    return tuple(
        _Term(words, weight, 0 if 2 * sum(w in _GRAMMAR for w in words) > len(words) else _GAP)
        for words, weight in terms.items()
    )


def _match(words: Sequence[str], term: _Term, start: int) -> tuple[int, ...] | None:
    """The positions of term's words in order from start, each within the term's gap of the
    last, only grammar or padding words between ("keep your promises", "rushing them to
    heal"; "role do parents play" is no "role play")."""
    positions = [start]
    for word in term.words[1:]:
        last = positions[-1]
        for index in range(last + 1, min(len(words), last + 2 + term.gap)):
            if words[index] == word:
                positions.append(index)
                break
            if words[index] not in _SKIPPABLE:
                return None
        else:
            return None
    return tuple(positions)


class Concepts:
    """The profiles, indexed by the first word of each phrase."""

    def __init__(self, data: Mapping[str, Any]):
        """Build from the parsed concepts.toml."""
        self.profiles = tuple(
            Profile(
                id=str(entry["id"]),
                kind=str(entry["kind"]),
                intent=str(entry["intent"]),
                slot=entry.get("slot"),
                terms=_terms(entry, "article", "synonyms", "weak"),
            )
            for entry in data.get("profiles", ())
        )
        self._modifiers = tuple(
            _Modifier(
                id=str(entry["id"]),
                applies_to=frozenset(str(item) for item in entry["applies_to"]),
                intent=str(entry["intent"]),
                terms=_terms(entry, "terms"),
                turns=frozenset(str(item) for item in entry.get("turns", ())),
            )
            for entry in data.get("modifiers", ())
        )
        self._index: dict[str, list[tuple[int, _Term]]] = {}
        for number, profile in enumerate(self.profiles):
            for term in profile.terms:
                self._index.setdefault(term.words[0], []).append((number, term))

    def scores(self, words: Sequence[str]) -> list[tuple[float, frozenset[int]]]:
        """Each profile's score for marked words, and the positions its phrases hold: its
        matched phrases' weights, each word used by at most one phrase, heaviest first."""
        matches: dict[int, list[tuple[float, tuple[int, ...]]]] = {}
        for start, word in enumerate(words):
            for number, term in self._index.get(word, ()):
                positions = _match(words, term, start)
                if positions is not None:
                    matches.setdefault(number, []).append((term.weight, positions))
        scores: list[tuple[float, frozenset[int]]] = [(0.0, frozenset())] * len(self.profiles)
        for number, found in matches.items():
            used: set[int] = set()
            score = 0.0
            for weight, positions in sorted(found, key=lambda item: (-item[0], item[1])):
                if used.isdisjoint(positions):
                    used.update(positions)
                    score += weight
            scores[number] = (score, frozenset(used))
        return scores

    def _modified(self, words: Sequence[str], profile_id: str) -> str | None:
        for modifier in self._modifiers:
            if profile_id in modifier.applies_to and any(
                _match(words, term, start) is not None
                for start, word in enumerate(words)
                for term in modifier.terms
                if term.words[0] == word
            ):
                return modifier.intent
        return None

    def unsupported(self, tokens: Sequence[str], intent: str) -> bool:
        """Whether an article section (or the exercise) is the answer though not one of its
        words was said."""
        scores = self.scores(marked(tokens))
        return any(
            profile.intent == intent and profile.slot is None and not score
            for profile, (score, _) in zip(self.profiles, scores, strict=True)
        )

    def refine(self, tokens: Sequence[str], intent: str) -> str | None:
        """The intent a modifier turns another tier's answer into ("let's finish the listening
        exercise from before" is the exercise resumed), or None."""
        words = marked(tokens)
        for profile in self.profiles:
            if profile.intent == intent and profile.slot is None:
                modified = self._modified(words, profile.id)
                if modified is not None:
                    return modified
        scores = self.scores(words)
        for modifier in self._modifiers:
            if intent in modifier.turns and any(
                score
                for profile, (score, _) in zip(self.profiles, scores, strict=True)
                if profile.id in modifier.applies_to
            ):
                return modifier.intent
        return None

    def read(self, tokens: Sequence[str], *, framed_only: bool = False) -> Reading | None:
        """What normalized tokens describe, if one profile clearly wins.

        ``framed_only``: answer only an utterance framed as a description ("the one about").
        """
        start = frame_end(tokens)
        framed = start is not None
        if framed_only and not framed:
            return None
        described = list(tokens[start:] if start is not None else tokens)
        words = marked(described)
        everything = marked(tokens)
        scored = self.scores(words)
        scores = []
        for profile, (said, _) in zip(self.profiles, scored, strict=True):
            score = said * TOPIC_IN_FRAME if framed and profile.kind == "topic" else said
            if score and self._modified(everything, profile.id) is not None:
                score += MODIFIER_WEIGHT  # "keep going" is evidence of the exercise
            scores.append(score)
        ranked = sorted(range(len(scores)), key=lambda n: -scores[n])
        best, top, second = ranked[0], scores[ranked[0]], scores[ranked[1]]
        # A short question about one idea: every word that means something is its
        # ("what's the right way to listen").
        whole = scored[best][0] >= FRAMED_THRESHOLD and _meaningful(described) <= scored[best][1]
        if not framed and (not _about_trust(tokens) or device_requests.is_command(tokens[0])):
            return None
        if (top < (FRAMED_THRESHOLD if framed else THRESHOLD) and not whole) or (
            top - second < MARGIN and second > RATIO * top
        ):
            # No idea named: a request for advice that names none asks for a tip ("tips for
            # listening" names one, if not clearly enough to answer here).
            # The frame's own noun ("the tip about ...") asks for no tip.
            named = scored[best][0] >= FRAMED_THRESHOLD
            intent = None if named else self._modified(words if framed else everything, "")
            if intent is None:
                return None
            return Reading(intent, None, None, top, framed, " ".join(described))
        profile = self.profiles[best]
        intent = self._modified(everything, profile.id) or profile.intent
        slot = profile.slot if intent == profile.intent else None
        value = profile.id if slot else None
        return Reading(intent, slot, value, top, framed, " ".join(described))


def _meaningful(tokens: Sequence[str]) -> frozenset[int]:
    """The positions of the words that carry meaning (not grammar, padding or the domain)."""
    return frozenset(
        index
        for index, token in enumerate(tokens)
        if token not in FUNCTION_WORDS
        and token not in NEUTRAL_WORDS
        and token not in DOMAIN_WORDS
        and stem(token) not in _GRAMMAR
    )


def _about_trust(tokens: Sequence[str]) -> bool:
    """Whether the talk is about trust or a relationship."""
    return not DOMAIN_WORDS.isdisjoint(tokens) or any(
        tuple(tokens[i : i + 2]) == _EACH_OTHER for i in range(len(tokens) - 1)
    )


def frame_end(tokens: Sequence[str]) -> int | None:
    """Where the description starts in an utterance framed as one ("the one about X",
    "the tip where X", "what does it say about X"), or None if it is not framed."""
    for frame in _SAY_FRAMES:
        for index in range(len(tokens) - len(frame)):
            if tuple(tokens[index : index + len(frame)]) == frame:
                return index + len(frame)
    for index in range(1, min(len(tokens) - 2, _FRAME_LATEST + 1)):
        if (
            tokens[index] in _FRAME_NOUNS
            and tokens[index + 1] in _FRAME_LINKS
            and tokens[index - 1] in _FRAME_DETERMINERS
        ):
            return index + 2
    return None


@functools.cache
def load(path: Path = PROFILES_PATH) -> Concepts:
    """The concept profiles of a file, parsed once per process."""
    with path.open("rb") as handle:
        return Concepts(tomllib.load(handle))
