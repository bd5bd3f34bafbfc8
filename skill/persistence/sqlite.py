"""Persistent attributes in a local SQLite file, safe across threads and processes."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ask_sdk_core.exceptions import PersistenceException

from .versioned import (
    DEFAULT_MAX_ATTEMPTS,
    Attributes,
    CorruptRecord,
    MergeFunction,
    VersionedAdapter,
)

_LOGGER = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0
"""How long a statement waits for another connection's write lock before failing."""

SCHEMA_VERSION = 1
"""The file's ``PRAGMA user_version``: 0 is every file from before versioning (with or without
``updated_at``); 1 adds the quarantine table. Each step is one function in ``_MIGRATIONS``."""

_ATTRIBUTES_TABLE = """
CREATE TABLE IF NOT EXISTS attributes (
    user_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    updated_at TEXT
)
"""
_QUARANTINE_TABLE = """
CREATE TABLE IF NOT EXISTS quarantine (
    user_id TEXT,
    version,
    data,
    reason TEXT,
    quarantined_at TEXT
)
"""
_REQUIRED_COLUMNS = frozenset({"user_id", "version", "data"})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


def _migrate_0_to_1(connection: sqlite3.Connection) -> None:
    """Files from before versioning: any shape of the attributes table, maybe no updated_at."""
    columns = _columns(connection, "attributes")
    if columns and not columns >= _REQUIRED_COLUMNS:
        aside = f"attributes_unreadable_{datetime.now(UTC):%Y%m%d%H%M%S}"
        connection.execute(f"ALTER TABLE attributes RENAME TO {aside}")
        _LOGGER.error(
            "the attributes table has columns %s, not %s: kept it as %s and started a new one",
            sorted(columns),
            sorted(_REQUIRED_COLUMNS),
            aside,
        )
        columns = set()
    if not columns:
        connection.execute(_ATTRIBUTES_TABLE)
    elif "updated_at" not in columns:
        connection.execute("ALTER TABLE attributes ADD COLUMN updated_at TEXT")
    connection.execute(_QUARANTINE_TABLE)


def _schema_intact(connection: sqlite3.Connection) -> bool:
    """Whether the current schema's tables are there with the columns the adapter uses."""
    return _columns(connection, "attributes") >= _REQUIRED_COLUMNS | {"updated_at"} and _columns(
        connection, "quarantine"
    ) >= {"user_id", "version", "data", "reason", "quarantined_at"}


_MIGRATIONS = (_migrate_0_to_1,)
"""_MIGRATIONS[n] takes a file from user_version n to n + 1."""


