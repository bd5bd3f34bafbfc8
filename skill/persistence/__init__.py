"""Persistent attributes: SQLite on a laptop, DynamoDB on Lambda, chosen by the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from .sqlite import SQLiteAdapter
from .versioned import (
    VERSION_KEY,
    Attributes,
    CorruptRecord,
    MergeFunction,
    VersionedAdapter,
    ours_win,
)

__all__ = [
    "VERSION_KEY",
    "Attributes",
    "CorruptRecord",
    "MergeFunction",
    "SQLiteAdapter",
    "VersionedAdapter",
    "adapter_from_env",
    "default_db_path",
    "ours_win",
]

DB_ENV = "TRUST_COACH_DB"
"""Environment variable naming the SQLite file."""

DYNAMODB_TABLE_ENV = "TRUST_COACH_DYNAMODB_TABLE"
"""Environment variable naming the DynamoDB table; when set, DynamoDB is used."""


def default_db_path() -> Path:
    """Return the SQLite file under the platform's user data directory."""
    import platformdirs

    return platformdirs.user_data_path("trust-coach") / "trust-coach.sqlite3"


def adapter_from_env(
    environ: Mapping[str, str] = os.environ, merge: MergeFunction | None = None
) -> AbstractPersistenceAdapter:
    """Build the adapter the environment asks for: DynamoDB if a table is named, else SQLite."""
    table = environ.get(DYNAMODB_TABLE_ENV, "").strip()
    if table:
        from .dynamodb import DynamoDBAdapter

        region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None
        return DynamoDBAdapter(table, merge=merge, region=region)
    path = environ.get(DB_ENV, "").strip()
    return SQLiteAdapter(Path(path).expanduser() if path else default_db_path(), merge=merge)
