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

from interaction_model.text import PADDING_WORDS

_MIN_LENGTH = 3
"""Shorter words are never corrected ("hi" is not a typo of "i")."""
_LONG = 8
"""Words this long may be two edits away ("exersize"); shorter ones only one, since two edits
turn short real words into others."""
_COMMON_SHARE = 20
"""A feature held by more than one sample in this many is common (see NearestSample)."""
UNKNOWN_PAIR_WEIGHT = 1.5
"""Weight of a word pair no sample has (its words may be known): people join known words in
new ways, so that counts against a match less than a word never seen."""


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

    def __init__(self, words: Iterable[str], long_from: int = _LONG) -> None:
        """Index a vocabulary (repeats count as frequency, which breaks ties).

        ``long_from``: words this long may be two edits away.
        """
        self._long = long_from
        self.frequency: Counter[str] = Counter(w for w in words if w.isalpha())
        # Another form of a known word ("hooking" beside "hooked") is no typo.
        self._stems = {stem(word) for word in self.frequency}
        self._table: dict[str, set[str]] = {}
        for word in self.frequency:
            depth = 2 if len(word) >= self._long - 1 else 1
            for deleted in _deletes(word, depth):
                self._table.setdefault(deleted, set()).add(word)
        self.correct = functools.lru_cache(maxsize=4096)(self._correct)

    def _correct(self, word: str, keep_forms: bool = True) -> str:
        if word in self.frequency or len(word) < _MIN_LENGTH or not word.isalpha():
            return word
        limit = 2 if len(word) >= self._long else 1
        candidates: set[str] = set()
        for deleted in _deletes(word, limit):
            candidates |= self._table.get(deleted, set())
        if "ph" not in word and word.replace("f", "ph") in self.frequency:
            return word.replace("f", "ph")  # typed as it sounds: fone, foto
        if keep_forms and len(word) >= 5 and stem(word) in self._stems:
            # Another form of a known word ("hooking" beside "hooked") is no typo of a
            # different word ("looking"); a misspelt form may still become the right one.
            candidates = {c for c in candidates if stem(c) == stem(word)}
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

    def correct_all(self, tokens: Sequence[str], keep_forms: bool = True) -> list[str]:
        """Each token corrected. ``keep_forms``: leave another form of a known word as it is
        unless a same-stem word is one edit away (the safety check reads without it)."""
        return [self.correct(token, keep_forms) for token in tokens]


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
        self._weights: list[dict[str, float]] = []
        for index, sample in enumerate(samples):
            weights = {f: self.idf[f] for f in sample}
            self._weights.append(weights)
            self._norms.append(math.sqrt(sum(w * w for w in weights.values())) or 1.0)
            for f, w in weights.items():
                self._postings.setdefault(f, []).append((index, w))
        # Features most samples share ("i", "my", who it is about) are only added up for the
        # samples a rarer feature found: walking their long postings is most of the cost.
        self._common = frozenset(
            f for f, postings in self._postings.items() if len(postings) > count // _COMMON_SHARE
        )

    def weight(self, feature: str, neutral: frozenset[str] = frozenset()) -> float:
        """A feature's weight. An unknown word weighs most, an unknown pair of words (each
        perhaps known) a little, and an unknown word from ``neutral`` nothing."""
        known = self.idf.get(feature)
        if known is not None:
            return known
        if " " in feature:
            if all(part in neutral for part in feature.split(" ")):
                return 0.0
            return UNKNOWN_PAIR_WEIGHT
        return 0.0 if feature in neutral else self.unknown_weight

    def nearest(
        self,
        query: set[str],
        unknown: Iterable[str] = (),
        top: int = 5,
        neutral: frozenset[str] = frozenset(),
    ) -> list[Scored]:
        """The best-scoring samples for a query's features, best first (empty if none overlaps).

        ``unknown``: features to count against the match although a sample happens to hold them.
        ``neutral``: padding words that do not count against the match when no sample has them.
        """
        dots: dict[int, float] = {}
        norm_sq = 0.0
        penalised = set(unknown)
        common: list[tuple[str, float]] = []
        for f in query:
            w = self.unknown_weight if f in penalised else self.weight(f, neutral)
            norm_sq += w * w
            if f in penalised:
                continue
            if f in self._common:
                common.append((f, w))
                continue
            for index, sample_weight in self._postings.get(f, ()):
                dots[index] = dots.get(index, 0.0) + w * sample_weight
        if dots:
            for index in dots:
                weights = self._weights[index]
                dots[index] += sum(w * weights[f] for f, w in common if f in weights)
        else:
            for f, w in common:
                for index, sample_weight in self._postings[f]:
                    dots[index] = dots.get(index, 0.0) + w * sample_weight
        norm = math.sqrt(norm_sq) or 1.0
        ranked = sorted(dots, key=lambda i: (-dots[i] / self._norms[i], i))[:top]
        return [Scored(i, dots[i] / (self._norms[i] * norm)) for i in ranked]


