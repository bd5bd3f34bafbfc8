"""Request envelopes shaped like the ones Alexa sends, for the local mode and the tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from skill.hosts.local.devices import Device

LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000c0ac"
"""The application id local requests carry (a well-formed id no real skill has)."""
LOCAL_DEVICE_ID = "amzn1.ask.device.LOCAL-LAPTOP"
"""The device id of the local mode."""
LOCAL_USER_PREFIX = "amzn1.ask.account."
"""Alexa user ids start with this."""
API_ENDPOINT = "https://api.amazonalexa.com"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"
"""The request type a touch on an APL screen sends."""
APL_CONTEXT = "Alexa.Presentation.APL"
"""The context key that says which APL document the screen shows."""
APL_VERSION = "2024.1"
"""The APL version the simulated screens report in that context."""


def user_id_for(name: str) -> str:
    """An Alexa-style user id for a local user name (an id that already looks like one is kept)."""
    return name if name.startswith(LOCAL_USER_PREFIX) else f"{LOCAL_USER_PREFIX}{name}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(
    request: dict[str, Any],
    *,
    user_id: str,
    session_id: str | None,
    new: bool,
    attributes: dict[str, Any] | None,
    skill_id: str = LOCAL_SKILL_ID,
    device_id: str = LOCAL_DEVICE_ID,
    person_id: str | None = None,
    device: Device | None = None,
    screen_token: str | None = None,
) -> dict[str, Any]:
    """Wrap a request object in a full envelope: version, session, context.System, request.

    With ``person_id`` the speaker is one Alexa recognized (``context.System.person``);
    ``device`` is the simulated device (None: a speaker without a screen), ``screen_token`` the
    token of the APL document it shows (``context["Alexa.Presentation.APL"]``).
    """
    application = {"applicationId": skill_id}
    user = {"userId": user_id}
    result: dict[str, Any] = {"version": "1.0"}
    if session_id is not None:
        session: dict[str, Any] = {
            "new": new,
            "sessionId": session_id,
            "application": application,
            "user": user,
        }
        if not new:
            session["attributes"] = attributes or {}
        result["session"] = session
    result["context"] = {
        "System": {
            "application": application,
            "user": user,
            "device": {
                "deviceId": device_id,
                "supportedInterfaces": device.interfaces() if device else {},
            },
            "apiEndpoint": API_ENDPOINT,
            "apiAccessToken": "local.offline.token",
        }
    }
    if person_id is not None:
        result["context"]["System"]["person"] = {"personId": person_id}
    if device is not None:
        result["context"].update(device.context())
        if screen_token is not None and device.has_apl:
            result["context"][APL_CONTEXT] = {"token": screen_token, "version": APL_VERSION}
    result["request"] = request
    return result


def _base(request_type: str, locale: str, timestamp: str | None) -> dict[str, Any]:
    return {
        "type": request_type,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": timestamp or _now(),
        "locale": locale,
    }


def launch_request(*, locale: str, timestamp: str | None = None) -> dict[str, Any]:
    """A LaunchRequest ("open <invocation name>")."""
    return {**_base("LaunchRequest", locale, timestamp), "shouldLinkResultBeReturned": False}


def intent_request(
    name: str,
    slots: dict[str, Any] | None = None,
    *,
    locale: str,
    timestamp: str | None = None,
) -> dict[str, Any]:
    """An IntentRequest with Alexa-shaped slots (name → slot JSON)."""
    intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if slots:
        intent["slots"] = slots
    return {**_base("IntentRequest", locale, timestamp), "intent": intent}


def session_ended_request(
    reason: str = "USER_INITIATED", *, locale: str, timestamp: str | None = None
) -> dict[str, Any]:
    """A SessionEndedRequest."""
    return {**_base("SessionEndedRequest", locale, timestamp), "reason": reason}


def user_event(
    arguments: list[Any] | None,
    *,
    locale: str,
    token: str | None = None,
    source: dict[str, Any] | None = None,
    timestamp: str | None = None,
) -> dict[str, Any]:
    """An Alexa.Presentation.APL.UserEvent: a SendEvent command ran on the screen (a touch).

    ``arguments`` None: a SendEvent without arguments (the request then has none).
    """
    event: dict[str, Any] = {**_base(USER_EVENT, locale, timestamp), "token": token or ""}
    if arguments is not None:
        event["arguments"] = list(arguments)
    event["source"] = source or {"type": "TouchWrapper", "handler": "Press", "id": ""}
    event["components"] = {}
    return event


def new_session_id() -> str:
    """A fresh Alexa-style session id."""
    return f"amzn1.echo-api.session.{uuid.uuid4()}"
