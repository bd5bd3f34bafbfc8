"""The devices the console offers (the local mode's profiles), and a conversation on one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill.hosts.local import devices as profiles
from skill.hosts.local.conversation import Conversation

if TYPE_CHECKING:
    from skill.hosts.web.console.desk import Settings

DEFAULT_DEVICE = profiles.DEFAULT
"""The device a new tab starts on: a speaker without a screen."""


@dataclass(frozen=True)
class DeviceChoice:
    """One device the page offers."""

    name: str
    """The profile's name, e.g. "show"."""
    title: str
    """What a person calls it."""
    viewport: dict[str, Any] | None
    """The screen's context.Viewport (None: no screen)."""
    has_apl: bool
    """Whether its requests say it renders APL."""

    def to_json(self) -> dict[str, Any]:
        """The choice for the page: name, title and the screen's size and shape."""
        screen = None
        if self.viewport is not None:
            screen = {
                "width": self.viewport.get("pixelWidth"),
                "height": self.viewport.get("pixelHeight"),
                "shape": self.viewport.get("shape"),
                "apl": self.has_apl,
            }
        return {"name": self.name, "title": self.title, "screen": screen}


def devices() -> dict[str, DeviceChoice]:
    """The simulated devices, by name (skill/hosts/local/devices.json)."""
    return {
        name: DeviceChoice(name, device.title, device.viewport, device.has_apl)
        for name, device in profiles.profiles().items()
    }


def conversation(
    skill: CustomSkill, resolver_for: Callable[[str], Resolver], settings: Settings
) -> Conversation:
    """A new local-mode conversation as ``settings`` say (user, locale, device)."""
    return Conversation(
        skill,
        resolver_for(settings.locale),
        user=settings.user,
        locale=settings.locale,
        device=settings.device,
    )
