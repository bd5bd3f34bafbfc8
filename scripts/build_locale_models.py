"""Write each locale's interaction model and built-in phrasings from en-US plus its overlay.

Usage: ``python scripts/build_locale_models.py [--check] [--locale en-GB ...]``

A locale's overlay, ``interaction_model/overlays/<locale>.json``, holds only what is its own: the
invocation name, samples it adds per intent, en-US samples it drops (American-only phrasings) or
replaces, extra synonyms per slot type by value id, and built-in phrasings it adds. Overlay parts
for an intent or slot type the default model does not have yet (e.g. ``SITUATION``) are kept in the
overlay and applied once the default model has them. ``--check`` writes nothing and exits 1 when a
generated file is out of date (a test runs it). Warnings (an overlay sample that clashes with
another intent, a drop that no longer matches) go to stderr; the generated files never contain
a clash.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "interaction_model"
OVERLAYS_DIR = MODELS_DIR / "overlays"
BASE = "en-US"


@dataclass
class Built:
    """One locale's generated files and what the generator noticed on the way."""

    locale: str
    model: dict[str, Any]
    builtins: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    """Overlay parts waiting for the default model (an intent or type it does not have yet)."""


def _read(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def dump(data: Any) -> str:
    """The one way generated files are written (stable, so --check can compare bytes)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def overlay_locales(overlays_dir: Path = OVERLAYS_DIR) -> tuple[str, ...]:
    """The locales with an overlay, sorted."""
    return tuple(sorted(p.stem for p in overlays_dir.glob("*.json")))


def _edit_samples(
    where: str,
    base: Sequence[str],
    edits: dict[str, Any],
    taken: Callable[[str], str | None],
    built: Built,
) -> list[str]:
    """``base`` with the overlay's drops and replacements, then its additions (no duplicates)."""
    drop = set(edits.get("drop", []))
    replace: dict[str, str] = dict(edits.get("replace", {}))
    for sample in sorted((drop | set(replace)) - set(base)):
        built.warnings.append(f"{built.locale} {where}: {sample!r} to drop is not in {BASE}")
    out: list[str] = []
    for sample in base:
        if sample in drop:
            continue
        new = replace.get(sample, sample)
        if new not in out:
            out.append(new)
    for sample in edits.get("add", []):
        if sample in out:
            continue
        owner = taken(sample)
        if owner is not None:
            built.warnings.append(
                f"{built.locale} {where}: {sample!r} left out, it is already in {owner}"
            )
            continue
        out.append(sample)
    return out


def build(
    locale: str,
    base_model: dict[str, Any],
    base_builtins: dict[str, Any],
    overlay: dict[str, Any],
) -> Built:
    """One locale's model and built-in phrasings: the default's, edited by the overlay."""
    model = copy.deepcopy(base_model)
    builtins = copy.deepcopy(base_builtins)
    built = Built(locale, model, builtins)
    language = model["interactionModel"]["languageModel"]
    language["invocationName"] = overlay.get("invocation_name", language["invocationName"])
    intents = {intent["name"]: intent for intent in language["intents"]}
    phrasings: dict[str, list[str]] = builtins["intents"]

    # Built-in phrasings first: custom samples may not repeat one of them.
    for name, edits in overlay.get("builtins", {}).items():
        if name not in phrasings:
            built.pending.append(f"builtins {name}")
            continue
        others = {s: n for n, ss in phrasings.items() if n != name for s in ss}
        phrasings[name] = _edit_samples(
            f"builtins {name}", phrasings[name], edits, others.get, built
        )

    def owner_of(name: str) -> Callable[[str], str | None]:
        def taken(sample: str) -> str | None:
            for other, intent in intents.items():
                if other != name and sample in intent.get("samples", []):
                    return str(other)
            for other, samples in phrasings.items():
                if sample in samples:
                    return f"the built-in phrasings of {other}"
            return None

        return taken

    for name, edits in overlay.get("samples", {}).items():
        intent = intents.get(name)
        if intent is None:
            built.pending.append(f"samples {name}")
            continue
        intent["samples"] = _edit_samples(
            name, intent.get("samples", []), edits, owner_of(name), built
        )

    types = {slot_type["name"]: slot_type for slot_type in language.get("types", [])}
    for type_name, by_id in overlay.get("synonyms", {}).items():
        slot_type = types.get(type_name)
        if slot_type is None:
            built.pending.append(f"synonyms {type_name}")
            continue
        values = {value["id"]: value for value in slot_type["values"]}
        for value_id, extra in by_id.items():
            value = values.get(value_id)
            if value is None:
                built.warnings.append(f"{locale} {type_name}: no value id {value_id!r}")
                continue
            synonyms: list[str] = value["name"].setdefault("synonyms", [])
            for synonym in extra:
                said = {
                    s: v["id"]
                    for v in slot_type["values"]
                    for s in (v["name"]["value"], *v["name"].get("synonyms", []))
                }
                if said.get(synonym) == value_id:
                    continue
                if synonym in said:
                    built.warnings.append(
                        f"{locale} {type_name}.{value_id}: {synonym!r} left out, "
                        f"it is already under {said[synonym]}"
                    )
                    continue
                synonyms.append(synonym)
    return built


def build_all(
    locales: Sequence[str] | None = None,
    models_dir: Path = MODELS_DIR,
    overlays_dir: Path = OVERLAYS_DIR,
) -> list[Built]:
    """Every (or the named) overlay locale, built from the default's files."""
    base_model = _read(models_dir / f"{BASE}.json")
    base_builtins = _read(models_dir / "builtins" / f"{BASE}.json")
    return [
        build(locale, base_model, base_builtins, _read(overlays_dir / f"{locale}.json"))
        for locale in (locales or overlay_locales(overlays_dir))
    ]


def outputs(built: Built, models_dir: Path = MODELS_DIR) -> dict[Path, str]:
    """The files a built locale is written to, with their text."""
    builtins = dict(built.builtins)
    builtins["_comment"] = (
        f"Generated by scripts/build_locale_models.py from builtins/{BASE}.json and "
        f"overlays/{built.locale}.json; edit those, then run the script."
    )
    return {
        models_dir / f"{built.locale}.json": dump(built.model),
        models_dir / "builtins" / f"{built.locale}.json": dump(builtins),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--locale", action="append", help="only this locale (repeatable)")
    args = parser.parse_args(argv)
    try:
        everything = build_all(args.locale)
    except (OSError, ValueError, KeyError) as err:
        print(f"build_locale_models: {err}", file=sys.stderr)
        return 2
    stale: list[str] = []
    for built in everything:
        for warning in built.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for path, text in outputs(built).items():
            current = path.read_text("utf-8") if path.is_file() else None
            if current == text:
                continue
            if args.check:
                stale.append(str(path.relative_to(ROOT)))
            else:
                path.write_text(text, "utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(
            "out of date (run python scripts/build_locale_models.py): " + ", ".join(stale),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
