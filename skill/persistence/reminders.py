"""The local stand-in's reminders, in the same SQLite file as the persistent attributes."""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_TABLE = """
CREATE TABLE IF NOT EXISTS reminders (
    token TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class StoredReminder:
    """One reminder as the stand-in keeps it."""

    token: str
    """Its alert token."""
    user_id: str
    """The Alexa user id it belongs to."""
    request: dict[str, Any]
    """The reminder request it was made (or last changed) from, as JSON."""
    created_at: str
    """ISO 8601, UTC."""
    updated_at: str
    """ISO 8601, UTC."""


class ReminderStore:
    """Reminders by user in a SQLite file (one connection per call, safe across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        connection.execute(_TABLE)
        return connection

    def add(self, token: str, user_id: str, request: dict[str, Any]) -> StoredReminder:
        """Keep a new reminder."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, closing(self._connect()) as db:
            db.execute(
                "INSERT INTO reminders VALUES (?, ?, ?, ?, ?)",
                (token, user_id, json.dumps(request), now, now),
            )
        return StoredReminder(token, user_id, request, now, now)

    def get(self, user_id: str, token: str) -> StoredReminder | None:
        """One of the user's reminders."""
        with self._lock, closing(self._connect()) as db:
            row = db.execute(
                "SELECT token, user_id, data, created_at, updated_at FROM reminders"
                " WHERE user_id = ? AND token = ?",
                (user_id, token),
            ).fetchone()
        return _reminder(row) if row else None

    def replace(self, user_id: str, token: str, request: dict[str, Any]) -> StoredReminder | None:
        """Change one of the user's reminders; None when there is no such reminder."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, closing(self._connect()) as db:
            changed = db.execute(
                "UPDATE reminders SET data = ?, updated_at = ? WHERE user_id = ? AND token = ?",
                (json.dumps(request), now, user_id, token),
            ).rowcount
        return self.get(user_id, token) if changed else None

    def delete(self, user_id: str, token: str) -> bool:
        """Delete one of the user's reminders; whether there was one."""
        with self._lock, closing(self._connect()) as db:
            return bool(
                db.execute(
                    "DELETE FROM reminders WHERE user_id = ? AND token = ?", (user_id, token)
                ).rowcount
            )

    def delete_user(self, user_id: str) -> int:
        """Delete every reminder of a user; how many there were."""
        with self._lock, closing(self._connect()) as db:
            return int(db.execute("DELETE FROM reminders WHERE user_id = ?", (user_id,)).rowcount)

    def of_user(self, user_id: str | None = None) -> list[StoredReminder]:
        """A user's reminders (everyone's without ``user_id``), oldest first."""
        query = "SELECT token, user_id, data, created_at, updated_at FROM reminders"
        args: tuple[str, ...] = ()
        if user_id is not None:
            query, args = query + " WHERE user_id = ?", (user_id,)
        with self._lock, closing(self._connect()) as db:
            rows = db.execute(query + " ORDER BY created_at, rowid", args).fetchall()
        return [_reminder(row) for row in rows]


def _reminder(row: tuple[Any, ...]) -> StoredReminder:
    data = json.loads(row[2])
    return StoredReminder(row[0], row[1], data if isinstance(data, dict) else {}, row[3], row[4])
