"""Offline linter across locales: the models agree with en-US, and stay within Alexa's rules.

Usage: ``python -m interaction_model.lint_locales [--models DIR] [--store-texts DIR]``. Prints
one line per problem (``locale: problem``) and exits 1 if there is any. Reads every
``<models>/<locale>.json`` (default: this package's directory) and each locale's skill store
texts, ``<store-texts>/<locale>/manifest.toml`` (default: ``skill/content/locales`` of this
repository, read as files; nothing from ``skill/`` is imported).

Rules and where they come from:

1. Every locale has en-US's intents, the same slots per intent (name and type), and the same
   custom slot types with the same value ids (the handlers read ids, whatever the locale).
2. Invocation name, per Amazon's "Invocation name requirements"
   (https://developer.amazon.com/docs/custom-skills/choose-the-invocation-name-for-a-custom-skill.html):
   only lowercase letters, spaces, possessive apostrophes ("sam's science trivia") and periods
   in abbreviations ("a. b. c."), numbers spelled out; two or more words (a one-word name needs
   proof of a brand, which an offline check cannot see); a two-word name has no article or
   preposition ("the", "a", "an", "for", "to", "of"); no wake word ("alexa", "amazon",
   "echo", "computer"), launch phrase ("launch", "ask", "tell", "load", "begin", "enable", ...)
   or connecting word ("to", "from", "by", "if", "and", "whether"). Length 2 to 50 characters:
   the console's limit as open-source model generators enforce it ("Invocation name must be
   between 2 and 50 characters"); not found on Amazon's own pages.
3. Sample utterances: letters and spaces, apostrophes, hyphens, periods only in abbreviations,
   numbers spelled out (no digits), slots as ``{name}`` naming a slot the intent declares; at
   most ``MAX_SAMPLE_CHARS`` (200) characters. Amazon's page for this is "Create Intents,
   Utterances, and Slots"
   (https://developer.amazon.com/en-US/docs/alexa/custom-skills/create-intents-utterances-and-slots.html)
   with its "Interaction model limits"; the excerpts the search returned did not include the
   character rules or the 200, so both are the commonly stated limits, not re-checked here (the
   characters follow the invocation-name rules above, plus hyphens and braces).
4. The manifest's example phrases, per "Crafting great example phrases that meet certification
   requirements" (Amazon's Alexa blog,
   https://developer.amazon.com/blogs/alexa/post/74d0ed59-ad4f-470a-abcf-d37c10a1dfd6/crafting-great-example-phrases-that-meet-certification-requirements):
   ``[Wake Word], [Launch Word] [Invocation Name] [Connecting Word] [Utterance]``. At most
   three per locale (the store shows three: "Alexa Skills Kit certification tips: example
   phrases and sample utterances", https://developer.amazon.com/blogs/alexa/post/Tx3J3K6VCRJ6T1X);
   each starts with "Alexa, ", a launch word and the locale's invocation name; the utterance
   part must match one of that locale's sample utterances (a custom slot filled with one of its
   type's values or synonyms, AMAZON.NUMBER and AMAZON.ORDINAL with spelled-out numbers, any
   other AMAZON type with any words). Every model's locale needs store texts, and every locale
   with store texts a model.
"""

import argparse
import json
import re
import sys
import tomllib
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from interaction_model.text import ORDINALS, SCALES, TENS, UNITS

REFERENCE_LOCALE = "en-US"
"""The locale every other locale's intents, slots and value ids must match."""
MODELS_DIR = Path(__file__).resolve().parent
DEFAULT_STORE_TEXTS = MODELS_DIR.parent / "skill" / "content" / "locales"
"""Where each locale's ``<locale>/manifest.toml`` (store texts, example phrases) is."""

MAX_SAMPLE_CHARS = 200
"""Longest sample utterance Alexa accepts."""
INVOCATION_CHARS = (2, 50)
"""Shortest and longest invocation name Alexa accepts."""
MAX_EXAMPLE_PHRASES = 3
"""Most example phrases the skill store shows per locale."""
WAKE_WORD = "alexa"

