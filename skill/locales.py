"""The one list of supported locales, and where each locale's data lives."""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path

from skill.errors import UnknownLocaleError

_LOGGER = logging.getLogger(__name__)

_HERE = Path(__file__).resolve().parent
_TAG = re.compile(r"[a-z]{2}-[A-Z]{2}")

SUPPORTED: tuple[str, ...] = tuple(
    json.loads((_HERE / "locales.json").read_text("utf-8"))["supported"]
)
"""Every locale the skill speaks, from locales.json; the first is the default."""

VOICES: dict[str, str] = {
    k: v
    for k, v in json.loads((_HERE / "locales.json").read_text("utf-8")).get("voices", {}).items()
    if not k.startswith("_")
}
"""The speech engine language each locale is spoken in locally (e.g. en-GB: "en-gb")."""

DEFAULT: str = SUPPORTED[0]
"""The locale for requests in a locale the skill does not have."""

CONTENT_DIR = _HERE / "content" / "locales"
"""One folder per locale with words: ``<locale>/content.toml`` (content.json in the Lambda zip)."""


def check(locale: str) -> str:
    """``locale`` if the skill supports it; otherwise one clear UnknownLocaleError."""
    if locale not in SUPPORTED:
        raise UnknownLocaleError(f"no locale {locale!r}: Trust Coach speaks {', '.join(SUPPORTED)}")
    return locale


@functools.lru_cache(maxsize=64)
def content_file(locale: str) -> Path | None:
    """A locale's content file (the compiled JSON first), or None when it has no words."""
    if not _TAG.fullmatch(locale):
        return None
    for name in ("content.json", "content.toml"):
        path = CONTENT_DIR / locale / name
        if path.is_file():
            return path
    return None


def content_locales() -> tuple[str, ...]:
    """Locales with words: the supported ones, then overlays ahead of their models, sorted."""
    found = {path.parent.name for path in CONTENT_DIR.glob("*/content.*")}
    overlays = sorted(loc for loc in found if loc not in SUPPORTED and content_file(loc))
    return (*SUPPORTED, *overlays)


def for_request(locale: object) -> str:
    """The locale to answer a request in: its own when it has words, else the default.

    A locale has words when it is supported or has a content overlay of its own (e.g. en-GB's
    safety message, shipped before its interaction model).
    """
    if isinstance(locale, str) and (locale in SUPPORTED or content_file(locale) is not None):
        return locale
    _LOGGER.debug("request locale %r is not supported; answering in %s", locale, DEFAULT)
    return DEFAULT
