"""The skill's state: typed views over session and persistent attributes, and their merge.

Persistent attributes are shaped so that two devices of one user can always be merged without a
common ancestor: visit counts are per-device counters, heard tips are a set per round, and the
rest is last-writer-wins by request timestamp.
"""

from __future__ import annotations

import enum
import functools
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

_LOGGER = logging.getLogger(__name__)

SESSION_SCHEMA = 1
"""Bumped when the meaning of a session attribute changes; older sessions are reset."""


def _int(value: object, default: int = 0) -> int:
    """``value`` if it is a non-negative int (bools excluded), else ``default``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return default
    return int(value)


def _str_list(value: object, allowed: Sequence[str] | None) -> list[str]:
    """The strings of ``value`` (those in ``allowed``, if given), in order, without duplicates."""
    if not isinstance(value, list):
        return []
    if allowed is None:
        items = [item for item in value if isinstance(item, str)]
    else:
        allowed_set = _as_set(tuple(allowed))
        items = [item for item in value if isinstance(item, str) and item in allowed_set]
    return items if len(set(items)) == len(items) else list(dict.fromkeys(items))


@functools.lru_cache(maxsize=8)
def _as_set(ids: tuple[str, ...]) -> frozenset[str]:
    """The strategy ids as a set, built once per content (this runs on every request)."""
    return frozenset(ids)


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
    def from_attributes(cls, value: object, ids: Sequence[str] | None = None) -> TipPlan:
        """Read from persistent attributes, repairing anything malformed or stale.

        With ``ids`` (this version's strategy ids) an order that is not a shuffle of them is
        dropped; without (the merge, which has no content) the stored ids are kept as they are.
        """
        data = value if isinstance(value, dict) else {}
        order = _str_list(data.get("order"), ids)
        # ``order`` holds only known ids, once each: the same length means all of them.
        if ids is not None and len(order) != len(_as_set(tuple(ids))):
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

    def merged_with(self, theirs: TipPlan) -> TipPlan:
        """The later round wins; within one round, what either device heard counts as heard."""
        if self.round != theirs.round:
            return self if self.round > theirs.round else theirs
        heard = list(dict.fromkeys([*theirs.heard, *self.heard]))
        return TipPlan(round=self.round, order=list(theirs.order or self.order), heard=heard)

    def mark_heard(self, strategy_id: str) -> None:
        """Record that a tip was spoken (by the tip stream, by name or by number)."""
        if self.order and strategy_id not in self.heard:
            self.heard.append(strategy_id)


def shuffled(ids: Sequence[str], seed: str, avoid_first: str | None = None) -> list[str]:
    """A shuffle of ``ids``, stable for a seed, that never starts with ``avoid_first``."""
    import random  # only when a new round starts, not on every cold start

    order = list(ids)
    # As bytes: a user id with a lone surrogate has no UTF-8 (the same shuffle for any other id).
    random.Random(seed.encode("utf-8", "surrogatepass")).shuffle(order)
    if avoid_first is not None and len(order) > 1 and order[0] == avoid_first:
        order.append(order.pop(0))
    return order


class FollowUp(enum.Enum):
    """What "yes" (or "no") means after a question; the value is kept in session attributes."""

    MORE = "more"
    TIP = "tip"
    ANOTHER = "another"
    OFFER_TIP = "offer_tip"
    GOODBYE = "goodbye"
    SAFETY = "safety"
    EXERCISE_START = "exercise_start"
    EXERCISE_CONTINUE = "exercise_continue"
    EXERCISE_RESTART = "exercise_restart"
    EXERCISE_NEXT = "exercise_next"
    EXERCISE_STAY = "exercise_stay"
    CHECKIN_START = "checkin_start"
    CHECKIN_CONTINUE = "checkin_continue"
    CHECKIN_RESTART = "checkin_restart"
    FORGET = "forget"
    REMINDER_SET = "reminder_set"
    """Yes: set the weekly check-in reminder (at ``Session.reminder_wanted``, or the default)."""
    REMINDER_DECLINED = "reminder_declined"
    """No to the reminder offered after a check-in: not offered again for a while, then a tip."""
    LIST_NEXT = "list_next"

    @classmethod
    def parse(cls, value: object) -> FollowUp | None:
        """The follow-up a session attribute names, or None for anything unknown."""
        try:
            return cls(value)
        except ValueError:
            return None


MAX_NAME_LENGTH = 40
"""Longest first name kept (Alexa's AMAZON.FirstName values are far shorter)."""


def _names(value: object) -> tuple[str, str] | None:
    """Two different first names, in speaking order, or None."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    names = tuple(n.strip() for n in value if isinstance(n, str))
    if len(names) != 2 or not all(0 < len(n) <= MAX_NAME_LENGTH for n in names):
        return None
    if names[0].lower() == names[1].lower():
        return None
    return names[0], names[1]


class Answer(enum.Enum):
    """What kind of real answer the skill gave last; the value is kept in session attributes."""

    TIP = "tip"
    """A strategy's short tip (``ref``: the strategy id)."""
    SITUATION = "situation"
    """A confided situation acknowledged, then its strategy's tip (``ref``: the situation id,
    None when it was not understood)."""
    MORE = "more"
    """A strategy's longer version (``ref``: the strategy id)."""
    LIST = "list"
    """The names of the nine strategies."""
    TOPIC = "topic"
    """A topic's short answer (``ref``: the topic id)."""
    TOPIC_MORE = "topic_more"
    """The rest of a topic (``ref``: the topic id)."""
    STEP = "step"
    """A step of a guided routine (``step``, ``routine``)."""
    RESUME_OFFER = "resume_offer"
    """The offer to pick up a routine (``step``, ``routine``; ``ref``: "launch" or "start")."""
    SAFETY = "safety"
    """The safety message."""
    QUESTION = "question"
    """One of the skill's question lines with fixed follow-ups (``ref``: its key)."""
    REMINDER = "reminder"
    """A check-in reminder line (``ref``: its key in ``[reminders]``; ``when``: the time it
    names)."""


MAX_REF_LENGTH = 64
"""Longer than any id or line key of the content; a longer ``ref`` is not one of ours."""
_REF = re.compile(r"[a-z][a-z0-9_]*")
"""The shape of every id and line key of the content (snake case)."""


def _is_ref(value: object) -> bool:
    """Whether a session attribute has the shape of an id or key of ours (so it may be kept and
    sent back): session attributes come back from outside."""
    return isinstance(value, str) and len(value) <= MAX_REF_LENGTH and bool(_REF.fullmatch(value))


_WANTED = re.compile(r"(?:MO|TU|WE|TH|FR|SA|SU) [0-2][0-9]:[0-5][0-9]")
"""The shape of ``Session.reminder_wanted``: an RFC 5545 day code and a 24-hour time."""


def _wanted_time(value: object) -> str | None:
    """A reminder time kept in the session ("TH 20:00"), or None when it has another shape."""
    return value if isinstance(value, str) and _WANTED.fullmatch(value) else None


MAX_STEP = 99
"""More steps than any routine has; a larger step index is not one of ours."""


@dataclass(frozen=True)
class Said:
    """The last real answer, as plain ids: Repeat rebuilds its speech from the content.

    Errors, fallbacks, help and apologies are not recorded, so Repeat after them repeats what
    was said before them. Whether the ids exist in the content is checked when it is rebuilt.
    """

    kind: Answer
    """What kind of answer it was."""
    ref: str | None = None
    """The strategy, situation or topic id, or the line key, the answer was built from."""
    step: int | None = None
    """The step index, for a routine's step or the offer to resume it."""
    routine: str | None = None
    """The routine (``Session.routine``: "checkin", or None for the exercise)."""
    when: str | None = None
    """The weekly time a reminder line named (``"SU 19:00"``, as ``Session.reminder_wanted``)."""

    @classmethod
    def from_attributes(cls, value: object) -> Said | None:
        """Read ``{"kind": ..., "ref": ..., "step": ..., "routine": ..., "when": ...}``; None when
        malformed."""
        if not isinstance(value, dict):
            return None
        try:
            kind = Answer(value.get("kind"))
        except ValueError:
            return None
        ref, step, routine = value.get("ref"), value.get("step"), value.get("routine")
        if ref is not None and not _is_ref(ref):
            return None
        if step is not None and not (
            isinstance(step, int) and not isinstance(step, bool) and 0 <= step <= MAX_STEP
        ):
            return None
        if routine is not None and routine != "checkin":
            return None
        when = value.get("when")
        if when is not None and _wanted_time(when) is None:
            return None
        return cls(kind=kind, ref=ref, step=step, routine=routine, when=when)

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form (None values are left out)."""
        values = {
            "kind": self.kind.value,
            "ref": self.ref,
            "step": self.step,
            "routine": self.routine,
            "when": self.when,
        }
        return {k: v for k, v in values.items() if v is not None}


@dataclass
class ExerciseProgress:
    """Where a couple left the guided exercise."""

    step: str
    """The step id (a step of a later version may be unknown: see exercise.saved_step)."""
    at: str
    """When it was saved (request timestamp, ISO 8601), for the two-device merge."""
    names: tuple[str, str] | None = None
    """The couple's first names, first speaker first, if they gave them (kept only here)."""

    @classmethod
    def from_attributes(cls, value: object) -> ExerciseProgress | None:
        """Read ``{"step": ..., "at": ...}``; a malformed record is kept as an unusable step."""
        if value is None:
            return None
        record = value if isinstance(value, dict) else {}
        step, at = record.get("step"), record.get("at")
        return cls(
            step=step if isinstance(step, str) else "",
            at=at if isinstance(at, str) else "",
            names=_names(record.get("names")),
        )

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form."""
        values: dict[str, Any] = {"step": self.step, "at": self.at}
        if self.names is not None:
            values["names"] = list(self.names)
        return values


@dataclass
class ReminderRecord:
    """The weekly check-in reminder the skill made through the Reminders API."""

    token: str
    """Its alert token (the reminder's id at Alexa)."""
    day: str
    """RFC 5545 weekday code, e.g. "SU"."""
    time: str
    """``HH:MM`` on the device's clock."""
    at: str
    """When it was made or last changed (request timestamp, ISO 8601)."""

    @classmethod
    def from_attributes(cls, value: object) -> ReminderRecord | None:
        """Read ``{"token", "day", "time", "at"}``; None when any is missing."""
        record = _stamped(value)
        if record is None:
            return None
        token, day, time = (record.get(key) for key in ("token", "day", "time"))
        if not (isinstance(token, str) and isinstance(day, str) and isinstance(time, str)):
            return None
        if not (token and day and time):
            return None
        return cls(token=token, day=day, time=time, at=record["at"])

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {"token": self.token, "day": self.day, "time": self.time, "at": self.at}


@dataclass
class ExerciseFinished:
    """The last time the couple finished the exercise, and whether a welcome mentioned it."""

    at: str
    """When it was finished (request timestamp, ISO 8601)."""
    mentioned: bool = False
    """Whether the welcome-back has said so (it says so once)."""

    @classmethod
    def from_attributes(cls, value: object) -> ExerciseFinished | None:
        """Read ``{"at": ..., "mentioned": ...}``; None when malformed."""
        record = _stamped(value)
        if record is None:
            return None
        return cls(at=record["at"], mentioned=record.get("mentioned") is True)

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {"at": self.at, "mentioned": self.mentioned}


_KNOWN_KEYS = frozenset(
    {
        "visits",
        "tips",
        "exercise",
        "exercise_finished",
        "checkin",
        "checkin_finished",
        "persons",
        "reminder",
        "reminder_declined",
    }
)
_RETIRED_KEYS = frozenset({"last_strategy"})
"""Keys earlier versions wrote that nothing reads any more; dropped on the next write."""


@dataclass
class UserState:
    """One user's saved state (persistent attributes), typed; reads, repairs, writes and merges.

    Attributes this version does not know (written by a newer version, or the store's own
    ``_version``) are kept as they are in ``other``.
    """

    visits: dict[str, int] = field(default_factory=dict)
    """Sessions started, per device id (counters only grow, so two devices merge)."""
    tips: TipPlan = field(default_factory=lambda: TipPlan(round=0, order=[], heard=[]))
    """The shuffled order of tips and what was heard in this round."""
    exercise: ExerciseProgress | None = None
    """An unfinished exercise, if any."""
    exercise_finished: ExerciseFinished | None = None
    """The last finished exercise, if any."""
    checkin: ExerciseProgress | None = None
    """An unfinished weekly check-in, if any (same record as the exercise's)."""
    checkin_finished: ExerciseFinished | None = None
    """The last finished check-in, if any."""
    persons: dict[str, TipPlan] = field(default_factory=dict)
    """Each recognized speaker's own round of tips, by Alexa person id (context.System.person)."""
    reminder: ReminderRecord | None = None
    """The weekly check-in reminder made through the Reminders API, if any."""
    reminder_declined: str | None = None
    """When the couple last said no to a reminder offered after a check-in (request timestamp,
    ISO 8601): Amazon's guidelines ask for a cooling-off period before offering again."""
    other: dict[str, Any] = field(default_factory=dict)
    """Attributes this version does not read, kept unchanged."""
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_attributes(
        cls, attributes: Mapping[str, Any] | None, ids: Sequence[str] | None = None
    ) -> UserState:
        """Read persistent attributes, repairing anything malformed; ``ids`` checks tip ids."""
        data = attributes if isinstance(attributes, Mapping) else {}
        visits = data.get("visits")
        state = cls(
            visits={str(k): _int(v) for k, v in visits.items()} if isinstance(visits, dict) else {},
            tips=TipPlan.from_attributes(data.get("tips"), ids),
            exercise=ExerciseProgress.from_attributes(data.get("exercise")),
            exercise_finished=ExerciseFinished.from_attributes(data.get("exercise_finished")),
            checkin=ExerciseProgress.from_attributes(data.get("checkin")),
            checkin_finished=ExerciseFinished.from_attributes(data.get("checkin_finished")),
            persons={
                str(person): TipPlan.from_attributes(plan, ids)
                for person, plan in persons.items()
                if isinstance(person, str) and person
            }
            if isinstance(persons := data.get("persons"), dict)
            else {},
            reminder=ReminderRecord.from_attributes(data.get("reminder")),
            reminder_declined=declined
            if isinstance(declined := data.get("reminder_declined"), str)
            else None,
            other={key: data[key] for key in data.keys() - _KNOWN_KEYS - _RETIRED_KEYS},
        )
        # What was read, less retired keys: anything repaired or retired is written back once.
        state._loaded = dict(data)
        for key in _RETIRED_KEYS.intersection(data):
            del state._loaded[key]
        return state

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form kept in persistent attributes (empty parts are left out)."""
        values: dict[str, Any] = dict(self.other)
        if self.visits:
            values["visits"] = dict(self.visits)
        if self.tips.round or self.tips.order:
            values["tips"] = self.tips.to_attributes()
        if self.exercise is not None:
            values["exercise"] = self.exercise.to_attributes()
        if self.exercise_finished is not None:
            values["exercise_finished"] = self.exercise_finished.to_attributes()
        if self.checkin is not None:
            values["checkin"] = self.checkin.to_attributes()
        if self.checkin_finished is not None:
            values["checkin_finished"] = self.checkin_finished.to_attributes()
        persons = {p: plan.to_attributes() for p, plan in self.persons.items() if plan.round}
        if persons:
            values["persons"] = persons
        if self.reminder is not None:
            values["reminder"] = self.reminder.to_attributes()
        if self.reminder_declined is not None:
            values["reminder_declined"] = self.reminder_declined
        return values

    @property
    def changed(self) -> bool:
        """Whether anything differs from what was read (so it must be saved)."""
        return self.to_save() is not None

    def to_save(self) -> dict[str, Any] | None:
        """The attributes to write when anything differs from what was read, else None."""
        attributes = self.to_attributes()
        return None if attributes == self._loaded else attributes

    @property
    def visits_total(self) -> int:
        """How many sessions the user has started, over all devices."""
        return sum(self.visits.values())

    def tips_for(self, person_id: str | None) -> TipPlan:
        """The round of tips of a recognized speaker (their own), or the account's."""
        if not person_id:
            return self.tips
        return self.persons.setdefault(person_id, TipPlan(round=0, order=[], heard=[]))

    def forget_person(self, person_id: str) -> None:
        """Forget what is one recognized speaker's: their round of tips and the couple's names
        (the names cannot be told apart by person); the rest of the account stays."""
        self.persons.pop(person_id, None)
        for attribute in ("exercise", "checkin"):
            progress = getattr(self, attribute)
            if progress is not None and progress.names is not None:
                setattr(self, attribute, replace(progress, names=None))

    def count_visit(self, device_id: str) -> None:
        """Add one session to this device's visit counter."""
        self.visits[device_id] = self.visits.get(device_id, 0) + 1

    def merged_with(self, theirs: UserState) -> UserState:
        """This state merged with one another device wrote at the same time (ours is newer)."""
        visits = dict(theirs.visits)
        for device, count in self.visits.items():
            visits[device] = max(visits.get(device, 0), count)
        return UserState(
            visits=visits,
            tips=self.tips.merged_with(theirs.tips),
            exercise=_later(self.exercise, theirs.exercise),
            exercise_finished=_later(self.exercise_finished, theirs.exercise_finished),
            checkin=_later(self.checkin, theirs.checkin),
            checkin_finished=_later(self.checkin_finished, theirs.checkin_finished),
            persons={
                person: self.persons[person].merged_with(theirs.persons[person])
                if person in self.persons and person in theirs.persons
                else self.persons.get(person) or theirs.persons[person]
                for person in {**theirs.persons, **self.persons}
            },
            reminder=_later(self.reminder, theirs.reminder),
            reminder_declined=max(
                (d for d in (self.reminder_declined, theirs.reminder_declined) if d), default=None
            ),
            other={**theirs.other, **self.other},
        )


def merge(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two versions of one user's persistent attributes written by two devices at once."""
    merged = UserState.from_attributes(ours).merged_with(UserState.from_attributes(theirs))
    _LOGGER.info("merged concurrent updates of persistent attributes")
    return merged.to_attributes()


class _Stamped(Protocol):
    at: str


_S = TypeVar("_S", bound=_Stamped)


def _later(a: _S | None, b: _S | None) -> _S | None:
    """The record with the later ``at`` timestamp (ISO 8601 strings sort in time order)."""
    if a is None or b is None:
        return a or b
    return a if a.at >= b.at else b


@dataclass
class Session:
    """A typed view over the session attributes the skill keeps between turns."""

    last_kind: str | None = None
    """What "tell me more" is about: "tip", "more", "topic", "topic_more", "list", "line", or
    None (a thanks or a help in between leaves it as it was)."""
    last_id: str | None = None
    """The strategy or topic id "tell me more" is about, if any."""
    list_index: int | None = None
    """Position in the strategy list while browsing it (0-based; -1 before the first)."""
    history: tuple[str, ...] = ()
    """Strategy ids spoken in this session, for Previous outside the list."""
    pending: FollowUp | None = None
    """What "yes" means after the last question, if anything."""
    declined: FollowUp | None = None
    """What "no" means after the last question, if anything."""
    said: Said | None = None
    """The last real answer, for Repeat (earlier versions kept raw SSML here: never read)."""
    exercise_step: int | None = None
    """Current step of the guided exercise while it runs in this session."""
    routine: str | None = None
    """Which guided routine ``exercise_step`` is a step of: "checkin", or None for the exercise."""
    misses: int = 0
    """Replies in a row that did not understand the user (a second one is shorter)."""
    reminder_wanted: str | None = None
    """The weekly time (``"SU 19:00"``) a pending "yes" would set the check-in reminder to."""
    held: bool = False
    """The last reply was "take your time" after "hang on": "continue" goes on with the question
    it held open."""

    @classmethod
    def from_attributes(cls, attributes: Mapping[str, Any] | None) -> Session:
        """Read the session attributes; anything from another schema or malformed is dropped."""
        if not attributes or attributes.get("_schema") != SESSION_SCHEMA:
            return cls()

        def opt_str(key: str) -> str | None:
            value = attributes.get(key)
            return value if _is_ref(value) else None

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
            history=tuple(h for h in history if _is_ref(h)) if isinstance(history, list) else (),
            pending=FollowUp.parse(attributes.get("pending")),
            declined=FollowUp.parse(attributes.get("declined")),
            said=Said.from_attributes(attributes.get("said")),
            exercise_step=opt_int("exercise_step"),
            routine=opt_str("routine"),
            misses=opt_int("misses") or 0,
            reminder_wanted=_wanted_time(attributes.get("reminder_wanted")),
            held=attributes.get("held") is True,
        )

    def to_attributes(self) -> dict[str, Any]:
        """The JSON-ready form sent back to Alexa (None values are left out)."""
        values: dict[str, Any] = {
            "_schema": SESSION_SCHEMA,
            "last_kind": self.last_kind,
            "last_id": self.last_id,
            "list_index": self.list_index,
            "history": list(self.history[-9:]) or None,
            "pending": self.pending.value if self.pending else None,
            "declined": self.declined.value if self.declined else None,
            "said": self.said.to_attributes() if self.said else None,
            "exercise_step": self.exercise_step,
            "routine": self.routine,
            "misses": self.misses or None,
            "reminder_wanted": self.reminder_wanted,
            "held": True if self.held else None,
        }
        return {k: v for k, v in values.items() if v is not None}
