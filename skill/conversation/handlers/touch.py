"""A touch on the screen (Alexa.Presentation.APL.UserEvent), answered like the words it stands for.

Touching a strategy in the list sends ``["strategy", <id>]``; it becomes the StrategyIntent a
person saying that strategy's name sends (its slot resolved to the id) and goes down the same
handler path, so the two can never answer differently.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Intent, IntentConfirmationStatus, IntentRequest, Response, Slot
from ask_sdk_model.slu.entityresolution import (
    Resolution,
    Resolutions,
    Status,
    StatusCode,
    Value,
    ValueWrapper,
)

from skill import screens
from skill.conversation.handlers.actions import fallback_reply
from skill.conversation.handlers.base import Handler
from skill.conversation.handlers.tips import StrategyHandler

_LOGGER = logging.getLogger(__name__)

USER_EVENT = "Alexa.Presentation.APL.UserEvent"

_ANSWERED_BY: tuple[Handler, ...] = (StrategyHandler(),)
"""The handlers a touch can stand in for (screens.TOUCHES names their intents)."""


def _as_intent(handler_input: HandlerInput) -> IntentRequest | None:
    """The IntentRequest the touch stands for, or None for a touch no screen of ours sends."""
    event = handler_input.request_envelope.request
    arguments = list(getattr(event, "arguments", None) or [])
    if len(arguments) != 2 or not all(isinstance(a, str) for a in arguments):
        return None
    name, value_id = arguments
    target = screens.TOUCHES.get(name)
    if target is None:
        return None
    intent_name, slot_name = target
    system = getattr(handler_input.request_envelope.context, "system", None)
    skill_id = getattr(getattr(system, "application", None), "application_id", None) or "touch"
    resolution = Resolution(
        authority=f"amzn1.er-authority.echo-sdk.{skill_id}.{slot_name.upper()}",
        status=Status(code=StatusCode.ER_SUCCESS_MATCH),
        values=[ValueWrapper(value=Value(name=value_id, id=value_id))],
    )
    slot = Slot(
        name=slot_name,
        value=value_id,
        resolutions=Resolutions(resolutions_per_authority=[resolution]),
    )
    return IntentRequest(
        request_id=getattr(event, "request_id", None),
        timestamp=getattr(event, "timestamp", None),
        locale=getattr(event, "locale", None),
        intent=Intent(
            name=intent_name,
            slots={slot_name: slot},
            confirmation_status=IntentConfirmationStatus.NONE,
        ),
    )


class TouchHandler(Handler):
    """A touch on one of the skill's screens."""

    request_types = frozenset({USER_EVENT})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Answer the touch as the intent it stands for; an unknown touch gets the fallback."""
        request = _as_intent(handler_input)
        if request is not None:
            handler_input.request_envelope.request = request
            for handler in _ANSWERED_BY:
                if handler.can_handle(handler_input):
                    return handler.handle(handler_input)
        _LOGGER.info("a touch no screen of ours sends: %s", getattr(request, "intent", None))
        return fallback_reply(handler_input)
