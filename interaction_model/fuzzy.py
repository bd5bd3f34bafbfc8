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


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard() -> dict[str, frozenset[str]]:
    """The keys beside each letter on a QWERTY keyboard (same row, and the row above and
    below, which sit half a key to the side)."""
    near: dict[str, set[str]] = {}
    for row_index, row in enumerate(_KEY_ROWS):
        for col, key in enumerate(row):
            keys = near.setdefault(key, set())
            keys.update(row[c] for c in (col - 1, col + 1) if 0 <= c < len(row))
            for other in (row_index - 1, row_index + 1):
                if 0 <= other < len(_KEY_ROWS):
                    keys.update(
                        _KEY_ROWS[other][c]
                        for c in (col - 1, col, col + 1)
                        if 0 <= c < len(_KEY_ROWS[other])
                    )
    return {key: frozenset(keys) for key, keys in near.items()}


NEIGHBOURS = _keyboard()
"""Keys a finger slips onto from each letter."""
_FIRST_LETTER = 0.5
"""Extra cost of a slip on a word's first letter: people rarely get that one wrong."""


def _substitution(intended: str, typed: str) -> float:
    if intended == typed:
        return 0.0
    if typed in NEIGHBOURS.get(intended, ()):
        return 0.7  # the key beside it
    if intended in _VOWELS and typed in _VOWELS:
        return 0.8  # a vowel for a vowel: as it sounds
    return 1.0


_SKELETON_COST = 1.0
"""What a word typed without its vowels costs ("grps" for "groups")."""


def _skeleton(word: str) -> str:
    """A word's first letter and the consonants after it: groups -> grps."""
    return word[0] + "".join(char for char in word[1:] if char not in _VOWELS)


def _omitted(word: str, i: int) -> float:
    """What leaving out word[i - 1] costs: least for one of a double letter, then a vowel."""
    if i > 1 and word[i - 1] == word[i - 2]:
        return 0.5
    return 0.7 if word[i - 1] in _VOWELS else 0.8


def typing_cost(word: str, typed: str, limit: float = 2.0) -> float:
    """What it costs to type ``word`` as ``typed``: an optimal string alignment distance where
    the usual slips cost less than one edit (a doubled or dropped double letter 0.5, the key
    beside the right one or two letters swapped 0.7, a dropped letter 0.8) and a slip on the
    first letter more. Capped a little above ``limit``."""
    if abs(len(word) - len(typed)) > limit / 0.5:
        return limit + 1.0
    rows = len(word) + 1
    cols = len(typed) + 1
    table = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        omitted = _omitted(word, i)
        table[i][0] = table[i - 1][0] + omitted + (_FIRST_LETTER if i == 1 else 0.0)
    for j in range(1, cols):
        table[0][j] = table[0][j - 1] + 0.9 + (_FIRST_LETTER if j == 1 else 0.0)
    for i in range(1, rows):
        intended = word[i - 1]
        row_best = min(table[i - 1])  # a swap may still bring the next row down
        for j in range(1, cols):
            char = typed[j - 1]
            first = _FIRST_LETTER if i == 1 or j == 1 else 0.0
            omitted = _omitted(word, i)
            if j > 1 and char == typed[j - 2]:
                extra = 0.5  # a letter doubled
            elif (j > 1 and char in NEIGHBOURS.get(typed[j - 2], ())) or (
                j < len(typed) and char in NEIGHBOURS.get(typed[j], ())
            ):
                extra = 0.75  # a key beside the next or last one caught too
            else:
                extra = 0.9
            best = min(
                table[i - 1][j] + omitted + (_FIRST_LETTER if i == 1 else 0.0),
                table[i][j - 1] + extra + (_FIRST_LETTER if j == 1 else 0.0),
                table[i - 1][j - 1]
                + _substitution(intended, char)
                + (first if intended != char else 0.0),
            )
            if i > 1 and j > 1 and intended == typed[j - 2] and word[i - 2] == char:
                best = min(best, table[i - 2][j - 2] + 0.7 + (_FIRST_LETTER if i == 2 else 0.0))
            table[i][j] = best
            row_best = min(row_best, best)
        if row_best > limit:
            return limit + 1.0
    return table[-1][-1]


_SHORT_LIMIT = 1.0
"""Most a slip may cost in a word of three letters (one plain edit)."""
_LIMIT = 1.25
"""Most a slip may cost in a word of four to seven letters: one edit, or a swap or key beside
it on the first letter."""
_LONG_LIMIT = 2.0
"""Most slips may cost in a longer word."""
_CONTEXT_BONUS = 0.3
"""What a word pair the samples hold ("trust tip") takes off a candidate's cost."""
_ONE_SLIP = 0.8
"""A word one plain slip explains ("delet") is not two words typed without a space."""
_REAL_WORD_LIMIT = 0.8
"""Most a slip that makes another real word may cost (a key beside it, a vowel for a vowel)."""
_MORE_FREQUENT = 5
"""How many times more often the samples must hold a word than a model word it corrects."""
_PIECE_WORDS = frozenset({"a", "i"})
"""The one-letter words a joined word may hold ("givemea" -> "give me a")."""


