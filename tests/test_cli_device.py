"""`--device`, `--touch` and chat's `:touch`: the talk commands on a simulated device."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill.hosts.cli import device
from skill.hosts.local.conversation import Conversation
from tests.helpers import run_cli


def _records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _interfaces(record: dict[str, Any]) -> dict[str, Any]:
    interfaces: dict[str, Any] = record["request"]["context"]["System"]["device"][
        "supportedInterfaces"
    ]
    return interfaces


def test_the_default_device_is_a_dot_without_a_screen(tmp_path: Path) -> None:
    result = run_cli(["say", "--json", "list the strategies"], tmp_path / "d.sqlite3")
    assert result.returncode == 0, result.stderr
    (record,) = _records(result.stdout)
    assert _interfaces(record) == {}
    assert "Viewport" not in record["request"]["context"]
    assert "directives" not in record["response"]["response"]


def test_say_on_a_show_touches_the_list_where_told(tmp_path: Path) -> None:
    listing = "list the strategies"
    args = ["say", "--json", "--device", "show", listing, ":touch 2", listing, "--touch", "5"]
    result = run_cli(args, tmp_path / "s.sqlite3")
    assert result.returncode == 0, result.stderr
    listed, second, _, fifth = _records(result.stdout)
    assert "Alexa.Presentation.APL" in _interfaces(listed)
    assert listed["request"]["context"]["Viewport"]["pixelWidth"] == 1280
    assert listed["response"]["response"]["directives"][0]["token"] == "trustCoach.list"
    assert second["request"]["request"]["arguments"] == ["strategy", "establish_boundaries"]
    assert fifth["request"]["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert fifth["speech"].startswith("Here's strategy 5: Be Consistent.")


def test_the_transcript_says_what_the_screen_shows(tmp_path: Path) -> None:
    result = run_cli(
        ["say", "--text", "--device", "spot", "I'm being hurt"], tmp_path / "t.sqlite3"
    )
    assert result.returncode == 0, result.stderr
    assert "[screen: safety]" in result.stdout and "1-800-799-7233" in result.stdout


def test_a_touch_on_a_dot_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_cli(["say", "--text", "open trust coach", "--touch", "5"], tmp_path / "e.sqlite3")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "trust-coach: the dot has no screen to touch (--device dot)"
    ]


def test_chat_touch_that_misses_is_reported_and_the_chat_goes_on(tmp_path: Path) -> None:
    stdin = "open trust coach\n:touch 3\nlist the strategies\n:touch 3\nstop\n"
    result = run_cli(["chat", "--text", "--device", "tv"], tmp_path / "c.sqlite3", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "nothing on the screen can be touched right now (--device tv)" in result.stderr
    assert "Here's strategy 3: Practice Patience." in result.stdout


def test_an_unknown_device_is_refused_by_name(tmp_path: Path) -> None:
    result = run_cli(["say", "--device", "fridge", "hi"], tmp_path / "f.sqlite3")
    assert result.returncode == 2
    assert "invalid choice: 'fridge'" in result.stderr and "show" in result.stderr


def test_send_passes_words_through_and_needs_a_target(skill: CustomSkill) -> None:
    talk = Conversation(skill, Resolver.from_locale("en-US"), user="sender", device="show")
    assert device.send(talk, "list the strategies").intent == "ListStrategiesIntent"
    with pytest.raises(device.TouchError, match="what to touch"):
        device.send(talk, ":touch")
    with pytest.raises(device.TouchError, match="touch 1 to 9"):
        device.send(talk, ":touch 12")
    assert device.send(talk, ":TOUCH be_consistent").speech.startswith("Here's strategy 5")


def test_describe_is_silent_without_a_screen(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="quiet")
    assert device.describe(talk.intent("TrustTipIntent")) is None
