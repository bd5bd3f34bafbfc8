"""Read past what the SDK's models do not know: new enum values, wrong types, odd keys.

Alexa adds values over time (a new viewport shape, a new SessionEnded reason, a new entity
resolution code) and devices send fields the models never heard of. ask-sdk's deserializer
refuses the whole envelope over one of them. ``repair`` walks the JSON envelope along the same
model classes the SDK uses and drops each value the SDK could not read (logged at DEBUG), so the
envelope that comes out always deserializes. What the skill must have (a request with a known
type) is not repaired: ``repair`` returns None for it.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
from datetime import UTC
from enum import Enum
from typing import Any

_LOGGER = logging.getLogger(__name__)

_DROP = object()
"""Marks a value the SDK's models cannot read."""

_NATIVE = {"str", "int", "float", "bool", "object", "datetime", "date"}
_LIST = re.compile(r"list\[(.*)\]\Z")
_DICT = re.compile(r"dict\(([^,]*), (.*)\)\Z")

ROOT_TYPE = "ask_sdk_model.request_envelope.RequestEnvelope"


@functools.cache
def _load(name: str) -> Any:
    """The class named ``module.Class``."""
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


@functools.cache
def _fields(cls: Any) -> tuple[tuple[str, str], ...]:
    """(payload key, type name) for each field a model class deserializes."""
    types: dict[str, str] = cls.deserialized_types
    names: dict[str, str] = getattr(cls, "attribute_map", {})
    return tuple((names.get(field, field), kind) for field, kind in types.items())


def repair(envelope: dict[str, Any]) -> dict[str, Any] | None:
    """A copy of ``envelope`` the SDK can deserialize, or None when its request is unusable."""
    notes: list[str] = []
    request = envelope.get("request")
    if not isinstance(request, dict):
        return None
    request_cls = _load("ask_sdk_model.request.Request")
    if request_cls.get_real_child_model(request) is None:
        return None
    fixed = _fix(envelope, ROOT_TYPE, "", notes)
    if not isinstance(fixed, dict) or not isinstance(fixed.get("request"), dict):
        return None
    for note in notes[:20]:
        _LOGGER.debug("read past %s", note)
    return fixed


def _fix(value: object, kind: str, path: str, notes: list[str]) -> object:
    """``value`` made readable as ``kind``, or _DROP."""
    if value is None:
        return None
    if kind.startswith("list["):
        match = _LIST.match(kind)
        if not isinstance(value, list) or match is None:
            return _DROP
        inner = match.group(1).strip()
        if "," in inner:
            return _DROP
        return _fixed_items(enumerate(value), inner, path, notes, as_list=True)
    if kind.startswith("dict("):
        match = _DICT.match(kind)
        if not isinstance(value, dict) or match is None:
            return _DROP
        return _fixed_items(value.items(), match.group(2).strip(), path, notes, as_list=False)
    if kind in _NATIVE:
        return _native(value, kind)
    try:
        cls = _load(kind)
    except (ImportError, AttributeError, ValueError):
        return _DROP
    if isinstance(cls, type) and issubclass(cls, Enum):
        return value if isinstance(value, str) and value in _enum_values(cls) else _DROP
    if not hasattr(cls, "deserialized_types"):
        return value
    if not isinstance(value, dict):
        return _DROP
    if hasattr(cls, "get_real_child_model"):
        try:
            child = cls.get_real_child_model(value)
        except (TypeError, KeyError, AttributeError):
            child = None
        if not child:
            return _DROP
        cls = _load(child)
    result: dict[str, Any] = {}
    known: set[str] = set()
    for key, field_kind in _fields(cls):
        known.add(key)
        if key not in value:
            continue
        fixed = _fix(value[key], field_kind, f"{path}.{key}", notes)
        if fixed is _DROP:
            notes.append(f"{path}.{key} = {_brief(value[key])}")
            continue
        result[key] = fixed
    for key, item in value.items():
        # The SDK sets unknown keys as attributes: only plain new names are safe for that.
        if key in known:
            continue
        plain = isinstance(key, str) and key.isidentifier() and not key.startswith("_")
        if plain and not hasattr(cls, key):
            result[key] = item
            continue
        notes.append(f"{path}.{_brief(key)} (unknown key)")
    return result


def _fixed_items(
    items: Any, kind: str, path: str, notes: list[str], *, as_list: bool
) -> list[Any] | dict[Any, Any]:
    """The items of a list or dict, each made readable as ``kind``; unreadable ones dropped."""
    kept: list[tuple[Any, Any]] = []
    for key, item in items:
        fixed = _fix(item, kind, f"{path}[{_brief(key)}]", notes)
        if fixed is _DROP:
            notes.append(f"{path}[{_brief(key)}] = {_brief(item)}")
            continue
        kept.append((key, fixed))
    return [item for _, item in kept] if as_list else dict(kept)


@functools.cache
def _enum_values(cls: type[Enum]) -> frozenset[object]:
    """The values an enum accepts."""
    return frozenset(member.value for member in cls)


def _native(value: object, kind: str) -> object:
    """``value`` if the SDK reads it as ``kind`` without loss, else _DROP."""
    if kind == "object":
        return value
    if kind == "str":
        return value if isinstance(value, str) else _DROP
    if kind == "bool":
        return value if isinstance(value, bool) else _DROP
    if isinstance(value, bool):
        return _DROP
    if kind == "int":
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return _DROP
    if kind == "float":
        return value if isinstance(value, int | float) else _DROP
    # date and datetime: what dateutil (the SDK's parser) reads.
    if not isinstance(value, str) or len(value) > 64:
        return _DROP
    from dateutil.parser import parse  # type: ignore[import-untyped]

    try:
        parsed = parse(value)
        (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError, TypeError):
        return _DROP
    return value


def _brief(value: object) -> str:
    """A short repr for the DEBUG log."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."
