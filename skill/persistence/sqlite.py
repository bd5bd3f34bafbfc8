"""Persistent attributes in a local SQLite file, safe across threads and processes."""

from __future__ import annotations

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

from .versioned import DEFAULT_MAX_ATTEMPTS, Attributes, MergeFunction, VersionedAdapter

_LOGGER = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0
"""How long a statement waits for another connection's write lock before failing."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attributes (
    user_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    updated_at TEXT
)
"""


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
        """Open (creating if needed) the database; PersistenceException if it is unusable."""
        with self._guard("open the database"), self._connect():
            pass

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
        """Create the parent directory, switch to WAL and create the table, once per adapter."""
        with self._ready_lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
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
            self._ready = True
            _LOGGER.debug("Using %s", self.describe())

    def _create_schema(self) -> None:
        """Switch the file to WAL (readers go on while one process writes) and add the table."""
        with closing(self._open()) as connection:
            (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute(_SCHEMA)

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
        except (TypeError, ValueError) as error:
            raise PersistenceException(
                f"{self.describe()}: the stored attributes are not valid JSON: {error}"
            ) from error
        return self._record(version, data)

    def _write(self, user_id: str, expected_version: int, data: Attributes) -> bool:
        """Insert when expected_version is 0, else update only the row still at that version."""
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        now = datetime.now(UTC).isoformat(timespec="seconds")
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
        """Delete the user's row."""
        with self._connect() as connection:
            connection.execute("DELETE FROM attributes WHERE user_id = ?", (user_id,))
