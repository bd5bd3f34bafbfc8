"""Check interaction models for the mistakes Alexa's console would reject or users would hit.

Usage: ``python -m interaction_model.lint [--locale en-US ...]``; exits 1 if anything is wrong.
"""

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any

from interaction_model.errors import InteractionModelError
from interaction_model.model import available_locales, load_builtin_data, load_model_data
from interaction_model.text import normalize_tokens

MIN_SAMPLES = 20
"""Fewest sample utterances a custom intent may have."""
MAIN_INTENTS = frozenset({"TrustTipIntent", "StrategyIntent", "SafetyIntent", "SituationIntent"})
"""The intents most people start with: they need more variety."""
MIN_MAIN_SAMPLES = 40
"""Fewest sample utterances a main intent may have."""
REQUIRED_BUILTINS = (
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.NextIntent",
    "AMAZON.PreviousIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.StartOverIntent",
    "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
)
"""Built-in intents the skill's design relies on."""

_WORD = r"(?:[a-z]+(?:'[a-z]+)*|(?:[a-z]\.)+)"
_SAMPLE = re.compile(
    rf"(?:{_WORD}|\{{[A-Za-z_][A-Za-z0-9_]*\}})(?: (?:{_WORD}|\{{[A-Za-z_][A-Za-z0-9_]*\}}))*"
)
_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_INVOCATION = re.compile(rf"{_WORD}(?: {_WORD})+")
_INVOCATION_FORBIDDEN = frozenset({"alexa", "amazon", "echo", "computer", "skill", "app"})


