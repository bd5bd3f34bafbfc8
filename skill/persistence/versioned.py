"""Versioned persistence: conditional writes with a merge on conflict, shared by every backend."""

from __future__ import annotations

import abc
import contextvars
import copy
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_model.request_envelope import RequestEnvelope

_LOGGER = logging.getLogger(__name__)

VERSION_KEY = "_version"
"""Reserved attributes key carrying the stored version (0 = never stored); never stored itself."""

APPLIED_KEY = "_requests"
"""Attributes key with the ids of the last requests whose changes were stored (idempotence)."""
MAX_APPLIED = 16
"""Request ids remembered per user: a replay or a duplicate of any of them changes nothing."""

DEFAULT_MAX_ATTEMPTS = 5
"""Conditional writes tried per save before giving up with a PersistenceException."""

Attributes = dict[str, Any]
"""Persistent attributes as the skill sees them (JSON-like values)."""

MergeFunction = Callable[[Attributes, Attributes], Attributes]
"""merge(ours, theirs) -> merged; neither side carries "_version"."""


class CorruptRecord(PersistenceException):
    """A stored record that cannot be read; the adapter sets it aside and the user starts fresh."""


class WriteConflict(PersistenceException):
    """Another writer stored a newer version first; the turn is run again on the fresh state."""


@dataclass
class TurnAttempt:
    """One run of a turn: whether a conflict should be reported (to retry) or merged."""

    retry_on_conflict: bool
    """True: a conflicting save raises WriteConflict; False: it is merged (the last attempt)."""
    conflicted: bool = False
    """Set when a save met a conflict and raised."""


_ATTEMPT: contextvars.ContextVar[TurnAttempt | None] = contextvars.ContextVar(
    "trust_coach_turn_attempt", default=None
)


@contextmanager
def turn_attempt(retry_on_conflict: bool) -> Iterator[TurnAttempt]:
    """Run one attempt of a turn; saves inside it report conflicts instead of merging."""
    attempt = TurnAttempt(retry_on_conflict)
    token = _ATTEMPT.set(attempt)
    try:
        yield attempt
    finally:
        _ATTEMPT.reset(token)


def _request_id_of(request_envelope: RequestEnvelope) -> str | None:
    """The request's id, if it has one."""
    value = getattr(getattr(request_envelope, "request", None), "request_id", None)
    return value if isinstance(value, str) and value else None


def ours_win(ours: Attributes, theirs: Attributes) -> Attributes:
    """Merge key by key, our value winning wherever both sides have a key."""
    return {**theirs, **ours}


def user_id_of(request_envelope: RequestEnvelope) -> str:
    """Return the Alexa user id of a request (context first, then session)."""
    context = getattr(request_envelope, "context", None)
    system = getattr(context, "system", None)
    for user in (getattr(system, "user", None), getattr(request_envelope.session, "user", None)):
        user_id = getattr(user, "user_id", None)
        if isinstance(user_id, str) and user_id:
            return user_id
    raise PersistenceException(
        "Cannot store attributes: the request has no user id "
        "(neither context.System.user.userId nor session.user.userId)"
    )


