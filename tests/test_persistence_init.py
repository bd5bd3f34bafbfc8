"""Tests for choosing the persistence adapter from the environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from skill.persistence import SQLiteAdapter, adapter_from_env, default_db_path
from skill.persistence.dynamodb import DynamoDBAdapter
from skill.persistence.versioned import Attributes

ROOT = Path(__file__).resolve().parent.parent


def keep_theirs(ours: Attributes, theirs: Attributes) -> Attributes:
    """A recognisable merge function."""
    return theirs


def test_dynamodb_when_a_table_is_named() -> None:
    adapter = adapter_from_env(
        {"TRUST_COACH_DYNAMODB_TABLE": "coach", "TRUST_COACH_DB": "/ignored", "AWS_REGION": "x-1"},
        merge=keep_theirs,
    )
    assert isinstance(adapter, DynamoDBAdapter)
    assert adapter.table_name == "coach"
    assert adapter._region == "x-1"
    assert adapter._merge is keep_theirs
    assert adapter._client is None


def test_sqlite_at_the_configured_path(tmp_path: Path) -> None:
    path = tmp_path / "coach.sqlite3"
    adapter = adapter_from_env({"TRUST_COACH_DB": str(path)}, merge=keep_theirs)
    assert isinstance(adapter, SQLiteAdapter)
    assert adapter.path == path
    assert adapter._merge is keep_theirs
    assert not path.exists()


@pytest.mark.parametrize(
    "environ",
    [{}, {"TRUST_COACH_DB": ""}, {"TRUST_COACH_DYNAMODB_TABLE": "  "}],
)
def test_sqlite_at_the_default_path(environ: dict[str, str]) -> None:
    adapter = adapter_from_env(environ)
    assert isinstance(adapter, SQLiteAdapter)
    assert adapter.path == default_db_path()
    assert adapter.path.name == "trust-coach.sqlite3"
    assert "trust-coach" in adapter.path.parent.parts


def test_sqlite_path_expands_the_home_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/coach")
    adapter = adapter_from_env({"TRUST_COACH_DB": "~/coach.sqlite3"})
    assert isinstance(adapter, SQLiteAdapter)
    assert adapter.path == Path("/home/coach/coach.sqlite3")


_IMPORT_PROBE = """
import sys
import skill.persistence
adapter = skill.persistence.adapter_from_env({"TRUST_COACH_DB": sys.argv[1]})
print(sorted(name for name in ("boto3", "botocore", "platformdirs") if name in sys.modules))
"""


def test_importing_and_using_sqlite_does_not_import_boto3(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE, str(tmp_path / "x.sqlite3")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"
