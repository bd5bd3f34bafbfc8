"""The skill as an HTTPS web service: a Flask app that verifies every request before answering."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from ask_sdk_core.skill import CustomSkill
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from skill import content
from skill.builder import build_skill, skill_id_from_env, storage_from_env
from skill.errors import WrongSkillError
from skill.hosts import runtime
from skill.hosts.web.verifier import (
    RequestVerifier,
    VerificationError,
    check_skill_id,
    parse_envelope,
)

_LOGGER = logging.getLogger(__name__)

DEFAULT_MAX_CONTENT_LENGTH = 256 * 1024
"""Alexa's requests are a few KiB; this leaves room for rich device context."""
HEALTH_PATH = "/healthz"

_REASONS = {
    404: "not found",
    405: "method not allowed",
    413: "request body too large",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app serving the skill.

    Config keys: ``SKILL`` (a built skill), ``ADAPTER`` (persistence adapter; absent means the
    environment's), ``SKILL_ID`` (default ``TRUST_COACH_SKILL_ID``), ``VERIFY`` (default True),
    ``VERIFIER`` (a RequestVerifier), ``ENDPOINT_PATH`` (default "/"), ``MAX_CONTENT_LENGTH``.
    """
    settings = dict(config or {})
    skill_id = settings.get("SKILL_ID") or skill_id_from_env()
    skill: CustomSkill = settings.get("SKILL") or build_skill(_adapter(settings), skill_id=skill_id)
    verify = bool(settings.get("VERIFY", True))
    verifier: RequestVerifier | None = None
    if verify:
        verifier = settings.get("VERIFIER") or RequestVerifier(skill_id=skill_id)
    else:
        _LOGGER.warning(
            "request verification is OFF: anyone who can reach this endpoint can call the skill"
        )
    sorry = runtime.Apology.from_lines(content.load().lines)
    path = str(settings.get("ENDPOINT_PATH", "/"))
    if not path.startswith("/") or path == HEALTH_PATH:
        raise ValueError(f"unusable endpoint path: {path!r}")

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = int(
        settings.get("MAX_CONTENT_LENGTH", DEFAULT_MAX_CONTENT_LENGTH)
    )

    def answer() -> tuple[Response, int]:
        """Verify the request, then let the skill answer it."""
        body = request.get_data(cache=False)
        try:
            if verifier is not None:
                envelope = verifier.verify(request.headers, body)
            else:
                envelope = parse_envelope(body)
                check_skill_id(envelope, skill_id)
        except VerificationError as error:
            _LOGGER.info("rejected a request: %s", error.reason)
            return _error(400, error.reason)
        try:
            return jsonify(runtime.handle_event(skill, envelope, apology=sorry)), 200
        except WrongSkillError:
            return _error(400, "request is for another skill")
        except Exception:
            _LOGGER.exception("the skill failed on an accepted request")
        # Alexa speaks a generic error for any non-200; our own apology is kinder.
        try:
            return jsonify(runtime.apology_response(skill, sorry)), 200
        except Exception:
            _LOGGER.exception("the skill could not even apologise")
            return _error(400, "the skill could not answer")

    def health() -> tuple[Response, int]:
        """A liveness probe for proxies and orchestrators."""
        return jsonify({"status": "ok"}), 200

    app.add_url_rule(path, "answer", answer, methods=["POST"], provide_automatic_options=False)
    app.add_url_rule(HEALTH_PATH, "health", health, methods=["GET"])
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def _adapter(settings: Mapping[str, Any]) -> Any:
    """The injected persistence adapter, or the one the environment asks for."""
    if "ADAPTER" in settings:
        return settings["ADAPTER"]
    # An injected adapter needs no storage backend at all.
    return storage_from_env()


def _error(status: int, reason: str) -> tuple[Response, int]:
    """A short JSON error."""
    return jsonify({"error": reason}), status


def _http_error(error: HTTPException) -> tuple[Response, int]:
    """HTTP errors as short JSON; anything that would be a 5xx becomes a 400."""
    status = error.code or 400
    if status >= 500:
        _LOGGER.error("server error turned into a 400: %s", error)
        status = 400
    response, status = _error(status, _REASONS.get(status, "bad request"))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response, status


def _unexpected_error(error: Exception) -> tuple[Response, int]:
    """Never a 500 or a stack trace: log it and answer with a short 400."""
    _LOGGER.error("unexpected error while handling a request", exc_info=error)
    return _error(400, "bad request")
