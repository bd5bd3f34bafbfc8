"""One turn of a conversation: what the request carries, the state it reads, the reply it builds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.ui import SimpleCard

from skill.content import Content
from skill.conversation.state import Session
from speech import ssml

_TURN_KEY = "trust_coach_turn"


@dataclass
class Turn:
    """Everything a handler needs for one request, built once by the request interceptor."""

    content: Content
    """The words of the request's locale."""
    session: Session
    """Session attributes, typed."""
    user: dict[str, Any]
    """Persistent attributes (empty when storage is unavailable)."""
    user_id: str
    """The Alexa user id (or "anonymous" when the request has none)."""
    device_id: str
    """The device id (or "unknown")."""
    timestamp: str
    """The request's timestamp, ISO 8601, used to order concurrent writes."""
    locale: str
    """The locale the turn is answered in (the request's, or the default when it has no words)."""
    storage_ok: bool = True
    """False when persistent attributes could not be read; nothing is saved then."""
    user_changed: bool = False
    """True when a handler changed persistent attributes that should be saved."""
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

    def say(self, key: str, **values: object) -> str:
        """One of the skill's lines as escaped SSML."""
        return ssml.escape(self.content.line(key, **values))

    def changed(self) -> None:
        """Mark persistent attributes as changed, to be saved after the response is built."""
        self.user_changed = True


def intent_name(handler_input: HandlerInput) -> str | None:
    """The intent's name, for an IntentRequest."""
    request = handler_input.request_envelope.request
    return request.intent.name if isinstance(request, IntentRequest) and request.intent else None


def ask(
    handler_input: HandlerInput,
    speech: str,
    reprompt: str,
    *,
    yes: str | None = None,
    no: str | None = None,
    card: tuple[str, str] | None = None,
) -> Response:
    """A reply that asks a question and keeps the session open.

    ``speech`` and ``reprompt`` are SSML fragments; ``yes`` and ``no`` name what the answers mean.
    """
    turn = Turn.of(handler_input)
    turn.session.pending, turn.session.declined = yes, no
    turn.session.last_ssml, turn.session.last_reprompt = speech, reprompt
    builder = handler_input.response_builder.speak(speech).ask(reprompt)
    if card is not None:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.set_should_end_session(False).response


def tell(handler_input: HandlerInput, speech: str, card: tuple[str, str] | None = None) -> Response:
    """A reply that ends the session."""
    turn = Turn.of(handler_input)
    turn.session.pending = turn.session.declined = None
    builder = handler_input.response_builder.speak(speech)
    if card is not None:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.set_should_end_session(True).response


def join(*fragments: str) -> str:
    """SSML fragments spoken one after another."""
    return " ".join(f for f in fragments if f)