_LOCALE_FILE = re.compile(r"[a-z]{2}-[A-Z]{2}")
_INVOCATION_WORD = re.compile(r"[a-z]+(?:'s|s')?|[a-z]\.")
_INVOCATION_FORBIDDEN = frozenset(
    # wake words, and what the documentation calls reserved in an invocation name
    {"alexa", "amazon", "echo", "computer", "skill", "app"}
    # launch phrases
    | {"launch", "ask", "tell", "load", "begin", "enable", "open", "start", "run", "play"}
    # connecting words
    | {"to", "from", "by", "if", "and", "whether"}
)
_TWO_WORD_FORBIDDEN = frozenset({"the", "a", "an", "for", "to", "of"})
_SAMPLE_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*'?|(?:[A-Za-z]\.)+|\{[^{}]*\}")
_SLOT_NAME = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_LAUNCH_ALONE = ("open", "start", "launch", "begin", "load", "run")
_LAUNCH_WITH_REQUEST = ("ask", "tell")
_CONNECTING = ("to", "for", "about", "and", "if", "whether", "that")
_ORDINALS = (
    list(ORDINALS)
    + [w.replace("ty", "tieth") for w in TENS]
    + [w + "th" for w in SCALES]
    + [w + "th" for w, value in UNITS.items() if value >= 13]
)
_NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES, *_ORDINALS, "and"])
"""What AMAZON.NUMBER and AMAZON.ORDINAL slots take in an example phrase: numbers spelled out."""


def _language_model(data: Any) -> dict[str, Any]:
    """The languageModel object of a model file's JSON, or {} when the JSON has none."""
    if isinstance(data, dict):
        model = data.get("interactionModel", {})
        if isinstance(model, dict):
            language = model.get("languageModel", {})
            if isinstance(language, dict):
                return language
    return {}


