"""The skill's state: typed views over session and persistent attributes, and their merge.

Persistent attributes are shaped so that two devices of one user can always be merged without a
common ancestor: visit counts are per-device counters, heard tips are a set per round, and the
rest is last-writer-wins by request timestamp.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_LOGGER = logging.getLogger(__name__)

SESSION_SCHEMA = 1
"""Bumped when the meaning of a session attribute changes; older sessions are reset."""


def _int(value: object, default: int = 0) -> int:
    """``value`` if it is a non-negative int (bools excluded), else ``default``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return default
    return int(value)


def _str_list(value: object, allowed: Sequence[str]) -> list[str]:
    """The strings of ``value`` that are in ``allowed``, in order, without duplicates."""
    if not isinstance(value, list):
        return []
    allowed_set = set(allowed)
    return [item for item in dict.fromkeys(value) if isinstance(item, str) and item in allowed_set]


def _stamped(value: object) -> dict[str, Any] | None:
    """A last-writer-wins record ``{"at": timestamp, ...}``, or None if malformed."""
    if isinstance(value, dict) and isinstance(value.get("at"), str):
        return dict(value)
    return None


@dataclass
class TipPlan:
    """The per-user shuffled order of tips and what was heard in the current round."""

    round: int
    """How many times the user started over the nine tips (0 before the first tip)."""
    order: list[str]
    """This round's shuffled strategy ids."""
    heard: list[str]
    """Strategy ids heard in this round, in the order heard."""

    @classmethod
    def from_attributes(cls, value: object, ids: Sequence[str]) -> TipPlan:
        """Read from persistent attributes, repairing anything malformed or stale."""
        data = value if isinstance(value, dict) else {}
        order = _str_list(data.get("order"), ids)
        if sorted(order) != sorted(ids):
            return cls(round=_int(data.get("round")), order=[], heard=[])
        return cls(
            round=_int(data.get("round")), order=order, heard=_str_list(data.get("heard"), ids)
        )

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form kept in persistent attributes."""
        return {"round": self.round, "order": list(self.order), "heard": list(self.heard)}

    def next_tip(self, user_id: str, ids: Sequence[str]) -> tuple[str, bool]:
        """Pick the next unheard tip; returns it and whether a new round began."""
        new_round = not self.order or all(i in self.heard for i in self.order)
        if new_round:
            last = self.heard[-1] if self.heard else None
            self.round += 1
            self.order = shuffled(ids, f"{user_id}:{self.round}", avoid_first=last)
            self.heard = []
        tip = next(i for i in self.order if i not in self.heard)
        return tip, new_round and self.round > 1

    def mark_heard(self, strategy_id: str) -> None:
        """Record that a tip was spoken (by the tip stream, by name or by number)."""
        if self.order and strategy_id not in self.heard:
            self.heard.append(strategy_id)


def shuffled(ids: Sequence[str], seed: str, avoid_first: str | None = None) -> list[str]:
    """A shuffle of ``ids``, stable for a seed, that never starts with ``avoid_first``."""
    import random  # only when a new round starts, not on every cold start

    order = list(ids)
    random.Random(seed).shuffle(order)
    if avoid_first is not None and len(order) > 1 and order[0] == avoid_first:
        order.append(order.pop(0))
    return order


def visits_total(attributes: Mapping[str, Any]) -> int:
    """How many sessions the user has started, over all devices."""
    visits = attributes.get("visits")
    return sum(_int(v) for v in visits.values()) if isinstance(visits, dict) else 0


def count_visit(attributes: dict[str, Any], device_id: str) -> None:
    """Add one session to this device's visit counter."""
    visits = attributes.get("visits")
    if not isinstance(visits, dict):
        visits = {}
    visits[device_id] = _int(visits.get(device_id)) + 1
    attributes["visits"] = visits


