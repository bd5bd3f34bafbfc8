"""Times of day as people say and type them, read the way Alexa's AMAZON.TIME fills its slot.

AMAZON.TIME converts the words into ``HH:MM`` on the 24-hour clock ("four in the morning" →
``04:00``, "two p m" → ``14:00``, "noon" → ``12:00``) and a part of the day said alone into
``MO``, ``AF``, ``EV`` or ``NI``. A clock time without a.m. or p.m. ("at seven") is filled as said
(``07:00``): Alexa fills one value and leaves the guess to the skill (Lex, by contrast, leaves an
ambiguous time empty and lists both readings).

The markets say times in many ways: "at eight pm", "8 30 pm", "6.30pm", "seven thirty in the
evening", "half past seven", "quarter to eight", "twenty past six", British, Australian and
Indian "half seven" (half past seven), "sunday arvo at four" (the afternoon, after
normalization), "friday evening 9 pm", "at 7pm tonight", "noon". A bare number is a time only
with something that makes it one: minutes, a part of the day, a.m. or p.m., o'clock, "past" or
"to", or a word before it that asks for a time ("at four"), so "tip number four" stays a number.

One reader, over normalized tokens (interaction_model.text.normalize_tokens), for every place:

- ``time_length(words, index)``: how many words at ``index`` say a time (the resolver's
  nearest-sample tier reads them as one ``{time}`` value, not as a number and leftover words);
- ``is_time(words)``: whether a slot value's words are all a time (the resolver's patterns);
- ``find_time(words)``: the time said inside a longer utterance, where and its value
  (interaction_model.reminder_requests: "remind us every tuesday at 6:30 pm to check in");
- ``read_time(words)`` and ``alexa_time(spoken)``: the value, as Alexa fills it (the local host
  and the evaluation give the skill what Alexa would).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interaction_model.text import TENS, UNITS, normalize_tokens, parse_number

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
"""A part of the day said alone, as AMAZON.TIME gives it; before a clock time it says which half
of the day the time is in ("evening 9", "afternoon at four")."""

_CODES = frozenset(PARTS_OF_DAY.values())
_FIXED = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0), "lunchtime": (12, 0)}
WORDS = frozenset({*PARTS_OF_DAY, *_FIXED})
"""Words that say a time of day by themselves ("tonight", "noon")."""
_MORNING = frozenset({"am", "morning", "mornings"})
_LATER = frozenset({"pm", "afternoon", "afternoons", "evening", "evenings", "night", "nights"})
_GLUED = re.compile(r"^(\d{1,2})(\d{2})?(am|pm|a|p)$")
"""An hour typed with its a.m. or p.m. ("7pm", "730pm", "7p" of "7p.m.")."""
_GLUED_MINUTES = re.compile(r"\d{2}(am|pm|a|p)")
_APPROXIMATE = frozenset({"at", "around", "about", "by", "for", "like"})
"""Words a slot value may open with before its time ("around seven")."""
_LEADS = frozenset({"at", "around", "about", "by", "for", "till", "until", "to"})
"""Words before a bare hour inside an utterance that make it a time ("at seven", "to 8")."""
_RELATIONS = {"past": 1, "after": 1, "to": -1, "til": -1, "till": -1, "before": -1, "of": -1}
_FILLERS = frozenset({"oclock", "o'clock", "sharp", "ish", "exactly"})
_PERIOD_LEADS = frozenset({"in", "the", "at", "this", "on"})
_ORDINAL_ENDS = ("st", "nd", "rd", "th")
_FIRST_WORDS = frozenset({*UNITS, *TENS, *PARTS_OF_DAY, *_FIXED, "half", "quarter", "a"})
"""The words a time said in words may open with (the others open with a digit)."""


@dataclass(frozen=True)
class FoundTime:
    """A time said inside an utterance."""

    start: int
    """Index of its first word."""
    end: int
    """Index just after its last word."""
    value: str
    """As AMAZON.TIME fills it: ``HH:MM``, or ``MO``/``AF``/``EV``/``NI``."""


@dataclass(frozen=True)
class _Clock:
    """A clock time said at some index of the words."""

    end: int
    hour: int
    minute: int
    period: str | None
    """"am", "pm", or None when neither was said."""
    certain: bool
    """It cannot be a plain number: it has minutes, a.m./p.m., "o'clock", a part of the day,
    "half past", or is noon; a bare "seven" is not certain."""

    @property
    def value(self) -> str | None:
        return _format(self.hour, self.minute, self.period)


def time_length(words: Sequence[str], index: int) -> int:
    """How many words starting at words[index] say a clock time (0 if they do not): a bare hour
    only right after "at", as the samples put it ("remind us on sunday at four")."""
    said = _clock_at(words, index)
    if said is None or not (said.certain or (index > 0 and words[index - 1] == "at")):
        return 0
    return said.end - index


def is_time(words: Sequence[str]) -> bool:
    """Whether the words are all a time of day, as Alexa fills AMAZON.TIME: a clock time (a bare
    number too, since a sample puts "at" before the slot), a part of the day or noon; "reminder
    friday at eight pm" is not one."""
    return read_time(words) is not None


