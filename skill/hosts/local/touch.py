"""Touches on a simulated screen: what the APL document on it sends when a part is touched.

The touchable parts are read from the RenderDocument directive itself (components with a SendEvent
in ``onPress``, inflated over their ``data`` arrays and layouts), so a touch sends exactly the
arguments the document would send on a device: ``${path}`` bindings are filled from the
datasources, the data item and the layout's parameters. Other expressions are left as written
(a touch's arguments and ids need none), and every ``when`` branch is read, so parts that
appear in two layouts (round and landscape) count once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_BINDING = re.compile(r"\$\{\s*([A-Za-z_][\w.]*)\s*\}")
_CHILDREN = ("item", "items", "firstItem", "lastItem")


class NothingToTouchError(LookupError):
    """The screen shows nothing that answers to the touch (one line: what can be touched)."""


@dataclass(frozen=True)
class Touchable:
    """A part of the screen that sends a UserEvent when touched."""

    id: str
    """The component's id (as the UserEvent's source names it)."""
    arguments: tuple[Any, ...]
    """The SendEvent's arguments, bindings filled in."""
    source: dict[str, Any]
    """The UserEvent's source: the component type, the handler ("Press") and the id."""


def _lookup(path: str, context: Mapping[str, Any]) -> Any:
    node: Any = context
    for key in path.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def evaluate(value: Any, context: Mapping[str, Any]) -> Any:
    """``value`` with its ``${path}`` bindings filled from ``context`` (lists and dicts too)."""
    if isinstance(value, list):
        return [evaluate(item, context) for item in value]
    if isinstance(value, dict):
        return {key: evaluate(item, context) for key, item in value.items()}
    if not isinstance(value, str):
        return value
    whole = _BINDING.fullmatch(value.strip())
    if whole:
        return _lookup(whole.group(1), context)
    return _BINDING.sub(lambda m: str(_lookup(m.group(1), context) or ""), value)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _walk(node: Any, context: Mapping[str, Any], layouts: Mapping[str, Any]) -> Iterator[Touchable]:
    if not isinstance(node, dict):
        return
    data = node.get("data")
    if data is not None and "items" in node:
        templates = _as_list(node["items"])
        for index, item in enumerate(_as_list(evaluate(data, context))):
            inner = {**context, "data": item, "index": index, "ordinal": index + 1}
            for template in templates[:1]:
                yield from _walk(template, inner, layouts)
        return
    kind = node.get("type")
    layout = layouts.get(kind) if isinstance(kind, str) else None
    if isinstance(layout, dict):
        names = [p if isinstance(p, str) else p.get("name") for p in layout.get("parameters", [])]
        bound = {name: evaluate(node.get(name), context) for name in names if name}
        for child in _as_list(layout.get("items", layout.get("item"))):
            yield from _walk(child, {**context, **bound}, layouts)
        return
    for command in _as_list(node.get("onPress")):
        if isinstance(command, dict) and command.get("type") == "SendEvent":
            component_id = str(evaluate(node.get("id", ""), context) or "")
            yield Touchable(
                id=component_id,
                arguments=tuple(evaluate(_as_list(command.get("arguments")), context)),
                source={"type": kind, "handler": "Press", "id": component_id},
            )
    for key in _CHILDREN:
        for child in _as_list(node.get(key)):
            yield from _walk(child, context, layouts)


def touchables(directive: Mapping[str, Any]) -> list[Touchable]:
    """Every touchable part of a RenderDocument directive's document, in document order."""
    document = directive.get("document") or {}
    datasources = directive.get("datasources") or {}
    template = document.get("mainTemplate") or {}
    parameters = list(template.get("parameters") or [])
    # One parameter is bound to all the datasources; several are bound one datasource each.
    if len(parameters) == 1:
        context: dict[str, Any] = {parameters[0]: datasources}
    else:
        context = {name: datasources.get(name) for name in parameters}
    found: list[Touchable] = []
    for item in _as_list(template.get("items", template.get("item"))):
        for touchable in _walk(item, context, document.get("layouts") or {}):
            if touchable not in found:
                found.append(touchable)
    return found


def find(directive: Mapping[str, Any] | None, target: str) -> Touchable:
    """The part ``target`` names: its position on the screen (1, 2, ...) or its id."""
    parts = touchables(directive) if directive else []
    if not parts:
        raise NothingToTouchError("nothing on the screen can be touched right now")
    wanted = target.strip()
    if wanted.isdigit() and 1 <= int(wanted) <= len(parts):
        return parts[int(wanted) - 1]
    for part in parts:
        if part.id == wanted:
            return part
    ids = ", ".join(part.id for part in parts)
    raise NothingToTouchError(f"no {wanted!r} on the screen: touch 1 to {len(parts)}, or {ids}")
