"""The reminders permission: whether a request carries it, and how to ask for it by voice."""

from __future__ import annotations

from dataclasses import dataclass

from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.connections import SendRequestDirective

SCOPE = "alexa::alerts:reminders:skill:readwrite"
"""The permission the skill needs to create and change reminders (declared in the manifest)."""

ACCEPTED, DENIED, NOT_ANSWERED = "ACCEPTED", "DENIED", "NOT_ANSWERED"
"""What the user said to Alexa's permission prompt (Connections.Response payload status)."""
FAILED = "FAILED"
"""The voice request did not work on this device (a status code other than 200)."""


def granted(envelope: RequestEnvelope) -> bool:
    """Whether the user allowed reminders: the scope GRANTED, or (older requests) a consent
    token with no scopes listed."""
    system = getattr(envelope.context, "system", None)
    allowed = getattr(getattr(system, "user", None), "permissions", None)
    if allowed is None:
        return False
    scopes = getattr(allowed, "scopes", None) or {}
    scope = scopes.get(SCOPE) if isinstance(scopes, dict) else None
    if scope is not None:
        return getattr(getattr(scope, "status", None), "value", None) == "GRANTED"
    return bool(getattr(allowed, "consent_token", None)) and not scopes


def ask_for(token: str) -> SendRequestDirective:
    """The directive that makes Alexa ask the user for the permission by voice."""
    payload: dict[str, object] = {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "1",
        "permissionScope": SCOPE,
    }
    return SendRequestDirective(name="AskFor", payload=payload, token=token)


@dataclass(frozen=True)
class Answer:
    """Alexa's answer to a permission request."""

    status: str
    """ACCEPTED, DENIED, NOT_ANSWERED or FAILED."""
    token: str | None
    """The token the request carried."""


def answer(request: object) -> Answer:
    """Read a Connections.Response (for AskFor) into an Answer."""
    token = getattr(request, "token", None)
    token = token if isinstance(token, str) else None
    code = str(getattr(getattr(request, "status", None), "code", "") or "")
    payload = getattr(request, "payload", None)
    payload = payload if isinstance(payload, dict) else {}
    if getattr(request, "name", None) != "AskFor" or code != "200":
        return Answer(FAILED, token)
    status = payload.get("status")
    return Answer(status if status in (ACCEPTED, DENIED) else NOT_ANSWERED, token)
