"""Every real Alexa request envelope in ../shared/fixtures is answered through lambda_handler."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The shared folder beside the checkout (or TRUST_COACH_SHARED), if it exists."""
    candidates = [os.environ.get("TRUST_COACH_SHARED"), ROOT.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "fixtures" / "alexa-requests").is_dir():
            return Path(candidate)
    return None


SHARED = shared_dir()
FIXTURES = sorted((SHARED / "fixtures" / "alexa-requests").glob("*.json")) if SHARED else []


def load_lambda_function(monkeypatch: pytest.MonkeyPatch, db: Path) -> ModuleType:
    """Import lambda/lambda_function.py fresh, storing in a temporary SQLite file."""
    monkeypatch.setenv("TRUST_COACH_DB", str(db))
    monkeypatch.delenv("TRUST_COACH_DYNAMODB_TABLE", raising=False)
    monkeypatch.delenv("TRUST_COACH_SKILL_ID", raising=False)
    spec = importlib.util.spec_from_file_location(
        "lambda_function", ROOT / "lambda" / "lambda_function.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    SHARED is None, reason="../shared/fixtures/alexa-requests is not beside this checkout"
)
@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_real_envelope_is_answered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: Path
) -> None:
    handler = load_lambda_function(monkeypatch, tmp_path / "db.sqlite3").lambda_handler
    event: dict[str, Any] = json.loads(path.read_text("utf-8"))
    response = handler(event, None)
    body = response["response"]
    if event["request"]["type"] == "SessionEndedRequest":
        assert "outputSpeech" not in body
    else:
        assert body["outputSpeech"]["ssml"].startswith("<speak>")
        assert isinstance(body["shouldEndSession"], bool)


def test_there_are_real_envelopes_when_shared_exists() -> None:
    if SHARED is None:
        pytest.skip("../shared is not beside this checkout")
    assert len(FIXTURES) >= 15


@pytest.mark.parametrize(
    "event",
    [
        None,
        [],
        "text",
        {},
        {"version": "1.0"},
        {"request": "garbage"},
        {"request": {"type": "IntentRequest"}},
        {"request": {"type": "IntentRequest", "intent": None, "timestamp": "not a date"}},
        {
            "request": {
                "type": "IntentRequest",
                "intent": {"name": "StrategyIntent", "slots": {"x": {}}},
            }
        },
        {
            "request": {
                "type": "IntentRequest",
                "intent": {"name": "StrategyIntent", "slots": None},
            },
            "session": {"new": False, "attributes": {"_schema": 1, "history": [1, None]}},
        },
        {"request": {"type": "NoSuchRequest"}, "session": {"new": True}},
        {"request": {"type": "LaunchRequest"}, "session": None, "context": None},
    ],
)
def test_malformed_envelopes_get_an_apology_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, event: Any
) -> None:
    handler = load_lambda_function(monkeypatch, tmp_path / "db.sqlite3").lambda_handler
    body = handler(event, None)["response"]
    assert body["outputSpeech"]["ssml"].startswith("<speak>")
    assert body["shouldEndSession"] is not None


def test_wrong_skill_id_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from skill.errors import WrongSkillError
    from skill.hosts.aws import handler_from_environment

    handler = handler_from_environment(
        {
            "TRUST_COACH_DB": str(tmp_path / "db.sqlite3"),
            "TRUST_COACH_SKILL_ID": "amzn1.ask.skill.mine",
        }
    )
    event = {
        "version": "1.0",
        "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.other"}}},
        "request": {"type": "LaunchRequest", "requestId": "r", "locale": "en-US"},
    }
    with pytest.raises(WrongSkillError):
        handler(event, None)
