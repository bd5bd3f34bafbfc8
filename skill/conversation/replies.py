"""Replies: a question that keeps the session open, or an answer that ends it.

Speech is plain text (escaped here) or a ``speech.ssml.Fragment`` (already SSML).
"""

from __future__ import annotations

from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.ui import SimpleCard

from skill.content import spoken
from skill.conversation.state import FollowUp, Said
from skill.conversation.turn import Turn
from speech.ssml import join

__all__ = ["Reply", "answer", "ask", "intent_name", "join", "tell"]


@dataclass(frozen=True)
class Reply:
    """A question the skill asks: what it says, the reprompt, what yes and no mean, a card."""

    speech: str
    """Plain text or a ``speech.ssml.Fragment``."""
    reprompt: str
    """Said if the user is silent; plain text or a Fragment."""
    yes: FollowUp | None = None
    """What "yes" means after it."""
    no: FollowUp | None = None
    """What "no" means after it."""
    card: tuple[str, str] | None = None
    """The card's title and text, if any."""


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
    said: Said | None = None,
) -> Response:
    """A reply that asks a question and keeps the session open; ``yes``/``no``: what they mean.

    Plain text has its phone numbers said the locale's way (skill.content.spoken). ``said``
    records a real answer for Repeat; without it (an error, a fallback, a help) what Repeat
    repeats stays what was said before.
    """
    turn = Turn.of(handler_input)
    speech, reprompt = spoken.text(turn.content, speech), spoken.text(turn.content, reprompt)
    turn.session.pending, turn.session.declined = yes, no
    turn.session.misses = 0
    turn.session.held = False
    if said is not None:
        turn.session.said = said
    builder = handler_input.response_builder.speak(speech).ask(reprompt)
    if card is not None:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.set_should_end_session(False).response


def answer(handler_input: HandlerInput, reply: Reply, said: Said | None = None) -> Response:
    """Ask ``reply``'s question (recording ``said`` as the last real answer, if given)."""
    return ask(
        handler_input,
        reply.speech,
        reply.reprompt,
        yes=reply.yes,
        no=reply.no,
        card=reply.card,
        said=said,
    )


def tell(handler_input: HandlerInput, speech: str, card: tuple[str, str] | None = None) -> Response:
    """A reply that ends the session."""
    turn = Turn.of(handler_input)
    turn.session.pending = turn.session.declined = None
    builder = handler_input.response_builder.speak(spoken.text(turn.content, speech))
    if card is not None:
        builder.set_card(SimpleCard(title=card[0], content=card[1]))
    return builder.set_should_end_session(True).response
