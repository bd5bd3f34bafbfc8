"""Tests for the SQLite persistence adapter (real temporary database files)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.exceptions import PersistenceException

from skill.persistence import SQLiteAdapter
from skill.persistence.versioned import VERSION_KEY, Attributes
from tests.helpers import user_envelope

USER = "amzn1.ask.account.TEST-USER"


class RecordingMerge:
    """Test merge: union of the "items" lists, per-device counters by max; records its calls."""

    def __init__(self) -> None:
        """Start with no recorded calls."""
        self.calls: list[tuple[Attributes, Attributes]] = []

    def __call__(self, ours: Attributes, theirs: Attributes) -> Attributes:
        """Merge both sides so that neither side's additions are lost."""
        self.calls.append((dict(ours), dict(theirs)))
        merged: Attributes = {**theirs, **ours}
        if "items" in ours or "items" in theirs:
            items = list(theirs.get("items", []))
            items += [item for item in ours.get("items", []) if item not in items]
            merged["items"] = items
        for key in set(ours) | set(theirs):
            if key.startswith("count_"):
                merged[key] = max(ours.get(key, 0), theirs.get(key, 0))
        return merged


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a directory that does not exist yet."""
    return tmp_path / "data" / "trust-coach.sqlite3"


def test_new_user_reads_version_zero(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path)
    assert adapter.get_attributes(user_envelope()) == {"_version": 0}
    assert db_path.exists()


def test_round_trip_and_version_increments(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path)
    attributes = adapter.get_attributes(user_envelope())
    attributes.update({"visits": 1, "order": [3, 1, 2], "last": "boundaries", "score": 0.5})
    adapter.save_attributes(user_envelope(), attributes)
    assert attributes["_version"] == 1

    again = SQLiteAdapter(db_path).get_attributes(user_envelope())
    assert again == {
        "visits": 1,
        "order": [3, 1, 2],
        "last": "boundaries",
        "score": 0.5,
        "_version": 1,
    }
    again["visits"] = 2
    SQLiteAdapter(db_path).save_attributes(user_envelope(), again)
    assert SQLiteAdapter(db_path).get_attributes(user_envelope()) == {**again, "_version": 2}


def test_version_key_is_not_stored_in_the_data(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path)
    adapter.save_attributes(user_envelope(), {"visits": 1, "_version": 0})
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT user_id, version, data FROM attributes").fetchall()
    assert rows == [(USER, 1, '{"visits":1}')]


def test_second_save_in_the_same_request(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path, merge=RecordingMerge())
    attributes = adapter.get_attributes(user_envelope())
    attributes["visits"] = 1
    adapter.save_attributes(user_envelope(), attributes)
    attributes["visits"] = 2
    adapter.save_attributes(user_envelope(), attributes)
    assert attributes["_version"] == 2
    assert adapter.get_attributes(user_envelope()) == {"visits": 2, "_version": 2}


def test_user_id_falls_back_to_the_session(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path)
    adapter.save_attributes(user_envelope(context_user=None, session_user="session-user"), {"a": 1})
    assert adapter.get_attributes(user_envelope(context_user="session-user")) == {
        "a": 1,
        "_version": 1,
    }
    assert adapter.get_attributes(user_envelope()) == {"_version": 0}


def test_two_devices_race_loses_nothing(db_path: Path) -> None:
    merge = RecordingMerge()
    kitchen = SQLiteAdapter(db_path, merge=merge)
    bedroom = SQLiteAdapter(db_path, merge=merge)
    kitchen.save_attributes(user_envelope(), {"items": ["a"]})

    ours_kitchen = kitchen.get_attributes(user_envelope())
    ours_bedroom = bedroom.get_attributes(user_envelope())
    assert ours_kitchen["_version"] == ours_bedroom["_version"] == 1
    ours_kitchen["items"] = [*ours_kitchen["items"], "kitchen"]
    ours_kitchen["count_kitchen"] = 1
    ours_bedroom["items"] = [*ours_bedroom["items"], "bedroom"]
    ours_bedroom["count_bedroom"] = 1
    kitchen.save_attributes(user_envelope(), ours_kitchen)
    bedroom.save_attributes(user_envelope(), ours_bedroom)

    assert merge.calls == [
        (
            {"items": ["a", "bedroom"], "count_bedroom": 1},
            {"items": ["a", "kitchen"], "count_kitchen": 1},
        )
    ]
    stored = SQLiteAdapter(db_path).get_attributes(user_envelope())
    assert stored == {
        "items": ["a", "kitchen", "bedroom"],
        "count_kitchen": 1,
        "count_bedroom": 1,
        "_version": 3,
    }
    # The loser's dict now holds what was stored, so a later save cannot undo the merge.
    assert ours_bedroom == stored


def test_default_merge_keeps_their_other_keys(db_path: Path) -> None:
    first = SQLiteAdapter(db_path)
    second = SQLiteAdapter(db_path)
    mine = first.get_attributes(user_envelope())
    theirs = second.get_attributes(user_envelope())
    mine.update({"shared": "mine", "only_mine": 1})
    theirs.update({"shared": "theirs", "only_theirs": 2})
    second.save_attributes(user_envelope(), theirs)
    first.save_attributes(user_envelope(), mine)
    assert first.get_attributes(user_envelope()) == {
        "shared": "mine",
        "only_mine": 1,
        "only_theirs": 2,
        "_version": 2,
    }


def test_failing_merge_becomes_persistence_exception(db_path: Path) -> None:
    def broken(ours: Attributes, theirs: Attributes) -> Attributes:
        """A merge with a bug."""
        raise KeyError("boom")

    adapter = SQLiteAdapter(db_path, merge=broken)
    adapter.save_attributes(user_envelope(), {"a": 1})
    with pytest.raises(PersistenceException, match="merge function failed") as caught:
        adapter.save_attributes(user_envelope(), {"a": 2})
    assert isinstance(caught.value.__cause__, KeyError)


def test_threads_increment_without_losing_updates(db_path: Path) -> None:
    threads_count, increments = 8, 25
    merge = RecordingMerge()
    adapter = SQLiteAdapter(db_path, merge=merge)
    errors: list[BaseException] = []

    def work(number: int) -> None:
        """Read, increment this thread's counter, save; repeatedly."""
        key = f"count_{number}"
        try:
            for _ in range(increments):
                attributes = adapter.get_attributes(user_envelope())
                attributes[key] = attributes.get(key, 0) + 1
                adapter.save_attributes(user_envelope(), attributes)
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads_count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    stored = adapter.get_attributes(user_envelope())
    assert {key: value for key, value in stored.items() if key != "_version"} == {
        f"count_{n}": increments for n in range(threads_count)
    }
    assert stored["_version"] >= threads_count * increments
    assert merge.calls, "eight threads never conflicted, so the merge path was not exercised"


