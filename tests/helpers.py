"""Small builders shared by several test modules."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_model.context import Context
from ask_sdk_model.interfaces.system.system_state import SystemState
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.session import Session
from ask_sdk_model.user import User

from skill.hosts.local.conversation import Conversation, Exchange

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


def run_to_the_end(talk: Conversation, start_intent: str) -> list[Exchange]:
    """Open the skill, start a guided routine, and say next until the session ends."""
    exchanges = [talk.launch(), talk.intent(start_intent)]
    while not exchanges[-1].end_session:
        exchanges.append(talk.intent("AMAZON.NextIntent"))
    return exchanges


def check_golden_transcript(
    exchanges: list[Exchange], golden: Path, request: pytest.FixtureRequest
) -> None:
    """Compare a conversation with its golden transcript (``--update-golden`` rewrites it)."""
    transcript = [
        {"intent": e.intent, "ssml": e.ssml, "end_session": e.end_session} for e in exchanges
    ]
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(transcript, indent=2) + "\n")
    assert transcript == json.loads(golden.read_text("utf-8"))


@contextlib.contextmanager
def served_on_loopback(app: Any) -> Iterator[str]:
    """A WSGI app on a real threaded werkzeug server on 127.0.0.1 (a free port); yields its URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)
