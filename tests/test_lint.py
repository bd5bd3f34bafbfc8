"""Tests for interaction_model.lint."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from interaction_model.lint import lint_locale, lint_model, main
from interaction_model.model import load_builtin_data, load_model_data


def _language_model(data: Any) -> Any:
    return data["interactionModel"]["languageModel"]


def _intent(data: Any, name: str) -> Any:
    return next(i for i in _language_model(data)["intents"] if i["name"] == name)


def _strategy_values(data: Any) -> Any:
    return _language_model(data)["types"][0]["values"]


def test_shipped_model_is_clean() -> None:
    assert lint_locale("en-US") == []


def test_main_exit_code_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--locale", "en-US"]) == 0
    assert "en-US: ok" in capsys.readouterr().out


def test_main_exit_code_unknown_locale(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--locale", "xx-XX"]) == 1
    assert "xx-XX: cannot load model" in capsys.readouterr().out


def _set_invocation(value: str) -> Callable[[Any], None]:
    def breaker(data: Any) -> None:
        _language_model(data)["invocationName"] = value

    return breaker


def _add_sample(intent: str, sample: str) -> Callable[[Any], None]:
    def breaker(data: Any) -> None:
        _intent(data, intent)["samples"].append(sample)

    return breaker


def _drop_samples(data: Any) -> None:
    _intent(data, "CausesIntent")["samples"] = _intent(data, "CausesIntent")["samples"][:5]


def _drop_builtin(data: Any) -> None:
    _language_model(data)["intents"] = [
        i for i in _language_model(data)["intents"] if i["name"] != "AMAZON.PauseIntent"
    ]


def _share_situation_synonym(data: Any) -> None:
    types = data["interactionModel"]["languageModel"]["types"]
    situation = next(t for t in types if t["name"] == "SITUATION")
    situation["values"][0]["name"]["synonyms"].append("i cheated")


def _few_main_samples(data: Any) -> None:
    for intent in data["interactionModel"]["languageModel"]["intents"]:
        if intent["name"] == "SituationIntent":
            intent["samples"] = intent["samples"][:30]


def _share_synonym(data: Any) -> None:
    _strategy_values(data)[2]["name"]["synonyms"].append("boundaries")


def _bad_slot_type(data: Any) -> None:
    _intent(data, "StrategyIntent")["slots"][0]["type"] = "NOPE"


def _no_language_model(data: Any) -> None:
    del data["interactionModel"]["languageModel"]


@pytest.mark.parametrize(
    ("breaker", "expected"),
    [
        (_no_language_model, "not an Alexa model"),
        (_set_invocation("Trust Coach"), "two or more lowercase words"),
        (_set_invocation("coach"), "two or more lowercase words"),
        (_set_invocation("alexa coach"), "reserved word"),
        (_drop_samples, "CausesIntent: 5 samples, needs at least 20"),
        (_add_sample("CausesIntent", "what causes trust issues"), "listed twice"),
        (_add_sample("CausesIntent", "give me a tip"), "duplicates 'give me a tip'"),
        (_add_sample("CausesIntent", "Give me A tip"), "invalid sample"),
        (_add_sample("CausesIntent", "tip number 4"), "invalid sample"),
        (_add_sample("CausesIntent", "why, really?"), "invalid sample"),
        (_add_sample("CausesIntent", "whats todays tip"), "duplicates \"what's today's tip\""),
        (_add_sample("CausesIntent", "why {reason}"), "undeclared slot {reason}"),
        (_add_sample("CausesIntent", "please"), "empty once filler is removed"),
        (_drop_builtin, "built-in AMAZON.PauseIntent is not listed"),
        (_share_synonym, "synonym 'boundaries' is under both"),
        # A sample two custom intents share; one identical to a built-in's phrasing.
        (_add_sample("ThanksIntent", "tell me more"), "duplicates 'tell me more'"),
        (
            _add_sample("TrustTipIntent", "say that again"),
            "is a built-in phrasing of AMAZON.Repeat",
        ),
        (_add_sample("CausesIntent", "sure"), "is a built-in phrasing of AMAZON.YesIntent"),
        (_share_situation_synonym, "SITUATION: synonym 'i cheated' is under both"),
        (_few_main_samples, "SituationIntent: 30 samples, needs at least 40"),
        (_bad_slot_type, "unknown type 'NOPE'"),
    ],
)
def test_broken_copy_reports_problem(breaker: Callable[[Any], None], expected: str) -> None:
    data = copy.deepcopy(load_model_data("en-US"))
    breaker(data)
    problems = lint_model(data, load_builtin_data("en-US"))
    assert any(expected in problem for problem in problems), problems


def test_model_sample_colliding_with_builtin_phrasing() -> None:
    data = copy.deepcopy(load_model_data("en-US"))
    _intent(data, "TellMeMoreIntent")["samples"].append("go back")
    problems = lint_model(data, load_builtin_data("en-US"))
    assert any(
        "'go back' in TellMeMoreIntent is a built-in phrasing of AMAZON.PreviousIntent" in p
        for p in problems
    ), problems


def test_builtin_phrasings_for_unlisted_intent() -> None:
    builtins = copy.deepcopy(load_builtin_data("en-US"))
    builtins["intents"]["AMAZON.ShuffleOnIntent"] = ["shuffle"]
    problems = lint_model(load_model_data("en-US"), builtins)
    assert problems == [
        "built-in phrasings for AMAZON.ShuffleOnIntent, which the model does not list"
    ]
