"""The speech engine, audio output and microphone the talk commands use (tests swap them)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from speech.voice import Player, Speaker

if TYPE_CHECKING:
    from speech.listen import Heard, Recognizer


def _default_engine() -> Any:
    from speech.voice import default_engine

    return default_engine()


def _check_microphone() -> None:
    from speech.listen import require_microphone

    require_microphone()


def _listening() -> None:
    print("listening…", file=sys.stderr, flush=True)


def _default_microphone(recognizer: Recognizer) -> Heard:
    from speech.listen import listen_microphone

    return listen_microphone(recognizer, on_listening=_listening)


@dataclass(frozen=True)
class Devices:
    """The speech engine, audio output and microphone the talk commands use; tests swap them."""

    engine_factory: Callable[[], Any] = _default_engine
    """Starts a pyttsx3 engine (pyttsx3.init)."""
    player: Player | None = None
    """Plays speech aloud; None: the first output that works on this machine."""
    microphone: Callable[[Any], Heard | str] = _default_microphone
    """Listens for one utterance with the recognizer and returns what it heard."""
    check_microphone: Callable[[], None] = _check_microphone
    """Raises ListenUnavailable before the first turn when there is no microphone."""
    speaker: Callable[[argparse.Namespace], Speaker] | None = field(default=None)
    """Replaces the whole spoken output (tests pass a fake); None: pyttsx3 through player."""
    time_keeper: Speaker | None = None
    """Keeps quiet time without audio (tests pass one on a fake clock); None: the terminal's."""
