"""Seeded mutations of real and project envelopes: no exception, no broken response rule."""

from __future__ import annotations

import collections
import copy
import json
import logging
import os
import random
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.hosts import envelope as alexa
from skill.hosts import runtime

ROOT = Path(__file__).resolve().parents[1]
CASES = 3000
SEED = 20261202

VALUES: list[object] = [
    None,
    "",
    "HEXAGON",
    "NEW_REASON",
    "MAYBE",
    "ER_NEW",
    0,
    -1,
    2**70,
    1e308,
    True,
    [],
    {},
    [1, {"a": None}],
    {"type": "SSML", "ssml": "<speak>x"},
    "\udc80",
    "<speak>x",
    "x" * 20_000,
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00:00+14:00",
    "amzn1.ask.account.FUZZ",
    "\ud800",
    "9" * 5000,
    "²",
    float("nan"),
    {"type": "PlainText", "text": "x" * 9000},
]
TYPES = [
    "LaunchRequest",
    "IntentRequest",
    "SessionEndedRequest",
    "AudioPlayer.PlaybackStarted",
    "PlaybackController.NextCommandIssued",
    "CanFulfillIntentRequest",
    "System.ExceptionEncountered",
    "Alexa.Presentation.APL.UserEvent",
    "Nope",
]
SESSION_KEYS = [
    "said",
    "last_ssml",
    "pending",
    "list_index",
    "exercise_step",
    "routine",
    "history",
]

APOLOGY = runtime.Apology.from_lines(content.load().lines)


def _seeds() -> list[dict[str, Any]]:
    """The project's golden requests and, when present, the shared real envelopes."""
    files = sorted((ROOT / "tests" / "golden").glob("*.json"))
    goldens = [json.loads(f.read_text("utf-8")) for f in files]
    seeds = [
        g["request"] for g in goldens if isinstance(g, dict) and isinstance(g.get("request"), dict)
    ]
    shared = Path(os.environ.get("TRUST_COACH_SHARED") or ROOT.parent / "shared")
    seeds += [
        json.loads(f.read_text("utf-8"))
        for f in sorted((shared / "fixtures" / "alexa-requests").glob("*.json"))
    ]
    return seeds


def _paths(node: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists."""
    found: list[tuple[Any, ...]] = []
    items: list[tuple[Any, object]] = []
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    for key, child in items:
        found.append((*prefix, key))
        found.extend(_paths(child, (*prefix, key)))
    return found


def _mutate(envelope: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One to three random changes: a value replaced or removed, a type, a session attribute."""
    result = copy.deepcopy(envelope)
    for _ in range(rng.randint(1, 3)):
        move = rng.random()
        if move < 0.15 and isinstance(result.get("request"), dict):
            result["request"]["type"] = rng.choice(TYPES)
            continue
        if move < 0.3:
            session = result.setdefault("session", {"new": False})
            if isinstance(session, dict):
                attributes = session.setdefault("attributes", {"_schema": 1})
                if isinstance(attributes, dict):
                    attributes["_schema"] = 1
                    attributes[rng.choice(SESSION_KEYS)] = rng.choice(VALUES)
            continue
        paths = _paths(result)
        if not paths:
            continue
        path = rng.choice(paths)
        parent: Any = result
        for key in path[:-1]:
            parent = parent[key]
        if move < 0.45 and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
    return result


def test_fuzzed_envelopes_never_raise_and_never_break_the_response_rules(
    skill: CustomSkill, caplog: pytest.LogCaptureFixture
) -> None:
    rng = random.Random(SEED)
    seeds = _seeds()
    broken: list[tuple[str, list[str]]] = []
    failed: collections.Counter[str] = collections.Counter()
    for _ in range(CASES):
        event = _mutate(rng.choice(seeds), rng)
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            response = runtime.handle_event(skill, event, apology=APOLOGY)
        problems = runtime.response_problems(alexa.request_type(event), response)
        if problems:
            broken.append((json.dumps(event)[:200], problems))
        # An ERROR is the skill failing inside (its catch-all apology), not bad input read past.
        failed.update(r.getMessage()[:100] for r in caplog.records if r.levelno >= logging.ERROR)
    assert broken == []
    assert failed == {}
