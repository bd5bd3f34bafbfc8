"""Where each turn goes: the transcript (or JSON Lines) on stdout, and the speech aloud, into a
WAV file, or nowhere."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from skill import locales
from skill.hosts.cli import device as simulated
from skill.hosts.cli.errors import UsageError
from skill.hosts.cli.hardware import Devices
from skill.hosts.local.conversation import Exchange
from speech.errors import SpeechEngineMissing
from speech.render import Segment
from speech.voice import Speaker

NO_WAIT_ENV = "TRUST_COACH_NO_WAIT"
"""Set (to anything but "" or "0") to skip the quiet time, like --no-wait."""


class _Quiet(Speaker):
    """Says nothing: the transcript already shows the words when there is no audio device."""

    def speak(self, segments: Sequence[Segment]) -> None:
        """Do nothing."""


def printer(args: argparse.Namespace, out: TextIO) -> Callable[[Exchange], None]:
    """How each turn is shown: JSON Lines, or a readable transcript."""
    if args.json:
        return lambda exchange: print(json.dumps(exchange.to_json()), file=out, flush=True)

    from skill.hosts.cli.reminders import consent_prompt

    def show(exchange: Exchange) -> None:
        if exchange.speech:
            print(f"coach: {exchange.speech}", file=out, flush=True)
        if screen := simulated.describe(exchange):
            print(screen, file=out, flush=True)
        if (asked := consent_prompt(exchange)) is not None:
            print(asked, file=out, flush=True)
        elif exchange.end_session and exchange.utterance:
            print("(session ended)", file=out, flush=True)

    return show


class Output:
    """Where each response goes besides the transcript: a speaker, a WAV file, or nowhere."""

    def __init__(self, args: argparse.Namespace) -> None:
        """Open the output the flags ask for; raises SpeechError when --save cannot work."""
        devices: Devices = args.devices
        self.speaker: Speaker | None = None
        self.wav_path: Path | None = None
        self._writer: Any = None
        if args.save is not None:
            from speech.voice import WavWriter

            self.wav_path = _wav_target(args.save)
            self._writer = WavWriter(
                self.wav_path, voice(args), args.rate, engine_factory=devices.engine_factory
            )
            self.speaker = self._writer
        elif args.json and not args.speak:
            return
        elif args.text:
            self.speaker = _keeper(args)
        elif devices.speaker is not None:
            self.speaker = devices.speaker(args)
        else:
            from speech.voice import Pyttsx3Speaker

            try:
                self.speaker = Pyttsx3Speaker(
                    voice(args),
                    args.rate,
                    engine_factory=devices.engine_factory,
                    player=devices.player,
                    fallback=_keeper(args),
                    err=sys.stderr,
                )
            except SpeechEngineMissing as error:
                print(f"trust-coach: {error}; showing text only.", file=sys.stderr, flush=True)

    def say(self, exchange: Exchange) -> None:
        """Speak or record the response's SSML, pauses and all."""
        if self.speaker is not None and exchange.ssml:
            from speech.render import render

            self.speaker.speak(render(exchange.ssml))

    def close(self) -> None:
        """Write the WAV file (with --save) and say where it went."""
        if self._writer is None or self.wav_path is None:
            return
        seconds = self._writer.seconds
        quiet = self._writer.quiet_seconds
        try:
            self._writer.close()
        except OSError as error:
            raise UsageError(f"cannot write {self.wav_path}: {error.strerror or error}") from error
        print(
            f"Saved {seconds:.1f} s: {seconds - quiet:.1f} s of speech, {quiet:.1f} s of quiet,"
            f" to {self.wav_path}",
            file=sys.stderr,
            flush=True,
        )


def _keeper(args: argparse.Namespace) -> Speaker:
    """Without audio: keep the exercise's quiet time on the terminal, unless told not to wait."""
    if args.no_wait or os.environ.get(NO_WAIT_ENV, "") not in ("", "0"):
        return _Quiet()
    devices: Devices = args.devices
    if devices.time_keeper is not None:
        return devices.time_keeper
    from speech.voice import TimeKeeper

    return TimeKeeper()


def _wav_target(name: str) -> Path:
    path = Path(name)
    if not path.parent.is_dir():
        raise UsageError(f"cannot save to {path}: {path.parent} is not a directory")
    if path.is_dir():
        raise UsageError(f"cannot save to {path}: it is a directory")
    return path


def voice(args: argparse.Namespace) -> str | None:
    """The engine's id for --voice (an id or a name from `trust-coach voices`), checked."""
    if args.voice is None:
        return _locale_voice(args)
    from speech.voice import voices

    try:
        found = voices(args.devices.engine_factory)
    except SpeechEngineMissing:
        return str(args.voice)  # the missing engine is reported where the speaker is opened
    wanted = str(args.voice).lower()
    for each in found:
        if wanted in (each.id.lower(), each.name.lower()):
            return each.id
    raise UsageError(f"no voice {args.voice!r}; `trust-coach voices` lists the voices")


def _locale_voice(args: argparse.Namespace) -> str | None:
    """The first engine voice speaking the locale's language (skill/locales.json), or None."""
    from speech.voice import voices

    language = locales.VOICES.get(getattr(args, "locale", locales.DEFAULT))
    if language is None:
        return None
    try:
        found = voices(args.devices.engine_factory)
    except Exception:  # no engine: the speaker reports it where it is opened
        return None
    for each in found:
        if language in (lang.lower() for lang in each.languages):
            return each.id
    return None