class VersionedAdapter(AbstractPersistenceAdapter, abc.ABC):
    """ask-sdk persistence adapter over a store that supports a compare-version-and-write."""

    backend_errors: tuple[type[Exception], ...] = ()
    """Exceptions of the backend that are turned into PersistenceException."""

    def __init__(
        self, merge: MergeFunction | None = None, max_attempts: int = DEFAULT_MAX_ATTEMPTS
    ) -> None:
        """Use `merge` on write conflicts (default: ours wins key by key)."""
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._merge = merge if merge is not None else ours_win
        self._max_attempts = max_attempts

    def use_merge(self, merge: MergeFunction) -> None:
        """Merge with ``merge`` on write conflicts from now on (the skill builder sets its own)."""
        self._merge = merge

    def _record(self, version: object, data: object) -> tuple[int, Attributes]:
        """A stored (version, attributes) pair, or PersistenceException when it is corrupted."""
        if isinstance(version, bool) or not isinstance(version, int) or not isinstance(data, dict):
            raise CorruptRecord(
                f"{self.describe()}: the stored record is corrupted (version {version!r}, "
                f"attributes of type {type(data).__name__})"
            )
        return version, data

    @abc.abstractmethod
    def describe(self) -> str:
        """Name the store for messages, e.g. "SQLite database /path/x.sqlite3"."""

    @abc.abstractmethod
    def _read(self, user_id: str) -> tuple[int, Attributes]:
        """Return (version, data) stored for the user, (0, {}) when absent."""

    @abc.abstractmethod
    def _write(self, user_id: str, expected_version: int, data: Attributes) -> bool:
        """Store data as expected_version + 1 if the stored version is expected_version."""

    @abc.abstractmethod
    def _delete(self, user_id: str) -> None:
        """Remove the user's record if there is one."""

    def _quarantine(self, user_id: str, reason: str) -> None:
        """Move the user's unreadable record aside (kept for a person to look at), atomically."""
        raise NotImplementedError

    def _read_or_heal(self, user_id: str) -> tuple[int, Attributes]:
        """``_read``; an unreadable record is set aside once (ERROR log), the user starts anew."""
        try:
            return self._read(user_id)
        except CorruptRecord as error:
            try:
                self._quarantine(user_id, str(error))
            except NotImplementedError:
                raise error from None
            _LOGGER.error("%s; set it aside, the user starts fresh", error)
            return 0, {}

    def _conflict_scope(self, attempt: int) -> AbstractContextManager[None]:
        """Wrap the read-merge-write after a conflict; a backend with a write lock takes it here."""
        _backoff(attempt)
        return nullcontext()

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn backend failures into PersistenceException, logged at WARNING."""
        try:
            yield
        except WriteConflict:
            raise  # not a failure: the turn runs again
        except PersistenceException as error:
            _LOGGER.warning("%s", error)
            raise
        except self.backend_errors as error:
            message = f"{self.describe()}: cannot {action}: {type(error).__name__}: {error}"
            _LOGGER.warning("%s", message)
            raise PersistenceException(message) from error

    def get_attributes(self, request_envelope: RequestEnvelope) -> Attributes:
        """Return the user's stored attributes with their version under "_version"."""
        with self._guard("read attributes"):
            version, data = self._read_or_heal(user_id_of(request_envelope))
        data.pop(VERSION_KEY, None)
        data[VERSION_KEY] = version
        return data

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: Attributes) -> None:
        """Write the attributes if nobody else did since they were read, else merge and retry.

        On success `attributes` is updated in place to what was stored (merged if there was a
        conflict) and to the new "_version", so a second save in the same request works.
        """
        with self._guard("write attributes"):
            user_id = user_id_of(request_envelope)
            expected = _expected_version(attributes.get(VERSION_KEY, 0))
            ours = {key: value for key, value in attributes.items() if key != VERSION_KEY}
            request_id = _request_id_of(request_envelope)
            applied = _applied(ours)
            if request_id is not None:
                if request_id in applied:
                    _LOGGER.info("%s: request already applied, not stored again", self.describe())
                    return
                ours[APPLIED_KEY] = [*applied, request_id][-MAX_APPLIED:]
            attempt_state = _ATTEMPT.get()
            data = ours
            for attempt in range(1, self._max_attempts + 1):
                if attempt == 1:
                    written = self._write(user_id, expected, data)
                    if (
                        not written
                        and attempt_state is not None
                        and attempt_state.retry_on_conflict
                    ):
                        attempt_state.conflicted = True
                        raise WriteConflict(f"{self.describe()}: version {expected} was overtaken")
                else:
                    with self._conflict_scope(attempt):
                        expected, theirs = self._read_or_heal(user_id)
                        theirs.pop(VERSION_KEY, None)
                        if request_id is not None and request_id in _applied(theirs):
                            return  # a duplicate of this request was stored meanwhile
                        data = self._merged(ours, theirs)
                        if request_id is not None:
                            data[APPLIED_KEY] = [*_applied(theirs), request_id][-MAX_APPLIED:]
                        written = self._write(user_id, expected, data)
                if written:
                    if data is not ours or request_id is not None:
                        attributes.clear()
                        attributes.update(data)
                    attributes[VERSION_KEY] = expected + 1
                    return
                _LOGGER.info(
                    "%s: version %s was overtaken (attempt %s)", self.describe(), expected, attempt
                )
            raise PersistenceException(
                f"{self.describe()}: cannot write attributes: another writer won "
                f"{self._max_attempts} times in a row"
            )

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        """Remove everything stored for the user."""
        with self._guard("delete attributes"):
            self._delete(user_id_of(request_envelope))

    def _merged(self, ours: Attributes, theirs: Attributes) -> Attributes:
        """Call the merge function on copies so it cannot alter `ours` for the next attempt."""
        try:
            merged = self._merge(copy.deepcopy(ours), theirs)
        except Exception as error:
            raise PersistenceException(
                f"{self.describe()}: the merge function failed: {type(error).__name__}: {error}"
            ) from error
        if not isinstance(merged, dict):
            raise PersistenceException(
                f"{self.describe()}: the merge function returned {type(merged).__name__}, not dict"
            )
        merged.pop(VERSION_KEY, None)
        return merged


def _applied(attributes: Attributes) -> list[str]:
    """The request ids whose changes these attributes already hold."""
    value = attributes.get(APPLIED_KEY)
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _expected_version(value: object) -> int:
    """Validate the "_version" a caller handed back."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PersistenceException(
            f'Cannot store attributes: "{VERSION_KEY}" must be a non-negative int, got {value!r}'
        )
    return value


def _backoff(attempt: int) -> None:
    """Sleep a short random time so racing writers stop colliding."""
    # Jitter spreads writers that conflicted at the same moment; the cap keeps Alexa's 8 s budget.
    time.sleep(random.uniform(0, 0.005 * 2**attempt))
