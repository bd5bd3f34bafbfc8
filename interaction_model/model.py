"""The Alexa interaction models shipped with the skill, parsed into frozen dataclasses."""

import functools
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interaction_model.errors import ModelFormatError, ModelNotFoundError, UnknownLocaleError

_LOGGER = logging.getLogger(__name__)

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
    """Locale the model is for, e.g. "en-GB"."""
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


MODELS_DIR = Path(__file__).resolve().parent
"""The shipped models: ``<locale>.json`` here, the built-ins' phrasings in ``builtins/``."""


def _check_locale(locale: str) -> None:
    """Refuse anything that is not a plain locale tag before it becomes a file name."""
    if not _LOCALE.fullmatch(locale):
        raise UnknownLocaleError(f"not a locale: {locale!r}")


def model_path(locale: str) -> Path:
    """Where the shipped interaction model of ``locale`` is (whether or not it exists)."""
    _check_locale(locale)
    return MODELS_DIR / f"{locale}.json"


def builtins_path(locale: str) -> Path:
    """Where the shipped built-in intent phrasings of ``locale`` are (whether or not they exist)."""
    _check_locale(locale)
    return MODELS_DIR / "builtins" / f"{locale}.json"


def read_json(path: Path) -> Any:
    """A model (or built-in phrasings) file's JSON; ModelNotFoundError when there is none."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ModelNotFoundError(f"no interaction model file {path}") from err
    try:
        return json.loads(text)
    except ValueError as err:
        raise ModelFormatError(f"{path}: not JSON ({err})") from err


def _shipped(path: Path, locale: str) -> Any:
    """A shipped file of ``locale``; UnknownLocaleError when the locale has none."""
    try:
        return read_json(path)
    except ModelNotFoundError as err:
        raise UnknownLocaleError(f"no interaction model for locale {locale!r}") from err


def available_locales() -> tuple[str, ...]:
    """Locales that ship an interaction model, sorted."""
    return tuple(sorted(p.stem for p in MODELS_DIR.glob("*.json") if _LOCALE.fullmatch(p.stem)))


def locale_of(path: Path) -> str:
    """The locale a model file is named for (``en-GB.json``), or its stem when not a tag."""
    return Path(path).stem


def load_model_data(locale: str) -> Any:
    """The raw JSON of a shipped locale's model (parsed fresh each call; for the linter)."""
    return _shipped(model_path(locale), locale)


def load_model(locale: str) -> InteractionModel:
    """A shipped locale's interaction model, read once per process."""
    path = model_path(locale)
    if not path.is_file():
        raise UnknownLocaleError(f"no interaction model for locale {locale!r}")
    return load_model_file(path)


@functools.cache
def load_model_file(path: Path, locale: str | None = None) -> InteractionModel:
    """The interaction model in a file, read once per process (locale: the file's name)."""
    name = locale or locale_of(path)
    model = InteractionModel.from_dict(name, read_json(path))
    _LOGGER.debug("Loaded interaction model %s with %s intents", name, len(model.intents))
    return model


def load_builtin_data(locale: str) -> Any:
    """The raw JSON of a shipped locale's built-in intent phrasings (for the linter)."""
    return _shipped(builtins_path(locale), locale)


def load_builtin_samples(locale: str) -> Mapping[str, tuple[str, ...]]:
    """The usual phrasings Alexa recognizes for each built-in intent of a shipped locale."""
    path = builtins_path(locale)
    if not path.is_file():
        raise UnknownLocaleError(f"no built-in phrasings for locale {locale!r}")
    return load_builtin_samples_file(path)


@functools.cache
def load_builtin_samples_file(path: Path) -> Mapping[str, tuple[str, ...]]:
    """The built-in intents' usual phrasings in a file, read once per process."""
    data = read_json(path)
    try:
        return {
            str(name): tuple(str(s) for s in samples) for name, samples in data["intents"].items()
        }
    except (KeyError, TypeError, AttributeError) as err:
        raise ModelFormatError(f"{path}: bad shape ({err!r})") from err


@functools.cache
def load_after_question_file(path: Path) -> Mapping[str, tuple[str, ...]]:
    """Phrasings that mean an intent only while a yes/no question is open ("go on" = yes)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    table = data.get("after_question", {}) if isinstance(data, dict) else {}
    if not isinstance(table, dict):
        raise ModelFormatError(f"{path}: after_question must be an object")
    return {
        str(name): tuple(str(s) for s in samples)
        for name, samples in table.items()
        if not name.startswith("_") and isinstance(samples, list)
    }
