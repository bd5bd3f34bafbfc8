"""`--device NAME`, `--touch ID` and chat's `:touch ID`: the talk commands on a simulated device."""

from __future__ import annotations

import argparse
from typing import Any

from skill.hosts.cli.inputs import TEXT, Inputs
from skill.hosts.local import devices
from skill.hosts.local.conversation import Conversation, Exchange

TOUCH_COMMAND = ":touch"
"""Typed in `trust-coach chat` (or given as --touch): touch a part of the screen."""


class TouchError(Exception):
    """A touch that cannot be made (no screen, nothing there): one line for the user."""


class _Touch(Inputs):
    """--touch ID: a touch in the order of the utterances, sent where it was given."""

    def entry(self, value: str) -> tuple[str, str]:
        """The typed turn ``:touch ID``."""
        return (TEXT, f"{TOUCH_COMMAND} {value}")


def add_device_argument(talk: argparse.ArgumentParser) -> None:
    """--device on every talk command (before the commands copy the shared options)."""
    names = list(devices.profiles())
    talk.add_argument(
        "--device",
        default=devices.DEFAULT,
        choices=names,
        help=f"the device to simulate (default {devices.DEFAULT}, no screen): "
        + ", ".join(f"{d.name} = {d.title}" for d in devices.profiles().values()),
    )


def add_touch_argument(say: argparse.ArgumentParser) -> None:
    """--touch on say (chat takes `:touch ID` typed)."""
    say.add_argument(
        "--touch",
        action=_Touch,
        metavar="ID",
        help="touch the screen's part ID (its position, 1 = first, or its id) after the "
        'utterances; the utterance ":touch ID" touches it anywhere (chat: type :touch ID)',
    )


def send(conversation: Conversation, text: str) -> Exchange:
    """Send typed words, or make the touch ``:touch ID`` names (raises TouchError if it cannot)."""
    command, _, target = text.strip().partition(" ")
    if command.lower() != TOUCH_COMMAND:
        return conversation.send(text)
    from skill.hosts.local.touch import NothingToTouchError

    if not target.strip():
        raise TouchError(f"say what to touch, e.g. {TOUCH_COMMAND} 5")
    try:
        return conversation.touch(target)
    except NothingToTouchError as error:
        raise TouchError(f"{error} (--device {conversation.device.name})") from error


def describe(exchange: Exchange) -> str | None:
    """One line for the transcript: what the screen shows after this turn (None: nothing new)."""
    screen = exchange.screen
    if screen is None:
        return None
    data: dict[str, Any] = next(iter((screen.get("datasources") or {}).values()), {})
    kind = str(screen.get("token", "")).rpartition(".")[2]
    parts = [str(data[key]) for key in ("heading", "title") if data.get(key)]
    if data.get("strategies"):
        parts.append(", ".join(f"{s['number']} {s['title']}" for s in data["strategies"]))
    if data.get("waitSeconds"):
        parts.append(f"{data.get('quietLabel', '')} {data['waitSeconds']} s")
    if data.get("emergencyNumber"):
        parts.append(
            " ".join(str(data[k]) for k in ("emergencyNumber", "helplineNumber") if data[k])
        )
    return f"[screen: {kind}] " + " | ".join(parts)
