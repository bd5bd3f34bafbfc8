"""A weekly check-in time: read from slots, written as an RFC 5545 rule, read back from one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RFC 5545 weekday codes, Monday first (also the WEEKDAY slot's value ids)."""

PARTS_OF_DAY = ("MO", "AF", "EV", "NI")
"""What Alexa's AMAZON.TIME gives for "morning", "afternoon", "evening" and "night"."""

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_RULE_PART = re.compile(r"([A-Z]+)=([A-Z0-9,]+)")


@dataclass(frozen=True)
class Weekly:
    """Once a week, on one day at one time of day (the device's own time zone)."""

    day: str
    """RFC 5545 weekday code, e.g. "SU"."""
    hour: int
    """0 to 23."""
    minute: int
    """0 to 59."""

    @property
    def clock(self) -> str:
        """``HH:MM``, as AMAZON.TIME writes a time."""
        return f"{self.hour:02d}:{self.minute:02d}"

    def rule(self) -> str:
        """The recurrence rule the Reminders API takes (``recurrenceRules``)."""
        return (
            f"FREQ=WEEKLY;BYDAY={self.day};BYHOUR={self.hour};BYMINUTE={self.minute};"
            "BYSECOND=0;INTERVAL=1"
        )

    def to_attributes(self) -> dict[str, str]:
        """The JSON-ready form kept with the reminder's record."""
        return {"day": self.day, "time": self.clock}

    @classmethod
    def from_attributes(cls, value: object) -> Weekly | None:
        """Read ``{"day": "SU", "time": "19:00"}``; None when malformed."""
        if not isinstance(value, Mapping):
            return None
        day, time = value.get("day"), value.get("time")
        clock = parse_clock(time) if isinstance(time, str) else None
        if day not in DAYS or clock is None:
            return None
        return cls(str(day), *clock)

    @classmethod
    def from_rule(cls, rule: str) -> Weekly | None:
        """The weekly time an RFC 5545 rule names; None for any other kind of rule."""
        parts = dict(_RULE_PART.findall(rule.upper()))
        if parts.get("FREQ") != "WEEKLY" or parts.get("BYDAY") not in DAYS:
            return None
        hour, minute = parts.get("BYHOUR", ""), parts.get("BYMINUTE", "0")
        if not hour.isdigit() or not minute.isdigit():
            return None
        if int(hour) > 23 or int(minute) > 59:
            return None
        return cls(parts["BYDAY"], int(hour), int(minute))


def parse_clock(value: str) -> tuple[int, int] | None:
    """``"19:00"`` → (19, 0); None for anything else."""
    found = _CLOCK.match(value.strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


def parse_time(value: str | None, parts: Mapping[str, str]) -> tuple[int, int] | None:
    """An AMAZON.TIME value: ``HH:MM``, or a part of the day (``EV``) at the time ``parts`` gives
    it in the content; None when there is no time in it (or Alexa heard "?")."""
    if not value:
        return None
    value = value.strip().upper()
    if value in parts:
        return parse_clock(parts[value])
    return parse_clock(value)