def merge(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two versions of one user's persistent attributes written by two devices at once."""
    merged: dict[str, Any] = {**theirs, **ours}
    merged["visits"] = _merge_counters(ours.get("visits"), theirs.get("visits"))
    merged["tips"] = _merge_tips(ours.get("tips"), theirs.get("tips"))
    for key in ("last_strategy", "exercise", "exercise_finished"):
        winner = _later(_stamped(ours.get(key)), _stamped(theirs.get(key)))
        if winner is None:
            merged.pop(key, None)
        else:
            merged[key] = winner
    _LOGGER.info("merged concurrent updates of persistent attributes")
    return merged


def _merge_counters(ours: object, theirs: object) -> dict[str, int]:
    """Per-device counters only grow, so the larger of each pair is the newer."""
    result: dict[str, int] = {}
    for side in (theirs, ours):
        if isinstance(side, dict):
            for device, count in side.items():
                result[str(device)] = max(result.get(str(device), 0), _int(count))
    return result


def _merge_tips(ours: object, theirs: object) -> dict[str, Any]:
    """The later round wins; within one round, what either device heard counts as heard."""
    ours_d = ours if isinstance(ours, dict) else {}
    theirs_d = theirs if isinstance(theirs, dict) else {}
    ours_round, theirs_round = _int(ours_d.get("round")), _int(theirs_d.get("round"))
    if ours_round != theirs_round:
        return dict(ours_d if ours_round > theirs_round else theirs_d)
    order = theirs_d.get("order") or ours_d.get("order") or []
    heard: list[Any] = []
    for side in (theirs_d, ours_d):
        for item in side.get("heard") or []:
            if item not in heard:
                heard.append(item)
    return {"round": ours_round, "order": list(order), "heard": heard}


def _later(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """The record with the later ``at`` timestamp (ISO 8601 strings sort in time order)."""
    if a is None or b is None:
        return a or b
    return a if a["at"] >= b["at"] else b


@dataclass
class Session:
    """A typed view over the session attributes the skill keeps between turns."""

    last_kind: str | None = None
    """What was said last: "tip", "more", "topic", "list", "line", or None."""
    last_id: str | None = None
    """The strategy or topic id that was said last, if any."""
    list_index: int | None = None
    """Position in the strategy list while browsing it (0-based; -1 before the first)."""
    history: tuple[str, ...] = ()
    """Strategy ids spoken in this session, for Previous outside the list."""
    pending: str | None = None
    """What "yes" means after the last question (an action name), if anything."""
    declined: str | None = None
    """What "no" means after the last question (an action name), if anything."""
    last_ssml: str | None = None
    """The last response's speech, for Repeat."""
    last_reprompt: str | None = None
    """The last response's reprompt, for Repeat."""
    exercise_step: int | None = None
    """Current step of the guided exercise while it runs in this session."""

    @classmethod
    def from_attributes(cls, attributes: Mapping[str, Any] | None) -> Session:
        """Read the session attributes; anything from another schema or malformed is dropped."""
        if not attributes or attributes.get("_schema") != SESSION_SCHEMA:
            return cls()

        def opt_str(key: str) -> str | None:
            value = attributes.get(key)
            return value if isinstance(value, str) and value else None

        def opt_int(key: str, minimum: int = 0) -> int | None:
            value = attributes.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
                return value
            return None

        history = attributes.get("history")
        return cls(
            last_kind=opt_str("last_kind"),
            last_id=opt_str("last_id"),
            list_index=opt_int("list_index", minimum=-1),
            history=tuple(h for h in history if isinstance(h, str))
            if isinstance(history, list)
            else (),
            pending=opt_str("pending"),
            declined=opt_str("declined"),
            last_ssml=opt_str("last_ssml"),
            last_reprompt=opt_str("last_reprompt"),
            exercise_step=opt_int("exercise_step"),
        )

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form sent back to Alexa (None values are left out)."""
        values: dict[str, Any] = {
            "_schema": SESSION_SCHEMA,
            "last_kind": self.last_kind,
            "last_id": self.last_id,
            "list_index": self.list_index,
            "history": list(self.history[-9:]) or None,
            "pending": self.pending,
            "declined": self.declined,
            "last_ssml": self.last_ssml,
            "last_reprompt": self.last_reprompt,
            "exercise_step": self.exercise_step,
        }
        return {k: v for k, v in values.items() if v is not None}
