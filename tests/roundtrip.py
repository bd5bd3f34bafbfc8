"""The spoken round trip shared by tests and the voice benchmark: model phrases, spoken, heard."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interaction_model.model import load_model_data
from interaction_model.resolver import Resolver
from speech import numbers
from speech.audio import write_wav
from speech.listen import BUILT_IN_PHRASES, phrases_from_model
from speech.voice import Synthesizer

VOICES = ("gmw/en-us", "gmw/en-us-nyc")
"""Two of espeak-ng's English voices: General American and New York City."""

_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Phrase:
    """A phrase of the interaction model and what it must resolve to."""

    text: str
    """The words to speak, as the recognizer's grammar writes them."""
    intent: str
    """The intent whose sample the phrase is."""
    slots: Mapping[str, str]
    """Slot name → expected resolved id (custom types) or value (numbers)."""


def _fills(
    sample: str, slot_types: Mapping[str, str], values: Mapping[str, list[dict[str, Any]]], k: int
) -> tuple[str, dict[str, str]]:
    """The sample with its slots filled by the k-th value of each type, and the expected slots."""
    expected: dict[str, str] = {}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        kind = slot_types[name]
        if kind == "AMAZON.NUMBER":
            number = k % 9 + 1
            expected[name] = str(number)
            return numbers.cardinal(number)
        value = values[kind][k % len(values[kind])]
        expected[name] = str(value["id"])
        return str(value["name"]["value"])

    return _SLOT.sub(fill, sample), expected


def _candidates(model: Mapping[str, Any]) -> Iterator[Phrase]:
    """Round-robin over the intents: every intent's first pick, then every intent's second ..."""
    values = {t["name"]: t["values"] for t in model.get("types", [])}
    per_intent: list[list[Phrase]] = []
    for intent in model["intents"]:
        samples = list(intent.get("samples", [])) or list(BUILT_IN_PHRASES.get(intent["name"], ()))
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        picks = []
        # A stride through the samples, so successive rounds are not near-duplicates.
        for k in range(len(samples)):
            sample = samples[k * 7 % len(samples)]
            kinds = {slot_types[name] for name in _SLOT.findall(sample)}
            if kinds - {"AMAZON.NUMBER"} - set(values):
                continue  # a built-in type the listening grammar has no words for (AMAZON.TIME)
            text, slots = _fills(sample, slot_types, values, k)
            picks.append(Phrase(text, intent["name"], slots))
        per_intent.append(picks)
    for round_ in itertools.zip_longest(*per_intent):
        yield from (phrase for phrase in round_ if phrase is not None)


def model_phrases(count: int, locale: str = "en-US") -> list[Phrase]:
    """The first `count` phrases the recognizer can say and the typed resolver gets right."""
    data = load_model_data(locale)
    model = data["interactionModel"]["languageModel"]
    sayable = set(phrases_from_model(data))
    resolver = Resolver.from_locale(locale)
    chosen: list[Phrase] = []
    seen: set[str] = set()
    for candidate in _candidates(model):
        text = " ".join(re.sub(r"[^a-z0-9' ]+", " ", candidate.text.lower()).split())
        if text in seen or text not in sayable:
            continue
        phrase = Phrase(text, candidate.intent, candidate.slots)
        if resolve(resolver, text) != (phrase.intent, dict(phrase.slots)):
            continue  # ambiguous even when typed: not a test of listening
        seen.add(text)
        chosen.append(phrase)
        if len(chosen) == count:
            break
    return chosen


def resolve(resolver: Resolver, text: str) -> tuple[str, dict[str, str]]:
    """What typed words resolve to: the intent and each filled slot's id (or value)."""
    resolution = resolver.resolve(text)
    slots = {
        name: str(slot.resolution_id or slot.value)
        for name, slot in resolution.slots.items()
        if slot.value is not None
    }
    return resolution.intent, slots


def outcome(record: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The intent and slots of one `say --json` record, in the shape `resolve` returns."""
    slots = {
        name: str(slot["id"] or slot["value"]) for name, slot in (record.get("slots") or {}).items()
    }
    return str(record["intent"]), slots


def speak_all(phrases: Sequence[Phrase], voice: str, directory: Path) -> list[Path]:
    """Write each phrase, spoken by espeak-ng through the project's Synthesizer, to a WAV."""
    synthesizer = Synthesizer(voice=voice)
    paths = []
    for index, phrase in enumerate(phrases):
        path = directory / f"{voice.replace('/', '_')}-{index:02d}.wav"
        write_wav(path, synthesizer.synthesize(phrase.text))
        paths.append(path)
    synthesizer.close()
    return paths


def records(stdout: str) -> list[dict[str, Any]]:
    """The JSON Lines of `say --json`."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]
