"""Replies: a question that keeps the session open, or an answer that ends it.

Speech is plain text (escaped here) or a ``speech.ssml.Fragment`` (already SSML).
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.ui import SimpleCard

from skill.content import spoken
from skill.conversation.state import FollowUp
from skill.conversation.turn import Turn
from speech.ssml import join

__all__ = ["ask", "intent_name", "join", "tell"]


def intent_name(handler_input: HandlerInput) -> str | None:
    """The intent's name, for an IntentRequest."""
    request = handler_input.request_envelope.request
    return request.intent.name if isinstance(request, IntentRequest) and request.intent else None


def ask(
    handler_input: HandlerInput,
    speech: str,
    reprompt: str,
    *,
    yes: FollowUp | None = None,
    no: FollowUp | None = None,
    card: tuple[str, str] | None = None,
) -> Response:
    """A reply that asks a question and keeps the session open; ``yes``/``no``: what they mean.

    Plain text has its phone numbers said the locale's way (skill.content.spoken).
    """
    turn = Turn.of(handler_input)
    speech, reprompt = spoken.text(turn.content, speech), spoken.text(turn.content, reprompt)
    turn.session.pending, turn.session.declined = yes, no
    turn.session.misses = 0
    turn.session.last_ssml, turn.session.last_reprompt = speech, reprompt
    builder = handler_input.response_builder.speak(speech).ask(reprompt)
    if card is not None:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.set_should_end_session(False).response


def tell(handler_input: HandlerInput, speech: str, card: tuple[str, str] | None = None) -> Response:
    """A reply that ends the session."""
    turn = Turn.of(handler_input)
    turn.session.pending = turn.session.declined = None
    builder = handler_input.response_builder.speak(spoken.text(turn.content, speech))
    if card is not None:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.set_should_end_session(True).response
