"""What the console's screen preview draws: a response's RenderDocument and the viewport it is for.

The page draws the APL document itself (static/apl.js, a small renderer for the components the
skill's documents use); this module picks out what it needs from a turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
"""The directive that puts an APL document on a screen."""


def render_document(response: Mapping[str, Any]) -> dict[str, Any] | None:
    """The response envelope's RenderDocument directive, or None."""
    body = response.get("response")
    directives = body.get("directives") if isinstance(body, Mapping) else None
    for directive in directives if isinstance(directives, list) else ():
        if isinstance(directive, dict) and directive.get("type") == RENDER_DOCUMENT:
            return directive
    return None


def screen(
    request: Mapping[str, Any], directive: Mapping[str, Any] | None, *, sent: bool
) -> dict[str, Any] | None:
    """What the page draws after one turn: the document on screen, its datasources and token,
    the request's context.Viewport, and whether this reply sent it (None: nothing on screen)."""
    context = request.get("context")
    viewport = context.get("Viewport") if isinstance(context, Mapping) else None
    if directive is None or not isinstance(viewport, Mapping):
        return None
    return {
        "token": directive.get("token"),
        "document": directive.get("document"),
        "datasources": directive.get("datasources") or {},
        "viewport": dict(viewport),
        "sent": sent,
    }
