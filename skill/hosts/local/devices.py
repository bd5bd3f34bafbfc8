"""The devices the local mode simulates (devices.json): what each one puts in a request."""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PROFILES = Path(__file__).resolve().parent / "devices.json"

APL_INTERFACE = "Alexa.Presentation.APL"
"""The supportedInterfaces key of a device that renders APL documents."""
DEFAULT = "dot"
"""The device the local mode is unless told otherwise: a speaker without a screen."""


class UnknownDeviceError(ValueError):
    """A device name that has no profile."""


@dataclass(frozen=True)
class Device:
    """One simulated device: its name and the context a request from it carries."""

    name: str
    """The profile's name, e.g. "show"."""
    title: str
    """What a person calls it, e.g. "Echo Show 8"."""
    supported_interfaces: dict[str, Any]
    """context.System.device.supportedInterfaces, as the device sends it."""
    viewport: dict[str, Any] | None
    """context.Viewport (None: the device has no screen)."""

    @property
    def has_apl(self) -> bool:
        """Whether the device renders APL documents."""
        return APL_INTERFACE in self.supported_interfaces

    @property
    def touch(self) -> bool:
        """Whether the screen takes touches."""
        return bool(self.viewport and self.viewport.get("touch"))

    def context(self) -> dict[str, Any]:
        """The keys this device adds to a request's ``context`` besides System (fresh copies)."""
        if self.viewport is None:
            return {}
        viewport = copy.deepcopy(self.viewport)
        return {"Viewport": viewport, "Viewports": [_apl_viewport(viewport)]}

    def interfaces(self) -> dict[str, Any]:
        """A fresh copy of supportedInterfaces."""
        return copy.deepcopy(self.supported_interfaces)


def _apl_viewport(viewport: dict[str, Any]) -> dict[str, Any]:
    """The context.Viewports entry Alexa sends beside context.Viewport for an APL screen."""
    return {
        "type": "APL",
        "id": "main",
        "shape": viewport["shape"],
        "dpi": viewport["dpi"],
        "presentationType": "STANDARD",
        "canRotate": False,
        "configuration": {
            "current": {
                "mode": viewport["mode"],
                "video": copy.deepcopy(viewport.get("video", {})),
                "size": {
                    "type": "DISCRETE",
                    "pixelWidth": viewport["pixelWidth"],
                    "pixelHeight": viewport["pixelHeight"],
                },
            }
        },
    }


@functools.cache
def profiles() -> dict[str, Device]:
    """Every device profile, by name (read once)."""
    data: dict[str, Any] = json.loads(_PROFILES.read_text("utf-8"))
    return {
        name: Device(
            name=name,
            title=entry["title"],
            supported_interfaces=entry["supportedInterfaces"],
            viewport=entry["Viewport"],
        )
        for name, entry in data.items()
        if not name.startswith("_")
    }


def get(name: str = DEFAULT) -> Device:
    """The profile called ``name``; an UnknownDeviceError names the ones there are."""
    found = profiles().get(name)
    if found is None:
        raise UnknownDeviceError(f"no device {name!r}: choose one of {', '.join(profiles())}")
    return found
