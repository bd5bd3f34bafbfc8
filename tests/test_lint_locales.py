"""Tests for interaction_model.lint_locales: each rule fails on a broken copy of a real model."""

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interaction_model.lint_locales import DEFAULT_STORE_TEXTS, MODELS_DIR, lint, main
from skill.locales import SUPPORTED

LOCALES = SUPPORTED
"""Every locale the skill speaks (skill/locales.json): each has a model and store texts."""


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of every real model and of every locale's real store texts."""
    models = tmp_path / "models"
    models.mkdir()
    for path in MODELS_DIR.glob("*.json"):
        shutil.copy(path, models / path.name)
    texts = tmp_path / "locales"
    for path in DEFAULT_STORE_TEXTS.glob("*/manifest.toml"):
        (texts / path.parent.name).mkdir(parents=True)
        shutil.copy(path, texts / path.parent.name / "manifest.toml")
    return models, texts


def _edit(models: Path, locale: str, change: Callable[[Any], None]) -> None:
    path = models / f"{locale}.json"
    data = json.loads(path.read_text("utf-8"))
    change(data["interactionModel"]["languageModel"])
    path.write_text(json.dumps(data), "utf-8")


def _intent(language: Any, name: str) -> Any:
    return next(i for i in language["intents"] if i["name"] == name)


def _set_phrases(texts: Path, locale: str, phrases: list[str]) -> None:
    """Replace a locale's example_phrases array in its store texts."""
    path = texts / locale / "manifest.toml"
    text = path.read_text("utf-8")
    match = re.search(r"example_phrases = \[.*?\]", text, re.DOTALL)
    assert match is not None
    new = "example_phrases = " + json.dumps(phrases)
    path.write_text(text[: match.start()] + new + text[match.end() :], "utf-8")


def test_real_models_and_manifest_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert sorted(p.stem for p in MODELS_DIR.glob("*.json")) == sorted(LOCALES)
    assert lint() == []
    assert main([]) == 0
    assert capsys.readouterr().out == "lint_locales: ok\n"


def test_copies_pass(copies: tuple[Path, Path]) -> None:
    assert lint(*copies) == []


# Rule 1: same intents, slots and value ids as en-US.


def test_missing_intent(copies: tuple[Path, Path]) -> None:
    models, texts = copies

    def drop(language: Any) -> None:
        language["intents"].remove(_intent(language, "CausesIntent"))

    _edit(models, "en-GB", drop)
    assert lint(models, texts) == ["en-GB: missing intents CausesIntent (in en-US)"]


def test_extra_intent(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    _edit(models, "en-AU", lambda lm: lm["intents"].append({"name": "CuppaIntent", "samples": []}))
    assert lint(models, texts) == ["en-AU: intents CuppaIntent are not in en-US"]


def test_slot_of_another_type(copies: tuple[Path, Path]) -> None:
    models, texts = copies

    def retype(language: Any) -> None:
        _intent(language, "StrategyIntent")["slots"][1]["type"] = "AMAZON.ORDINAL"

    _edit(models, "en-CA", retype)
    assert lint(models, texts) == [
        "en-CA: StrategyIntent slots number:AMAZON.ORDINAL, strategy:STRATEGY differ from"
        " en-US's number:AMAZON.NUMBER, strategy:STRATEGY"
    ]


def test_missing_value_id(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    _edit(models, "en-IN", lambda lm: lm["types"][0]["values"][0].update(id="talk_openly"))
    assert lint(models, texts) == [
        "en-IN: slot type STRATEGY lacks value ids communicate_openly",
        "en-IN: slot type STRATEGY has value ids talk_openly not in en-US",
    ]


def test_missing_slot_type(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    _edit(models, "en-GB", lambda lm: lm["types"][0].update(name="STRATEGIES"))
    problems = lint(models, texts)
    assert "en-GB: missing slot types STRATEGY (in en-US)" in problems
    assert "en-GB: slot types STRATEGIES are not in en-US" in problems


# Rule 2: the invocation name.


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Trust Coach", "'Trust', 'Coach' not lowercase letters"),
        ("trust coach 2", "'2' not lowercase letters"),
        ("trust's' coach", "\"trust's'\" not lowercase letters"),
        ("trust.coach", "'trust.coach' not lowercase letters"),
        ("coach", "is one word (only a proven brand may be)"),
        ("the coach", "is two words with the"),
        ("alexa trust coach", "contains alexa (a wake word, launch phrase or connecting word)"),
        ("open trust coach", "contains open (a wake word"),
        ("trust and coach", "contains and (a wake word"),
        ("trust coach " + "very " * 9 + "good", "has 61 characters, not 2 to 50"),
    ],
)
def test_invocation_name(copies: tuple[Path, Path], name: str, message: str) -> None:
    models, texts = copies
    _edit(models, "en-AU", lambda lm: lm.update(invocationName=name))
    problems = [p for p in lint(models, texts) if "example phrase" not in p]
    assert any(p.startswith(f"en-AU: invocationName {name!r}") and message in p for p in problems)


def test_invocation_name_abbreviation_and_possessive_pass(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    _edit(models, "en-AU", lambda lm: lm.update(invocationName="sam's a. b. c. coach"))
    assert [p for p in lint(models, texts) if "invocationName" in p] == []


# Rule 3: sample utterances.


def _add_sample(sample: str, intent: str = "TrustTipIntent") -> Callable[[Any], None]:
    return lambda lm: _intent(lm, intent)["samples"].append(sample)


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        ("give me tip 3", "has digits (spell numbers out)"),
        ("give me a tip!", "has characters other than letters"),
        ("tip, please", "has characters other than letters"),
        ("tip for {partner}", "names undeclared slot {partner}"),
        (" ".join(["tip"] * 60), "has 239 characters (at most 200)"),
    ],
)
def test_bad_sample(copies: tuple[Path, Path], sample: str, message: str) -> None:
    models, texts = copies
    _edit(models, "en-GB", _add_sample(sample))
    problems = lint(models, texts)
    assert len(problems) == 1
    assert problems[0].startswith("en-GB: TrustTipIntent: sample ")
    assert message in problems[0]


