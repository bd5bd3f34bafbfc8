"""The one list of supported locales, and where each locale's data lives."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from skill.errors import UnknownLocaleError

_LOGGER = logging.getLogger(__name__)

_HERE = Path(__file__).resolve().parent

SUPPORTED: tuple[str, ...] = tuple(
    json.loads((_HERE / "locales.json").read_text("utf-8"))["supported"]
)
"""Every locale the skill speaks, from locales.json; the first is the default."""

DEFAULT: str = SUPPORTED[0]
"""The locale for requests in a locale the skill does not have."""


def check(locale: str) -> str:
    """``locale`` if the skill supports it; otherwise one clear UnknownLocaleError."""
    if locale not in SUPPORTED:
        raise UnknownLocaleError(f"no locale {locale!r}: Trust Coach speaks {', '.join(SUPPORTED)}")
    return locale


def for_request(locale: object) -> str:
    """The locale to answer a request in: its own when supported, else the default."""
    if isinstance(locale, str) and locale in SUPPORTED:
        return locale
    _LOGGER.debug("request locale %r is not supported; answering in %s", locale, DEFAULT)
    return DEFAULT