def read_time(words: Sequence[str]) -> str | None:
    """The time the words say, all of them, or None ("seven thirty pm" → "19:30")."""
    words = list(words)
    while words and words[0] in _APPROXIMATE:
        del words[0]
    if not words:
        return None
    said = _clock_at(words, 0)
    if said is not None and said.end == len(words):
        return said.value
    part = _part_of_day(words, 0)
    if part is not None and part[0] == len(words):
        return part[1]
    return None


def find_time(words: Sequence[str], *, bare_hour: bool = False) -> FoundTime | None:
    """The first time said inside the words, or None.

    A bare hour ("seven") counts only after "at", "around", ... ("at seven") or when
    ``bare_hour`` (the skill just asked for a time); a part of the day alone ("saturday
    mornings") counts when no clock time is said, and gives a later clock time without a.m. or
    p.m. its half of the day ("evening, remind us at seven" → 19:00).
    """
    part: FoundTime | None = None
    for start in range(len(words)):
        said = _clock_at(words, start)
        if said is not None:
            led = start > 0 and words[start - 1] in _LEADS
            if said.certain or led or bare_hour:
                period = said.period
                if period is None and part is not None:
                    period = "am" if part.value == "MO" else "pm"
                value = _format(said.hour, said.minute, period)
                if value is not None:
                    first = start - 1 if led and words[start - 1] != "to" else start
                    return FoundTime(first, said.end, value)
        if part is None:
            alone = _part_of_day(words, start)
            if alone is not None:
                part = FoundTime(start, alone[0], alone[1])
    return part


def alexa_time(spoken: str) -> str | None:
    """What AMAZON.TIME fills for a slot's words: ``"seven thirty pm"`` → ``"19:30"``,
    ``"saturday morning"`` → ``"MO"``, ``"half seven in the evening"`` → ``"19:30"``; a time said
    before other words (``"seven pm to check in"``) is read alone. None when no time is said."""
    if spoken.strip() in _CODES:
        return spoken.strip()  # as Alexa writes it already
    tokens = normalize_tokens(spoken)
    value = read_time(tokens)
    for index in range(len(tokens)):
        if value is not None:
            break
        if length := time_length(tokens, index):
            value = read_time(tokens[index : index + length])
    return value


def _format(hour: int, minute: int, period: str | None) -> str | None:
    """``HH:MM`` on the 24-hour clock, or None for no time of day ("13 pm", "7 61")."""
    if minute > 59 or hour > 24 or (period is not None and not 1 <= hour <= 12):
        return None
    if period == "pm" and hour < 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    return f"{hour % 24:02d}:{minute:02d}"


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return parse_number(word) if word.isalpha() else None


def _hour(word: str) -> int | None:
    """An hour said as one word: "7", "19", "seven" (in words, twelve at most; "seventh" is no
    hour)."""
    number = _number(word)
    if number is None or (word.isalpha() and (number > 12 or word.endswith(_ORDINAL_ENDS))):
        return None
    return number


def _clock_at(tokens: Sequence[str], start: int) -> _Clock | None:
    """The clock time said at tokens[start], led by a part of the day ("evening 9 pm",
    "afternoon at four") or not, with what follows it ("pm tonight", "sharp")."""
    word = tokens[start]
    if word not in _FIRST_WORDS and not word[:1].isdigit():
        return None
    if word in PARTS_OF_DAY and start + 1 < len(tokens):
        at = start + 2 if tokens[start + 1] == "at" and start + 2 < len(tokens) else start + 1
        said = _bare_clock_at(tokens, at)
        if said is not None:
            period = said.period or ("am" if word in _MORNING else "pm")
            led = _Clock(said.end, said.hour, said.minute, period, True)
            if led.value is not None:
                return led
        return None
    return _bare_clock_at(tokens, start)


