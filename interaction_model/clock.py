"""Times of day as people say and type them, read the way Alexa's AMAZON.TIME fills its slot.

(interaction_model.times finds where a time is said for the resolver's slot tiers; this module
reads the value, for the check-in reminder requests of interaction_model.reminder_requests.)

AMAZON.TIME sends ``HH:MM`` (24-hour) for a time of day and ``MO``, ``AF``, ``EV`` or ``NI`` for a
part of the day said alone. A clock time without a.m. or p.m. ("at seven") is filled as said, on
the 24-hour clock (``07:00``): Alexa fills one value and leaves the guess to the skill (Lex, by
contrast, leaves an ambiguous time empty and lists both readings).

Two entry points over normalized tokens (interaction_model.text.normalize_tokens):

- ``read_time(words)``: the whole phrase is a time ("half past seven in the evening" → 19:30);
- ``find_time(words)``: the time said somewhere inside a longer utterance, and where ("remind us
  every tuesday at 6:30 pm to do our check in" → 18:30, the words "6 30 pm").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interaction_model.text import parse_number

PARTS_OF_DAY = {
    "morning": "MO",
    "mornings": "MO",
    "afternoon": "AF",
    "afternoons": "AF",
    "evening": "EV",
    "evenings": "EV",
    "tonight": "NI",
    "night": "NI",
    "nights": "NI",
}
"""A part of the day said alone, as AMAZON.TIME gives it."""

_CODES = frozenset(PARTS_OF_DAY.values())
_FIXED = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0), "lunchtime": (12, 0)}
_MORNING = frozenset({"am", "morning", "mornings"})
_LATER = frozenset({"pm", "afternoon", "afternoons", "evening", "evenings", "night", "nights"})
_LATER_ALONE = frozenset({"tonight"})
_CLOCK = re.compile(r"^(\d{1,2})(?::?(\d{2}))?(am|pm|a|p)?$")
_GLUED_MINUTES = re.compile(r"\d{2}(am|pm|a|p)")
_LEADS = frozenset({"at", "around", "about", "by", "for", "till", "until", "to"})
"""Words before a bare hour that make it a time ("at seven", "around eight", "to 8")."""
_RELATIONS = {"past": 1, "after": 1, "to": -1, "til": -1, "till": -1, "before": -1, "of": -1}
_FRACTIONS = {"half": 30, "quarter": 15, "a": None}
_FILLERS = frozenset({"oclock", "o'clock", "sharp", "ish", "exactly"})
_PERIOD_LEADS = frozenset({"in", "the", "at", "this", "on"})


@dataclass(frozen=True)
class FoundTime:
    """A time said inside an utterance."""

    start: int
    """Index of its first word."""
    end: int
    """Index just after its last word."""
    value: str
    """As AMAZON.TIME fills it: ``HH:MM``, or ``MO``/``AF``/``EV``/``NI``."""


def read_time(words: Sequence[str]) -> str | None:
    """The time the words say, all of them, or None ("seven thirty pm" → "19:30")."""
    words = list(words)
    while words and words[0] in ("at", "around", "about"):
        del words[0]
    if not words:
        return None
    if len(words) == 1 and words[0].upper() in _CODES:
        return words[0].upper()
    if len(words) == 1 and re.fullmatch(r"\d{2}:\d{2}", words[0]):
        hour, minute = (int(part) for part in words[0].split(":"))
        return _format(hour, minute, None)
    found = _clock_at(list(words), 0)
    if found is not None and found[0] == len(words):
        return _format(found[1], found[2], found[3])
    part = _part_of_day(list(words), 0)
    if part is not None and part[0] == len(words):
        return part[1]
    return None


def find_time(words: Sequence[str], *, bare_hour: bool = False) -> FoundTime | None:
    """The first time said inside the words, or None.

    A bare hour ("seven") counts only after "at", "around", ... ("at seven") or when
    ``bare_hour`` (the skill just asked for a time); a part of the day alone ("saturday
    mornings") counts when no clock time is said, and gives a clock time without a.m. or p.m.
    its half of the day ("evenings at seven" → 19:00).
    """
    tokens = list(words)
    part: FoundTime | None = None
    for start in range(len(tokens)):
        found = _clock_at(tokens, start)
        if found is not None:
            end, hour, minute, period, certain = found
            led = start > 0 and tokens[start - 1] in _LEADS
            if certain or led or bare_hour:
                first = start - 1 if led and tokens[start - 1] != "to" else start
                if period is None and part is not None:
                    period = "am" if part.value == "MO" else "pm"
                    # The words said carry the half of the day: "friday arvo at 5", "nights at 8".
                    first = part.start
                value = _format(hour, minute, period)
                if value is not None:
                    return FoundTime(first, end, value)
        if part is None:
            said = _part_of_day(tokens, start)
            if said is not None:
                part = FoundTime(start, said[0], said[1])
    return part


def _format(hour: int, minute: int, period: str | None) -> str | None:
    """``HH:MM`` on the 24-hour clock, or None for no time of day ("13 pm", "7 61")."""
    if minute > 59 or hour > 24 or (period is not None and not 1 <= hour <= 12):
        return None
    if period == "pm" and hour < 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    return f"{hour % 24:02d}:{minute:02d}"


def _period_at(tokens: list[str], index: int) -> tuple[int, str] | None:
    """A.m./p.m. said after a clock time: "pm", "p m", "in the evening", "at night", "tonight"."""
    if index >= len(tokens):
        return None
    word = tokens[index]
    if word in ("am", "pm"):
        return index + 1, word
    if word in ("a", "p") and index + 1 < len(tokens) and tokens[index + 1] == "m":
        return index + 2, "am" if word == "a" else "pm"
    if word in _LATER_ALONE:
        return index + 1, "pm"
    end = index
    while end < len(tokens) and tokens[end] in _PERIOD_LEADS and end - index < 2:
        end += 1
    if end > index and end < len(tokens):
        if tokens[end] in _MORNING:
            return end + 1, "am"
        if tokens[end] in _LATER:
            return end + 1, "pm"
    return None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return parse_number(word)


def _clock_at(tokens: list[str], start: int) -> tuple[int, int, int, str | None, bool] | None:
    """A clock time starting at tokens[start]: (end, hour, minute, "am"/"pm"/None, certain).

    ``certain``: it cannot be a plain number (it has minutes, a.m./p.m., "o'clock", "half past"
    or is noon); a bare "seven" is not certain.
    """
    word = tokens[start]
    if word in _FIXED:
        return start + 1, *_FIXED[word], None, True
    relation = _relative_at(tokens, start)
    if relation is not None:
        after = _period_at(tokens, relation[0])
        if after is None:
            return *relation, None, True
        return after[0], relation[1], relation[2], after[1], True
    period_word: str | None = None
    minute: int | None = None
    end = start + 1
    glued = _CLOCK.match(word)
    if glued and (glued.group(2) or glued.group(3)):
        hour = int(glued.group(1))
        minute = int(glued.group(2)) if glued.group(2) else None
        if glued.group(3):
            period_word = "am" if glued.group(3).startswith("a") else "pm"
            if glued.group(3) in ("a", "p") and end < len(tokens) and tokens[end] == "m":
                end += 1  # "7p.m." reads "7p", "m"
    else:
        number = _number(word)
        if number is None or number > 24 or word in ("a", "an"):
            return None
        hour = number
        minute, end = _minutes_at(tokens, end)
        if minute is None and end < len(tokens) and _GLUED_MINUTES.fullmatch(tokens[end]):
            # "6.30pm" typed reads "6", "30pm"
            minute, period_word, end = int(tokens[end][:2]), tokens[end][2:3] + "m", end + 1
            if end < len(tokens) and tokens[end] == "m" and tokens[end - 1][-1] in "ap":
                end += 1
    certain = minute is not None or period_word is not None
    while end < len(tokens) and tokens[end] in _FILLERS:
        end += 1
        certain = True
    if period_word is None:
        said = _period_at(tokens, end)
        if said is not None:
            end, period_word = said
            certain = True
    if _format(hour, minute or 0, period_word) is None:
        return None
    return end, hour, minute or 0, period_word, certain


def _minutes_at(tokens: list[str], index: int) -> tuple[int | None, int]:
    """Minutes said after an hour ("thirty", "oh five", "30", "forty five"): (minutes, end)."""
    if index >= len(tokens):
        return None, index
    if tokens[index] == "oh" and index + 1 < len(tokens):
        single = _number(tokens[index + 1])
        if single is not None and single < 10:
            return single, index + 2
        return None, index
    if tokens[index].isdigit() and len(tokens[index]) == 2:
        return int(tokens[index]), index + 1
    for length in (2, 1):
        phrase = " ".join(tokens[index : index + length])
        if len(tokens) - index < length or any(t.isdigit() for t in tokens[index : index + length]):
            continue
        number = parse_number(phrase)
        if number is not None and 10 <= number <= 59:
            return number, index + length
    return None, index


def _relative_at(tokens: list[str], start: int) -> tuple[int, int, int] | None:
    """ "half past seven", "quarter to eight", "ten to eight", "twenty past 6": (end, h, m)."""
    index = start
    if tokens[index] == "a" and index + 1 < len(tokens) and tokens[index + 1] == "quarter":
        index += 1
    word = tokens[index]
    lead = _FRACTIONS.get(word) if word in ("half", "quarter") else _number(word)
    if lead is None or not 0 < lead < 60:
        return None
    index += 1
    if word == "half" and index < len(tokens) and tokens[index] not in _RELATIONS:
        hour = _number(tokens[index])  # "half seven": half past seven, as said in Britain
        if hour is not None and 1 <= hour <= 12:
            return index + 1, hour, 30
        return None
    if index < len(tokens) and tokens[index] in ("minutes", "minute"):
        index += 1
    if index + 1 >= len(tokens) or tokens[index] not in _RELATIONS:
        return None
    sign = _RELATIONS[tokens[index]]
    hour = _number(tokens[index + 1])
    if hour is None or not 0 <= hour <= 24:
        return None
    if hour == 0 and tokens[index + 1] not in _FIXED:
        return None
    if sign > 0:
        return index + 2, hour, lead
    return index + 2, (hour - 1) % 24 if hour != 0 else 23, 60 - lead


def _part_of_day(tokens: list[str], start: int) -> tuple[int, str] | None:
    """ "morning", "in the evening", "tonight", "at night" said alone: (end, code)."""
    index = start
    while index < len(tokens) and tokens[index] in _PERIOD_LEADS and index - start < 2:
        index += 1
    if index < len(tokens) and tokens[index] in PARTS_OF_DAY:
        return index + 1, PARTS_OF_DAY[tokens[index]]
    return None