def test_sample_with_hyphen_abbreviation_and_slot_passes(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    _edit(
        models, "en-GB", _add_sample("a check-in with my g. p. about {strategy}", "StrategyIntent")
    )
    assert lint(models, texts) == []


# Rule 4: the manifest's example phrases.


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("Ask trust coach to give us a tip", "does not start with 'Alexa, '"),
        ("Alexa, give us a tip", "has no launch word after 'Alexa, '"),
        ("Alexa, ask trust couch to give us a tip", "does not name the invocation"),
        ("Alexa, ask trust coach", "asks for nothing"),
        ("Alexa, open trust coach and give us a tip", "'open' takes no request"),
        ("Alexa, ask trust coach give us a tip", "no connecting word"),
        ("Alexa, ask trust coach to sing me a song", "'sing me a song' matches no sample"),
        ("Alexa, ask trust coach about teapots", "'teapots' matches no sample"),
        ("Alexa, ask trust coach to read me tip 22", "'read me tip 22' matches no sample"),
    ],
)
def test_bad_example_phrase(copies: tuple[Path, Path], phrase: str, message: str) -> None:
    models, texts = copies
    _set_phrases(texts, "en-GB", ["Alexa, open trust coach", phrase])
    problems = lint(models, texts)
    assert len(problems) == 1
    assert problems[0].startswith(f"en-GB: example phrase {phrase!r}")
    assert message in problems[0]


def test_example_phrase_slots_take_values_of_their_type(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    good = [
        "Alexa, ask trust coach about having a proper chat",  # a STRATEGY synonym in en-GB
        "Alexa, ask trust coach to tell me the twenty-second tip",  # AMAZON.NUMBER: spelled out
        "Alexa, open trust coach.",
    ]
    _set_phrases(texts, "en-GB", good)
    assert lint(models, texts) == []
    # en-US's STRATEGY has no such synonym, so the same phrase fails there.
    _set_phrases(texts, "en-US", good[:1])
    assert lint(models, texts) == [
        "en-US: example phrase 'Alexa, ask trust coach about having a proper chat':"
        " 'having a proper chat' matches no sample"
    ]


def test_too_many_example_phrases(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    _set_phrases(texts, "en-CA", ["Alexa, open trust coach"] * 4)
    assert lint(models, texts) == ["en-CA: 4 example phrases (at most 3 are shown)"]


def test_locale_without_store_texts(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    (texts / "en-IN").rename(texts / "en-NZ")
    problems = lint(models, texts)
    assert problems[0] == "en-NZ: store texts en-NZ/manifest.toml have no model"
    assert len(problems) == 2
    assert problems[1].startswith("en-IN: cannot read store texts ")


def test_main_prints_one_line_per_problem(
    copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    models, texts = copies
    _edit(models, "en-GB", _add_sample("tip 1"))
    _set_phrases(texts, "en-AU", ["Alexa, open trust coach"] * 4)
    assert main(["--models", str(models), "--store-texts", str(texts)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "en-GB: TrustTipIntent: sample 'tip 1' has digits (spell numbers out)",
        "en-AU: 4 example phrases (at most 3 are shown)",
    ]


def test_unreadable_store_texts(copies: tuple[Path, Path]) -> None:
    models, texts = copies
    (texts / "en-CA" / "manifest.toml").write_text("example_phrases = [", "utf-8")
    problems = lint(models, texts)
    assert len(problems) == 1
    assert problems[0].startswith(f"en-CA: cannot read store texts {texts}/en-CA/manifest.toml")
