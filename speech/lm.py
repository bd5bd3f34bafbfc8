"""A statistical language model of what a skill's users say, built from its interaction model.

Every sample utterance is expanded with its slot values, and the sentences become a trigram
model with Witten-Bell smoothing, written in the ARPA format pocketsphinx reads. Unlike a
grammar, the model gives some probability to word orders no sample has ("next one please",
"strategy six what is it"), so the recognizer can hand the resolver words it was not told
about, and the resolver decides what they mean.

Each sample gets the same weight however many slot values it expands to, so one sample with
ninety strategy names does not drown out "stop".
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

BOS = "<s>"
EOS = "</s>"
ORDER = 3
_UNIGRAM_FLOOR = 0.05
"""Count every vocabulary word gets in the unigram, so no word is impossible."""


@dataclass(frozen=True)
class Sentence:
    """One phrase of the training text and its weight (a fractional count)."""

    words: tuple[str, ...]
    """The words, without sentence markers."""
    weight: float = 1.0
    """How many times the phrase counts."""
    prefixes: tuple[tuple[tuple[str, ...], float], ...] = ()
    """Heads the phrase is also said after, each with its weight ("ask trust coach for" + the
    words): counted as those whole sentences, without writing each one out."""


Words = tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    """Many sentences at once: one reading of each part after another, every combination.

    A sample with two slots ("my {partner} {harm} me", 63 and 139 values) is thousands of
    sentences; counted as a pattern, its n-grams are gathered part by part without writing
    one sentence out, and the counts are those of the sentences (`sentences`) written out.
    """

    parts: tuple[tuple[Words, ...], ...]
    """Each part's readings, in order; every reading has at least one word."""
    weight: float = 1.0
    """How many times each sentence counts."""
    prefixes: tuple[tuple[Words, float], ...] = ()
    """Heads each sentence is also said after, with the weight per sentence (as Sentence's)."""

    @property
    def size(self) -> int:
        """How many sentences the pattern stands for."""
        return math.prod(len(part) for part in self.parts) if self.parts else 0

    @property
    def words(self) -> frozenset[str]:
        """Every word of every reading."""
        return frozenset(itertools.chain.from_iterable(itertools.chain.from_iterable(self.parts)))

    def sentences(self) -> Iterator[Sentence]:
        """The sentences written out, in the order of itertools.product."""
        if not self.parts:
            return
        for combination in itertools.product(*self.parts):
            words = tuple(itertools.chain.from_iterable(combination))
            yield Sentence(words, self.weight, self.prefixes)


def _ngrams(words: Sequence[str], order: int) -> Iterable[tuple[str, ...]]:
    padded = (BOS, *words, EOS)
    for end in range(1, len(padded)):
        for n in range(1, order + 1):
            start = end + 1 - n
            if start < 0:
                break
            yield tuple(padded[start : end + 1])


def _head_ngrams(head: Sequence[str], order: int) -> list[tuple[str, ...]]:
    """The n-grams of <s> and the head alone (the same for every sentence after that head)."""
    padded = (BOS, *head)
    return [
        tuple(padded[end + 1 - n : end + 1])
        for end in range(1, len(padded))
        for n in range(1, min(order, end + 1) + 1)
    ]


def _boundary_ngrams(
    head: Sequence[str], words: Sequence[str], order: int
) -> list[tuple[str, ...]]:
    """The n-grams of (head, words) that start in <s> or the head and end in the words."""
    inside = len(head) + 1
    padded = (BOS, *head, *words, EOS)[: inside + order - 1]
    return [
        tuple(padded[end + 1 - n : end + 1])
        for end in range(inside, len(padded))
        for n in range(end + 2 - inside, min(order, end + 1) + 1)
    ]


