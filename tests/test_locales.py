"""Every locale against the default: same content keys and placeholders, same model shape."""

from __future__ import annotations

import copy
import logging
import shutil
import string
from pathlib import Path
from typing import Any

import pytest

from interaction_model import errors as model_errors
from interaction_model.model import (
    InteractionModel,
    builtins_path,
    load_builtin_samples,
    load_model,
    load_model_data,
    model_path,
)
from skill import content, locales
from skill.errors import ContentError, UnknownLocaleError
from tests.helpers import run_cli


def _leaves(value: Any, where: str = "") -> dict[str, Any]:
    """Every value of a content document by its path; list items by their id (or position)."""
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _leaves(item, f"{where}.{key}").items()
        }
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return {
            k: v
            for index, item in enumerate(value)
            for k, v in _leaves(item, f"{where}[{item.get('id', index)}]").items()
        }
    return {where: value}


def _placeholders(value: Any) -> set[str]:
    if not isinstance(value, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}


def content_differences(document: dict[str, Any], default: dict[str, Any]) -> list[str]:
    """How a content document's keys and {placeholders} differ from the default's."""
    ours, theirs = _leaves(document), _leaves(default)
    problems = [f"missing {key}" for key in sorted(theirs.keys() - ours.keys())]
    problems += [f"extra {key}" for key in sorted(ours.keys() - theirs.keys())]
    problems += [
        f"{key}: placeholders {sorted(_placeholders(ours[key]))}"
        for key in sorted(ours.keys() & theirs.keys())
        if _placeholders(ours[key]) != _placeholders(theirs[key])
    ]
    return problems


def model_shape(model: InteractionModel) -> dict[str, Any]:
    """What must be the same in every locale: intents with their slots, slot-type value ids."""
    return {
        "intents": {i.name: sorted((s.name, s.type) for s in i.slots) for i in model.intents},
        "types": {t.name: sorted(v.id for v in t.values) for t in model.slot_types},
    }


DEFAULT_DOCUMENT = content.document(locales.DEFAULT)
DEFAULT_SHAPE = model_shape(load_model(locales.DEFAULT))


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_every_supported_locale_has_its_three_files(locale: str) -> None:
    assert locales.content_file(locale) is not None
    assert model_path(locale).is_file()
    assert builtins_path(locale).is_file()


@pytest.mark.parametrize("locale", locales.content_locales())
def test_every_locales_content_has_the_defaults_keys_and_placeholders(locale: str) -> None:
    assert content_differences(content.document(locale), DEFAULT_DOCUMENT) == []
    assert content.load(locale).locale == locale


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_every_locales_model_has_the_defaults_intents_slots_and_value_ids(locale: str) -> None:
    assert model_shape(load_model(locale)) == DEFAULT_SHAPE
    assert set(load_builtin_samples(locale)) <= set(DEFAULT_SHAPE["intents"])


def test_the_content_check_finds_a_missing_key_and_a_changed_placeholder() -> None:
    changed = copy.deepcopy(DEFAULT_DOCUMENT)
    del changed["lines"]["goodbye"]
    key, text = next((k, v) for k, v in changed["lines"].items() if _placeholders(v))
    changed["lines"][key] = text.replace("{", "{x").replace("{x{", "{{")
    changed["strategies"][0]["extra"] = "x"
    problems = content_differences(changed, DEFAULT_DOCUMENT)
    assert "missing .lines.goodbye" in problems
    assert any(p.startswith(f".lines.{key}: placeholders") for p in problems)
    assert f"extra .strategies[{changed['strategies'][0]['id']}].extra" in problems


def test_the_model_check_finds_a_changed_slot_and_value_id() -> None:
    data = load_model_data(locales.DEFAULT)
    language = data["interactionModel"]["languageModel"]
    with_slots = next(intent for intent in language["intents"] if intent.get("slots"))
    with_slots["slots"] = with_slots["slots"][1:]
    language["types"][0]["values"][0]["id"] = "renamed"
    shape = model_shape(InteractionModel.from_dict("xx-XX", data))
    assert shape["intents"][with_slots["name"]] != DEFAULT_SHAPE["intents"][with_slots["name"]]
    assert shape["types"] != DEFAULT_SHAPE["types"]


