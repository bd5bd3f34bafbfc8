"""The resolver's statistical tiers: typo correction for typed words and nearest-sample scoring.

``Speller`` corrects a word the model has never seen to the closest word it has (Damerau edit
distance 1, or 2 for long words), found through a table of deletions (the SymSpell idea) so a
lookup costs a few dictionary probes. ``NearestSample`` scores an utterance against every sample
by IDF-weighted cosine over word unigrams and bigrams; words it has never seen count against the
match, which is what keeps "what's the weather like" away from every intent.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_MIN_LENGTH = 3
"""Shorter words are never corrected ("hi" is not a typo of "i")."""
_LONG = 99
"""Words this long may be two edits away (two edits turn real words into others: off)."""


def _deletes(word: str, depth: int) -> set[str]:
    """Every string reached from word by deleting up to depth characters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w)) if len(w) > 1}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (adjacent swaps count once), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


class Speller:
    """Corrects unknown words to the nearest known one."""

    def __init__(self, words: Iterable[str]) -> None:
        """Index a vocabulary (repeats count as frequency, which breaks ties)."""
        self.frequency: Counter[str] = Counter(w for w in words if w.isalpha())
        self._table: dict[str, set[str]] = {}
        for word in self.frequency:
            depth = 2 if len(word) >= _LONG - 1 else 1
            for deleted in _deletes(word, depth):
                self._table.setdefault(deleted, set()).add(word)
        self.correct = functools.lru_cache(maxsize=4096)(self._correct)

    def _correct(self, word: str) -> str:
        if word in self.frequency or len(word) < _MIN_LENGTH or not word.isalpha():
            return word
        limit = 2 if len(word) >= _LONG else 1
        candidates: set[str] = set()
        for deleted in _deletes(word, limit):
            candidates |= self._table.get(deleted, set())
        best = word
        best_key = (limit + 1, 0)
        for candidate in candidates:
            distance = edit_distance(word, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self.frequency[candidate])
            if key < best_key or (key == best_key and candidate < best):
                best, best_key = candidate, key
        return best

    def correct_all(self, tokens: Sequence[str]) -> list[str]:
        """Each token corrected."""
        return [self.correct(token) for token in tokens]


def features(tokens: Sequence[str]) -> set[str]:
    """Unigrams and bigrams of a token list."""
    grams = set(tokens)
    grams.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return grams


@dataclass(frozen=True)
class Scored:
    """The nearest sample and how near it is."""

    index: int
    """Position of the sample in the list given to NearestSample."""
    score: float
    """Cosine similarity, 0 to 1."""


class NearestSample:
    """IDF-weighted cosine similarity to the nearest of many samples."""

    def __init__(self, samples: Sequence[set[str]]) -> None:
        """Index each sample's feature set."""
        count = len(samples)
        document_frequency: Counter[str] = Counter(f for sample in samples for f in sample)
        self.idf = {
            f: math.log((1 + count) / (1 + df)) + 1.0 for f, df in document_frequency.items()
        }
        # A word no sample has weighs a little more than the rarest known one (tuned on dev).
        self.unknown_weight = (math.log(1 + count) + 1.0) * 1.15
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._norms: list[float] = []
        for index, sample in enumerate(samples):
            weights = {f: self.idf[f] for f in sample}
            self._norms.append(math.sqrt(sum(w * w for w in weights.values())) or 1.0)
            for f, w in weights.items():
                self._postings.setdefault(f, []).append((index, w))

    def weight(self, feature: str) -> float:
        """A feature's weight; unknown features weigh most."""
        return self.idf.get(feature, self.unknown_weight)

    def nearest(self, query: set[str], unknown: Iterable[str] = (), top: int = 5) -> list[Scored]:
        """The best-scoring samples for a query's features, best first (empty if none overlaps).

        ``unknown``: features to count against the match although a sample happens to hold them.
        """
        dots: dict[int, float] = {}
        norm_sq = 0.0
        penalised = set(unknown)
        for f in query:
            w = self.unknown_weight if f in penalised else self.weight(f)
            norm_sq += w * w
            if f in penalised:
                continue
            for index, sample_weight in self._postings.get(f, ()):
                dots[index] = dots.get(index, 0.0) + w * sample_weight
        norm = math.sqrt(norm_sq) or 1.0
        ranked = sorted(dots, key=lambda i: (-dots[i] / self._norms[i], i))[:top]
        return [Scored(i, dots[i] / (self._norms[i] * norm)) for i in ranked]
