"""Shared fixtures: a real SQLite file, the skill built on it, and conversations that check every response."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import runtime
from skill.builder import build_skill
from skill.local import Conversation
from skill.persistence import SQLiteAdapter
from skill.state import merge
from tests.rules import assert_conversation_rules


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the golden request/response files."""
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.json from the skill"
    )


@pytest.fixture(autouse=True)
def _check_every_response(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every response any test produces through `handle_event` must keep the conversation rules."""
    real = runtime.handle_event

    def checked(skill: CustomSkill, event: object, context: object = None) -> dict[str, Any]:
        response = real(skill, event, context)
        request = event if isinstance(event, dict) else {}
        assert_conversation_rules(request, response)
        return response

    monkeypatch.setattr(runtime, "handle_event", checked)
    monkeypatch.setattr("skill.local.handle_event", checked)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite file for this test."""
    return tmp_path / "trust-coach.sqlite3"


@pytest.fixture
def adapter(db_path: Path) -> SQLiteAdapter:
    """The real SQLite persistence adapter on this test's file."""
    return SQLiteAdapter(db_path, merge=merge)


@pytest.fixture
def skill(adapter: SQLiteAdapter) -> CustomSkill:
    """The one skill, on this test's SQLite file."""
    return build_skill(adapter)


@pytest.fixture
def talk(skill: CustomSkill) -> Iterator[Conversation]:
    """A conversation with the skill (no resolver: intents are sent by name)."""
    yield Conversation(skill, user="tester")
