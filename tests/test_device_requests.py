"""interaction_model.device_requests: requests to the device, not talk for the coach."""

from __future__ import annotations

import pytest

from interaction_model import device_requests
from interaction_model.text import normalize_tokens


@pytest.mark.parametrize(
    ("utterance", "asks"),
    [
        ("call my mom", True),
        ("can you text my sister", True),
        ("please book a couples therapist", True),
        ("find my phone", True),
        ("find a marriage counselor in my area", True),
        ("search for a therapist near me", True),
        ("find a way to trust him again", False),  # the device's verb said of oneself
        ("set boundaries with my partner", False),
        ("he texts his ex every night", False),
        ("my husband calls his ex", False),
        ("", False),
    ],
)
def test_a_request_to_the_device_is_told_from_a_confidence(utterance: str, asks: bool) -> None:
    assert device_requests.asks_device(normalize_tokens(utterance)) is asks


def test_one_table_holds_every_verb_a_request_opens_with() -> None:
    for verb in ("call", "text", "book", "find", "plan", "set", "remind"):
        assert device_requests.is_command(verb)
    assert not device_requests.is_command("he")
    assert set(device_requests.COMMAND_VERBS.values()) == {
        device_requests.PHONE,
        device_requests.DEVICE,
    }
