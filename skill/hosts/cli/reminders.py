"""The local mode's reminders: ``--grant reminders``, the stand-in API it talks to, and
``trust-coach reminders`` (what the stand-in keeps)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from skill.reminders.permissions import SCOPE
from skill.reminders.schedule import Weekly

GRANTS = {"reminders": SCOPE}
"""What ``--grant`` can give the skill, and the permission scope each is."""


def add_grant_flag(parser: argparse.ArgumentParser) -> None:
    """``--grant reminders``: the user has allowed the skill to set reminders."""
    parser.add_argument(
        "--grant",
        action="append",
        choices=sorted(GRANTS),
        default=[],
        help="give the skill a permission (reminders: it may set weekly check-in reminders)",
    )


def _db_path() -> Path:
    from skill.persistence import DB_ENV, default_db_path

    path = os.environ.get(DB_ENV, "").strip()
    return Path(path).expanduser() if path else default_db_path()


def conversation_options(args: argparse.Namespace) -> dict[str, Any]:
    """Start the stand-in Reminders API (stopped by ``stop``) and say what requests carry."""
    from skill.hosts.local.reminders_api import RemindersStandIn
    from skill.persistence.reminders import ReminderStore

    stand_in = RemindersStandIn(ReminderStore(_db_path())).start()
    args.stand_in = stand_in
    granted = [GRANTS[name] for name in getattr(args, "grant", None) or []]
    return {"granted": granted, "api_endpoint": stand_in.endpoint}


def stop(args: argparse.Namespace) -> None:
    """Stop the stand-in, if this command started one."""
    stand_in = getattr(args, "stand_in", None)
    if stand_in is not None:
        stand_in.stop()
        args.stand_in = None


def forget(user_id: str) -> int:
    """Delete the stand-in's reminders of a user (with `trust-coach forget`); how many."""
    from skill.persistence.reminders import ReminderStore

    return ReminderStore(_db_path()).delete_user(user_id)


def describe(request: dict[str, Any]) -> str:
    """One reminder on one line: when it rings and what Alexa says."""
    trigger = request.get("trigger") or {}
    rules = (trigger.get("recurrence") or {}).get("recurrenceRules") or []
    weekly = next((w for r in rules if isinstance(r, str) and (w := Weekly.from_rule(r))), None)
    when = f"every {_DAY_NAMES[weekly.day]} at {weekly.clock}" if weekly else "not weekly"
    content = ((request.get("alertInfo") or {}).get("spokenInfo") or {}).get("content") or [{}]
    text = content[0].get("text", "") if isinstance(content[0], dict) else ""
    locale = content[0].get("locale", "") if isinstance(content[0], dict) else ""
    return f"{when}: {text} ({locale})"


_DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


def cmd_reminders(args: argparse.Namespace) -> int:
    """List the reminders the stand-in keeps for a user, one a line."""
    from skill.hosts.local.envelopes import user_id_for
    from skill.persistence.reminders import ReminderStore

    found = ReminderStore(_db_path()).of_user(user_id_for(args.user))
    if not found:
        print(
            f"No reminders for {args.user} yet. Try: trust-coach say --grant reminders"
            ' "ask trust coach to remind us to check in every sunday at seven pm"'
        )
        return 0
    for reminder in found:
        print(f"{describe(reminder.request)}  [{reminder.token}]")
    return 0


def add_reminders_parser(commands: Any) -> None:
    """Register ``trust-coach reminders``."""
    parser = commands.add_parser(
        "reminders", help="list the reminders the skill set in the local mode"
    )
    from skill.hosts.cli.parsing import user_name

    parser.add_argument(
        "--user", default="local-user", type=user_name, help="the user whose reminders to list"
    )
    parser.set_defaults(run=cmd_reminders)


def consent_prompt(exchange: Any) -> str | None:
    """What the transcript shows where Alexa itself would ask for a permission the skill wants."""
    if getattr(exchange, "end_session", False) is not True:
        return None
    directives = (exchange.response.get("response") or {}).get("directives") or []
    if any(d.get("type") == "Connections.SendRequest" for d in directives):
        return "(Alexa asks whether Trust Coach may set reminders: answer yes or no.)"
    return None
