"""What Alexa's NLU makes of built-in slot types the offline resolver passes on as words.

Alexa fills AMAZON.TIME with ``HH:MM`` (or MO, AF, EV, NI for a part of the day), never with the
words said; the local mode does the same (interaction_model.time_of_day reads the words), so the
skill reads one format wherever it runs.
"""

from __future__ import annotations

from typing import Any

from interaction_model.time_of_day import alexa_time


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
