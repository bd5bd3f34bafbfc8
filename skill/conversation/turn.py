"""One turn of a conversation: what the request carries and the state it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from skill import locales
from skill.content import Content, spoken
from skill.conversation.state import Session, UserState
from speech import ssml

_TURN_KEY = "trust_coach_turn"


@dataclass
class Turn:
    """Everything a handler needs for one request, built once by the request interceptor."""

    content: Content
    """The words of the request's locale."""
    session: Session
    """Session attributes, typed."""
    user: UserState
    """The user's saved state (fresh when storage is unavailable)."""
    user_id: str
    """The Alexa user id (or "anonymous" when the request has none)."""
    device_id: str
    """The device id (or "unknown")."""
    timestamp: str
    """The request's timestamp, ISO 8601, used to order concurrent writes."""
    locale: str = locales.DEFAULT
    """The locale the turn is answered in (the request's, or the default when it has no words)."""
    storage_ok: bool = True
    """False when persistent attributes could not be read; nothing is saved then."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Scratch space for interceptors (not persisted)."""

    @staticmethod
    def of(handler_input: HandlerInput) -> Turn:
        """The turn the request interceptor attached to this request."""
        turn = handler_input.attributes_manager.request_attributes.get(_TURN_KEY)
        if not isinstance(turn, Turn):
            raise LookupError("the request interceptor did not run")
        return turn

    def attach(self, handler_input: HandlerInput) -> None:
        """Attach this turn to the request, for handlers to find."""
        handler_input.attributes_manager.request_attributes[_TURN_KEY] = self

    def say(self, key: str, **values: object) -> ssml.Fragment:
        """One of the skill's lines as escaped SSML, its phone numbers said the locale's way."""
        return spoken.say(self.content, key, **values)
