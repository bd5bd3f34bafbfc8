"""What a screen would show, read from an APL RenderDocument directive's datasources.

Not an APL renderer: it reads the text any document binds (a heading, a title, texts, a list,
a countdown) so the console can show a labelled preview of the words on screen. Field names are
matched loosely (``title``, ``primaryText``, ``listItems``, ``waitSeconds`` ...), so documents
other than Trust Coach's preview too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
"""The directive that puts an APL document on a screen."""

TITLE_KEYS = ("title", "headline", "primarytext", "headertitle")
"""Datasource keys whose text is the screen's title, best first (compared in lower case)."""
HEADING_KEYS = frozenset({"heading", "headersubtitle", "subheading", "kicker"})
"""Keys of the small line above the title ("Strategy 4 of 9")."""
BRAND_KEYS = frozenset({"brand", "headerattribution", "logotext"})
"""Keys of the skill's name in the header."""
ITEM_KEYS = frozenset({"items", "listitems", "list", "entries", "strategies", "choices", "steps"})
"""Keys holding a list the screen shows."""
NUMBER_KEYS = frozenset({"number", "ordinal", "index", "position"})
"""Keys that number a title or an item."""
COUNTDOWN_KEYS = frozenset({"countdown", "seconds", "waitseconds", "quietseconds"})
"""Keys that hold a countdown in seconds."""
COUNTDOWN_MS_KEYS = frozenset({"countdownms", "waitms", "durationms", "quietms"})
"""Keys that hold a countdown in milliseconds."""
HIDDEN_SUFFIXES = ("id", "token", "type", "url", "uri", "src", "source", "ms", "color", "style")
"""Keys ending so are for the document's machinery, not words on screen."""
MAX_DEPTH = 12
"""Datasources nest a few levels (datasource → properties → item); deeper is not read."""
MAX_ITEMS = 50


@dataclass
class Preview:
    """The words a screen would show, in reading order."""

    brand: str | None = None
    """The skill's name in the header."""
    heading: str | None = None
    """The line above the title."""
    title: str | None = None
    """The first title found."""
    texts: list[str] = field(default_factory=list)
    """Other text fields, in document order, without repeats (a "…Number" field beside its
    text joins it: "In danger right now? Call 911")."""
    items: list[str] = field(default_factory=list)
    """A list the screen shows (each item's number and title or text)."""
    countdown: float | None = None
    """Seconds of a countdown the document runs itself."""
    countdown_delay: float = 0.0
    """Seconds before the countdown starts (while the words are spoken)."""
    countdown_label: str | None = None
    """What the countdown is called ("Quiet time")."""
    countdown_done: str | None = None
    """What the screen says when it ends ("Time's up")."""

    def to_json(self) -> dict[str, Any]:
        """The preview for the console page."""
        return {
            "brand": self.brand,
            "heading": self.heading,
            "title": self.title,
            "texts": self.texts,
            "items": self.items,
            "countdown": self.countdown,
            "countdown_delay": self.countdown_delay,
            "countdown_label": self.countdown_label,
            "countdown_done": self.countdown_done,
        }


def render_document(response: Mapping[str, Any]) -> dict[str, Any] | None:
    """The response envelope's RenderDocument directive, or None."""
    body = response.get("response")
    directives = body.get("directives") if isinstance(body, Mapping) else None
    for directive in directives if isinstance(directives, list) else ():
        if isinstance(directive, dict) and directive.get("type") == RENDER_DOCUMENT:
            return directive
    return None


def preview(directive: Mapping[str, Any]) -> Preview:
    """The text fields of a RenderDocument directive's datasources."""
    found = Preview()
    datasources = directive.get("datasources")
    if isinstance(datasources, Mapping):
        _read(datasources, found, 0)
    return found


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _numbering(node: Mapping[str, Any]) -> str | None:
    """The node's own number ("4" from number: 4), if it has one."""
    for key, value in node.items():
        if str(key).lower() in NUMBER_KEYS and (isinstance(value, str) or _number(value)):
            text = (
                str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
            )
            return text.strip() or None
    return None


def _label(item: Any) -> str | None:
    """One list item as a line: "3. Title" (or its text), a plain string as it is."""
    if isinstance(item, str):
        return item.strip() or None
    if not isinstance(item, Mapping):
        return None
    title = _title_of(item)
    inner = Preview()
    _read(item, inner, MAX_DEPTH - 2)
    words = title[1] if title else (inner.texts[0] if inner.texts else None)
    if words is None:
        return None
    number = _numbering(item)
    return f"{number}. {words}" if number is not None else words


def _title_of(node: Mapping[str, Any]) -> tuple[str, str] | None:
    """The node's title key and text, by TITLE_KEYS' order."""
    strings = {str(k).lower(): (str(k), v.strip()) for k, v in node.items() if isinstance(v, str)}
    for name in TITLE_KEYS:
        if name in strings and strings[name][1]:
            return strings[name]
    return None


def _hidden(name: str) -> bool:
    return name.endswith(HIDDEN_SUFFIXES) or name in NUMBER_KEYS


def _read(node: Mapping[str, Any], found: Preview, depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    lowered = {str(key).lower(): value for key, value in node.items()}
    title = _title_of(node)
    if title is not None and found.title is None:
        number = _numbering(node)
        prefix = f"{number}. " if number is not None and not (lowered.keys() & HEADING_KEYS) else ""
        found.title = prefix + title[1]
    # A node with a countdown field (even one of 0 s) keeps its label and "done" words for it.
    countdown_here = False
    for key, value in node.items():
        name = str(key).lower()
        seconds = _number(value)
        if name in COUNTDOWN_KEYS | COUNTDOWN_MS_KEYS and seconds is not None:
            countdown_here = True
            if seconds > 0 and not found.countdown:
                found.countdown = seconds / 1000 if name in COUNTDOWN_MS_KEYS else seconds
    for key, value in node.items():
        name = str(key).lower()
        if isinstance(value, str):
            _text(name, value.strip(), lowered, found, countdown_here)
        elif isinstance(value, list):
            if name in ITEM_KEYS and not found.items:
                labels = (_label(item) for item in value[:MAX_ITEMS])
                found.items = [label for label in labels if label]
            else:
                for item in value[:MAX_ITEMS]:
                    if isinstance(item, Mapping):
                        _read(item, found, depth + 1)
        elif isinstance(value, Mapping):
            _read(value, found, depth + 1)
        elif countdown_here and name.endswith(("startms", "delayms")) and _number(value):
            found.countdown_delay = (_number(value) or 0.0) / 1000


def _text(name: str, text: str, siblings: Mapping[str, Any], found: Preview, timed: bool) -> None:
    """Place one string field of a node."""
    if not text or _hidden(name) or name in TITLE_KEYS:
        return
    if name in BRAND_KEYS:
        found.brand = found.brand or text
    elif name in HEADING_KEYS:
        found.heading = found.heading or text
    elif timed and name.endswith("label"):
        found.countdown_label = text
    elif timed and name.endswith("done"):
        found.countdown_done = text
    elif name.endswith(("number", "phone")) and isinstance(siblings.get(_stem(name)), str):
        return  # joined to its text below
    else:
        for suffix in ("number", "phone"):
            extra = siblings.get(name + suffix)
            if isinstance(extra, str) and extra.strip():
                text = f"{text} {extra.strip()}"
        if text not in (found.title, *found.texts):
            found.texts.append(text)


def _stem(name: str) -> str:
    return name.removesuffix("number").removesuffix("phone")
