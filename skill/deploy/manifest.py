"""The ASK CLI project: skill.json (shared listing, each locale's store texts) and the models."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from skill import locales as supported_locales
from skill.deploy.errors import PackageError

SHARED = Path(__file__).resolve().parent / "manifest.toml"
"""Category, countries, testing instructions and privacy answers: the same for every locale."""

LOCALES_DIR = Path(__file__).resolve().parents[1] / "content" / "locales"
"""One folder per locale; its manifest.toml holds that locale's store texts."""


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except OSError as error:
        raise PackageError(f"cannot read {path}: {error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise PackageError(f"{path}: {error}") from error


def load_shared(path: Path = SHARED) -> dict[str, Any]:
    """The listing every locale shares, from skill/deploy/manifest.toml."""
    return _toml(path)


def load_store_texts(
    locales: Sequence[str] = supported_locales.SUPPORTED, locales_dir: Path = LOCALES_DIR
) -> dict[str, dict[str, Any]]:
    """Each locale's store texts (name, summary, ...), by locale, from its manifest.toml."""
    return {locale: _toml(locales_dir / locale / "manifest.toml") for locale in locales}


def interaction_models(
    models_dir: Path, locales: Sequence[str] = supported_locales.SUPPORTED
) -> dict[str, Path]:
    """The interaction model file of each locale (`<models_dir>/en-US.json`, ...), by locale."""
    models = {locale: models_dir / f"{locale}.json" for locale in locales}
    missing = sorted(locale for locale, path in models.items() if not path.is_file())
    if missing:
        raise PackageError(f"no interaction model in {models_dir} for {', '.join(missing)}")
    return models


def skill_manifest(
    shared: Mapping[str, Any], texts: Mapping[str, Mapping[str, Any]], endpoint: str | None = None
) -> dict[str, Any]:
    """skill.json for the ASK CLI: the shared listing and the store texts of every locale."""
    privacy = shared["privacy"]
    custom: dict[str, Any] = {}
    if endpoint:
        custom["endpoint"] = {"uri": endpoint}
    if shared.get("interfaces"):
        custom["interfaces"] = [
            {"type": item["type"], "supportedViewports": list(item.get("supported_viewports", []))}
            for item in shared["interfaces"]
        ]
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": {
                    locale: {
                        "name": text["name"],
                        "summary": text["summary"],
                        "description": text["description"],
                        "examplePhrases": list(text["example_phrases"]),
                        "keywords": list(text["keywords"]),
                    }
                    for locale, text in texts.items()
                },
                "category": shared["category"],
                "distributionCountries": list(shared["distribution_countries"]),
                "isAvailableWorldwide": shared["is_available_worldwide"],
                "testingInstructions": shared["testing_instructions"],
            },
            "privacyAndCompliance": {
                "allowsPurchases": privacy["allows_purchases"],
                "usesPersonalInfo": privacy["uses_personal_info"],
                "isChildDirected": privacy["is_child_directed"],
                "isExportCompliant": privacy["is_export_compliant"],
                "containsAds": privacy["contains_ads"],
            },
            "apis": {"custom": custom},
        }
    }


def write_ask_project(
    out_dir: Path, models: Mapping[str, Path], skill_json: Mapping[str, Any]
) -> tuple[str, ...]:
    """Write ask-resources.json and skill-package/ (manifest, models); return the locales.

    Only the skill's metadata is deployed with the ASK CLI; the function and table go with SAM.
    """
    resources_json = {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}},
    }
    _write_json(out_dir / "ask-resources.json", resources_json)
    package = out_dir / "skill-package"
    _write_json(package / "skill.json", skill_json)
    custom = package / "interactionModels" / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    for stale in custom.glob("*.json"):
        if stale.stem not in models:
            stale.unlink()
    for locale, path in models.items():
        shutil.copyfile(path, custom / f"{locale}.json")
    return tuple(sorted(models))


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
