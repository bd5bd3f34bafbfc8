"""Errors raised when local speech input or output cannot work."""

from __future__ import annotations

ENGINE_HINT = (
    "install a speech engine: on Debian/Ubuntu `sudo apt-get install espeak-ng libespeak-ng1`"
    " (macOS and Windows have one built in)"
)
"""One line telling the user how to get a speech engine."""

LISTEN_HINT = (
    "install the listen extra (`pip install 'trust-coach[listen]'`) and PortAudio"
    " (on Debian/Ubuntu `sudo apt-get install libportaudio2`)"
)
"""One line telling the user how to enable speech input."""


class SpeechError(Exception):
    """Base class of the speech package's errors."""


class SpeechEngineMissing(SpeechError):  # noqa: N818 (name agreed with the CLI)
    """No text-to-speech engine could be started."""

    def __init__(self, reason: str) -> None:
        """Keep the reason and add the install hint."""
        super().__init__(f"no speech engine ({reason}); {ENGINE_HINT}")


class AudioOutputUnavailable(SpeechError):  # noqa: N818
    """Speech was synthesized but there is no device to play it on."""


class ListenUnavailable(SpeechError):  # noqa: N818
    """Speech input needs pocketsphinx, sounddevice or PortAudio, which are missing."""

    def __init__(self, reason: str, hint: str = LISTEN_HINT) -> None:
        """Keep the reason and add the hint (by default: what to install)."""
        super().__init__(f"speech input unavailable ({reason}); {hint}")