def _starts(parts: Sequence[Sequence[Words]], length: int) -> dict[Words, int]:
    """The first `length` words of the pattern's sentences with </s> after them → how many."""
    found: dict[Words, int] = defaultdict(int)
    size = math.prod(len(part) for part in parts)

    def walk(index: int, words: Words, ways: int) -> None:
        if len(words) >= length or index == len(parts):
            found[(*words, EOS)[:length]] += size // ways
            return
        for reading in parts[index]:
            walk(index + 1, (*words, *reading), ways * len(parts[index]))

    walk(0, (), 1)
    return found


@dataclass(frozen=True)
class _Part:
    """A pattern part's readings, as counting sees them."""

    inside: Mapping[Words, int]
    """Every n-gram within a reading → in how many readings (counting repeats)."""
    openings: Sequence[Sequence[tuple[Words, int]]]
    """openings[i]: the first i+1 words of the readings (up to ORDER-1) → how many start so,
    with those of fewer words (openings[0] the first words alone)."""
    endings: Mapping[Words, int]
    """Last ORDER-1 words of the readings at least that long → how many."""
    short: tuple[Words, ...]
    """The readings shorter than ORDER-1 words."""


_END: tuple[Words, ...] = ((EOS,),)
"""The part every sentence ends with."""


class TrigramCounts:
    """Fractional n-gram counts up to ORDER."""

    def __init__(self, order: int = ORDER) -> None:
        """Start empty."""
        self.order = order
        self.counts: list[dict[tuple[str, ...], float]] = [defaultdict(float) for _ in range(order)]
        self.heads: dict[tuple[str, ...], float] = defaultdict(float)
        """Prefix → weight of the sentences said after it, not yet counted (add_heads)."""
        self.boundaries: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = defaultdict(float)
        """(prefix, first words of a sentence) → weight, not yet counted (add_heads)."""
        self.parts: list[_Part] = []
        """The patterns' parts (by number): their readings' n-grams, first and last words."""
        self._keys: dict[tuple[Words, ...], int] = {}
        self._ids: dict[int, tuple[tuple[Words, ...], int]] = {}
        self.inside: dict[int, float] = defaultdict(float)
        """Part number → weight of its inside n-grams, not yet counted (add_heads)."""
        self.reach: dict[tuple[Words, int], float] = defaultdict(float)
        """(last words before a part, part) → weight of the n-grams from those words into the
        part's readings, not yet counted (add_heads)."""

    def add(self, sentence: Sentence) -> None:
        """Count every n-gram of the sentence (with <s> and </s>) by its weight, and of each
        prefixed version by the prefix's weight."""
        # Each head changes only the n-grams that reach into it; the rest count once, by the
        # sentence's and the heads' weights together (one-shot phrasings are most of a skill's
        # training text). The n-grams that reach from a head into the sentence depend only on
        # its first words, so they are gathered per (head, first words) and counted once in
        # add_heads, with the head's own n-grams.
        total = 0.0
        if sentence.prefixes:
            start = (*sentence.words, EOS)[: self.order - 1]
            for head, weight in sentence.prefixes:
                self.boundaries[(head, start)] += weight
                self.heads[head] += weight
                total += weight
        # The n-grams of <s> words </s> (as _ngrams, written for speed: this is most of the
        # time the model takes to build): those starting at <s> by the sentence's weight.
        padded = (BOS, *sentence.words, EOS)
        weight = sentence.weight
        inner = weight + total
        for n, counts in enumerate(self.counts, start=1):
            grams = (
                zip(*(padded[i:] for i in range(n)), strict=False)
                if n > 1
                else ((w,) for w in padded[1:])
            )
            for gram in grams:
                counts[gram] += weight if gram[0] == BOS else inner

    def add_pattern(self, pattern: Pattern) -> None:
        """Count every sentence of the pattern as add() would, part by part.

        A left-to-right pass keeps, for each last ORDER-1 words so far, how many partial
        sentences end in them; an n-gram inside a reading counts once per partial sentence
        before it times the ways to finish after it, and one that reaches back from a reading
        into earlier words counts per those last words.
        """
        size = pattern.size
        if size <= 1:
            for sentence in pattern.sentences():  # one sentence: add() is quicker
                self.add(sentence)
            return
        total = 0.0
        if pattern.prefixes:
            starts = _starts(pattern.parts, self.order - 1)
            for head, weight in pattern.prefixes:
                for start, number in starts.items():
                    self.boundaries[(head, start)] += weight * number
                self.heads[head] += weight * size
                total += weight
        weight = pattern.weight
        inner = weight + total
        context = self.order - 1
        parts: tuple[tuple[Words, ...], ...] = (*pattern.parts, _END)
        after = [1] * len(parts)
        for index in range(len(parts) - 2, -1, -1):
            after[index] = after[index + 1] * len(parts[index + 1])
        states: dict[Words, int] = {(BOS,): 1}
        for part, rest in zip(parts, after, strict=True):
            key, info = self._part(part)
            ways = sum(states.values())
            # The n-grams inside the readings count once per way to reach the part and to
            # finish after it; the part's total is counted at the end (add_heads).
            self.inside[key] += inner * (ways * rest)
            # Those reaching back depend on the last words before the part (a tail): gathered
            # per (tail, part) too. A tail starting with <s> counts by the sentence's weight.
            reach = self.reach
            for state, number in states.items():
                for k in range(1, min(context, len(state)) + 1):
                    tail = state[-k:]
                    reach[(tail, key)] += (weight if tail[0] == BOS else inner) * (number * rest)
            # The next states: a reading as long as the context is one by itself; a shorter
            # one keeps the end of each state before it.
            following: dict[Words, int] = defaultdict(int)
            for ending, readings in info.endings.items():
                following[ending] += ways * readings
            for reading in info.short:
                keep = context - len(reading)
                for state, number in states.items():
                    following[state[-keep:] + reading] += number
            states = following

    def _part(self, part: tuple[Words, ...]) -> tuple[int, _Part]:
        """A number for the part, and what counting needs to know of its readings (worked out
        once per part; looked up by identity first, as hashing a long part each time is slow)."""
        known = self._ids.get(id(part))
        if known is not None and known[0] is part:
            return known[1], self.parts[known[1]]
        key = self._keys.setdefault(part, len(self._keys))
        self._ids[id(part)] = (part, key)
        if key == len(self.parts):
            context = self.order - 1
            inside: dict[Words, int] = defaultdict(int)
            openings: dict[Words, int] = defaultdict(int)
            endings: dict[Words, int] = defaultdict(int)
            for reading in part:
                for end in range(len(reading)):
                    for n in range(1, min(self.order, end + 1) + 1):
                        inside[reading[end + 1 - n : end + 1]] += 1
                for end in range(min(len(reading), context)):
                    openings[reading[: end + 1]] += 1
                if len(reading) >= context:
                    endings[reading[-context:]] += 1
            short = tuple(reading for reading in part if len(reading) < context)
            by_length = [
                [(opening, n) for opening, n in openings.items() if len(opening) <= length]
                for length in range(1, context + 1)
            ]
            self.parts.append(_Part(inside, by_length, endings, short))
        return key, self.parts[key]

    def add_heads(self) -> None:
        """Count the n-grams of the prefixes themselves and those that reach from a prefix into
        the sentences said after it, by their total weights."""
        for key, weight in self.inside.items():
            for gram, number in self.parts[key].inside.items():
                self.counts[len(gram) - 1][gram] += weight * number
        for (tail, key), weight in self.reach.items():
            for opening, number in self.parts[key].openings[self.order - 1 - len(tail)]:
                gram = tail + opening
                self.counts[len(gram) - 1][gram] += weight * number
        self.inside.clear()
        self.reach.clear()
        for head, weight in self.heads.items():
            for gram in _head_ngrams(head, self.order):
                self.counts[len(gram) - 1][gram] += weight
        for (head, start), weight in self.boundaries.items():
            words = start[:-1] if start[-1] == EOS else start
            for gram in _boundary_ngrams(head, words, self.order):
                self.counts[len(gram) - 1][gram] += weight
        self.heads.clear()
        self.boundaries.clear()

    @property
    def vocabulary(self) -> list[str]:
        """Every word seen, sorted (sentence markers included)."""
        return sorted({BOS, *(gram[0] for gram in self.counts[0])})


