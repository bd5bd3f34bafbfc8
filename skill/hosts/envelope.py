"""What every host needs to know about an Alexa request envelope, read from its JSON form.

The verifier (web) and the runtime (every host) read the skill id, the request id and the request
type here, the same way, so they never disagree about one request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from skill.request_kinds import SILENT_REQUEST_PREFIXES, SILENT_REQUEST_TYPES, speaks

__all__ = [
    "SILENT_REQUEST_PREFIXES",
    "SILENT_REQUEST_TYPES",
    "application_id",
    "request_id",
    "request_type",
    "shape_problem",
    "speaks",
]


def _at(envelope: Mapping[str, Any], *path: str) -> object:
    """The value at ``path`` in nested dicts, or None where the path breaks off."""
    node: object = envelope
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def application_id(envelope: Mapping[str, Any]) -> str | None:
    """The skill id a request is addressed to (``context.System`` first, then the session)."""
    for path in (("context", "System", "application"), ("session", "application")):
        value = _at(envelope, *path, "applicationId")
        if isinstance(value, str) and value:
            return value
    return None


def request_type(envelope: object) -> str | None:
    """``request.type`` when the envelope has one."""
    if not isinstance(envelope, dict):
        return None
    value = _at(envelope, "request", "type")
    return value if isinstance(value, str) else None


def request_id(envelope: Mapping[str, Any]) -> str | None:
    """``request.requestId`` when the envelope has one."""
    value = _at(envelope, "request", "requestId")
    return value if isinstance(value, str) and value else None


def shape_problem(envelope: object) -> str | None:
    """Why ``envelope`` is not an Alexa request (short, safe to send back), or None if it is one.

    Strict only on what every Alexa request has: a version, a request with a type, an id and a
    timestamp. Everything else may be missing or new.
    """
    if not isinstance(envelope, dict):
        return "body is not a request envelope"
    request = envelope.get("request")
    if not isinstance(request, dict) or not isinstance(request.get("type"), str):
        return "body is not a request envelope"
    if not isinstance(envelope.get("version"), str):
        return "request envelope has no version"
    if request.get("timestamp") is None:
        return "request timestamp is missing"
    if not isinstance(request["timestamp"], str):
        return "request timestamp is malformed"
    if not isinstance(request.get("requestId"), str) or not request["requestId"]:
        return "request has no requestId"
    return None
