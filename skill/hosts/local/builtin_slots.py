"""What Alexa's NLU makes of built-in slot types the offline resolver passes on as words.

Alexa fills AMAZON.TIME with ``HH:MM`` (or MO, AF, EV, NI for a part of the day), never with the
words said; the local mode does the same, so the skill reads one format wherever it runs.
"""

from __future__ import annotations

import re
from typing import Any

from interaction_model.text import normalize_tokens, parse_number
from interaction_model.times import time_length

PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "tonight": "NI",
    "night": "NI",
    "mornings": "MO",
    "afternoons": "AF",
    "evenings": "EV",
    "nights": "NI",
}
"""A part of the day said alone, as AMAZON.TIME gives it."""
_MORNING = frozenset({"am", "morning", "mornings"})
_EVENING = frozenset(
    {"pm", "evening", "night", "tonight", "afternoon", "evenings", "nights", "afternoons"}
)
_FIXED = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_CLOCK = re.compile(r"^(\d{1,2})(?::?(\d{2}))?(am|pm)?$")
_NOISE = frozenset(
    {"at", "in", "the", "o'clock", "oclock", "around", "about", "on", "this", "sharp"}
)


def alexa_time(spoken: str) -> str | None:
    """``"seven thirty pm"`` → ``"19:30"``, ``"saturday morning"``'s ``"morning"`` → ``"MO"``,
    ``"half seven in the evening"`` → ``"19:30"``, ``"afternoon at four"`` → ``"16:00"``; a time
    said before other words (``"seven pm to check in"``) is read alone. None when the words hold
    no time."""
    tokens = _joined_periods(normalize_tokens(spoken))
    found = _clock_time([w for w in tokens if w not in _NOISE])
    if found is not None:
        return found
    for index in range(len(tokens)):
        length = time_length(tokens, index)
        if length:
            return _clock_time([w for w in tokens[index : index + length] if w not in _NOISE])
    return None


def _joined_periods(words: list[str]) -> list[str]:
    """ "a m" and "p m" (as "a.m." may be written) as "am" and "pm"."""
    out: list[str] = []
    for word in words:
        if word == "m" and out and out[-1] in ("a", "p"):
            out[-1] += "m"
        else:
            out.append(word)
    return out


def _clock_time(words: list[str]) -> str | None:
    """The time in words without noise, or None."""
    if not words:
        return None
    if len(words) == 1 and words[0] in PARTS_OF_DAY:
        return PARTS_OF_DAY[words[0]]
    if len(words) == 1 and words[0] in _FIXED:
        return _FIXED[words[0]]
    period = None
    while words and words[-1] in _MORNING | _EVENING:
        period = "am" if words[-1] in _MORNING else "pm"
        words.pop()
    if len(words) > 1 and words[0] in PARTS_OF_DAY:
        # The part of the day said first: "afternoon at four", "evening 9 pm".
        period = period or ("am" if words[0] in _MORNING else "pm")
        words = words[1:]
    if not words:
        return None
    if len(words) == 1 and (found := _CLOCK.match(words[0])):
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        period = found.group(3) or period
    else:
        clock = _hour_and_minute(words)
        if clock is None:
            return None
        hour, minute = clock
    if hour > 23 or minute > 59 or (period is not None and not 1 <= hour <= 12):
        return None
    if period == "pm" and hour < 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _hour_and_minute(words: list[str]) -> tuple[int, int] | None:
    """The hour and minutes in words like "seven", "seven thirty", "seven oh five", "7 30",
    "half past seven", "quarter to eight"."""
    if len(words) >= 3 and words[1] in ("past", "after", "to", "til"):
        lead = {"half": 30, "quarter": 15}.get(words[0], parse_number(words[0]))
        hour = parse_number(" ".join(words[2:]))
        if lead is None or hour is None:
            return None
        return (hour, lead) if words[1] in ("past", "after") else ((hour - 1) % 24, 60 - lead)
    if len(words) == 2 and words[0] == "half":
        hour = parse_number(words[1])  # "half seven": half past seven (UK, Australia, India)
        return None if hour is None else (hour, 30)
    hour = parse_number(words[0])
    if hour is None:
        return None
    rest = [w for w in words[1:] if w != "oh"]
    if not rest:
        return hour, 0
    minute = parse_number(" ".join(rest))
    return (hour, minute) if minute is not None else None


def normalize_slots(slots: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    """Alexa-shaped slots with AMAZON.TIME values as Alexa writes them (an unreadable one empty)."""
    out: dict[str, Any] = {}
    for name, slot in slots.items():
        out[name] = slot
        if types.get(name) == "AMAZON.TIME" and slot.get("value"):
            value = alexa_time(str(slot["value"]))
            out[name] = {k: v for k, v in slot.items() if k != "value"}
            if value is not None:
                out[name]["value"] = value
    return out
