"""What a screen would show, read from an APL RenderDocument directive's datasources.

Not an APL renderer: it reads the text fields any document binds (a title, texts, a list of
items, a countdown) so the console can show a labelled preview of the screen's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
"""The directive that puts an APL document on a screen."""

TITLE_KEYS = frozenset({"title", "headertitle", "headline", "heading", "primarytext"})
"""Datasource keys whose text is a screen's title (compared in lower case)."""
TEXT_KEYS = frozenset(
    {"text", "body", "bodytext", "subtitle", "secondarytext", "tertiarytext", "tip", "more"}
    | {"message", "what", "hint", "hinttext", "footer", "description", "content"}
)
"""Datasource keys whose text is shown under the title."""
ITEM_KEYS = frozenset({"items", "listitems", "list", "entries", "strategies", "choices", "steps"})
"""Datasource keys holding a list the screen shows."""
NUMBER_KEYS = frozenset({"number", "ordinal", "index", "position"})
"""Keys that number a title or an item."""
COUNTDOWN_KEYS = frozenset({"countdown", "seconds", "quietseconds", "countdownseconds"})
"""Keys that hold a countdown in seconds."""
COUNTDOWN_MS_KEYS = frozenset({"countdownms", "milliseconds", "durationms", "quietms"})
"""Keys that hold a countdown in milliseconds."""
MAX_DEPTH = 12
"""Datasources nest a few levels (datasource → properties → item); deeper is not read."""
MAX_ITEMS = 50


@dataclass
class Preview:
    """The words a screen would show, in reading order."""

    title: str | None = None
    """The first title found."""
    texts: list[str] = field(default_factory=list)
    """Other text fields, in document order, without repeats."""
    items: list[str] = field(default_factory=list)
    """A list the screen shows (each item's number and title or text)."""
    countdown: float | None = None
    """Seconds of a countdown the document runs itself."""

    def to_json(self) -> dict[str, Any]:
        """The preview for the console page."""
        return {
            "title": self.title,
            "texts": self.texts,
            "items": self.items,
            "countdown": self.countdown,
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


def _label(item: Any) -> str | None:
    """One list item as a line: "3. Title" (or its text), a plain string as it is."""
    if isinstance(item, str):
        return item.strip() or None
    if not isinstance(item, Mapping):
        return None
    inner = Preview()
    _read(item, inner, MAX_DEPTH - 2)
    words = inner.title or (inner.texts[0] if inner.texts else None)
    if words is None:
        return None
    return words


def _numbering(node: Mapping[str, Any]) -> str | None:
    """The node's own number ("4" from number: 4), if it has one."""
    for key, value in node.items():
        if str(key).lower() in NUMBER_KEYS and (isinstance(value, str) or _number(value)):
            return str(value).strip() or None
    return None


def _read(node: Mapping[str, Any], found: Preview, depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    for key, value in node.items():
        name = str(key).lower()
        if isinstance(value, str):
            text = value.strip()
            if not text:
                continue
            if name in TITLE_KEYS and found.title is None:
                number = _numbering(node)
                found.title = f"{number}. {text}" if number is not None else text
            elif name in TEXT_KEYS | TITLE_KEYS and text not in (found.title, *found.texts):
                found.texts.append(text)
        elif name in COUNTDOWN_KEYS and _number(value) is not None and found.countdown is None:
            found.countdown = _number(value)
        elif name in COUNTDOWN_MS_KEYS and _number(value) is not None and found.countdown is None:
            found.countdown = (_number(value) or 0.0) / 1000
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
