"""Interceptors: read the turn's state before a handler runs, keep it after the reply is built."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import content, locales
from skill.conversation.state import Session, UserState
from skill.conversation.turn import Turn
from skill.persistence.versioned import WriteConflict

_LOGGER = logging.getLogger(__name__)


def _ids(handler_input: HandlerInput) -> tuple[str, str]:
    """The user id and device id of a request, with stand-ins where the request has none."""
    envelope = handler_input.request_envelope
    system = getattr(envelope.context, "system", None)
    user_id = getattr(getattr(system, "user", None), "user_id", None) or getattr(
        getattr(envelope.session, "user", None), "user_id", None
    )
    device_id = getattr(getattr(system, "device", None), "device_id", None)
    return user_id or "anonymous", device_id or "unknown"


def _timestamp(handler_input: HandlerInput) -> str:
    """The request's timestamp as ISO 8601 UTC (now, when the request has none)."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if not isinstance(stamp, datetime):
        stamp = datetime.now(UTC)
    elif stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        return stamp.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:  # "0001-01-01T00:00:00+14:00" is a date, but not one in UTC
        return datetime.now(UTC).isoformat(timespec="seconds")


def _locale(handler_input: HandlerInput) -> str:
    """The locale to answer in: the request's when it has words, else the default (logged)."""
    return locales.for_request(getattr(handler_input.request_envelope.request, "locale", None))


class LoadTurn(AbstractRequestInterceptor):
    """Build the turn: content, typed session, persistent attributes (storage may fail)."""

    def __init__(self, has_storage: bool) -> None:
        self.has_storage = has_storage

    def process(self, handler_input: HandlerInput) -> None:
        """Attach a Turn to the request."""
        envelope = handler_input.request_envelope
        user_id, device_id = _ids(handler_input)
        session = envelope.session
        locale = _locale(handler_input)
        turn = Turn(
            content=content.load(locale),
            locale=locale,
            session=Session.from_attributes(session.attributes if session else None),
            user=UserState(),
            user_id=user_id,
            device_id=device_id,
            timestamp=_timestamp(handler_input),
        )
        turn.storage_ok = self.has_storage
        if self.has_storage:
            try:
                stored = handler_input.attributes_manager.persistent_attributes
                turn.user = UserState.from_attributes(stored, turn.content.strategy_ids)
            except Exception as error:
                _LOGGER.warning("persistent attributes unavailable, going on without: %s", error)
                turn.storage_ok = False
        if session is None or session.new:
            turn.user.count_visit(device_id)
        turn.attach(handler_input)


class KeepTurn(AbstractResponseInterceptor):
    """Write the session attributes back and save persistent attributes that changed."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        """Keep what the handler changed."""
        turn = Turn.of(handler_input)
        if handler_input.request_envelope.session is not None:
            handler_input.attributes_manager.session_attributes = turn.session.to_attributes()
        changed = turn.user.to_save() if turn.storage_ok else None
        if changed is None:
            return
        try:
            # Replace the stored attributes in place: the adapter's own keys (its version) stay.
            stored = handler_input.attributes_manager.persistent_attributes
            stored.clear()
            stored.update(changed)
            handler_input.attributes_manager.save_persistent_attributes()
        except WriteConflict as error:
            _LOGGER.debug("%s; the turn runs again on the fresh state", error)
        except Exception as error:
            _LOGGER.warning("could not save persistent attributes: %s", error)
