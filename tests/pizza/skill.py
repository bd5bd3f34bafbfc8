"""Pizza bot's handlers: a launch, an order that counts pizzas in the session, help, stop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import IntentRequest, Response, Slot

from skill.hosts.runtime import Apology
from speech import ssml

HERE = Path(__file__).resolve().parent
MODEL = HERE / "en-US.json"
"""Pizza bot's interaction model (invocation name "pizza bot")."""
LINES: dict[str, str] = json.loads((HERE / "lines.json").read_text("utf-8"))
"""Everything pizza bot says."""
APOLOGY = Apology.from_lines({"error": LINES["sorry"], "error_reprompt": LINES["sorry_reprompt"]})
"""What pizza bot says to a request it cannot read."""


def _ask(handler_input: HandlerInput, speech: str, reprompt: str) -> Response:
    builder = handler_input.response_builder
    return builder.speak(ssml.escape(speech)).ask(ssml.escape(reprompt)).response


def _tell(handler_input: HandlerInput, speech: str) -> Response:
    return (
        handler_input.response_builder.speak(ssml.escape(speech))
        .set_should_end_session(True)
        .response
    )


def _session(handler_input: HandlerInput) -> dict[str, Any]:
    attributes = handler_input.attributes_manager.session_attributes
    assert attributes is not None
    return attributes


def _pizzas(handler_input: HandlerInput) -> list[Any]:
    return list(_session(handler_input).get("pizzas", []))


def _resolved_id(slot: Slot) -> str | None:
    """The id a custom slot resolved to (ER_SUCCESS_MATCH), if any."""
    authorities = (slot.resolutions.resolutions_per_authority if slot.resolutions else None) or []
    for authority in authorities:
        for value in authority.values or []:
            if value.value is not None and value.value.id:
                return str(value.value.id)
    return None


class _Handler(AbstractRequestHandler):
    """One request type or intent, answered by ``answer``."""

    def __init__(self, kind: str, intent: str | None = None) -> None:
        self.kind, self.intent = kind, intent

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Whether the request is this handler's."""
        if self.intent is not None:
            return bool(is_intent_name(self.intent)(handler_input))
        return bool(is_request_type(self.kind)(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """Answer the request."""
        name = self.intent or self.kind
        if name == "LaunchRequest":
            return _ask(handler_input, LINES["welcome"], LINES["which_size"])
        if name == "OrderPizzaIntent":
            request = handler_input.request_envelope.request
            assert isinstance(request, IntentRequest) and request.intent and request.intent.slots
            size = _resolved_id(request.intent.slots["size"])
            if size is None:
                return _ask(handler_input, LINES["which_size"], LINES["which_size"])
            pizzas = [*_pizzas(handler_input), size]
            _session(handler_input)["pizzas"] = pizzas
            speech = LINES["ordered"].format(size=size, count=len(pizzas))
            return _ask(handler_input, speech, LINES["anything_else"])
        if name == "AMAZON.StopIntent":
            return _tell(handler_input, LINES["done"].format(count=len(_pizzas(handler_input))))
        if name == "AMAZON.HelpIntent":
            return _ask(handler_input, LINES["help"], LINES["which_size"])
        if name == "SessionEndedRequest":
            return handler_input.response_builder.response
        return _ask(handler_input, LINES["fallback"], LINES["which_size"])


def build_pizza_skill() -> CustomSkill:
    """Pizza bot, with no storage: its state lives in the session."""
    builder = CustomSkillBuilder()
    for kind, intent in (
        ("LaunchRequest", None),
        ("SessionEndedRequest", None),
        ("IntentRequest", "OrderPizzaIntent"),
        ("IntentRequest", "AMAZON.StopIntent"),
        ("IntentRequest", "AMAZON.HelpIntent"),
        ("IntentRequest", None),
    ):
        builder.add_request_handler(_Handler(kind, intent))
    return builder.create()
