"""The Alexa interaction models shipped with the skill, parsed into frozen dataclasses."""

import functools
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from interaction_model.errors import ModelFormatError, UnknownLocaleError

_LOGGER = logging.getLogger(__name__)

_PACKAGE = "interaction_model"
_LOCALE = re.compile(r"[a-z]{2}-[A-Z]{2}")


@dataclass(frozen=True)
class Slot:
    """A slot an intent declares."""

    name: str
    """Slot name as it appears in samples, e.g. "strategy"."""
    type: str
    """Slot type, e.g. "STRATEGY" or "AMAZON.NUMBER"."""

    @property
    def is_builtin_type(self) -> bool:
        """Whether Alexa supplies the type (no entity resolution)."""
        return self.type.startswith("AMAZON.")


@dataclass(frozen=True)
class Intent:
    """An intent with its slots and sample utterances."""

    name: str
    """Intent name, e.g. "StrategyIntent" or "AMAZON.StopIntent"."""
    slots: tuple[Slot, ...]
    """Declared slots, in model order."""
    samples: tuple[str, ...]
    """Sample utterances; built-in intents usually have none."""

    @property
    def is_builtin(self) -> bool:
        """Whether this is one of Alexa's built-in intents."""
        return self.name.startswith("AMAZON.")


@dataclass(frozen=True)
class SlotTypeValue:
    """One value of a custom slot type."""

    id: str
    """Resolution id handlers read, e.g. "establish_boundaries"."""
    name: str
    """Canonical spoken name, e.g. "establish boundaries"."""
    synonyms: tuple[str, ...]
    """Other ways people say it."""


@dataclass(frozen=True)
class SlotType:
    """A custom slot type and its values."""

    name: str
    """Type name, e.g. "STRATEGY"."""
    values: tuple[SlotTypeValue, ...]
    """Values in model order."""


@dataclass(frozen=True)
class InteractionModel:
    """One locale's language model."""

    locale: str
    """Locale the model is for, e.g. "en-US"."""
    invocation_name: str
    """What users say to reach the skill, e.g. "trust coach"."""
    intents: tuple[Intent, ...]
    """Custom and built-in intents, in model order."""
    slot_types: tuple[SlotType, ...]
    """Custom slot types."""

    def intent(self, name: str) -> Intent:
        """The intent with this name (KeyError if absent)."""
        for intent in self.intents:
            if intent.name == name:
                return intent
        raise KeyError(name)

    def slot_type(self, name: str) -> SlotType:
        """The custom slot type with this name (KeyError if absent)."""
        for slot_type in self.slot_types:
            if slot_type.name == name:
                return slot_type
        raise KeyError(name)

    @classmethod
    def from_dict(cls, locale: str, data: Any) -> "InteractionModel":
        """Parse the console / ASK CLI JSON shape."""
        try:
            language_model = data["interactionModel"]["languageModel"]
            intents = tuple(
                Intent(
                    name=str(intent["name"]),
                    slots=tuple(
                        Slot(name=str(slot["name"]), type=str(slot["type"]))
                        for slot in intent.get("slots", [])
                    ),
                    samples=tuple(str(sample) for sample in intent.get("samples", [])),
                )
                for intent in language_model["intents"]
            )
            slot_types = tuple(
                SlotType(
                    name=str(slot_type["name"]),
                    values=tuple(
                        SlotTypeValue(
                            id=str(value["id"]),
                            name=str(value["name"]["value"]),
                            synonyms=tuple(str(s) for s in value["name"].get("synonyms", [])),
                        )
                        for value in slot_type["values"]
                    ),
                )
                for slot_type in language_model.get("types", [])
            )
            invocation_name = str(language_model["invocationName"])
        except (KeyError, TypeError, AttributeError) as err:
            raise ModelFormatError(f"{locale}: not an Alexa interaction model ({err!r})") from err
        return cls(locale, invocation_name, intents, slot_types)


def _read_json(name: str) -> Any:
    """Read a JSON file shipped inside the package."""
    path = resources.files(_PACKAGE)
    for part in name.split("/"):
        path = path.joinpath(part)
    if not path.is_file():
        raise UnknownLocaleError(name)
    return json.loads(path.read_text(encoding="utf-8"))


def _check_locale(locale: str) -> None:
    """Refuse anything that is not a plain locale tag before it becomes a file name."""
    if not _LOCALE.fullmatch(locale):
        raise UnknownLocaleError(f"not a locale: {locale!r}")


def available_locales() -> tuple[str, ...]:
    """Locales that ship an interaction model, sorted."""
    stems = (
        entry.name.removesuffix(".json")
        for entry in resources.files(_PACKAGE).iterdir()
        if entry.name.endswith(".json")
    )
    return tuple(sorted(stem for stem in stems if _LOCALE.fullmatch(stem)))


def load_model_data(locale: str = "en-US") -> Any:
    """The raw JSON of a locale's model (parsed fresh each call; for the linter)."""
    _check_locale(locale)
    return _read_json(f"{locale}.json")


@functools.cache
def load_model(locale: str = "en-US") -> InteractionModel:
    """A locale's interaction model, read once per process."""
    model = InteractionModel.from_dict(locale, load_model_data(locale))
    _LOGGER.debug("Loaded interaction model %s with %s intents", locale, len(model.intents))
    return model


def load_builtin_data(locale: str = "en-US") -> Any:
    """The raw JSON of a locale's built-in intent phrasings (for the linter)."""
    _check_locale(locale)
    return _read_json(f"builtins/{locale}.json")


@functools.cache
def load_builtin_samples(locale: str = "en-US") -> Mapping[str, tuple[str, ...]]:
    """The usual phrasings Alexa recognizes for each built-in intent, read once per process."""
    data = load_builtin_data(locale)
    try:
        return {
            str(name): tuple(str(s) for s in samples) for name, samples in data["intents"].items()
        }
    except (KeyError, TypeError, AttributeError) as err:
        raise ModelFormatError(f"builtins/{locale}.json: bad shape ({err!r})") from err


@functools.cache
def load_after_question(locale: str = "en-US") -> Mapping[str, tuple[str, ...]]:
    """Phrasings that mean an intent only while a yes/no question is open ("go on" = yes)."""
    data = load_builtin_data(locale)
    table = data.get("after_question", {}) if isinstance(data, dict) else {}
    if not isinstance(table, dict):
        raise ModelFormatError(f"builtins/{locale}.json: after_question must be an object")
    return {
        str(name): tuple(str(s) for s in samples)
        for name, samples in table.items()
        if not name.startswith("_") and isinstance(samples, list)
    }