def _log10(p: float) -> float:
    return math.log10(p) if p > 0 else -99.0


def arpa(sentences: Iterable[Sentence | Pattern], order: int = ORDER) -> str:
    """An interpolated Witten-Bell n-gram model of the sentences, as ARPA text."""
    counts = TrigramCounts(order)
    for sentence in sentences:
        if isinstance(sentence, Pattern):
            counts.add_pattern(sentence)
        else:
            counts.add(sentence)
    counts.add_heads()
    vocabulary = counts.vocabulary
    unigrams = counts.counts[0]
    total = sum(c for gram, c in unigrams.items() if gram[0] != BOS)
    floor = _UNIGRAM_FLOOR * (len(vocabulary) - 1)
    probabilities: list[dict[tuple[str, ...], float]] = [{} for _ in range(order)]
    probabilities[0] = {
        (word,): (unigrams.get((word,), 0.0) + _UNIGRAM_FLOOR) / (total + floor)
        for word in vocabulary
        if word != BOS
    }
    # For a history h: c(h) = sum of its continuations, T(h) = their number. The n-grams are
    # taken in sorted order, so each history's continuations come together.
    backoffs: list[dict[tuple[str, ...], float]] = [{} for _ in range(order)]
    ordered: list[list[tuple[str, ...]]] = [sorted(probabilities[0])]
    for n in range(2, order + 1):
        grams = counts.counts[n - 1]
        keys = sorted(grams)
        ordered.append(keys)
        lower = probabilities[n - 2]
        current = probabilities[n - 1]
        backoff = backoffs[n - 2]
        for history, group in itertools.groupby(keys, key=_history):
            continuations = list(group)
            c = 0.0
            for gram in continuations:
                c += grams[gram]
            t = len(continuations)
            for gram in continuations:
                below = lower.get(gram[1:])
                if below is None:
                    below = _lower(probabilities, backoffs, gram[1:])
                current[gram] = (grams[gram] + t * below) / (c + t)
            backoff[history] = t / (c + t)
    lines = ["\\data\\"]
    lines += [f"ngram {n + 1}={len(probabilities[n]) + (n == 0)}" for n in range(order)]
    log10 = math.log10
    for n in range(order):
        lines += ["", f"\\{n + 1}-grams:"]
        if n == 0:
            lines.append(f"-99.0000\t{BOS}\t{_log10(backoffs[0].get((BOS,), 1.0)):.4f}")
        current = probabilities[n]
        backoff = backoffs[n] if n < order - 1 else {}
        for gram in ordered[n]:
            p = current[gram]
            entry = f"{log10(p) if p > 0 else -99.0:.4f}\t{' '.join(gram)}"
            weight = backoff.get(gram)
            if weight is not None:
                entry += f"\t{_log10(weight):.4f}"
            lines.append(entry)
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)


def _history(gram: tuple[str, ...]) -> tuple[str, ...]:
    return gram[:-1]


def _lower(
    probabilities: Sequence[Mapping[tuple[str, ...], float]],
    backoffs: Sequence[Mapping[tuple[str, ...], float]],
    gram: tuple[str, ...],
) -> float:
    """P(gram[-1] | gram[:-1]) from the lower orders already computed, backing off as needed."""
    found = probabilities[len(gram) - 1].get(gram)
    if found is not None:
        return found
    if len(gram) == 1:
        return 0.0
    return backoffs[len(gram) - 2].get(gram[:-1], 1.0) * _lower(probabilities, backoffs, gram[1:])