_IRREGULAR_STEMS = {
    "lies": "lie",
    "lied": "lie",
    "lying": "lie",
    "liar": "lie",
    "liars": "lie",
    "jealousy": "jealous",
    "jelous": "jealous",
    "insecurity": "insecure",
    "insecurities": "insecure",
    "cheater": "cheat",
    "cheaters": "cheat",
    "felt": "feel",
    "feelings": "feel",
    "feeling": "feel",
    "went": "go",
    "gone": "go",
    "goes": "go",
    "going": "go",
    "did": "do",
    "does": "do",
    "doing": "do",
    "done": "do",
    "got": "get",
    "gets": "get",
    "getting": "get",
    "gotten": "get",
    "has": "have",
    "had": "have",
    "having": "have",
    "was": "is",
    "were": "is",
    "are": "is",
    "am": "is",
    "be": "is",
    "been": "is",
    "being": "is",
    "said": "say",
    "says": "say",
    "told": "tell",
    "thought": "think",
    "caught": "catch",
    "found": "find",
    "kept": "keep",
    "left": "leave",
    "broke": "break",
    "broken": "break",
    "slept": "sleep",
    "made": "make",
    "ran": "run",
    "tried": "try",
    "tries": "try",
    "worried": "worry",
    "worries": "worry",
    "worrying": "worry",
    "anxiety": "anxious",
    "reliable": "rely",
    "reliability": "rely",
    "dependable": "depend",
    "dependability": "depend",
    "consistency": "consistent",
    "patience": "patient",
    "empathy": "empathetic",
    "therapist": "therapy",
    "therapists": "therapy",
    "counselor": "counsel",
    "counsellor": "counsel",
    "counselors": "counsel",
    "counsellors": "counsel",
    "counseling": "counsel",
    "counselling": "counsel",
    "listener": "listen",
    "emotions": "feel",
    "emotion": "feel",
    "unfaithful": "cheat",
    "infidelity": "cheat",
    "affairs": "affair",
    "children": "child",
    "childhood": "child",
    "practise": "exercise",
    "practice": "exercise",
    "stuff": "thing",
}
"""Word forms the suffix rules below would get wrong, and a few words that mean the same."""
_VOWELS = frozenset("aeiou")


def stem(word: str) -> str:
    """A light stem for the nearest-sample tier: cheated, cheating, cheats -> cheat.

    Both the samples and the utterance go through it, so a wrong stem costs nothing as long as
    it is the same on both sides; it only has to bring a word's forms together.
    """
    if word in _IRREGULAR_STEMS:
        return _IRREGULAR_STEMS[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if not _VOWELS.intersection(base):
                return word
            if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # hitting -> hit, stopped -> stop
            elif base.endswith("i"):
                base = base[:-1] + "y"  # tried -> try
            return base
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ly") and len(word) > 5:
        return word[:-2]  # constantly -> constant
    if word.endswith("e") and len(word) >= 4 and word[-2] != "e":
        return word[:-1]  # love, loving -> lov
    return word


WHO_WORDS = frozenset(
    {
        "partner",
        "partners",
        "husband",
        "hubby",
        "wife",
        "wifey",
        "boyfriend",
        "girlfriend",
        "bf",
        "gf",
        "spouse",
        "fiance",
        "fiancee",
        "bloke",
        "fella",
        "missus",
        # Possessives lose their apostrophe ("my husband's trust"): the same person (markets).
        "husbands",
        "hubbys",
        "wifes",
        "boyfriends",
        "girlfriends",
        "spouses",
        "fiances",
        "blokes",
        "fellas",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
    }
)
"""Words for the other person: one class for the nearest-sample tier, so a sample said of
"he" also fits "my wife"."""
WHO = "<who>"
NEUTRAL_WORDS = PADDING_WORDS | frozenset(
    {
        "such",
        "ever",
        "anymore",
        "right",
        "now",
        "stuff",
        "thing",
        "things",
        "everyone",
        "everybody",
        "anyone",
        "anybody",
        "somehow",
        "kind",
        "sort",
        "guess",
        "god",
        "man",
        "idk",
        "bit",
        "little",
        "lot",
        "lots",
        "much",
        "many",
        "all",
        "constantly",
        "always",
        "often",
        "sometimes",
        "again",
        "still",
        "too",
        "also",
        "then",
        "maybe",
        "probably",
        "definitely",
        "completely",
        "absolutely",
        "extremely",
        "incredibly",
        "insanely",
        "crazy",
        "whole",
        "and",
        "but",
        "or",
        "because",
        "cause",
        "since",
        "if",
        "when",
        "whenever",
        "while",
        "about",
        "both",
        "common",
        "main",
        "usual",
        "typical",
        "quick",
        "small",
        "big",
        "best",
        "good",
        "simple",
        "easy",
        "general",
        "basic",
        "different",
        "few",
        "every",
        "way",
    }
)
"""Words that say little about what someone wants: an utterance's word the samples lack counts
against the match, but not one of these (people pad what they say with them)."""


SUBJECT_I = "<subject:i>"
SUBJECT_WHO = "<subject:who>"


def subject(tokens: Sequence[str]) -> str | None:
    """Who the utterance is about first: the speaker ("i get jealous", "my jealousy") or the
    other person ("he gets jealous", "my wife's jealousy"); None if neither is said."""
    for index, token in enumerate(tokens):
        if token in ("i", "we"):
            return SUBJECT_I
        if token == "my":
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            return SUBJECT_WHO if following in WHO_WORDS else SUBJECT_I
        if token in WHO_WORDS:
            return SUBJECT_WHO
    return None


def stat_words(tokens: Sequence[str]) -> list[str]:
    """The words as the nearest-sample tier compares them: stemmed, the other person one class."""
    return [
        token if token.startswith("<") else WHO if token in WHO_WORDS else stem(token)
        for token in tokens
    ]


_FUNCTION = """
    i me my mine myself we us our ours you your yours it its this that these those there here
    a an the some any no not is do have will would can could should shall may might must
    to of in on at for with from by as into onto over under up down out off than
    what which who whom whose how why where when what's
    and or but if so because then just also too very
    am one ones please tell say give let get go want need make something anything
"""
FUNCTION_WORDS = frozenset(_FUNCTION.split())
"""Words that carry the grammar, not the meaning: a match on these alone is no match."""
