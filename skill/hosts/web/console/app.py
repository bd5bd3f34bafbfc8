"""The console's Flask app: the blueprint, the skill on local storage, errors as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from skill.builder import build_skill, storage_from_env
from skill.hosts.web.app import _http_error, _unexpected_error
from skill.hosts.web.console.desk import Desk, render_wav
from skill.hosts.web.console.views import DESK_KEY, console

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""Host header names the console answers to (another name is a DNS-rebinding page)."""

MAX_RECORDING = 8 * 1024 * 1024
"""Bytes of one recording: 80 s at 48 kHz, 16-bit mono (an utterance takes a few seconds)."""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
"""Nothing from anywhere but the console itself."""


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the console app.

    Config keys: ``ADAPTER`` (persistence adapter; absent means the environment's, as `say`
    uses), ``SKILL`` (a built skill on that adapter), ``RENDERER`` (SSML and locale to WAV
    bytes; default the local voice mode), ``HEARING`` (WAV bytes and locale to the words heard;
    None: no speech input), ``MAX_CONTENT_LENGTH`` (bytes of a recording), ``HOSTS`` (Host
    names to answer, "*" any; default loopback).
    """
    settings = dict(config or {})
    adapter = settings["ADAPTER"] if "ADAPTER" in settings else storage_from_env()
    skill = settings.get("SKILL") or build_skill(adapter)
    hosts = frozenset(name.lower() for name in settings.get("HOSTS") or LOOPBACK_NAMES)

    app = Flask(__name__)
    # The request and response JSON as the simulator built them, keys in their own order.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config["MAX_CONTENT_LENGTH"] = int(settings.get("MAX_CONTENT_LENGTH", MAX_RECORDING))
    app.extensions[DESK_KEY] = Desk(
        skill,
        adapter,
        renderer=settings.get("RENDERER", render_wav),
        hearing=settings.get("HEARING"),
    )
    app.register_blueprint(console)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)

    @app.before_request
    def _known_host() -> tuple[Response, int] | None:
        if "*" not in hosts and host_name(request.host) not in hosts:
            reason = f"this console answers to {', '.join(sorted(hosts))} only"
            return jsonify({"error": reason}), 400
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app


def host_name(host: str) -> str:
    """A Host header without its port, in lower case ("[::1]:8000" → "[::1]")."""
    host = host.lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.partition(":")[0]