def _intents(language: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Intents by name (well-formed ones only)."""
    found = language.get("intents", [])
    if not isinstance(found, list):
        return {}
    return {i["name"]: i for i in found if isinstance(i, dict) and isinstance(i.get("name"), str)}


def _slots(intent: Mapping[str, Any]) -> dict[str, str]:
    """An intent's slot types by slot name."""
    slots = intent.get("slots", [])
    if not isinstance(slots, list):
        return {}
    return {str(s.get("name")): str(s.get("type")) for s in slots if isinstance(s, dict)}


def _types(language: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Custom slot types' values by type name."""
    types = language.get("types", [])
    if not isinstance(types, list):
        return {}
    found: dict[str, list[dict[str, Any]]] = {}
    for slot_type in types:
        if isinstance(slot_type, dict) and isinstance(slot_type.get("name"), str):
            values = slot_type.get("values", [])
            found[slot_type["name"]] = [v for v in values if isinstance(v, dict)]
    return found


def _value_ids(values: Sequence[Mapping[str, Any]]) -> set[str]:
    return {str(v.get("id")) for v in values}


def _value_phrases(values: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every spoken form of a slot type's values: names and synonyms, lowercased."""
    phrases: list[str] = []
    for value in values:
        name = value.get("name", {})
        if isinstance(name, dict):
            phrases.extend(
                p.lower()
                for p in [name.get("value"), *name.get("synonyms", [])]
                if isinstance(p, str)
            )
    return phrases


def _names(items: AbstractSet[str]) -> str:
    return ", ".join(sorted(items))


def lint_consistency(reference: Mapping[str, Any], language: Mapping[str, Any]) -> list[str]:
    """Rule 1: intents, slots and slot-type value ids as in the reference locale."""
    problems: list[str] = []
    ref_intents, intents = _intents(reference), _intents(language)
    if missing := set(ref_intents) - set(intents):
        problems.append(f"missing intents {_names(missing)} (in {REFERENCE_LOCALE})")
    if extra := set(intents) - set(ref_intents):
        problems.append(f"intents {_names(extra)} are not in {REFERENCE_LOCALE}")
    for name in sorted(set(ref_intents) & set(intents)):
        ref_slots, slots = _slots(ref_intents[name]), _slots(intents[name])
        if ref_slots != slots:
            want = _names({f"{k}:{v}" for k, v in ref_slots.items()}) or "none"
            got = _names({f"{k}:{v}" for k, v in slots.items()}) or "none"
            problems.append(f"{name} slots {got} differ from {REFERENCE_LOCALE}'s {want}")
    ref_types, types = _types(reference), _types(language)
    if missing := set(ref_types) - set(types):
        problems.append(f"missing slot types {_names(missing)} (in {REFERENCE_LOCALE})")
    if extra := set(types) - set(ref_types):
        problems.append(f"slot types {_names(extra)} are not in {REFERENCE_LOCALE}")
    for name in sorted(set(ref_types) & set(types)):
        ref_ids, ids = _value_ids(ref_types[name]), _value_ids(types[name])
        if missing := ref_ids - ids:
            problems.append(f"slot type {name} lacks value ids {_names(missing)}")
        if extra := ids - ref_ids:
            problems.append(f"slot type {name} has value ids {_names(extra)} not in en-US")
    return problems


def lint_invocation(name: Any) -> list[str]:
    """Rule 2: the invocation name within Amazon's invocation name requirements."""
    if not isinstance(name, str):
        return ["invocationName is missing or not a string"]
    problems: list[str] = []
    low, high = INVOCATION_CHARS
    if not low <= len(name) <= high:
        problems.append(f"invocationName {name!r} has {len(name)} characters, not {low} to {high}")
    words = name.split(" ")
    bad = [w for w in words if not _INVOCATION_WORD.fullmatch(w)]
    if bad:
        problems.append(
            f"invocationName {name!r}: {', '.join(repr(w) for w in bad)} not lowercase letters"
            " (apostrophes only in possessives, periods only in abbreviations like 'a. b. c.')"
        )
    if len(words) < 2:
        problems.append(f"invocationName {name!r} is one word (only a proven brand may be)")
    if len(words) == 2 and (articles := _TWO_WORD_FORBIDDEN & set(words)):
        problems.append(f"invocationName {name!r} is two words with {_names(articles)}")
    if forbidden := _INVOCATION_FORBIDDEN & set(words):
        problems.append(
            f"invocationName {name!r} contains {_names(forbidden)}"
            " (a wake word, launch phrase or connecting word)"
        )
    return problems


def lint_samples(language: Mapping[str, Any]) -> list[str]:
    """Rule 3: every sample utterance's length and characters, and its slot references."""
    problems: list[str] = []
    for name, intent in _intents(language).items():
        slots = _slots(intent)
        samples = intent.get("samples", [])
        for sample in samples if isinstance(samples, list) else []:
            if not isinstance(sample, str):
                problems.append(f"{name}: sample {sample!r} is not a string")
                continue
            if len(sample) > MAX_SAMPLE_CHARS:
                problems.append(
                    f"{name}: sample {sample[:40]!r}... has {len(sample)} characters"
                    f" (at most {MAX_SAMPLE_CHARS})"
                )
            if re.search(r"\d", sample):
                problems.append(f"{name}: sample {sample!r} has digits (spell numbers out)")
            elif not all(_SAMPLE_WORD.fullmatch(w) for w in sample.split(" ")):
                problems.append(
                    f"{name}: sample {sample!r} has characters other than letters, spaces,"
                    " apostrophes, hyphens, abbreviation periods and {slot}"
                )
            for ref in re.findall(r"\{([^{}]*)\}", sample):
                if ref not in slots:
                    problems.append(f"{name}: sample {sample!r} names undeclared slot {{{ref}}}")
    return problems


_Part = tuple[str, frozenset[tuple[str, ...]]]
"""A piece of a sample: ("word", {(word,)}), ("values", spoken values), ("number" | "any", {})."""


def _sample_parts(sample: str, slots: Mapping[str, str], types: Mapping[str, Any]) -> list[_Part]:
    """A sample as literal words and slots (a custom slot with its values' spoken forms)."""
    parts: list[_Part] = []
    for word in sample.lower().split():
        slot = _SLOT_NAME.fullmatch(word)
        if slot is None:
            parts.append(("word", frozenset({(word,)})))
            continue
        slot_type = next((t for n, t in slots.items() if n.lower() == slot.group(1)), "")
        if slot_type in types:
            values = frozenset(tuple(p.split()) for p in _value_phrases(types[slot_type]))
            parts.append(("values", values))
        elif slot_type in ("AMAZON.NUMBER", "AMAZON.ORDINAL"):
            parts.append(("number", frozenset()))
        else:
            parts.append(("any", frozenset()))
    return parts


def _fills(words: Sequence[str], parts: Sequence[_Part]) -> bool:
    """Whether the words are the parts with each slot filled by what its type takes."""
    if not parts:
        return not words
    kind, values = parts[0]
    if kind in ("word", "values"):
        return any(
            tuple(words[: len(v)]) == v and _fills(words[len(v) :], parts[1:]) for v in values
        )
    for end in range(1, len(words) + 1):
        if kind == "number" and not _NUMBER_WORDS.issuperset(words[end - 1].split("-")):
            return False
        if _fills(words[end:], parts[1:]):
            return True
    return False


def _locale_samples(language: Mapping[str, Any]) -> list[list[_Part]]:
    """Every sample of a locale, split into parts."""
    types = _types(language)
    found: list[list[_Part]] = []
    for intent in _intents(language).values():
        slots = _slots(intent)
        samples = intent.get("samples", [])
        found.extend(
            _sample_parts(sample, slots, types)
            for sample in (samples if isinstance(samples, list) else [])
            if isinstance(sample, str)
        )
    return found


def lint_example_phrases(phrases: Any, language: Mapping[str, Any]) -> list[str]:
    """Rule 4: a locale's manifest example phrases (at most three, each launching the skill)."""
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        return ["example_phrases must be a list of strings"]
    if not phrases:
        return ["example_phrases is empty (at least one is required)"]
    problems: list[str] = []
    samples = _locale_samples(language)
    if len(phrases) > MAX_EXAMPLE_PHRASES:
        problems.append(f"{len(phrases)} example phrases (at most {MAX_EXAMPLE_PHRASES} are shown)")
    invocation = language.get("invocationName")
    invocation = invocation.lower() if isinstance(invocation, str) else ""
    for phrase in phrases:
        text = " ".join(phrase.strip().rstrip(".?!").split())
        wake, sep, rest = text.partition(", ")
        if wake.lower() != WAKE_WORD or not sep:
            problems.append(f"example phrase {phrase!r} does not start with 'Alexa, '")
            continue
        rest = rest.lower()
        launch, _, after = rest.partition(" ")
        if launch not in _LAUNCH_ALONE + _LAUNCH_WITH_REQUEST:
            problems.append(f"example phrase {phrase!r} has no launch word after 'Alexa, '")
            continue
        if not invocation or not (after == invocation or after.startswith(invocation + " ")):
            problems.append(
                f"example phrase {phrase!r} does not name the invocation {invocation!r}"
            )
            continue
        request = after[len(invocation) :].strip()
        if not request:
            if launch in _LAUNCH_WITH_REQUEST:
                problems.append(f"example phrase {phrase!r} asks for nothing")
            continue
        if launch in _LAUNCH_ALONE:
            problems.append(f"example phrase {phrase!r}: '{launch}' takes no request")
            continue
        connecting, _, utterance = request.partition(" ")
        if connecting not in _CONNECTING or not utterance:
            problems.append(
                f"example phrase {phrase!r}: no connecting word ({', '.join(_CONNECTING)})"
                f" after the invocation"
            )
            continue
        words = utterance.split()
        if not any(_fills(words, sample) for sample in samples):
            problems.append(f"example phrase {phrase!r}: {utterance!r} matches no sample")
    return problems


def _read_models(models_dir: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    models: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for path in sorted(models_dir.glob("*.json")):
        if not _LOCALE_FILE.fullmatch(path.stem):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            problems.append(f"{path.stem}: cannot read {path.name}: {err}")
            continue
        language = _language_model(data)
        if not language:
            problems.append(f"{path.stem}: no interactionModel.languageModel")
            continue
        models[path.stem] = language
    return models, problems


def lint(models_dir: Path = MODELS_DIR, store_texts: Path = DEFAULT_STORE_TEXTS) -> list[str]:
    """Every problem across the locales' models and store texts, as ``locale: problem``."""
    models, problems = _read_models(models_dir)
    reference = models.get(REFERENCE_LOCALE)
    if reference is None:
        problems.append(f"{REFERENCE_LOCALE}: no model in {models_dir}")
    for locale, language in models.items():
        found = lint_invocation(language.get("invocationName")) + lint_samples(language)
        if reference is not None and locale != REFERENCE_LOCALE:
            found = lint_consistency(reference, language) + found
        problems.extend(f"{locale}: {p}" for p in found)
    text_dirs = {d.name for d in store_texts.glob("*") if (d / "manifest.toml").is_file()}
    for locale in sorted(text_dirs - set(models)):
        problems.append(f"{locale}: store texts {locale}/manifest.toml have no model")
    for locale, language in models.items():
        path = store_texts / locale / "manifest.toml"
        try:
            texts = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            problems.append(f"{locale}: cannot read store texts {path}: {err}")
            continue
        phrases = lint_example_phrases(texts.get("example_phrases"), language)
        problems.extend(f"{locale}: {p}" for p in phrases)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Print the problems, one a line; 0 when there are none, else 1."""
    parser = argparse.ArgumentParser(prog="python -m interaction_model.lint_locales")
    parser.add_argument("--models", type=Path, default=MODELS_DIR, help="models directory")
    parser.add_argument(
        "--store-texts",
        type=Path,
        default=DEFAULT_STORE_TEXTS,
        help="directory of <locale>/manifest.toml store texts",
    )
    args = parser.parse_args(argv)
    problems = lint(args.models, args.store_texts)
    for problem in problems:
        print(problem)
    if not problems:
        print("lint_locales: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
