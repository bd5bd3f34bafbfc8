"""Shared fixtures: a real SQLite file, the skill on it, and a check of every response."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill.builder import build_skill
from skill.hosts import runtime
from skill.hosts.local.conversation import Conversation
from skill.persistence import SQLiteAdapter
from tests.rules import assert_conversation_rules

if TYPE_CHECKING:
    from tests.web_fakes import Pki


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the golden files; ``--console-screenshot`` saves a PNG."""
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.json from the skill"
    )
    parser.addoption(
        "--console-screenshot",
        metavar="PNG",
        help="also save the browser test's screenshot of the console here (docs/console.png)",
    )


@pytest.fixture(autouse=True)
def _check_every_response(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every response any test produces through `handle_event` must keep the conversation rules."""
    real = runtime.handle_event

    def checked(
        skill: CustomSkill, event: object, context: object = None, *, apology: runtime.Apology
    ) -> dict[str, Any]:
        response = real(skill, event, context, apology=apology)
        request = event if isinstance(event, dict) else {}
        assert_conversation_rules(request, response)
        return response

    monkeypatch.setattr(runtime, "handle_event", checked)
    monkeypatch.setattr("skill.hosts.local.conversation.handle_event", checked)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite file for this test."""
    return tmp_path / "trust-coach.sqlite3"


@pytest.fixture
def adapter(db_path: Path) -> SQLiteAdapter:
    """The real SQLite persistence adapter on this test's file."""
    # No merge given: build_skill gives the adapter the skill's own (tests rely on it).
    return SQLiteAdapter(db_path)


@pytest.fixture
def skill(adapter: SQLiteAdapter) -> CustomSkill:
    """The one skill, on this test's SQLite file."""
    return build_skill(adapter)


@pytest.fixture
def talk(skill: CustomSkill) -> Conversation:
    """A conversation with the skill (no resolver: intents are sent by name)."""
    return Conversation(skill, user="tester")


@pytest.fixture(scope="module")
def pki() -> Pki:
    """A test CA whose leaf certificate signs requests like Alexa's."""
    from tests.web_fakes import Pki

    return Pki()


@pytest.fixture(scope="module")
def other_pki() -> Pki:
    """A second CA that nobody trusts."""
    from tests.web_fakes import Pki

    return Pki(name="Other")


@pytest.fixture(autouse=True)
def _no_quiet_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text mode keeps the exercise's quiet time for real; tests (and their CLI runs) skip it."""
    monkeypatch.setenv("TRUST_COACH_NO_WAIT", "1")
