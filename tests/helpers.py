"""Small builders shared by several test modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ask_sdk_model.context import Context
from ask_sdk_model.interfaces.system.system_state import SystemState
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.session import Session
from ask_sdk_model.user import User

STRATEGY_IDS = (
    "communicate_openly",
    "establish_boundaries",
    "practice_patience",
    "seek_professional_help",
    "be_consistent",
    "express_empathy",
    "build_mutual_activities",
    "demonstrate_reliability",
    "respect_their_feelings",
)
"""The STRATEGY slot ids of DESIGN.md, in article order: the contract content and model share."""


def user_envelope(
    context_user: str | None = "amzn1.ask.account.TEST-USER", session_user: str | None = None
) -> RequestEnvelope:
    """A request envelope carrying only the given user ids (what persistence reads)."""
    context = None
    if context_user is not None:
        context = Context(system=SystemState(user=User(user_id=context_user)))
    session = None
    if session_user is not None:
        session = Session(new=False, session_id="s", user=User(user_id=session_user))
    return RequestEnvelope(version="1.0", context=context, session=session)


ROOT = Path(__file__).resolve().parents[1]
"""The checkout's root."""


def run_cli(
    args: list[str], db: Path, *, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m skill ARGS` like the console script, with its own SQLite file."""
    env = {**os.environ, "TRUST_COACH_DB": str(db), "PYTHONPATH": str(ROOT)}
    env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
    return subprocess.run(
        [sys.executable, "-m", "skill", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=cwd,
    )
