"""Tests for the shared versioned-write logic, over an in-memory fake store."""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import pytest
from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_model.context import Context
from ask_sdk_model.interfaces.system.system_state import SystemState
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.user import User

from skill.persistence.versioned import Attributes, MergeFunction, VersionedAdapter, ours_win

ENVELOPE = RequestEnvelope(context=Context(system=SystemState(user=User(user_id="u"))))


class MemoryAdapter(VersionedAdapter):
    """A versioned adapter over a dict; `before_write` runs before every conditional write."""

    def __init__(self, merge: MergeFunction | None = None, max_attempts: int = 5) -> None:
        """Start empty."""
        super().__init__(merge=merge, max_attempts=max_attempts)
        self.records: dict[str, tuple[int, Attributes]] = {}
        self.before_write: Callable[[], None] = lambda: None
        self.writes = 0

    def describe(self) -> str:
        """Name the fake store."""
        return "memory store"

    def _read(self, user_id: str) -> tuple[int, Attributes]:
        version, data = self.records.get(user_id, (0, {}))
        return version, dict(data)

    def _write(self, user_id: str, expected_version: int, data: Attributes) -> bool:
        self.before_write()
        self.writes += 1
        if self.records.get(user_id, (0, {}))[0] != expected_version:
            return False
        self.records[user_id] = (expected_version + 1, dict(data))
        return True

    def _delete(self, user_id: str) -> None:
        self.records.pop(user_id, None)

    def _conflict_scope(self, attempt: int) -> AbstractContextManager[None]:
        """Skip the backoff sleep in tests."""
        return nullcontext()


def rival_write(adapter: MemoryAdapter, key: str) -> None:
    """Simulate another device saving between our read and our write."""
    version, data = adapter.records.get("u", (0, {}))
    adapter.records["u"] = (version + 1, {**data, key: version + 1})


def test_ours_win_key_by_key() -> None:
    assert ours_win({"a": 1, "b": 2}, {"b": 3, "c": 4}) == {"a": 1, "b": 2, "c": 4}


def test_conflict_calls_merge_with_both_sides_and_stores_the_result() -> None:
    calls: list[tuple[Attributes, Attributes]] = []

    def merge(ours: Attributes, theirs: Attributes) -> Attributes:
        """Record the call and keep both sides, with a stray version to be dropped."""
        calls.append((dict(ours), dict(theirs)))
        return {**theirs, **ours, "_version": 99}

    adapter = MemoryAdapter(merge=merge)
    attributes = adapter.get_attributes(ENVELOPE)
    rival_write(adapter, "rival")
    attributes["mine"] = True
    adapter.save_attributes(ENVELOPE, attributes)

    assert calls == [({"mine": True}, {"rival": 1})]
    assert adapter.records["u"] == (2, {"rival": 1, "mine": True})
    assert attributes == {"rival": 1, "mine": True, "_version": 2}


def test_merge_cannot_alter_ours_between_attempts() -> None:
    seen: list[Attributes] = []
    adapter = MemoryAdapter()

    def merge(ours: Attributes, theirs: Attributes) -> Attributes:
        """Record ours, then mangle it (a careless merge)."""
        seen.append(copy.deepcopy(ours))
        ours["items"].append("mangled")
        if len(seen) == 1:
            rival_write(adapter, "again")
        return {**theirs, **ours}

    adapter._merge = merge
    rival_write(adapter, "first")
    adapter.save_attributes(ENVELOPE, {"items": ["mine"], "_version": 0})
    assert seen == [{"items": ["mine"]}, {"items": ["mine"]}]


def test_gives_up_after_bounded_attempts_without_writing() -> None:
    merges: list[int] = []
    adapter = MemoryAdapter(max_attempts=4)

    def merge(ours: Attributes, theirs: Attributes) -> Attributes:
        """Count the call and merge."""
        merges.append(1)
        return {**theirs, **ours}

    adapter._merge = merge
    adapter.before_write = lambda: rival_write(adapter, "rival")

    with pytest.raises(PersistenceException, match="4 times in a row"):
        adapter.save_attributes(ENVELOPE, {"mine": True})
    assert adapter.writes == 4
    assert len(merges) == 3
    assert "mine" not in adapter.records["u"][1]


@pytest.mark.parametrize(
    ("merge", "message"),
    [
        (lambda ours, theirs: ours["missing"], "merge function failed: KeyError"),
        (lambda ours, theirs: [ours, theirs], "returned list, not dict"),
    ],
)
def test_broken_merge_becomes_persistence_exception(merge: MergeFunction, message: str) -> None:
    adapter = MemoryAdapter(merge=merge)
    rival_write(adapter, "rival")
    with pytest.raises(PersistenceException, match=message):
        adapter.save_attributes(ENVELOPE, {"mine": True})
    assert adapter.records["u"] == (1, {"rival": 1})


def test_missing_version_means_new_and_still_merges() -> None:
    adapter = MemoryAdapter()
    rival_write(adapter, "rival")
    attributes: Attributes = {"mine": 1}
    adapter.save_attributes(ENVELOPE, attributes)
    assert attributes == {"rival": 1, "mine": 1, "_version": 2}


def test_max_attempts_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        MemoryAdapter(max_attempts=0)


def test_missing_user_id_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(PersistenceException, match="no user id"):
        MemoryAdapter().get_attributes(RequestEnvelope())
    assert [record.levelname for record in caplog.records] == ["WARNING"]
