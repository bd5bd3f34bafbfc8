"""Hand-written fakes for the speech tests."""

from __future__ import annotations

from collections.abc import Sequence

from speech.audio import Audio
from speech.errors import AudioOutputUnavailable
from speech.render import Segment
from speech.voice import Player, Speaker


class FakeSpeaker(Speaker):
    """Records every turn it is asked to say."""

    def __init__(self) -> None:
        """Start with no turns."""
        self.turns: list[list[Segment]] = []

    def speak(self, segments: Sequence[Segment]) -> None:
        """Record the turn."""
        self.turns.append(list(segments))


class RecordingPlayer(Player):
    """Records the audio it is asked to play."""

    def __init__(self) -> None:
        """Start with nothing played."""
        self.played: list[Audio] = []

    def play(self, audio: Audio) -> None:
        """Record the audio."""
        self.played.append(audio)


class NoDevicePlayer(Player):
    """Behaves like a machine without a sound card."""

    def __init__(self) -> None:
        """Count the attempts."""
        self.attempts = 0

    def play(self, audio: Audio) -> None:
        """Always fail the way a headless machine does."""
        self.attempts += 1
        raise AudioOutputUnavailable("no default audio device")


class FakeSleep:
    """Records requested sleeps instead of sleeping."""

    def __init__(self) -> None:
        """Start with no sleeps."""
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        """Record the sleep."""
        self.calls.append(seconds)
