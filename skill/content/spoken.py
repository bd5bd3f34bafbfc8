"""Numbers, times and dates as a person in the locale says them, as SSML from the content data.

Every locale's ``[spoken]`` table (skill/content/locales/<locale>/content.toml) says how its
phone numbers are read, how a clock time and a date are put together and the names of the days
and months; the code here only fills those in. The SSML uses what Alexa documents
(``<say-as interpret-as="cardinal|ordinal|digits">`` and ``<sub alias>``) and what the local voice
(speech.render, then espeak-ng) reads the same way, so both say the same words.

For other modules (e.g. reminders): ``spoken_time(content, 19, 30)`` is "seven thirty p.m." in
en-US, ``spoken_date(content, date)`` is "Sunday, December sixth" in en-US and "Sunday the sixth
of December" in en-GB, ``spoken_weekday(content, 6)`` is "Sunday", and ``fill(template, ...)``
puts such fragments into a line of the content without escaping them twice.
"""

from __future__ import annotations

import datetime
import functools
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skill.errors import ContentError
from speech import ssml

if TYPE_CHECKING:
    from skill.content import Content

SAY_AS = frozenset({"digits", "telephone", "cardinal", "ordinal"})
"""The say-as readings a number in ``[spoken] numbers`` may name instead of words."""

_FIELDS = {
    "time": {"hour", "minutes", "period"},
    "time_on_the_hour": {"hour", "period"},
    "minutes_under_ten": {"minutes"},
    "date": {"weekday", "day", "month"},
    "date_without_weekday": {"day", "month"},
}
"""The placeholders each template of ``[spoken]`` may use."""


@dataclass(frozen=True)
class Spoken:
    """How one locale says numbers, times and dates (the ``[spoken]`` table of its content)."""

    numbers: tuple[tuple[str, str], ...]
    """(written, said): a number as the lines write it, and its reading: words (e.g. "triple
    zero") or one of SAY_AS (e.g. "digits": "nine nine nine")."""
    time: str
    """A clock time with minutes, e.g. "{hour} {minutes} {period}"."""
    time_on_the_hour: str
    """A clock time on the hour, e.g. "{hour} {period}"."""
    minutes_under_ten: str
    """Minutes 1 to 9 after the hour, e.g. "oh {minutes}" (seven oh five)."""
    am: str
    """The words after a morning time, e.g. "a.m."."""
    pm: str
    """The words after an afternoon or evening time, e.g. "p.m."."""
    noon: str
    """12:00, e.g. "noon" or "midday"."""
    midnight: str
    """00:00."""
    date: str
    """A date with its weekday, e.g. "{weekday}, {month} {day}" ({day} is said as an ordinal)."""
    date_without_weekday: str
    """A date alone, e.g. "{month} {day}"."""
    weekdays: tuple[str, ...]
    """Monday to Sunday (Python's weekday() order)."""
    months: tuple[str, ...]
    """January to December."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Spoken:
        """Build from the ``[spoken]`` table; one clear ContentError when it is misshapen."""
        numbers = tuple(tuple(pair) for pair in data["numbers"])
        if not all(len(p) == 2 and all(isinstance(s, str) and s for s in p) for p in numbers):
            raise ContentError("spoken.numbers: each item is [written, said], two strings")
        for key, allowed in _FIELDS.items():
            used = {name for _, name, _, _ in string.Formatter().parse(data[key]) if name}
            if not used <= allowed:
                raise ContentError(f"spoken.{key}: only {sorted(allowed)} may be filled in")
        if len(data["weekdays"]) != 7 or len(data["months"]) != 12:
            raise ContentError("spoken: weekdays names the 7 days, months the 12 months")
        return cls(
            numbers=tuple((written, said) for written, said in numbers),
            time=str(data["time"]),
            time_on_the_hour=str(data["time_on_the_hour"]),
            minutes_under_ten=str(data["minutes_under_ten"]),
            am=str(data["am"]),
            pm=str(data["pm"]),
            noon=str(data["noon"]),
            midnight=str(data["midnight"]),
            date=str(data["date"]),
            date_without_weekday=str(data["date_without_weekday"]),
            weekdays=tuple(map(str, data["weekdays"])),
            months=tuple(map(str, data["months"])),
        )

    def reading(self, written: str) -> ssml.Fragment:
        """SSML for one number of ``numbers``: say-as for a reading, sub with the words else."""
        said = dict(self.numbers)[written]
        if said in SAY_AS:
            return ssml.Fragment(f'<say-as interpret-as="{said}">{ssml.escape(written)}</say-as>')
        return ssml.Fragment(f'<sub alias="{ssml.escape(said)}">{ssml.escape(written)}</sub>')

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.numbers:
            return None
        written = sorted((w for w, _ in self.numbers), key=len, reverse=True)
        # A whole number only: "999" is not read inside "0808 2000 2999".
        return re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, written))})(?![\w-])")


def number(n: int) -> ssml.Fragment:
    """A count or a number, e.g. 3: ``<say-as interpret-as="cardinal">3</say-as>``."""
    return ssml.Fragment(f'<say-as interpret-as="cardinal">{int(n)}</say-as>')


def ordinal(n: int) -> ssml.Fragment:
    """A position, e.g. 3: ``<say-as interpret-as="ordinal">3</say-as>`` ("third")."""
    return ssml.Fragment(f'<say-as interpret-as="ordinal">{int(n)}</say-as>')


def text(content: Content, value: str) -> ssml.Fragment:
    """Plain text as SSML, each of the locale's known numbers read as ``[spoken] numbers`` says.

    A fragment (already SSML) is returned as it is.
    """
    if isinstance(value, ssml.Fragment):
        return value
    spoken = content.spoken
    pattern = spoken._pattern
    if pattern is None:
        return ssml.text(value)
    parts: list[str] = []
    last = 0
    for found in pattern.finditer(value):
        parts.append(ssml.escape(value[last : found.start()]))
        parts.append(spoken.reading(found.group(1)))
        last = found.end()
    parts.append(ssml.escape(value[last:]))
    return ssml.Fragment("".join(parts))


def fill(content: Content, template: str, **values: object) -> ssml.Fragment:
    """A line of the content with its ``{placeholders}`` filled, as SSML.

    The template's own words have their numbers read as the locale says them; plain values are
    only escaped (a number the user said, e.g. "no number 911", is not a phone number); fragments,
    such as spoken_time() or spoken_date(), are put in as they are.
    """
    parts: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        parts.append(text(content, literal))
        if name is None:
            continue
        value = values[name]
        if isinstance(value, ssml.Fragment):
            parts.append(value)
        else:
            field = "{" + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            parts.append(ssml.escape((field + "}").format(value)))
    return ssml.Fragment("".join(parts))


def say(content: Content, key: str, **values: object) -> ssml.Fragment:
    """One of the skill's lines (``[lines]``), as SSML with its numbers said the local way."""
    return fill(content, content.lines[key], **values)


