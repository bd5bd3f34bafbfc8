"""The persistence adapter the talk commands and the console use, checked before the first turn."""

from __future__ import annotations

import logging
import sys

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from skill.hosts.cli.errors import UsageError


def storage() -> AbstractPersistenceAdapter:
    """The adapter the environment asks for (a file that cannot be opened: a UsageError)."""
    from ask_sdk_core.exceptions import PersistenceException

    from skill.builder import storage_from_env

    adapter = storage_from_env()
    check = getattr(adapter, "check", None)
    if check is not None:
        # The one-line error below says it all; the adapter's own warning would repeat it.
        storage_log = logging.getLogger("skill.persistence")
        level = storage_log.level
        storage_log.setLevel(logging.ERROR)
        try:
            check()
        except PersistenceException as error:
            raise UsageError(str(error)) from error
        finally:
            storage_log.setLevel(level)
    return adapter


def storage_or_none() -> AbstractPersistenceAdapter | None:
    """The adapter for a conversation, or None (one line on stderr) when it cannot be used:
    the user still hears the tip, as on Alexa when storage fails (DESIGN.md)."""
    try:
        return storage()
    except UsageError as error:
        print(f"trust-coach: {error}; progress is not kept this time", file=sys.stderr)
        return None
