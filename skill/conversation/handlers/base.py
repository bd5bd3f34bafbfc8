"""The handler base class and what handlers read from a request's slots."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response, Slot
from ask_sdk_model.slu.entityresolution import StatusCode

from skill.conversation.replies import intent_name

_LOGGER = logging.getLogger(__name__)

MAX_NUMBER_DIGITS = 18
"""Longer AMAZON.NUMBER values are read as no number at all."""


class Handler(AbstractRequestHandler):
    """A handler for a fixed set of intents (or request types)."""

    intents: frozenset[str] = frozenset()
    """Intent names this handler answers."""
    request_types: frozenset[str] = frozenset()
    """Request types (other than IntentRequest) this handler answers."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Whether this handler answers the request."""
        request = handler_input.request_envelope.request
        if isinstance(request, IntentRequest):
            return intent_name(handler_input) in self.intents
        return getattr(request, "object_type", None) in self.request_types

    def handle(self, handler_input: HandlerInput) -> Response:
        """Answer the request."""
        raise NotImplementedError


def resolved_id(slot: Slot | None) -> str | None:
    """The entity-resolution id of a custom slot, when Alexa matched a value."""
    resolutions = getattr(slot, "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value = getattr(authority.values[0], "value", None)  # null in a broken request
            value_id = getattr(value, "id", None)
            return value_id if isinstance(value_id, str) else None
    return None


def whole_number(slot: Slot | None) -> int | None:
    """An AMAZON.NUMBER slot's value, when it is a whole number."""
    value = getattr(slot, "value", None)
    if not isinstance(value, str):
        return None
    text = value.strip()
    digits = text[1:] if text.startswith("-") else text
    # isdigit() also takes "²" (which int() refuses); a number of thousands of digits is no
    # strategy either, and int() refuses it past 4,300 digits.
    if digits.isascii() and digits.isdigit() and len(digits) <= MAX_NUMBER_DIGITS:
        return int(text)
    return None
