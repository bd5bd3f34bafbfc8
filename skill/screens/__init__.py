"""What a screen shows: APL documents (data files) filled with the content data's words.

Handlers call ``show(handler_input, kind, **data)`` in one line; it adds a RenderDocument
directive only when the device says it renders APL (``Alexa.Presentation.APL`` in
supportedInterfaces, at a runtime version the documents are written for). A device without a
screen gets nothing, and the response stays exactly what it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from skill import content, locales
from skill.screens import datasources, documents

__all__ = ["KINDS", "RENDER_DOCUMENT", "TOUCHES", "Screen", "render", "show", "supported"]

_LOGGER = logging.getLogger(__name__)

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
TOKEN_PREFIX = "trustCoach."
"""Presentation tokens: ``trustCoach.<kind>`` (a UserEvent carries the token of its screen)."""


@dataclass(frozen=True)
class Screen:
    """One kind of screen: the document it shows and the datasource builder that fills it."""

    document: str
    """The document's data file, skill/screens/documents/<document>.json."""
    builder: datasources.Builder
    """Builds ``payload.screen`` from the content (and the handler's data)."""


KINDS: dict[str, Screen] = {
    "tip": Screen("tip", datasources.tip),
    "more": Screen("tip", datasources.more),
    "topic": Screen("tip", datasources.topic),
    "topic_more": Screen("tip", datasources.topic_more),
    "list": Screen("list", datasources.strategies),
    "step": Screen("step", datasources.step),
    "safety": Screen("safety", datasources.safety),
}
"""Every kind of screen a handler can show."""

TOUCHES: dict[str, tuple[str, str]] = {"strategy": ("StrategyIntent", "strategy")}
"""What the documents' SendEvent arguments stand for: ``[name, slot id]`` → (intent, slot)."""

_SHOWN_FOR = frozenset({"LaunchRequest", "IntentRequest", "Alexa.Presentation.APL.UserEvent"})
"""Requests whose response may carry a RenderDocument (never a SessionEnded or media event)."""


def _version(text: object) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in str(text).split("."))
    except ValueError:
        return ()


def supported(handler_input: HandlerInput) -> bool:
    """Whether the device renders APL at a version the documents need (False without a screen)."""
    envelope = handler_input.request_envelope
    system = envelope.context.system if envelope.context else None
    device = system.device if system else None
    interfaces = device.supported_interfaces if device else None
    apl = interfaces.alexa_presentation_apl if interfaces else None
    if apl is None:
        return False
    runtime = getattr(apl, "runtime", None)
    max_version = getattr(runtime, "max_version", None)
    # A device that names no runtime version renders what Alexa accepts; one that names an
    # older version than the documents' would show an error screen instead.
    return max_version is None or _version(max_version) >= _version(documents.version())


def render(kind: str, words: content.Content, **data: Any) -> dict[str, Any]:
    """The RenderDocument directive of one kind of screen, as JSON-ready data."""
    screen = KINDS[kind]
    return {
        "type": RENDER_DOCUMENT,
        "token": f"{TOKEN_PREFIX}{kind}",
        "document": documents.document(screen.document),
        "datasources": {datasources.NAME: screen.builder(words, **data)},
    }


def show(handler_input: HandlerInput, kind: str, **data: Any) -> None:
    """Put a screen of ``kind`` in the response being built, if the device has an APL screen."""
    request = handler_input.request_envelope.request
    if getattr(request, "object_type", None) not in _SHOWN_FOR or not supported(handler_input):
        return
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    words = content.load(locales.for_request(getattr(request, "locale", None)))
    try:
        directive = render(kind, words, **data)
    except (
        Exception
    ):  # a screen must never cost the spoken answer (the safety message least of all)
        _LOGGER.exception("could not build the %s screen; answering without it", kind)
        return
    handler_input.response_builder.add_directive(
        RenderDocumentDirective(
            token=directive["token"],
            document=directive["document"],
            datasources=directive["datasources"],
        )
    )
    _LOGGER.debug("showing the %s screen", kind)
