"""Tests for interaction_model.model."""

import pytest

from interaction_model.errors import ModelFormatError, UnknownLocaleError
from interaction_model.model import (
    InteractionModel,
    available_locales,
    load_builtin_samples,
    load_model,
)
from tests.helpers import STRATEGY_IDS

CUSTOM_INTENTS = (
    "SituationIntent",
    "ThanksIntent",
    "ForgetMeIntent",
    "TrustTipIntent",
    "StrategyIntent",
    "ListStrategiesIntent",
    "TellMeMoreIntent",
    "ActiveListeningExerciseIntent",
    "ResumeExerciseIntent",
    "SafetyIntent",
    "CausesIntent",
    "ImpactIntent",
    "ActiveListeningIntent",
    "ExpressingFeelingsIntent",
    "BuildingTrustIntent",
    "TherapyIntent",
    "SupportGroupsIntent",
    "CheckInIntent",
    "SetReminderIntent",
    "ReminderStatusIntent",
    "MoveReminderIntent",
    "CancelReminderIntent",
    "PartnerNamesIntent",
    "FirstSpeakerIntent",
)


def test_en_us_is_available() -> None:
    assert "en-US" in available_locales()


def test_load_model_is_cached() -> None:
    assert load_model("en-US") is load_model("en-US")


def test_invocation_name() -> None:
    assert load_model("en-US").invocation_name == "trust coach"


@pytest.mark.parametrize("name", CUSTOM_INTENTS)
def test_custom_intents_present_with_samples(name: str) -> None:
    intent = load_model("en-US").intent(name)
    assert not intent.is_builtin
    assert len(intent.samples) >= 20


def test_only_expected_custom_intents() -> None:
    custom = {intent.name for intent in load_model("en-US").intents if not intent.is_builtin}
    assert custom == set(CUSTOM_INTENTS)


def test_strategy_intent_slots() -> None:
    slots = {slot.name: slot.type for slot in load_model("en-US").intent("StrategyIntent").slots}
    assert slots == {"strategy": "STRATEGY", "number": "AMAZON.NUMBER"}


def test_strategy_type_ids_in_article_order() -> None:
    values = load_model("en-US").slot_type("STRATEGY").values
    assert tuple(value.id for value in values) == STRATEGY_IDS
    assert values[1].name == "establish boundaries"
    # Slots carry the variation (issue 10): a strategy is named by what the article says it is
    # made of ("love letters", "truth or dare" for mutual activities), within reason.
    assert all(5 <= len(value.synonyms) <= 25 for value in values)


def test_builtin_intents_only_extend_amazons_phrasings() -> None:
    """Alexa lets a model add samples to a built-in intent; ours add a few, without slots."""
    builtins = [intent for intent in load_model("en-US").intents if intent.is_builtin]
    assert len(builtins) == 13
    assert all("{" not in sample for intent in builtins for sample in intent.samples)
    extended = {intent.name for intent in builtins if intent.samples}
    assert extended <= {
        "AMAZON.StopIntent",
        "AMAZON.StartOverIntent",
        "AMAZON.NextIntent",
        "AMAZON.RepeatIntent",
    }


def test_builtin_samples_cover_stop() -> None:
    assert "stop" in load_builtin_samples("en-US")["AMAZON.StopIntent"]


def test_unknown_intent_raises_key_error() -> None:
    with pytest.raises(KeyError):
        load_model("en-US").intent("NoSuchIntent")


@pytest.mark.parametrize("locale", ["xx-XX", "../en-US", "en-us"])
def test_unknown_locale(locale: str) -> None:
    with pytest.raises(UnknownLocaleError):
        load_model(locale)


def test_from_dict_rejects_wrong_shape() -> None:
    with pytest.raises(ModelFormatError):
        InteractionModel.from_dict("en-US", {"interactionModel": {}})
