"""The console's page and its JSON API, as a Flask blueprint."""

from __future__ import annotations

import logging
import re
import wave
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from skill import locales
from skill.hosts.local.touch import NothingToTouchError
from skill.hosts.web.console import simulated
from skill.hosts.web.console.desk import Desk, Settings
from speech.errors import ListenUnavailable, SpeechError

_LOGGER = logging.getLogger(__name__)

DESK_KEY = "TRUST_COACH_CONSOLE_DESK"
"""Where the app keeps its Desk (app.extensions)."""
DEFAULT_USER = "local-user"
MAX_UTTERANCE = 300
"""Characters in one typed utterance (Alexa's longest sample is far shorter)."""

WAV_TYPES = frozenset({"audio/wav", "audio/x-wav", "audio/wave"})

_USER = re.compile(r"[\w.@+-]{1,64}")
_TAB = re.compile(r"[A-Za-z0-9_-]{1,64}")
_REPLY = re.compile(r"[0-9a-f]{32}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

console = Blueprint("console", __name__, static_folder="static", static_url_path="/static")


class BadInputError(ValueError):
    """A request the console cannot use; answered with a 400 and this reason."""


def _desk() -> Desk:
    desk: Desk = current_app.extensions[DESK_KEY]
    return desk


def _error(status: int, reason: str) -> tuple[Response, int]:
    return jsonify({"error": reason}), status


@console.errorhandler(BadInputError)
def _bad_input(error: BadInputError) -> tuple[Response, int]:
    return _error(400, str(error))


def _body() -> dict[str, Any]:
    """The request's JSON object (a JSON content type keeps other sites' forms out)."""
    if not request.is_json:
        raise BadInputError("send JSON (Content-Type: application/json)")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadInputError("the body must be a JSON object")
    return body


def _text(body: dict[str, Any], key: str, default: str | None = None) -> str:
    value = body.get(key, default)
    if value is None:
        raise BadInputError(f"{key!r} is missing")
    if not isinstance(value, str):
        raise BadInputError(f"{key!r} must be a string")
    return value


def _tab(body: dict[str, Any]) -> str:
    tab = _text(body, "tab")
    if not _TAB.fullmatch(tab):
        raise BadInputError("'tab' must be 1 to 64 letters, digits, '-' or '_'")
    return tab


def _user(body: dict[str, Any]) -> str:
    user = _text(body, "user", DEFAULT_USER).strip()
    if not _USER.fullmatch(user):
        raise BadInputError("'user' must be 1 to 64 letters, digits or . @ + - _")
    return user


def _settings(body: dict[str, Any]) -> Settings:
    locale = _text(body, "locale", locales.DEFAULT)
    if locale not in locales.SUPPORTED:
        raise BadInputError(f"no locale {locale!r}: choose one of {', '.join(locales.SUPPORTED)}")
    device = _text(body, "device", simulated.DEFAULT_DEVICE)
    choices = simulated.devices()
    if device not in choices:
        raise BadInputError(f"no device {device!r}: choose one of {', '.join(choices)}")
    return Settings(user=_user(body), locale=locale, device=device)


@console.get("/")
def page() -> Response:
    """The console page."""
    return console.send_static_file("index.html")


@console.get("/api/options")
def options() -> tuple[Response, int]:
    """What the page offers: locales, devices, the default user."""
    return jsonify(
        {
            "locales": list(locales.SUPPORTED),
            "locale": locales.DEFAULT,
            "devices": [choice.to_json() for choice in simulated.devices().values()],
            "device": simulated.DEFAULT_DEVICE,
            "user": DEFAULT_USER,
            "listen": _desk().hearing is not None,
        }
    ), 200


@console.post("/api/turn")
def turn() -> tuple[Response, int]:
    """One utterance in the tab's conversation: the turn's words, card, preview and JSON."""
    body = _body()
    tab, settings = _tab(body), _settings(body)
    utterance = _text(body, "utterance").strip()
    if not utterance:
        raise BadInputError("'utterance' is empty: type what you would say to Alexa")
    if len(utterance) > MAX_UTTERANCE:
        raise BadInputError(f"'utterance' is longer than {MAX_UTTERANCE} characters")
    if _CONTROL.search(utterance):
        raise BadInputError("'utterance' has control characters")
    return jsonify(_desk().turn(tab, settings, utterance)), 200


@console.post("/api/hear")
def hear() -> tuple[Response, int]:
    """A recording (16-bit PCM WAV) from the page's microphone, recognized and run as a turn.

    The settings come as query parameters; an audio/wav body is not something another site's
    page can post here without asking first (CORS preflight, which is never answered).
    """
    desk = _desk()
    if desk.hearing is None:
        raise BadInputError("this console cannot listen: install the listen extra (pocketsphinx)")
    if request.mimetype not in WAV_TYPES:
        raise BadInputError("send the recording as audio/wav")
    query = request.args.to_dict()
    tab, settings = _tab(query), _settings(query)
    wav = request.get_data(cache=False)
    if not wav.startswith(b"RIFF") or wav[8:12] != b"WAVE":
        raise BadInputError("the recording is not a WAV file")
    try:
        return jsonify(desk.hear(tab, settings, wav)), 200
    except ListenUnavailable as error:
        raise BadInputError(f"cannot listen: {error}") from error
    except (wave.Error, ValueError, EOFError) as error:
        raise BadInputError(f"cannot read the recording: {error}") from error


@console.post("/api/touch")
def touch() -> tuple[Response, int]:
    """Touch a part of the screen (position 1, 2, ... or its id): the UserEvent it sends."""
    body = _body()
    tab, settings = _tab(body), _settings(body)
    target = _text(body, "target").strip()
    if not target or len(target) > 64 or _CONTROL.search(target):
        raise BadInputError("'target' must be a position (1, 2, ...) or a part's id")
    try:
        return jsonify(_desk().touch(tab, settings, target)), 200
    except NothingToTouchError as error:
        raise BadInputError(str(error)) from error


@console.post("/api/session")
def new_session() -> tuple[Response, int]:
    """End the tab's session; the next turn starts a new one."""
    ended = _desk().new_session(_tab(_body()))
    return jsonify({"ended": ended}), 200


@console.post("/api/reset")
def reset() -> tuple[Response, int]:
    """Forget one user (like `trust-coach forget`) and end their sessions."""
    user = _user(_body())
    _desk().reset(user)
    return jsonify({"reset": user}), 200


@console.get("/api/audio/<reply_id>.wav")
def audio(reply_id: str) -> Response | tuple[Response, int]:
    """A reply as WAV, rendered by the local voice mode."""
    if not _REPLY.fullmatch(reply_id):
        return _error(404, "no such reply")
    try:
        wav = _desk().audio(reply_id)
    except SpeechError as error:
        _LOGGER.warning("no audio for a reply: %s", error)
        return _error(400, f"no audio: {error}")
    if wav is None:
        return _error(404, "no such reply (the console keeps the latest replies)")
    return Response(wav, mimetype="audio/wav", headers={"Cache-Control": "no-store"})
