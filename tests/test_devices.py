"""The simulated devices: what a request from each carries, checked against a real Echo Show's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.utils import viewport

from skill.hosts.local import devices, envelopes
from skill.hosts.local.conversation import Conversation
from tests.test_real_envelopes import SHARED


def _event(device: devices.Device, token: str | None = None) -> dict[str, Any]:
    return envelopes.envelope(
        envelopes.launch_request(locale="en-US"),
        user_id=envelopes.user_id_for("d"),
        session_id=envelopes.new_session_id(),
        new=True,
        attributes=None,
        device=device,
        screen_token=token,
    )


def _profile_of(event: dict[str, Any], skill: CustomSkill) -> viewport.ViewportProfile:
    from ask_sdk_model import RequestEnvelope

    envelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
    return viewport.get_viewport_profile(envelope)


def test_dot_is_the_default_and_has_no_screen() -> None:
    dot = devices.get()
    assert dot.name == "dot" and not dot.has_apl and dot.viewport is None
    event = _event(dot)
    assert event["context"]["System"]["device"]["supportedInterfaces"] == {}
    assert "Viewport" not in event["context"] and "Viewports" not in event["context"]


def test_show_is_an_echo_show_8_with_apl_and_a_landscape_viewport() -> None:
    show = devices.get("show")
    event = _event(show)
    interfaces = event["context"]["System"]["device"]["supportedInterfaces"]
    assert devices.APL_INTERFACE in interfaces
    port = event["context"]["Viewport"]
    assert (port["pixelWidth"], port["pixelHeight"], port["dpi"]) == (1280, 800, 160)
    assert (port["shape"], port["mode"]) == ("RECTANGLE", "HUB")
    (apl,) = event["context"]["Viewports"]
    assert apl["configuration"]["current"]["size"]["pixelWidth"] == 1280
    assert apl["type"] == "APL" and apl["shape"] == "RECTANGLE"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("show", viewport.ViewportProfile.HUB_LANDSCAPE_LARGE),
        ("show5", viewport.ViewportProfile.HUB_LANDSCAPE_SMALL),
        ("spot", viewport.ViewportProfile.HUB_ROUND_SMALL),
        ("tv", viewport.ViewportProfile.TV_LANDSCAPE_XLARGE),
        ("dot", viewport.ViewportProfile.UNKNOWN_VIEWPORT_PROFILE),
    ],
)
def test_each_profile_is_the_viewport_profile_the_sdk_sees(
    name: str, expected: viewport.ViewportProfile, skill: CustomSkill
) -> None:
    assert _profile_of(_event(devices.get(name)), skill) == expected


def test_profiles_are_fresh_copies() -> None:
    show = devices.get("show")
    _event(show)["context"]["Viewport"]["dpi"] = 1
    assert devices.get("show").context()["Viewport"]["dpi"] == 160


def test_an_unknown_device_names_the_known_ones() -> None:
    with pytest.raises(devices.UnknownDeviceError, match="dot, show"):
        devices.get("fridge")


def test_the_shown_document_is_in_the_context_only_on_a_screen() -> None:
    assert _event(devices.get("show"), "tok")["context"][envelopes.APL_CONTEXT]["token"] == "tok"
    assert envelopes.APL_CONTEXT not in _event(devices.get("dot"), "tok")["context"]


@pytest.mark.skipif(SHARED is None, reason="the shared fixtures are not beside this checkout")
def test_show_context_has_the_shape_of_a_real_echo_show_request() -> None:
    assert SHARED is not None
    path = SHARED / "fixtures" / "alexa-requests" / "launch_apl_echo_show.json"
    real = json.loads(path.read_text("utf-8"))["context"]
    ours = _event(devices.get("show"))["context"]
    assert set(ours["Viewport"]) == set(real["Viewport"])
    assert set(ours["Viewports"][0]) == set(real["Viewports"][0])
    assert (
        ours["Viewports"][0]["configuration"].keys() == real["Viewports"][0]["configuration"].keys()
    )
    real_interfaces = real["System"]["device"]["supportedInterfaces"]
    assert set(ours["System"]["device"]["supportedInterfaces"]) == set(real_interfaces)


def test_user_event_is_a_touch_with_the_screen_token(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="toucher", device="show")
    talk.launch()
    talk.screen = {"type": "Alexa.Presentation.APL.RenderDocument", "token": "listToken"}
    exchange = talk.user_event(["strategy", "be_consistent"])
    request = exchange.request["request"]
    assert request["type"] == envelopes.USER_EVENT
    assert request["arguments"] == ["strategy", "be_consistent"]
    assert request["token"] == "listToken"
    assert exchange.request["context"][envelopes.APL_CONTEXT]["token"] == "listToken"