class SQLiteAdapter(VersionedAdapter):
    """Stores each user's attributes as one JSON row with a version number."""

    backend_errors = (sqlite3.Error, OSError, ValueError, TypeError)

    def __init__(
        self,
        path: str | os.PathLike[str],
        merge: MergeFunction | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    ) -> None:
        """Use the database at `path`; nothing is opened or created before first use."""
        super().__init__(merge=merge, max_attempts=max_attempts)
        self.path = Path(path)
        self._ready = False
        self._ready_lock = threading.Lock()
        self._local = threading.local()

    def describe(self) -> str:
        """Name the database file for messages."""
        return f"SQLite database {self.path}"

    def check(self) -> None:
        """Open (creating if needed) the database and try a write; PersistenceException if it
        is unusable."""
        with self._guard("open the database"), self._connect():
            pass
        with self._guard("write to the database"), self._connect() as connection:
            # The version it already has, rolled back: a read-only file fails here, once, and
            # not at every save.
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            finally:
                connection.execute("ROLLBACK")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, opened on first use and kept (opening costs a file open)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            self._ensure_schema()
            connection = self._open()
            self._local.connection = connection
        yield connection

    @contextmanager
    def _conflict_scope(self, attempt: int) -> Iterator[None]:
        """Hold the write lock while re-reading, merging and writing, so the retry cannot lose."""
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            else:
                connection.execute("COMMIT")

    def _open(self) -> sqlite3.Connection:
        """Open a connection with a busy timeout, each statement its own transaction."""
        # `timeout` is SQLite's busy_timeout: wait for another writer's lock instead of failing.
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=True
        )
        # In WAL mode NORMAL skips the fsync on every commit; the database stays consistent and
        # a power cut can lose at most the last few writes (a tip's "heard" mark), not corrupt it.
        connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def _ensure_schema(self) -> None:
        """Create the parent directory, switch to WAL and migrate the schema, once per adapter.

        A file that is not a SQLite database is renamed aside (ERROR log) and a new one started.
        """
        with self._ready_lock:
            if self._ready:
                return
            if self.path.is_dir():
                raise PersistenceException(f"{self.describe()} is a folder, not a database file")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
            healed = False
            while True:
                try:
                    self._create_schema()
                    break
                except sqlite3.OperationalError as error:
                    # Switching a new file to WAL needs an exclusive lock that SQLite does not
                    # wait for when another process is doing the same; retry instead of failing.
                    if "locked" not in str(error) or time.monotonic() > deadline:
                        raise
                    time.sleep(random.uniform(0.01, 0.05))
                except sqlite3.DatabaseError as error:
                    if healed:
                        raise
                    healed = True
                    self._set_file_aside(error)
            self._ready = True
            _LOGGER.debug("Using %s", self.describe())

    def _set_file_aside(self, error: sqlite3.DatabaseError) -> None:
        """Rename an unreadable database file (and its WAL files) so a new one can start."""
        aside = self.path.with_name(f"{self.path.name}.unreadable-{datetime.now(UTC):%Y%m%d%H%M%S}")
        for suffix in ("", "-wal", "-shm"):
            # Another process may have moved it first, or there is no WAL file.
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        _LOGGER.error(
            "%s is not a readable database (%s): kept it as %s and started a new one",
            self.path,
            error,
            aside.name,
        )

    def _create_schema(self) -> None:
        """Switch the file to WAL (readers go on while one process writes) and migrate it."""
        with closing(self._open()) as connection:
            (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            try:
                (found,) = connection.execute("PRAGMA user_version").fetchone()
                if found > SCHEMA_VERSION:
                    raise PersistenceException(
                        f"{self.describe()} has schema {found}, newer than this version's "
                        f"{SCHEMA_VERSION}: upgrade trust-coach or set {'TRUST_COACH_DB'}"
                    )
                for step in range(found, SCHEMA_VERSION):
                    _MIGRATIONS[step](connection)
                    _LOGGER.info("%s: schema %s -> %s", self.describe(), step, step + 1)
                if found == SCHEMA_VERSION and not _schema_intact(connection):
                    # The version says current but the tables drifted (renamed, dropped, altered
                    # by hand): without this every read and write fails, and progress freezes.
                    _LOGGER.error("%s: the tables differ from schema %s", self.describe(), found)
                    _migrate_0_to_1(connection)
                if found != SCHEMA_VERSION:
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _read(self, user_id: str) -> tuple[int, Attributes]:
        """Return the stored (version, data), or (0, {}) for a new user."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT version, data FROM attributes WHERE user_id = ?", (user_id,)
            ).fetchone()
        if row is None:
            return 0, {}
        version, text = row
        try:
            data = json.loads(text)
        except (TypeError, ValueError, RecursionError) as error:
            raise CorruptRecord(
                f"{self.describe()}: the stored attributes are not valid JSON: {error}"
            ) from error
        return self._record(version, data)

    def _write(self, user_id: str, expected_version: int, data: Attributes) -> bool:
        """Insert when expected_version is 0, else update only the row still at that version."""
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        now = _now()
        with self._connect() as connection:
            if expected_version == 0:
                cursor = connection.execute(
                    "INSERT INTO attributes (user_id, version, data, updated_at) "
                    "VALUES (?, 1, ?, ?) ON CONFLICT (user_id) DO NOTHING",
                    (user_id, text, now),
                )
            else:
                cursor = connection.execute(
                    "UPDATE attributes SET version = ?, data = ?, updated_at = ? "
                    "WHERE user_id = ? AND version = ?",
                    (expected_version + 1, text, now, user_id, expected_version),
                )
            return cursor.rowcount == 1

    def _delete(self, user_id: str) -> None:
        """Delete the user's row (and anything of theirs set aside)."""
        with self._connect() as connection:
            connection.execute("DELETE FROM attributes WHERE user_id = ?", (user_id,))
            connection.execute("DELETE FROM quarantine WHERE user_id = ?", (user_id,))

    def _quarantine(self, user_id: str, reason: str) -> None:
        """Move the user's row into the quarantine table, in one transaction."""
        with self._connect() as connection:
            in_transaction = connection.in_transaction
            if not in_transaction:
                connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(
                    "INSERT INTO quarantine (user_id, version, data, reason, quarantined_at) "
                    "SELECT user_id, version, data, ?, ? FROM attributes WHERE user_id = ?",
                    (reason, _now(), user_id),
                )
                connection.execute("DELETE FROM attributes WHERE user_id = ?", (user_id,))
            except BaseException:
                if not in_transaction:
                    connection.execute("ROLLBACK")
                raise
            if not in_transaction:
                connection.execute("COMMIT")