_PROCESS_SCRIPT = """
import sys
from ask_sdk_model import Context, RequestEnvelope, User
from ask_sdk_model.interfaces.system import SystemState
from skill.persistence import SQLiteAdapter

def merge(ours, theirs):
    keys = set(ours) | set(theirs)
    return {key: max(ours.get(key, 0), theirs.get(key, 0)) for key in keys}

path, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
envelope = RequestEnvelope(context=Context(system=SystemState(user=User(user_id="u"))))
adapter = SQLiteAdapter(path, merge=merge)
for _ in range(count):
    attributes = adapter.get_attributes(envelope)
    attributes[key] = attributes.get(key, 0) + 1
    adapter.save_attributes(envelope, attributes)
"""


def test_processes_increment_without_losing_updates(db_path: Path) -> None:
    processes_count, increments = 4, 20
    root = Path(__file__).resolve().parent.parent
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _PROCESS_SCRIPT, str(db_path), f"p{n}", str(increments)],
            cwd=root,
        )
        for n in range(processes_count)
    ]
    assert [process.wait() for process in processes] == [0] * processes_count
    stored = SQLiteAdapter(db_path).get_attributes(user_envelope(context_user="u"))
    assert stored == {
        **{f"p{n}": increments for n in range(processes_count)},
        "_version": stored["_version"],
    }
    assert stored["_version"] >= processes_count * increments


def test_check_creates_the_database(db_path: Path) -> None:
    SQLiteAdapter(db_path).check()
    with sqlite3.connect(db_path) as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert mode == ("wal",)
    assert tables == [("attributes",), ("quarantine",)]


def _directory(tmp_path: Path) -> Path:
    """A path that is an existing directory."""
    return tmp_path


