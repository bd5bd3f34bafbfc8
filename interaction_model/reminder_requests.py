"""Requests about the couple's weekly check-in reminder, read from their words.

Alexa's NLU finds a weekday and an AMAZON.TIME anywhere in a sentence ("can you remind us every
tuesday at 6:30 pm to do our check in") and tells setting a reminder from moving, cancelling or
asking about it by the verbs around them. The offline resolver's slot patterns need the sample's
exact frame, so this reader stands in: it reads what the request does (set, move, cancel, ask)
from its words and fills the day and the time from where they are said.

It speaks only for the check-in reminder: "remind me to take my pills at nine" or "set a reminder
to pay the bill" name another purpose, and "remind me what the third one was" asks for something
else; those are left to the other tiers (and so to the fallback).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interaction_model.time_of_day import FoundTime, find_time

SET = "SetReminderIntent"
MOVE = "MoveReminderIntent"
CANCEL = "CancelReminderIntent"
STATUS = "ReminderStatusIntent"
INTENTS = frozenset({SET, MOVE, CANCEL, STATUS})
"""The intents this reader answers with."""
ELSEWHERE = "AMAZON.FallbackIntent"
"""A reminder for something else ("remind me to take my pills"): not this skill's."""

_NOUNS = frozenset({"reminder", "reminders", "reminding"})
_REMIND = frozenset({"remind"})
_SCHEDULE = frozenset({"schedule", "reschedule"})
_CANCEL_VERBS = frozenset(
    {"cancel", "delete", "remove", "stop", "clear", "disable", "drop", "scrap", "bin", "ditch"}
    | {"axe", "scratch", "erase", "kill", "nix", "deactivate"}
)
_CANCEL_PAIRS = (
    ("turn", "off"),
    ("switch", "off"),
    ("get", "rid"),
    ("no", "more"),
    ("on", "the", "head"),  # "knock the reminder on the head"
    ("do", "away"),
)
_NOT_ANYMORE = frozenset({"anymore", "longer"})
_MOVE_VERBS = frozenset(
    {
        "move",
        "change",
        "switch",
        "reschedule",
        "push",
        "shift",
        "update",
        "swap",
        "bump",
        "postpone",
        "prepone",
        "delay",
    }
)
_MOVE_WORDS = frozenset({"instead", "different", "another", "later", "earlier"})
_SET_VERBS = frozenset(
    {"set", "remind", "schedule", "add", "create", "make", "want", "like", "need", "get", "have"}
)
_ASKS = frozenset({"when", "what", "which", "whats", "whens"})
_YES_NO_ASKS = (
    *(
        (verb, whose)
        for verb in ("do", "did", "have", "is", "are", "was", "does", "has")
        for whose in ("we", "i", "there", "our", "my", "the", "it", "a", "that", "this")
    ),
    ("is", "any"),
    ("are", "any"),
    ("have", "any"),
    ("did", "you"),
    ("have", "you"),
    ("tell", "me", "when"),
    ("tell", "me", "what"),
)
"""How a yes/no question about the reminder opens: "is my reminder still on", "do i have one"."""
_CHECK_IN = (("check", "in"), ("checkin",), ("check", "ins"))
_ABOUT_SOMETHING_ELSE = frozenset({"what", "of", "about", "how", "why", "which", "who", "where"})
_PURPOSE_OK = frozenset({"check", "checkin", "talk", "sit", "connect", "catch"})
_WHEN_WORDS = frozenset(
    {"every", "each", "on", "at", "next", "a", "another", "different", "later", "earlier", "the"}
)
_HABIT = frozenset({"every", "each", "weekly"})
_FRAME_WORDS = _NOUNS | _REMIND | _SCHEDULE | _HABIT | _MOVE_WORDS | {"checkin"}
_DURATIONS = frozenset({"hour", "hours", "minute", "minutes", "mins", "seconds", "days"})
_PEOPLE = frozenset({"us", "me", "both", "we", "and", "my", "our", "the", "two", "of"})


@dataclass(frozen=True)
class ReminderRequest:
    """What a request about the check-in reminder asks for."""

    intent: str
    """One of INTENTS, or ELSEWHERE."""
    day: tuple[str, str, str] | None
    """(words said, value id, value name) of the weekday, if one was said."""
    time: FoundTime | None
    """The time said, if any."""


def _has_pair(tokens: Sequence[str], pair: Sequence[str]) -> bool:
    return any(
        list(tokens[index : index + len(pair)]) == list(pair)
        for index in range(len(tokens) - len(pair) + 1)
    )


def _says_check_in(tokens: Sequence[str]) -> bool:
    return any(_has_pair(tokens, pair) for pair in _CHECK_IN)


