"""The check-in reminder's lines as replies: what each says, its reprompt, what yes and no mean.

Built here once from a line key and a weekly time, so the handler that answers and Repeat (which
rebuilds the answer from ``state.Said``) say the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from skill.content.spoken import fill, spoken_time, spoken_weekday
from skill.conversation.replies import Reply
from skill.conversation.state import FollowUp
from skill.conversation.turn import Turn
from skill.reminders.schedule import DAYS, Weekly
from speech import ssml

_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


@dataclass(frozen=True)
class Line:
    """What a reminder line's reprompt is, and what yes and no mean after it."""

    reprompt: str
    """The reprompt's key in ``[reminders]``."""
    yes: FollowUp
    """What "yes" means (REMINDER_SET: set it at the line's time)."""
    no: FollowUp
    """What "no" means."""
    real: bool = True
    """Whether it is a real answer Repeat repeats (an error line is not)."""


_OFFER = Line("offer_reprompt", FollowUp.REMINDER_SET, FollowUp.OFFER_TIP)
_TIP = Line("error_reprompt", FollowUp.TIP, FollowUp.GOODBYE)
_AFTER_CHECKIN = Line("offer_reprompt", FollowUp.REMINDER_SET, FollowUp.REMINDER_DECLINED)
_ERROR = Line("error_reprompt", FollowUp.TIP, FollowUp.GOODBYE, real=False)

LINES: dict[str, Line] = {
    "offer_after_checkin": _AFTER_CHECKIN,
    "ask_when": _OFFER,
    "status_none": _OFFER,
    "move_none": _OFFER,
    "error_not_found": Line("offer_reprompt", FollowUp.REMINDER_SET, FollowUp.OFFER_TIP, False),
    "set_done": _TIP,
    "moved": _TIP,
    "unchanged": _TIP,
    "status": Line("status_reprompt", FollowUp.CHECKIN_START, FollowUp.OFFER_TIP),
    "status_not_weekly": _TIP,
    "cancelled": _TIP,
    "cancel_none": _TIP,
    "permission_denied": _TIP,
    "permission_denied_cancel": _TIP,
    "permission_not_answered": _TIP,
    "permission_not_answered_cancel": _TIP,
    "explain_set": _TIP,
    "explain_offer": _OFFER,
    "status_failed": _ERROR,
    "status_failed_kept": _ERROR,
    "error_conflict": _ERROR,
    "error_busy": _ERROR,
    "error_unavailable": _ERROR,
    "error_timeout": _ERROR,
    "error_garbled": _ERROR,
}
"""Every reminder line that asks a question, by its key in ``[reminders]``."""


SET_KEYS = frozenset(
    {"set_done", "moved", "unchanged", "status", "status_failed_kept", "explain_set"}
)
"""The lines said while a reminder is set (after them, "I don't get it" explains that one)."""


def explain_key(said_ref: str | None) -> str:
    """The line that explains the reminder line ``said_ref`` in plain words."""
    return "explain_set" if said_ref in SET_KEYS else "explain_offer"


COOL_OFF = timedelta(days=28)
"""How long a "no" to the reminder offered after a check-in keeps it from being offered again."""


def may_offer(turn: Turn) -> bool:
    """Whether a finished check-in may offer a weekly reminder: none is set, and no "no" to the
    offer in the last ``COOL_OFF``."""
    if turn.user.reminder is not None:
        return False
    declined = turn.user.reminder_declined
    if not declined:
        return True
    try:
        since = datetime.fromisoformat(turn.timestamp) - datetime.fromisoformat(declined)
    except (TypeError, ValueError):
        return True
    return since >= COOL_OFF


def default(turn: Turn) -> Weekly:
    """The weekly time offered when the couple names none (from the content)."""
    hour, minute = turn.content.reminder_times["default"]
    return Weekly(turn.content.reminders["default_day"], hour, minute)


def when(turn: Turn, weekly: Weekly) -> ssml.Fragment:
    """ "Sunday at seven p.m." in the request's locale."""
    day = spoken_weekday(turn.content, DAYS.index(weekly.day))
    time = spoken_time(turn.content, weekly.hour, weekly.minute)
    return fill(turn.content, turn.content.reminders["when_format"], day=day, time=time)


def say(turn: Turn, key: str, weekly: Weekly | None = None) -> ssml.Fragment:
    """One of the reminder lines, its ``{when}`` said the locale's way."""
    template = turn.content.reminders[key]
    if "{when}" not in template:
        return fill(turn.content, template)
    filled = fill(turn.content, template, when=when(turn, weekly or default(turn)))
    # A time that ends with a full stop ("a.m.") ends the sentence too: "nine a.m.." is one.
    return ssml.Fragment(_DOUBLE_STOP.sub(".", filled))


def reply(turn: Turn, key: str, weekly: Weekly | None = None) -> Reply | None:
    """The reminder line ``key`` as a question (None: not one of ``LINES``)."""
    line = LINES.get(key)
    if line is None or key not in turn.content.reminders:
        return None
    reprompt = say(turn, line.reprompt, weekly)
    return Reply(say(turn, key, weekly), reprompt, yes=line.yes, no=line.no)


def parse_when(value: str | None) -> Weekly | None:
    """``"SU 19:00"`` → the weekly time; None for anything else."""
    day, _, time = (value or "").partition(" ")
    return Weekly.from_attributes({"day": day, "time": time})


def format_when(weekly: Weekly) -> str:
    """The weekly time as ``"SU 19:00"`` (``Said.when``, ``Session.reminder_wanted``)."""
    return f"{weekly.day} {weekly.clock}"