def _is_str_list(value: Any) -> bool:
    """Whether a JSON value is a list of strings."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _lint_invocation(name: Any) -> list[str]:
    """Problems with the invocation name."""
    if not isinstance(name, str):
        return ["invocationName is missing or not a string"]
    problems = []
    if not _INVOCATION.fullmatch(name):
        problems.append(f"invocationName {name!r} must be two or more lowercase words")
    if _INVOCATION_FORBIDDEN & set(name.split()):
        problems.append(f"invocationName {name!r} contains a wake word or reserved word")
    return problems


def _lint_types(types: Any) -> tuple[list[str], set[str]]:
    """Problems with custom slot types, and the names of the well-formed ones."""
    if not isinstance(types, list):
        return ["types must be a list"], set()
    problems: list[str] = []
    names: set[str] = set()
    for slot_type in types:
        if not isinstance(slot_type, dict) or not isinstance(slot_type.get("name"), str):
            problems.append(f"slot type without a name: {slot_type!r}")
            continue
        type_name = slot_type["name"]
        names.add(type_name)
        values = slot_type.get("values")
        if not isinstance(values, list) or not values:
            problems.append(f"{type_name}: values must be a non-empty list")
            continue
        owner: dict[str, str] = {}
        for value in values:
            name = value.get("name") if isinstance(value, dict) else None
            if (
                not isinstance(value, dict)
                or not isinstance(value.get("id"), str)
                or not isinstance(name, dict)
                or not isinstance(name.get("value"), str)
                or not _is_str_list(name.get("synonyms", []))
            ):
                problems.append(f"{type_name}: malformed value {value!r}")
                continue
            value_id = value["id"]
            for phrase in (name["value"], *name.get("synonyms", [])):
                if not _SAMPLE.fullmatch(phrase):
                    problems.append(f"{type_name}.{value_id}: invalid characters in {phrase!r}")
                key = " ".join(normalize_tokens(phrase))
                if key in owner and owner[key] != value_id:
                    problems.append(
                        f"{type_name}: synonym {phrase!r} is under both {owner[key]} and {value_id}"
                    )
                owner.setdefault(key, value_id)
    return problems, names


def _lint_intent(intent: dict[str, Any], type_names: set[str]) -> list[str]:
    """Problems inside one intent: slots, sample count and sample syntax."""
    name = intent["name"]
    problems: list[str] = []
    slots = intent.get("slots", [])
    declared: set[str] = set()
    if not isinstance(slots, list):
        problems.append(f"{name}: slots must be a list")
        slots = []
    for slot in slots:
        if not isinstance(slot, dict) or not isinstance(slot.get("name"), str):
            problems.append(f"{name}: malformed slot {slot!r}")
            continue
        declared.add(slot["name"])
        slot_type = slot.get("type")
        if not isinstance(slot_type, str) or not (
            slot_type.startswith("AMAZON.") or slot_type in type_names
        ):
            problems.append(f"{name}: slot {slot['name']} has unknown type {slot_type!r}")
    samples = intent.get("samples", [])
    if not _is_str_list(samples):
        return [*problems, f"{name}: samples must be a list of strings"]
    if name in MAIN_INTENTS and len(samples) < MIN_MAIN_SAMPLES:
        problems.append(f"{name}: {len(samples)} samples, needs at least {MIN_MAIN_SAMPLES}")
    elif not name.startswith("AMAZON.") and len(samples) < MIN_SAMPLES:
        problems.append(f"{name}: {len(samples)} samples, needs at least {MIN_SAMPLES}")
    seen: set[str] = set()
    for sample in samples:
        if sample in seen:
            problems.append(f"{name}: sample {sample!r} listed twice")
        seen.add(sample)
        if not _SAMPLE.fullmatch(sample):
            problems.append(f"{name}: invalid sample {sample!r}")
        for ref in _SLOT_REF.findall(sample):
            if ref not in declared:
                problems.append(f"{name}: sample {sample!r} uses undeclared slot {{{ref}}}")
    return problems


def _lint_duplicates(
    samples: Sequence[tuple[str, str]], builtin_names: frozenset[str] = frozenset()
) -> list[str]:
    """Samples that two intents share, as written or once normalized.

    ``builtin_names``: intents whose samples listed here are Alexa's own phrasings.
    """
    owner: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    for intent_name, sample in samples:
        key = " ".join(normalize_tokens(sample, keep_slots=True))
        if not key:
            problems.append(f"{intent_name}: sample {sample!r} is empty once filler is removed")
            continue
        first = owner.setdefault(key, (intent_name, sample))
        if first[0] != intent_name and intent_name in builtin_names:
            problems.append(
                f"sample {first[1]!r} in {first[0]} is a built-in phrasing of {intent_name}"
            )
        elif first[0] != intent_name:
            problems.append(
                f"sample {sample!r} in {intent_name} duplicates {first[1]!r} in {first[0]}"
            )
    return problems


def lint_model(data: Any, builtin_data: Any = None) -> list[str]:
    """Every problem in a model's JSON (and its built-in phrasings, if given)."""
    try:
        language_model = data["interactionModel"]["languageModel"]
        intents = language_model["intents"]
    except (KeyError, TypeError):
        return ["not an Alexa model: expected interactionModel.languageModel.intents"]
    if not isinstance(intents, list):
        return ["intents must be a list"]
    problems = _lint_invocation(language_model.get("invocationName"))
    type_problems, type_names = _lint_types(language_model.get("types", []))
    problems += type_problems
    names: list[str] = []
    samples: list[tuple[str, str]] = []
    for intent in intents:
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            problems.append(f"intent without a name: {intent!r}")
            continue
        if intent["name"] in names:
            problems.append(f"intent {intent['name']} listed twice")
        names.append(intent["name"])
        problems += _lint_intent(intent, type_names)
        if _is_str_list(intent.get("samples", [])):
            samples += [(intent["name"], sample) for sample in intent.get("samples", [])]
    problems += [
        f"built-in {name} is not listed" for name in REQUIRED_BUILTINS if name not in names
    ]
    builtin_names: set[str] = set()
    if builtin_data is not None:
        builtin_intents = builtin_data.get("intents") if isinstance(builtin_data, dict) else None
        if not isinstance(builtin_intents, dict):
            problems.append("built-in phrasings: expected an object with 'intents'")
        else:
            for name, phrases in builtin_intents.items():
                if name not in names:
                    problems.append(f"built-in phrasings for {name}, which the model does not list")
                if not _is_str_list(phrases):
                    problems.append(f"built-in phrasings for {name} must be a list of strings")
                    continue
                problems += [
                    f"{name}: invalid phrasing {p!r}" for p in phrases if not _SAMPLE.fullmatch(p)
                ]
                samples += [(name, phrase) for phrase in phrases]
                builtin_names.add(name)
    return problems + _lint_duplicates(samples, frozenset(builtin_names))


def lint_locale(locale: str) -> list[str]:
    """Every problem in a shipped locale's model and built-in phrasings."""
    try:
        model_data = load_model_data(locale)
    except (InteractionModelError, ValueError) as err:
        return [f"cannot load model: {err}"]
    try:
        builtin_data = load_builtin_data(locale)
    except (InteractionModelError, ValueError) as err:
        return [f"cannot load built-in phrasings: {err}", *lint_model(model_data)]
    return lint_model(model_data, builtin_data)


def main(argv: Sequence[str] | None = None) -> int:
    """Lint the given (default: all) locales, print each problem, return 1 if any."""
    parser = argparse.ArgumentParser(prog="python -m interaction_model.lint", description=__doc__)
    parser.add_argument("--locale", action="append", help="locale to check (repeatable)")
    args = parser.parse_args(argv)
    locales = args.locale or list(available_locales())
    failed = False
    for locale in locales:
        problems = lint_locale(locale)
        for problem in problems:
            print(f"{locale}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            print(f"{locale}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