class Corrector(Speller):
    """The typed-input corrector over a model's own words: a slip costs by kind (keyboard
    neighbours, swapped, doubled and dropped letters), the words around a slip choose between
    near candidates, a space lost or typed too many is put right, and a frequent English word
    the model lacks is kept as said unless the words around it say otherwise."""

    def __init__(
        self,
        words: Iterable[str],
        pairs: Iterable[tuple[str, str]],
        english: frozenset[str] = frozenset(),
        extra: frozenset[str] = frozenset(),
    ) -> None:
        """``pairs``: adjacent word pairs of the samples; ``english``: real words no slip;
        ``extra``: words a lost or extra space may make that the samples never hold (the
        "please" normalizing drops: "tipplease", "plea se")."""
        super().__init__(words)
        self.pairs = frozenset(pairs)
        self.english = english
        self.extra = extra
        self.candidates = functools.lru_cache(maxsize=8192)(self._candidates)
        # Words typed without their vowels ("grps", "strtgy", "rmndr"), by their consonants.
        self._skeletons: dict[str, set[str]] = {}
        for word in self.frequency:
            if len(word) >= 4:
                self._skeletons.setdefault(_skeleton(word), set()).add(word)

    def known(self, word: str) -> bool:
        """Whether a word is a model word or a frequent English one."""
        return word in self.frequency or word in self.english

    def _candidates(self, word: str, keep_forms: bool = True) -> tuple[tuple[str, float], ...]:
        """The model words ``word`` may be a slip of, with what the slip costs, cheapest first."""
        if len(word) < _MIN_LENGTH or not word.isalpha():
            return ()
        depth = 2 if len(word) >= self._long else 1
        limit = (
            _LONG_LIMIT if len(word) >= self._long else _SHORT_LIMIT if len(word) == 3 else _LIMIT
        )
        found: set[str] = set()
        for deleted in _deletes(word, depth):
            found |= self._table.get(deleted, set())
        if "ph" not in word and word.replace("f", "ph") in self.frequency:
            found.add(word.replace("f", "ph"))
        if keep_forms and len(word) >= 5 and stem(word) in self._stems:
            found = {c for c in found if stem(c) == stem(word)}
        scored = []
        for candidate in found:
            if candidate == word or len(candidate) < 2:
                continue
            cost = typing_cost(candidate, word, limit)
            if "ph" in candidate and candidate.replace("ph", "f") == word:
                cost = 0.5
            if cost <= limit:
                scored.append((candidate, cost))
        if len(word) >= 3 and not _VOWELS.intersection(word[1:]):
            near = {candidate for candidate, _ in scored}
            scored += [
                (candidate, _SKELETON_COST)
                for candidate in self._skeletons.get(word, ())
                if candidate not in near
            ]
        scored.sort(key=lambda item: (item[1], -self.frequency[item[0]], item[0]))
        return tuple(scored)

    def _context_cost(self, candidate: str, cost: float, before: str, after: str) -> float:
        bonus = _CONTEXT_BONUS * (
            ((before, candidate) in self.pairs) + ((candidate, after) in self.pairs)
        )
        return cost - bonus

    def _in_context(
        self,
        tokens: Sequence[str],
        index: int,
        previous: str,
        keep_forms: bool,
        guarded: frozenset[str] = frozenset(),
    ) -> str:
        word = tokens[index]
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if self.known(word) and (len(tokens) > 1 or word in self.frequency):
            # A real word: read as another only where the words around it say so ("trust top",
            # "any advise"), and it fits them no better as it is.
            if word not in self.frequency and len(word) >= 4:
                forms = [c for c, _ in self.candidates(word) if stem(c) == stem(word)]
                if forms:
                    return forms[0]  # another form of a model word: "feeling", "feelings"
            if (previous, word) in self.pairs or (word, after) in self.pairs:
                return word
            best = word
            best_cost = _REAL_WORD_LIMIT - _CONTEXT_BONUS + 1e-9
            for candidate, cost in self.candidates(word, keep_forms=False):
                if candidate in guarded:
                    continue  # "the moon" is no "the mon" unless the words say when
                if stem(candidate) == stem(word) or (
                    self.frequency[candidate] < _MORE_FREQUENT * self.frequency[word]
                ):
                    # "way" is no slip of "ways", nor "think" of "thank": a model word is read
                    # as another only if the samples say that one far more often ("top", "tip").
                    continue
                total = self._context_cost(candidate, cost, previous, after)
                if total < best_cost:
                    best, best_cost = candidate, total
            return best
        options = self.candidates(word, keep_forms)
        if self.known(word):
            options = tuple(option for option in options if option[0] not in guarded)
        if not options:
            return word
        return min(
            options,
            key=lambda item: (
                self._context_cost(item[0], item[1], previous, after),
                -self.frequency[item[0]],
                item[0],
            ),
        )[0]

    def correct_all(
        self, tokens: Sequence[str], keep_forms: bool = True, guarded: frozenset[str] = frozenset()
    ) -> list[str]:
        """Each token corrected, in the context of the words beside it: first the words no one
        knows, then a real word the corrected words around it read as another, never as one of
        ``guarded`` (a real word is no slip of those)."""
        first: list[str] = []
        for index in range(len(tokens)):
            word = tokens[index]
            if self.known(word) and (len(tokens) > 1 or word in self.frequency):
                first.append(word)
            else:
                previous = first[-1] if first else ""
                first.append(self._in_context(tokens, index, previous, keep_forms, guarded))
        out: list[str] = []
        for index in range(len(first)):
            word = first[index]
            if word == tokens[index] and self.known(word) and len(first) > 1:
                previous = out[-1] if out else ""
                word = self._in_context(first, index, previous, keep_forms, guarded)
            out.append(word)
        return out

    def _pieces(self, word: str, english: bool = False) -> list[str] | None:
        """A word that is two or three words typed without their spaces, one a model word
        (the others English words too if ``english``)."""
        best: list[str] | None = None
        best_key = (4, 0)
        for i in range(1, len(word)):
            head, rest = word[:i], word[i:]
            if not self._piece(head, english):
                continue
            splits = [[rest]] if self._piece(rest, english) else []
            splits += [
                [rest[:j], rest[j:]]
                for j in range(1, len(rest))
                if self._piece(rest[:j], english) and self._piece(rest[j:], english)
            ]
            for tail in splits:
                pieces = [head, *tail]
                foreign = [p for p in pieces if p not in self.frequency and p not in self.extra]
                if (
                    not any(p in self.frequency for p in pieces)
                    or len(pieces[-1]) == 1
                    or (foreign and (len(pieces) > 2 or any(len(p) < 4 for p in foreign)))
                ):
                    # English words only ("you tube") are nothing the model would read, and a
                    # word ending in "a" is more often a name ("dana") than a joined "a".
                    continue
                key = (len(pieces), -min(self.frequency[p] for p in pieces))
                if key < best_key:
                    best, best_key = pieces, key
        return best

    def _piece(self, word: str, english: bool = False) -> bool:
        if english and len(word) >= 3 and word in self.english:
            return True  # "me against": an English word beside a model word
        if word in self.extra:
            return len(word) >= 4  # "please", "wanna"; not "ur", "er"
        return word in self.frequency and (len(word) >= 2 or word in _PIECE_WORDS)

    def _joins(self, word: str, following: str) -> str | None:
        """The word two tokens are, typed with a space inside it ("bound aries"), if they are."""
        joined = word + following
        if not (word.isalpha() and following.isalpha()):
            return None
        if joined in self.frequency or joined in self.extra:
            if not (self.known(word) and self.known(following)):
                return joined
            # Two real words that make a model word: "ex plain", "rest art" (not "my self",
            # both model words, nor a pair the samples hold).
            if (word, following) not in self.pairs and not (
                word in self.frequency and following in self.frequency
            ):
                return joined
            return None
        if self.known(word) or self.known(following) or self.known(joined):
            return None
        options = self.candidates(joined)
        if options and options[0][1] <= _LIMIT - 0.25:
            return options[0][0]  # "strat egy", a slip besides the space
        return None

    def respace(self, tokens: Sequence[str]) -> list[str]:
        """The words with a lost space put back ("trusttip", "givemea") and one typed inside a
        word taken out ("bound aries", "strat egy"); words the model or English knows stay."""
        out: list[str] = []
        index = 0
        while index < len(tokens):
            word = tokens[index]
            joined = self._joins(word, tokens[index + 1]) if index + 1 < len(tokens) else None
            if joined is not None:
                out.append(joined)
                index += 2
                continue
            if len(word) >= 3 and word.isalpha() and not self.known(word):
                options = self.candidates(word)
                # Only a word no slip explains may hold an English word ("meagainst").
                pieces = self._pieces(word, english=not options)
                if pieces is not None and (not options or options[0][1] > _ONE_SLIP):
                    out.extend(pieces)
                    index += 1
                    continue
            out.append(word)
            index += 1
        return out


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
