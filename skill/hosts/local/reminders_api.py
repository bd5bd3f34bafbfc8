"""A stand-in for the Alexa Reminders API on 127.0.0.1, for the local mode and the tests.

It speaks the API's JSON over real HTTP (``/v1/alerts/reminders``), keeps reminders in the local
SQLite file, answers 401 to a token without the reminders permission, and can be told to answer
the next calls with an error status, garbage or silence (for the tests of every failure).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from skill.persistence.reminders import ReminderStore, StoredReminder

_LOGGER = logging.getLogger(__name__)

PATH = "/v1/alerts/reminders"
TOKEN_PREFIX = "local"
"""Local access tokens are ``local|<user id>|<granted scopes, comma separated>``."""
SCOPE = "alexa::alerts:reminders:skill:readwrite"
Fault = int | str
"""An HTTP status to answer with, "timeout" (no answer in time) or "garbage" (not JSON)."""


def access_token(user_id: str, scopes: frozenset[str] | set[str]) -> str:
    """The apiAccessToken the local mode puts in a request for this user and these scopes."""
    return f"{TOKEN_PREFIX}|{user_id}|{','.join(sorted(scopes))}"


def _who(header: str | None) -> tuple[str | None, bool]:
    """The user id and whether the reminders scope was granted, from an Authorization header."""
    token = (header or "").removeprefix("Bearer ").strip()
    parts = token.split("|")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1]:
        return None, False
    return parts[1], SCOPE in parts[2].split(",")


def _stamp(text: str) -> str:
    return text.replace("+00:00", "Z")


def _identity(stored: StoredReminder) -> dict[str, Any]:
    """The fields every answer about a stored reminder carries (token, times, status, version)."""
    return {
        "alertToken": stored.token,
        "createdTime": _stamp(stored.created_at),
        "updatedTime": _stamp(stored.updated_at),
        "status": "ON",
        "version": "1",
    }


def _reminder_json(stored: StoredReminder) -> dict[str, Any]:
    """A reminder as GET answers it."""
    request = stored.request
    return {
        **_identity(stored),
        "trigger": request.get("trigger"),
        "alertInfo": request.get("alertInfo"),
        "pushNotification": request.get("pushNotification"),
    }


def _problem(request: Any) -> str | None:
    """What is wrong with a reminder request body, or None (the checks Alexa's API makes)."""
    if not isinstance(request, dict):
        return "the body is not a reminder request"
    if not isinstance(request.get("requestTime"), str):
        return "requestTime is missing"
    trigger = request.get("trigger")
    if not isinstance(trigger, dict) or trigger.get("type") != "SCHEDULED_ABSOLUTE":
        return "trigger.type must be SCHEDULED_ABSOLUTE"
    recurrence = trigger.get("recurrence")
    rules = recurrence.get("recurrenceRules") if isinstance(recurrence, dict) else None
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
        return "trigger.recurrence.recurrenceRules is missing"
    content = (request.get("alertInfo") or {}).get("spokenInfo", {}).get("content")
    if not isinstance(content, list) or not content:
        return "alertInfo.spokenInfo.content is missing"
    for item in content:
        if not isinstance(item, dict) or not item.get("locale") or not item.get("text"):
            return "each spoken content needs a locale and a text"
    return None


class RemindersStandIn:
    """The stand-in server: start it, point apiEndpoint at ``endpoint``, stop it."""

    def __init__(self, store: ReminderStore, *, timeout_seconds: float = 3.5) -> None:
        """Serve ``store``; a "timeout" fault keeps the caller waiting ``timeout_seconds``."""
        self.store = store
        self.timeout_seconds = timeout_seconds
        self.faults: deque[Fault] = deque()
        self.calls: list[tuple[str, str]] = []
        """(method, path) of every call, in order (the tests read it)."""
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:<port>``: what the request's apiEndpoint says."""
        if self._server is None:
            raise RuntimeError("the stand-in is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail_next(self, *faults: Fault) -> None:
        """Answer the next calls with these faults, one each, in order."""
        self.faults.extend(faults)

    def start(self) -> RemindersStandIn:
        """Listen on a free port of 127.0.0.1 in a background thread."""
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                _LOGGER.debug("stand-in: " + format, *args)

            def do_GET(self) -> None:
                stand_in._serve(self, "GET")

            def do_POST(self) -> None:
                stand_in._serve(self, "POST")

            def do_PUT(self) -> None:
                stand_in._serve(self, "PUT")

            def do_DELETE(self) -> None:
                stand_in._serve(self, "DELETE")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> RemindersStandIn:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _serve(self, http: BaseHTTPRequestHandler, method: str) -> None:
        self.calls.append((method, http.path))
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        if self.faults:
            fault = self.faults.popleft()
            if fault == "timeout":
                time.sleep(self.timeout_seconds)
                return self._send(http, 504, {"code": "TIMEOUT", "message": "too late"})
            if fault == "garbage":
                return self._send_raw(http, 200, b"<html>not json</html>")
            if isinstance(fault, int):
                return self._send(http, fault, {"code": "FAULT", "message": f"stand-in {fault}"})
        user, granted = _who(http.headers.get("Authorization"))
        if user is None or not granted:
            return self._send(http, 401, {"code": "UNAUTHORIZED", "message": "no permission"})
        status, body = self._route(method, http.path, raw, user)
        self._send(http, status, body)

    def _route(self, method: str, path: str, raw: bytes, user: str) -> tuple[int, Any]:
        token = path[len(PATH) + 1 :] if path.startswith(PATH + "/") else None
        if path != PATH and token is None:
            return 404, {"code": "NOT_FOUND", "message": f"no such path {path}"}
        body: Any = None
        if method in ("POST", "PUT"):
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                return 400, {"code": "INVALID_BODY", "message": "the body is not JSON"}
            problem = _problem(body)
            if problem is not None:
                return 400, {"code": "INVALID_REMINDER", "message": problem}
        if token is None and method == "GET":
            alerts = [_reminder_json(r) for r in self.store.of_user(user)]
            return 200, {"totalCount": str(len(alerts)), "alerts": alerts, "links": None}
        if token is None and method == "POST":
            stored = self.store.add(f"local-{uuid.uuid4()}", user, body)
            return 200, _created(stored)
        if token is None:
            return 405, {"code": "METHOD_NOT_ALLOWED", "message": method}
        if method == "GET":
            found = self.store.get(user, token)
            return (200, _reminder_json(found)) if found else _not_found(token)
        if method == "PUT":
            changed = self.store.replace(user, token, body)
            return (200, _created(changed)) if changed else _not_found(token)
        if method == "DELETE":
            return (200, None) if self.store.delete(user, token) else _not_found(token)
        return 405, {"code": "METHOD_NOT_ALLOWED", "message": method}

    def _send(self, http: BaseHTTPRequestHandler, status: int, body: Any) -> None:
        self._send_raw(http, status, b"" if body is None else json.dumps(body).encode())

    def _send_raw(self, http: BaseHTTPRequestHandler, status: int, data: bytes) -> None:
        try:
            http.send_response(status)
            http.send_header("Content-Type", "application/json")
            http.send_header("Content-Length", str(len(data)))
            http.end_headers()
            http.wfile.write(data)
        except OSError:
            _LOGGER.debug("the caller left before the stand-in answered")


def _created(stored: StoredReminder) -> dict[str, Any]:
    return {**_identity(stored), "href": f"{PATH}/{stored.token}"}


def _not_found(token: str) -> tuple[int, Any]:
    return 404, {"code": "NOT_FOUND", "message": f"no reminder {token}"}
