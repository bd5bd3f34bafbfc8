"""Who is speaking: the person Alexa recognized on a shared speaker, if any."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput


def person_id(handler_input: HandlerInput) -> str | None:
    """``context.System.person.personId`` when Alexa recognized the speaker, else None."""
    context = handler_input.request_envelope.context
    person = getattr(getattr(context, "system", None), "person", None)
    value = getattr(person, "person_id", None)
    return value if isinstance(value, str) and value else None