def _under_a_file(tmp_path: Path) -> Path:
    """A path whose parent is a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    return blocker / "db.sqlite3"


@pytest.mark.parametrize("make_path", [_directory, _under_a_file])
@pytest.mark.parametrize(
    "use",
    [
        SQLiteAdapter.check,
        lambda adapter: adapter.get_attributes(user_envelope()),
        lambda adapter: adapter.save_attributes(user_envelope(), {"a": 1}),
        lambda adapter: adapter.delete_attributes(user_envelope()),
    ],
)
def test_unusable_path_names_the_path(tmp_path: Path, make_path: Any, use: Any) -> None:
    path = make_path(tmp_path)
    with pytest.raises(PersistenceException, match=re.escape(str(path))):
        use(SQLiteAdapter(path))


@pytest.mark.parametrize(
    ("version", "data"),
    [(1, "{not json"), (1, "[1, 2]"), ("one", "{}"), ("abc", '{"visits": {"d": 3}}'), (1, "null")],
)
def test_an_unreadable_row_is_set_aside_once_and_the_user_starts_fresh(
    db_path: Path, version: object, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = SQLiteAdapter(db_path)
    adapter.check()
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO attributes (user_id, version, data) VALUES (?, ?, ?)",
            (USER, version, data),
        )
    with caplog.at_level(logging.ERROR, logger="skill.persistence"):
        assert adapter.get_attributes(user_envelope()) == {VERSION_KEY: 0}
        adapter.save_attributes(user_envelope(), {"visits": {"d": 1}, VERSION_KEY: 0})
        assert adapter.get_attributes(user_envelope()) == {"visits": {"d": 1}, VERSION_KEY: 1}
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 1
    with sqlite3.connect(db_path) as connection:
        kept = connection.execute("SELECT user_id, version, data FROM quarantine").fetchall()
    assert kept == [(USER, version, data)]


@pytest.mark.parametrize("value", [float("nan"), object()])
def test_unstorable_value_becomes_persistence_exception(db_path: Path, value: object) -> None:
    with pytest.raises(PersistenceException, match="cannot write attributes"):
        SQLiteAdapter(db_path).save_attributes(user_envelope(), {"bad": value})


@pytest.mark.parametrize("version", [-1, "1", True, 1.0])
def test_invalid_version_is_rejected(db_path: Path, version: object) -> None:
    with pytest.raises(PersistenceException, match="_version"):
        SQLiteAdapter(db_path).save_attributes(user_envelope(), {"_version": version})


@pytest.mark.parametrize(
    "use",
    [
        lambda adapter: adapter.get_attributes(user_envelope(context_user=None)),
        lambda adapter: adapter.save_attributes(user_envelope(context_user=None), {"a": 1}),
        lambda adapter: adapter.delete_attributes(user_envelope(context_user=None)),
    ],
)
def test_missing_user_id_becomes_persistence_exception(db_path: Path, use: Any) -> None:
    with pytest.raises(PersistenceException, match="no user id"):
        use(SQLiteAdapter(db_path))


def test_delete_removes_the_user_only(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path)
    adapter.save_attributes(user_envelope(), {"a": 1})
    adapter.save_attributes(user_envelope(context_user="other"), {"b": 2})
    adapter.delete_attributes(user_envelope())
    assert adapter.get_attributes(user_envelope()) == {"_version": 0}
    assert adapter.get_attributes(user_envelope(context_user="other")) == {"b": 2, "_version": 1}


def test_failures_are_logged_at_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(PersistenceException):
        SQLiteAdapter(tmp_path).get_attributes(user_envelope())
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert str(tmp_path) in caplog.records[0].getMessage()


def test_works_through_ask_sdk_attributes_manager(db_path: Path) -> None:
    adapter = SQLiteAdapter(db_path)
    manager = AttributesManager(user_envelope(), persistence_adapter=adapter)
    manager.persistent_attributes["visits"] = 1
    manager.save_persistent_attributes()
    manager.persistent_attributes["visits"] = 2
    manager.save_persistent_attributes()

    fresh = AttributesManager(user_envelope(), persistence_adapter=adapter)
    assert fresh.persistent_attributes == {"visits": 2, "_version": 2}


# Every schema a file may have from before versioning (user_version 0): main's until now, one
# without updated_at, and one whose columns were renamed by hand.
OLD_SCHEMAS = {
    "main before versioning": "CREATE TABLE attributes (user_id TEXT PRIMARY KEY, "
    "version INTEGER NOT NULL, data TEXT NOT NULL, updated_at TEXT)",
    "without updated_at": "CREATE TABLE attributes (user_id TEXT PRIMARY KEY, "
    "version INTEGER NOT NULL, data TEXT NOT NULL)",
}


@pytest.mark.parametrize("schema", list(OLD_SCHEMAS.values()), ids=list(OLD_SCHEMAS))
def test_old_schemas_are_migrated_and_keep_their_rows(db_path: Path, schema: str) -> None:
    db_path.parent.mkdir()
    with sqlite3.connect(db_path) as connection:
        connection.execute(schema)
        connection.execute(
            "INSERT INTO attributes (user_id, version, data) VALUES (?, 3, ?)",
            (USER, '{"visits": {"d": 4}}'),
        )
    connection.close()
    adapter = SQLiteAdapter(db_path)
    assert adapter.get_attributes(user_envelope()) == {"visits": {"d": 4}, VERSION_KEY: 3}
    adapter.save_attributes(user_envelope(), {"visits": {"d": 5}, VERSION_KEY: 3})
    with sqlite3.connect(db_path) as connection:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        row = connection.execute("SELECT version, updated_at FROM attributes").fetchone()
    connection.close()
    assert version == 1
    assert row[0] == 4 and row[1]


def test_a_table_with_renamed_columns_is_kept_aside_and_a_new_one_started(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db_path.parent.mkdir()
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE attributes (uid TEXT PRIMARY KEY, v INTEGER, blob TEXT)")
        connection.execute("INSERT INTO attributes VALUES ('x', 1, '{}')")
    connection.close()
    adapter = SQLiteAdapter(db_path)
    with caplog.at_level(logging.ERROR, logger="skill.persistence"):
        adapter.save_attributes(user_envelope(), {"visits": {"d": 1}, VERSION_KEY: 0})
    assert adapter.get_attributes(user_envelope())[VERSION_KEY] == 1
    assert "kept it as attributes_unreadable_" in caplog.text
    with sqlite3.connect(db_path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert any(name.startswith("attributes_unreadable_") for name in tables)


def test_a_newer_schema_is_refused_not_overwritten(db_path: Path) -> None:
    db_path.parent.mkdir()
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(PersistenceException, match="newer"):
        SQLiteAdapter(db_path).check()


def test_a_file_that_is_not_a_database_is_set_aside(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes(b"this is not sqlite" * 100)
    adapter = SQLiteAdapter(db_path)
    with caplog.at_level(logging.ERROR, logger="skill.persistence"):
        adapter.check()
    adapter.save_attributes(user_envelope(), {"visits": {"d": 1}, VERSION_KEY: 0})
    assert adapter.get_attributes(user_envelope())[VERSION_KEY] == 1
    aside = list(db_path.parent.glob(f"{db_path.name}.unreadable-*"))
    assert [p.read_bytes()[:18] for p in aside] == [b"this is not sqlite"]
    assert "not a readable database" in caplog.text


# A file already at the current schema whose tables were changed by hand afterwards.
DRIFTS = {
    "renamed column": "ALTER TABLE attributes RENAME COLUMN data TO payload",
    "dropped table": "DROP TABLE attributes",
    "dropped quarantine": "DROP TABLE quarantine",
    "dropped updated_at": "ALTER TABLE attributes DROP COLUMN updated_at",
}


@pytest.mark.parametrize("drift", list(DRIFTS.values()), ids=list(DRIFTS))
def test_a_current_file_whose_tables_drifted_is_repaired_not_frozen(
    db_path: Path, drift: str, caplog: pytest.LogCaptureFixture
) -> None:
    SQLiteAdapter(db_path).check()
    with sqlite3.connect(db_path) as connection:
        connection.execute(drift)
    connection.close()
    adapter = SQLiteAdapter(db_path)
    with caplog.at_level(logging.ERROR, logger="skill.persistence"):
        adapter.save_attributes(user_envelope(), {"visits": {"d": 1}, VERSION_KEY: 0})
        adapter.save_attributes(user_envelope(), {"visits": {"d": 2}, VERSION_KEY: 1})
        assert adapter.get_attributes(user_envelope()) == {"visits": {"d": 2}, VERSION_KEY: 2}
    assert "differ from schema 1" in caplog.text
    # A second adapter (the next process) finds the file whole: nothing more to repair.
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="skill.persistence"):
        SQLiteAdapter(db_path).check()
    assert caplog.records == []


def test_a_folder_named_as_the_database_is_one_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "db.sqlite3"
    folder.mkdir()
    with pytest.raises(PersistenceException, match="is a folder, not a database file"):
        SQLiteAdapter(folder).check()


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """``path`` (a file) read-only even for root: chmod for a user, the immutable bit for root."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("cannot make a file read-only for root here (chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)


def test_check_finds_a_database_it_cannot_write(db_path: Path) -> None:
    """A read-only file opens and reads, but every save would fail: check says so up front."""
    SQLiteAdapter(db_path).check()
    with _read_only(db_path), pytest.raises(PersistenceException, match="cannot write"):
        SQLiteAdapter(db_path).check()
