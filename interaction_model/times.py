"""Where a time of day is said inside an utterance, in the ways the markets say it.

"at eight pm", "8 30 pm", "seven thirty in the evening", "half past seven", "quarter to eight",
British, Australian and Indian "half seven" (half past seven), "sunday arvo at four" (the
afternoon, after normalization), "friday evening 9 pm", "at 7pm tonight", "noon". The resolver's
nearest-sample tier reads such a span as one ``{time}`` value (as Alexa's NLU fills AMAZON.TIME)
instead of as a number and leftover words; the local mode turns the words into ``HH:MM``.

A bare number is a time only with something that makes it one: minutes, a part of the day, am
or pm, o'clock, "past" or "to", or "at" right before it ("remind us on sunday at four"), so "tip
number four" stays a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from interaction_model.text import parse_number

PARTS = frozenset(
    {
        "morning",
        "mornings",
        "afternoon",
        "afternoons",
        "evening",
        "evenings",
        "night",
        "nights",
        "tonight",
    }
)
"""Parts of the day: before a clock time they say which half of the day it is in."""

_FIXED = frozenset({"noon", "midday", "midnight"})
_CLOCK_WORD = re.compile(r"^\d{1,2}(?:am|pm)$")
_RELATIONS = frozenset({"past", "after", "to", "til", "till"})
_TAILS: tuple[tuple[str, ...], ...] = (
    ("in", "the", "morning"),
    ("in", "the", "afternoon"),
    ("in", "the", "evening"),
    ("in", "the", "night"),
    ("this", "morning"),
    ("this", "afternoon"),
    ("this", "evening"),
    ("at", "night"),
    ("a", "m"),
    ("p", "m"),
    ("am",),
    ("pm",),
    ("oclock",),
    ("sharp",),
    ("tonight",),
)
"""What may follow a clock time and belongs to it ("eight thirty in the night", "7 pm tonight")."""


def _hour(word: str) -> int | None:
    """An hour said as one word: "seven", "7", "19"."""
    if not (word.isdigit() or word.isalpha()):
        return None
    number = parse_number(word)
    if number is None or not 0 <= number <= 23 or (word.isalpha() and number > 12):
        return None
    return number


def _minutes(words: Sequence[str], index: int) -> int:
    """How many words at index say the minutes after an hour ("thirty", "forty five", "oh five",
    "30"); 0 when none do. Minutes under ten need "oh" ("seven oh five")."""
    start = index + 1 if words[index : index + 1] == ["oh"] else index
    for length in (2, 1):
        spoken = words[start : start + length]
        if len(spoken) < length or not all(w.isdigit() or w.isalpha() for w in spoken):
            continue
        number = parse_number(" ".join(spoken))
        if number is not None and 0 <= number <= 59 and (number >= 10 or start > index):
            return start - index + length
    return 0


def _clock(words: Sequence[str], index: int) -> tuple[int, bool]:
    """The length of a clock time at index (0 for none), and whether it is plainly a time."""
    word = words[index]
    if _CLOCK_WORD.match(word) or word in _FIXED:
        return 1, True
    following = words[index + 1 : index + 3]
    if (
        len(following) == 2
        and following[0] in _RELATIONS
        and (word in ("half", "quarter") or _hour(word) is not None)
        and _hour(following[1]) is not None
    ):
        return 3, True  # "half past seven", "quarter to eight", "ten past nine"
    if word == "half" and following[:1] and _hour(following[0]) is not None:
        return 2, True  # "half seven": half past seven
    if _hour(word) is None:
        return 0, False
    minutes = _minutes(words, index + 1) if index + 1 < len(words) else 0
    return 1 + minutes, minutes > 0


def _tail(words: Sequence[str], index: int) -> int:
    """How many words at index say the half of the day or o'clock ("pm tonight" is two)."""
    length = 0
    while True:
        for tail in _TAILS:
            if tuple(words[index + length : index + length + len(tail)]) == tail:
                length += len(tail)
                break
        else:
            return length


def time_length(words: Sequence[str], index: int) -> int:
    """How many words starting at words[index] say a time of day (0 if they do not)."""
    start = index
    lead = False
    if words[start] in PARTS and start + 1 < len(words):
        # "evening 9 pm", "afternoon at four": the part of the day leads the clock time.
        start += 2 if words[start + 1] == "at" and start + 2 < len(words) else 1
        lead = True
    length, plain = _clock(words, start)
    if not length:
        return 0
    end = start + length
    tail = _tail(words, end)
    end += tail
    after_at = index > 0 and words[index - 1] == "at"
    return end - index if plain or lead or tail or after_at else 0


_LEADS = frozenset({"at", "around", "about", "by", "for", "like"})
_PART_PHRASES = frozenset(
    {
        *((part,) for part in PARTS),
        *(("this", part) for part in ("morning", "afternoon", "evening")),
        *(("in", "the", part) for part in ("morning", "afternoon", "evening")),
        ("at", "night"),
    }
)


def is_time(words: Sequence[str]) -> bool:
    """Whether the words are all a time of day, as Alexa fills AMAZON.TIME: a clock time (a bare
    number too, since a sample puts "at" before the slot), a part of the day or noon; "reminder
    friday at eight pm" is not one."""
    words = list(words)
    while words and words[0] in _LEADS:
        words = words[1:]
    if not words:
        return False
    if tuple(words) in _PART_PHRASES or (len(words) == 1 and words[0] in _FIXED):
        return True
    return time_length(["at", *words], 1) == len(words)