def _purpose_elsewhere(
    tokens: Sequence[str], weekday: Callable[[str], tuple[str, str] | None]
) -> bool:
    """Whether "remind me to ..." / "a reminder to ..." names something other than checking in."""
    for index, word in enumerate(tokens):
        if word not in _REMIND and word not in _NOUNS:
            continue
        rest = list(tokens[index + 1 :])
        while rest and rest[0] in _PEOPLE:
            rest.pop(0)
        if rest[:1] == ["to"] and len(rest) > 1:
            purpose = rest[1:]
            if weekday(purpose[0]) is not None or purpose[0] in _WHEN_WORDS:
                continue  # "move the reminder to thursday", "switch it to 8 pm"
            said = find_time(purpose, bare_hour=True)
            if said is not None and said.start == 0:
                continue
            while purpose and purpose[0] in ("do", "have", "our", "the", "a", "we", "us"):
                purpose.pop(0)
            if not purpose or purpose[0] not in _PURPOSE_OK:
                return True
        if word in _REMIND and rest[:1] == ["about"] and not _says_check_in(rest):
            return True
    return False


def frames(tokens: Sequence[str]) -> bool:
    """Whether the words are those of a reminder request: a reminder word ("remind",
    "reminder", "schedule"), the check-in, a weekly habit ("every", "weekly"), a move ("instead")
    or a clock time ("at 7 pm"). Without a frame a day's real-word name ("sun", "sat", "wed")
    says no day: "how hot is the sun"."""
    words = set(tokens)
    if words & _FRAME_WORDS or ("check" in words and _says_check_in(tokens)):
        return True
    said = find_time(tokens)
    return said is not None and ":" in said.value


def _asks_to_be_reminded_of(tokens: Sequence[str]) -> bool:
    """ "Remind me what the strategies are called", "remind us how it goes": no reminder."""
    for index, word in enumerate(tokens):
        if word in _REMIND:
            rest = list(tokens[index + 1 :])
            while rest and rest[0] in _PEOPLE:
                rest.pop(0)
            if rest and rest[0] in _ABOUT_SOMETHING_ELSE:
                return True
    return False


_QUESTION_LEADS = frozenset({"at", "on", "for", "by", "till", "until", "from"})


def _asks(tokens: Sequence[str]) -> bool:
    if tokens and tokens[0] in _ASKS:
        return True
    # "at what time my reminder is set", "on which day is it", "the reminder is set or not"
    if len(tokens) > 1 and tokens[0] in _QUESTION_LEADS and tokens[1] in _ASKS:
        return True
    if list(tokens[-2:]) == ["or", "not"]:
        return True
    return any(list(tokens[: len(opener)]) == list(opener) for opener in _YES_NO_ASKS)


def _kind(tokens: Sequence[str]) -> str | None:
    """Set, move, cancel or ask, from the words of a request that is about the reminder."""
    words = set(tokens)
    negated = bool(words & {"dont", "not", "no", "never"}) or _has_pair(tokens, ("do", "not"))
    if (
        words & _CANCEL_VERBS
        or any(_has_pair(tokens, pair) for pair in _CANCEL_PAIRS)
        or (negated and (words & _NOT_ANYMORE or "remind" in words))
    ):
        return CANCEL
    if _asks(tokens):
        return STATUS
    if words & _MOVE_VERBS or words & _MOVE_WORDS or _has_pair(tokens, ("make", "it")):
        return MOVE
    if words & _SET_VERBS or words & _NOUNS or "weekly" in words or "every" in words:
        return SET
    return None


def read(
    tokens: Sequence[str],
    weekday: Callable[[str], tuple[str, str] | None],
    *,
    asked: bool = False,
) -> ReminderRequest | None:
    """The reminder request the words make; ELSEWHERE for a reminder of something else ("set a
    reminder to pay the bill"); None when they are about something else.

    ``weekday``: a word's WEEKDAY value (id, name), or None; ``asked``: the skill has just asked
    for a day and a time, so a bare "mondays at 7" or "8 pm" answers it.
    """
    words = list(tokens)
    if not words:
        return None
    day = _day(words, weekday)
    time = find_time(words, bare_hour=asked)
    about = bool(set(words) & (_NOUNS | _REMIND)) or (
        # "schedule" is a noun too ("the train schedule")
        bool(set(words) & _SCHEDULE) and (_says_check_in(words) or bool(day or time))
    )
    if not about:
        check_in = _says_check_in(words)
        if not (asked and (day or time)) and not (check_in and (day or time)):
            return None
    if _asks_to_be_reminded_of(words):
        return None  # "remind me what the third one was": a question for the other tiers
    if set(words) & _DURATIONS:
        return None  # "push my reminder back an hour": a weekly day and time is all it keeps
    if _purpose_elsewhere(words, weekday):
        return ReminderRequest(ELSEWHERE, None, None)
    kind = _kind(words)
    if kind is None and asked and (day or time):
        kind = SET
    if kind is None:
        return None
    if kind in (CANCEL, STATUS):
        return ReminderRequest(kind, None, None)
    return ReminderRequest(kind, day, time)


def _day(
    words: Sequence[str], weekday: Callable[[str], tuple[str, str] | None]
) -> tuple[str, str, str] | None:
    """The one weekday said (None when none, or two different ones)."""
    found: tuple[str, str, str] | None = None
    for word in words:
        value = weekday(word)
        if value is None:
            continue
        if found is not None and found[1] != value[0]:
            return None
        found = (word, value[0], value[1])
    return found