def _content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    """Point the content loader at a folder of hand-written locales."""
    for locale, text in files.items():
        (tmp_path / locale).mkdir()
        (tmp_path / locale / "content.toml").write_text(text, "utf-8")
    monkeypatch.setattr(locales, "CONTENT_DIR", tmp_path)
    locales.content_file.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_content_files() -> Any:
    yield
    locales.content_file.cache_clear()


BASE = """
[lines]
hello = "Hello {name}."
bye = "Bye."
[[strategies]]
id = "a"
title = "Colour"
[[strategies]]
id = "b"
title = "Plain"
"""


def test_an_overlay_replaces_only_its_keys_and_items_by_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    over = (
        'extends = "xx-XX"\n[lines]\nbye = "Cheers."\n[[strategies]]\nid = "a"\ntitle = "Colour!"\n'
    )
    _content_dir(tmp_path, monkeypatch, {"xx-XX": BASE, "xx-YY": over})
    assert content.document("xx-YY") == {
        "lines": {"hello": "Hello {name}.", "bye": "Cheers."},
        "strategies": [{"id": "a", "title": "Colour!"}, {"id": "b", "title": "Plain"}],
    }


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        ('extends = "xx-XX"\n[lines]\nnew = "x"\n', "'new' is not in"),
        ('extends = "xx-XX"\n[[strategies]]\nid = "z"\ntitle = "x"\n', "id of an item"),
        ('extends = "xx-XX"\n[lines]\nbye = 3\n', "a int where it extends a str"),
        ('extends = "xx-YY"\n', "extends itself"),
    ],
)
def test_an_overlay_that_does_not_fit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overlay: str, message: str
) -> None:
    _content_dir(tmp_path, monkeypatch, {"xx-XX": BASE, "xx-YY": overlay})
    with pytest.raises(ContentError, match=message):
        content.document("xx-YY")


def test_an_overlay_of_a_locale_without_content_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _content_dir(tmp_path, monkeypatch, {"xx-YY": 'extends = "zz-ZZ"\n'})
    with pytest.raises(UnknownLocaleError, match="zz-ZZ"):
        content.document("xx-YY")


@pytest.mark.parametrize("locale", ["fr-FR", "../en-US", "en-us", ""])
def test_an_unknown_locale_by_name_is_an_error_never_a_fallback(locale: str) -> None:
    with pytest.raises(UnknownLocaleError):
        locales.check(locale)
    with pytest.raises(UnknownLocaleError):
        content.load(locale)
    with pytest.raises(model_errors.UnknownLocaleError):
        load_model(locale)


@pytest.mark.parametrize("locale", ["fr-FR", "../en-GB", None, 7, "en-gb"])
def test_a_request_in_a_locale_without_words_is_answered_in_the_default(
    locale: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="skill.locales"):
        assert locales.for_request(locale) == locales.DEFAULT
    assert [r.levelno for r in caplog.records] == [logging.DEBUG]


@pytest.mark.parametrize("locale", locales.content_locales())
def test_a_request_in_a_locale_with_words_is_answered_in_it(locale: str) -> None:
    assert locales.for_request(locale) == locale


def test_the_cli_refuses_an_unknown_locale_in_one_line(tmp_path: Path) -> None:
    result = run_cli(["say", "--text", "--locale", "fr-FR", "help"], tmp_path / "db.sqlite3")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"trust-coach: no locale 'fr-FR': Trust Coach speaks {', '.join(locales.SUPPORTED)}"
    ]


def test_overlays_compiled_to_json_for_lambda_load_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skill.deploy.content import compile_content

    expected = {locale: content.document(locale) for locale in locales.content_locales()}
    shutil.copytree(locales.CONTENT_DIR, tmp_path / "locales")
    compile_content(tmp_path / "locales")
    assert not list((tmp_path / "locales").glob("*/content.toml"))
    monkeypatch.setattr(locales, "CONTENT_DIR", tmp_path / "locales")
    locales.content_file.cache_clear()
    assert {locale: content.document(locale) for locale in locales.content_locales()} == expected