def _bare_clock_at(tokens: Sequence[str], start: int) -> _Clock | None:
    """The clock time starting at tokens[start] ("seven thirty", "half past seven", "7pm")."""
    word = tokens[start]
    if word in _FIXED:
        return _tail(tokens, _Clock(start + 1, *_FIXED[word], None, True))
    relation = _relative_at(tokens, start)
    if relation is not None:
        return _tail(tokens, _Clock(*relation, None, True))
    period: str | None = None
    minute: int | None = None
    end = start + 1
    glued = _GLUED.match(word)
    if glued:
        hour = int(glued.group(1))
        minute = int(glued.group(2)) if glued.group(2) else None
        period = "am" if glued.group(3).startswith("a") else "pm"
        if glued.group(3) in ("a", "p") and end < len(tokens) and tokens[end] == "m":
            end += 1  # "7p.m." reads "7p", "m"
    else:
        number = _hour(word)
        if number is None or number > 24:
            return None
        hour = number
        minute, end = _minutes_at(tokens, end)
        if minute is None and end < len(tokens) and _GLUED_MINUTES.fullmatch(tokens[end]):
            # "6.30pm" typed reads "6", "30pm"
            minute, period, end = int(tokens[end][:2]), tokens[end][2:3] + "m", end + 1
            if end < len(tokens) and tokens[end] == "m" and tokens[end - 1][-1] in "ap":
                end += 1
    said = _Clock(end, hour, minute or 0, period, minute is not None or period is not None)
    if said.value is None:
        return None
    return _tail(tokens, said)


def _tail(tokens: Sequence[str], said: _Clock) -> _Clock | None:
    """The clock time with what follows it and belongs to it: "o'clock", "sharp", a.m. or p.m.,
    "in the evening", "tonight" ("7 pm tonight", "eight thirty in the night")."""
    end, period, certain = said.end, said.period, said.certain
    while end < len(tokens):
        if tokens[end] in _FILLERS:
            end, certain = end + 1, True
            continue
        after = _period_at(tokens, end)
        if after is None:
            break
        end, period, certain = after[0], period or after[1], True
    found = _Clock(end, said.hour, said.minute, period, certain)
    return found if found.value is not None else None


def _period_at(tokens: Sequence[str], index: int) -> tuple[int, str] | None:
    """A.m./p.m. said after a clock time: "pm", "p m", "in the evening", "at night", "tonight"."""
    word = tokens[index]
    if word in ("am", "pm"):
        return index + 1, word
    if word in ("a", "p") and index + 1 < len(tokens) and tokens[index + 1] == "m":
        return index + 2, "am" if word == "a" else "pm"
    if word == "tonight":
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


def _minutes_at(tokens: Sequence[str], index: int) -> tuple[int | None, int]:
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
        spoken = tokens[index : index + length]
        if len(spoken) < length or not all(word.isalpha() for word in spoken):
            continue
        number = parse_number(" ".join(spoken))
        if number is not None and 10 <= number <= 59:
            return number, index + length
    return None, index


def _relative_at(tokens: Sequence[str], start: int) -> tuple[int, int, int] | None:
    """ "half past seven", "quarter to eight", "ten to eight", "twenty past 6", "half seven":
    (end, hour, minute)."""
    index = start
    if tokens[index] == "a" and index + 1 < len(tokens) and tokens[index + 1] == "quarter":
        index += 1
    word = tokens[index]
    lead = {"half": 30, "quarter": 15}.get(word) or _number(word)
    if lead is None or not 0 < lead < 60:
        return None
    index += 1
    if word == "half" and index < len(tokens) and tokens[index] not in _RELATIONS:
        hour = _hour(tokens[index])  # "half seven": half past seven, as said in Britain
        if hour is not None and 1 <= hour <= 12:
            return index + 1, hour, 30
        return None
    if index < len(tokens) and tokens[index] in ("minutes", "minute"):
        index += 1
    if index + 1 >= len(tokens) or tokens[index] not in _RELATIONS:
        return None
    sign = _RELATIONS[tokens[index]]
    hour = _hour(tokens[index + 1])
    if hour is None or not 0 <= hour <= 24:
        return None
    if hour == 0 and tokens[index + 1] not in _FIXED:
        return None
    if sign > 0:
        return index + 2, hour, lead
    return index + 2, (hour - 1) % 24 if hour != 0 else 23, 60 - lead


def _part_of_day(tokens: Sequence[str], start: int) -> tuple[int, str] | None:
    """ "morning", "in the evening", "tonight", "at night" said alone: (end, code)."""
    if tokens[start] not in PARTS_OF_DAY and tokens[start] not in _PERIOD_LEADS:
        return None
    index = start
    while index < len(tokens) and tokens[index] in _PERIOD_LEADS and index - start < 2:
        index += 1
    if index < len(tokens) and tokens[index] in PARTS_OF_DAY:
        return index + 1, PARTS_OF_DAY[tokens[index]]
    return None
