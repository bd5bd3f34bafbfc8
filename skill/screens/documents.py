"""The APL documents, one data file per kind plus what they share, read once and merged."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"
"""common.json (resources, styles, layouts) and one <document>.json per kind of screen."""
COMMON = "common"

# Beside the files, not importlib.resources (as skill.content: a cold start pays for zipfile).


@functools.cache
def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DOCUMENTS_DIR / f"{name}.json").read_text("utf-8"))
    return data


def names() -> tuple[str, ...]:
    """The documents there are (every data file but the common one), sorted."""
    return tuple(sorted(p.stem for p in DOCUMENTS_DIR.glob("*.json") if p.stem != COMMON))


@functools.cache
def _merged(name: str) -> dict[str, Any]:
    common = _read(COMMON)
    own = _read(name)
    document = {key: value for key, value in common.items() if key != "description"}
    document["description"] = own.get("description", "")
    document["layouts"] = {**common.get("layouts", {}), **own.get("layouts", {})}
    document["mainTemplate"] = own["mainTemplate"]
    return document


def document(name: str) -> dict[str, Any]:
    """The whole APL document ``name`` (a fresh copy: a response may be changed later)."""
    return copy.deepcopy(_merged(name))


def version() -> str:
    """The APL version the documents are written for."""
    value: str = _read(COMMON)["version"]
    return value