def spoken_time(content: Content, hour: int, minute: int = 0) -> ssml.Fragment:
    """A clock time (24-hour ``hour``, 0 to 23) as the locale says it: "seven thirty p.m."."""
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"not a time of day: {hour:02d}:{minute:02d}")
    spoken = content.spoken
    if minute == 0 and hour in (0, 12):
        return ssml.Fragment(ssml.escape(spoken.midnight if hour == 0 else spoken.noon))
    period = spoken.am if hour < 12 else spoken.pm
    hour12 = hour % 12 or 12
    if minute == 0:
        return fill(content, spoken.time_on_the_hour, hour=number(hour12), period=period)
    minutes = number(minute)
    if minute < 10:
        minutes = fill(content, spoken.minutes_under_ten, minutes=minutes)
    return fill(content, spoken.time, hour=number(hour12), minutes=minutes, period=period)


def spoken_weekday(content: Content, weekday: int) -> str:
    """The name of a day (0 is Monday, as ``date.weekday()``), e.g. "Sunday"."""
    return content.spoken.weekdays[weekday]


def spoken_date(content: Content, date: datetime.date, *, weekday: bool = True) -> ssml.Fragment:
    """A date as the locale says it, e.g. "Sunday, December sixth" or "Sunday the sixth of
    December"; without the weekday when ``weekday`` is False. The year is not said."""
    spoken = content.spoken
    values: dict[str, object] = {"day": ordinal(date.day), "month": spoken.months[date.month - 1]}
    if weekday:
        return fill(content, spoken.date, weekday=spoken.weekdays[date.weekday()], **values)
    return fill(content, spoken.date_without_weekday, **values)
