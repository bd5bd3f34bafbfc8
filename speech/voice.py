"""Local voice output: print the words, speak them with pyttsx3, or render them to one WAV."""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, TextIO

from speech.audio import Audio, concatenate, read_audio, silence, to_mono, write_wav
from speech.errors import AudioOutputUnavailable, SpeechEngineMissing, SpeechError
from speech.render import Segment, Silence, Text

_LOGGER = logging.getLogger(__name__)

WAV_RATE = 22050
"""Sample rate of the WAV files we write (espeak-ng's own rate, so usually no resampling)."""
_SYNTH_TIMEOUT = 10.0
TURN_GAP = 0.75
"""Seconds of silence WavWriter puts between two turns."""

EngineFactory = Callable[[], Any]
"""Returns a started pyttsx3 engine (pyttsx3.init by default)."""


class _Normal(NamedTuple):
    """An engine's own voice and rate, before we first changed them."""

    voice: str | None
    """The voice the engine started with."""
    rate: int
    """The rate the engine started with, in words per minute."""


# Remembered per driver for the whole process, not per engine: pyttsx3 hands out one engine per
# driver, and once that engine is garbage collected the next one reports the rate and voice the
# process-wide espeak-ng library was left at (the last chunk's, e.g. a slowed-down 120 wpm), so
# a later Synthesizer would take a leftover setting as normal and drift slower every time.
_NORMALS: dict[str, _Normal] = {}


def _normal(engine: Any) -> _Normal:
    """Return the engine's own voice and rate as first seen in this process."""
    key = str(getattr(engine, "driver_name", None) or type(engine).__qualname__)
    if key not in _NORMALS:
        voice = engine.getProperty("voice")
        _NORMALS[key] = _Normal(
            str(voice) if voice else None, int(engine.getProperty("rate") or 200)
        )
    return _NORMALS[key]


class VoiceInfo(NamedTuple):
    """A voice the speech engine offers."""

    id: str
    """Engine-specific id to pass as `voice`."""
    name: str
    """Human-readable name."""
    languages: tuple[str, ...]
    """Language codes the voice speaks."""


class Speaker(ABC):
    """Says one turn of the conversation."""

    @abstractmethod
    def speak(self, segments: Sequence[Segment]) -> None:
        """Say the segments in order, pausing for every Silence."""


class TextSpeaker(Speaker):
    """Writes each turn's words as one line to a text stream."""

    def __init__(self, stream: TextIO | None = None, *, show_pauses: bool = False) -> None:
        """Write to stream (standard output when None); show_pauses marks pauses of 1 s or more."""
        self._stream = stream
        self._show_pauses = show_pauses

    def speak(self, segments: Sequence[Segment]) -> None:
        """Write the words of the segments on one line."""
        words: list[str] = []
        for segment in segments:
            if isinstance(segment, Text):
                words.append(segment.text)
            elif self._show_pauses and segment.seconds >= 1:
                words.append(f"[pause {segment.seconds:g} s]")
        stream = self._stream or sys.stdout
        stream.write(" ".join(words) + "\n")
        stream.flush()


COUNTDOWN_MIN = 3.0
"""Pauses at least this long are kept in text mode, with a countdown; shorter ones are skipped."""


def _enter_pressed(stream: TextIO | None) -> Callable[[float], bool]:
    """Wait up to a timeout for a line on stream (standard input); True when one came."""

    def wait(seconds: float) -> bool:
        source = stream if stream is not None else sys.stdin
        try:
            import select

            ready, _, _ = select.select([source], [], [], max(0.0, seconds))
        except (OSError, ValueError, TypeError):  # no selectable stdin (Windows, closed, tests)
            time.sleep(max(0.0, seconds))
            return False
        if ready:
            source.readline()
            return True
        return False

    return wait


class TimeKeeper(Speaker):
    """Keeps the exercise's quiet time when no audio plays: a countdown line, Enter skips."""

    def __init__(
        self,
        out: TextIO | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wait_for_enter: Callable[[float], bool] | None = None,
        label: str = "speaking time",
        minimum: float = COUNTDOWN_MIN,
    ) -> None:
        """Count down on out (stderr); wait_for_enter(timeout) returns True when Enter came."""
        self._out = out
        self._clock = clock
        self._wait = wait_for_enter or _enter_pressed(None)
        self._label = label
        self._minimum = minimum

    def speak(self, segments: Sequence[Segment]) -> None:
        """Wait out every long pause of the turn (the words are already on screen)."""
        for segment in segments:
            if isinstance(segment, Silence) and segment.seconds >= self._minimum:
                self.countdown(segment.seconds)

    def countdown(self, seconds: float) -> None:
        """Show "speaking time: 0:42 left" in place, once a second, until done or Enter."""
        out = self._out or sys.stderr
        end = self._clock() + seconds
        try:
            while True:
                left = end - self._clock()
                if left <= 0:
                    break
                whole = math.ceil(left)
                out.write(f"\r{self._label}: {whole // 60}:{whole % 60:02d} left (Enter skips) ")
                out.flush()
                if self._wait(min(1.0, left - (whole - 1))):
                    break
        finally:
            out.write("\r\033[K")
            out.flush()


def default_engine() -> Any:
    """Start (or reuse) pyttsx3's engine for this platform."""
    import pyttsx3  # imported late so a missing engine is an error, not a crash

    return pyttsx3.init()


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence stdout at fd level: pyttsx3's espeak driver prints "Audio saved to ..."."""
    for stream in (sys.stdout, sys.__stdout__):
        if stream is not None:
            stream.flush()
    with contextlib.redirect_stdout(io.StringIO()):
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)


def _wait_for_espeak(engine: Any) -> None:
    """Let espeak-ng apply queued settings before pyttsx3 runs its loop.

    espeak-ng runs commands on its own thread, and pyttsx3's loop calls espeak_Cancel while
    that queue is busy, which silently drops a rate change that has not been applied yet.
    """
    if getattr(engine, "driver_name", None) != "espeak":
        return
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, RuntimeError):
        return
    _espeak.Synchronize()


class Synthesizer:
    """A pyttsx3 engine used only through save_to_file, one chunk per run, read back as PCM."""

    def __init__(
        self,
        voice: str | None = None,
        rate: int | None = None,
        engine_factory: EngineFactory = default_engine,
    ) -> None:
        """Start the engine; raises SpeechEngineMissing when there is none."""
        try:
            self._engine = engine_factory()
        except (ImportError, OSError, RuntimeError) as error:
            raise SpeechEngineMissing(str(error) or type(error).__name__) from error
        # pyttsx3.init() hands every caller the same engine, so voice and rate are set per chunk.
        normal = _normal(self._engine)
        self._voice = voice or normal.voice
        self._base_rate = rate or normal.rate

    @property
    def engine(self) -> Any:
        """The pyttsx3 engine (for voices())."""
        return self._engine

    def synthesize(self, text: str, rate: float = 1.0) -> Audio:
        """Return the engine's audio for text at rate times the normal speed, as mono PCM."""
        # A fresh file per chunk and one runAndWait per file: pyttsx3 keeps only the last of
        # several queued save_to_file calls.
        if self._voice:
            self._engine.setProperty("voice", self._voice)
        self._engine.setProperty("rate", max(1, round(self._base_rate * rate)))
        with tempfile.TemporaryDirectory(prefix="trust-coach-tts-") as directory:
            path = Path(directory) / "chunk.wav"
            finished = threading.Event()
            token = self._engine.connect("finished-utterance", lambda **_: finished.set())
            try:
                self._engine.save_to_file(text, str(path))
                _wait_for_espeak(self._engine)
                with _quiet_stdout():
                    self._engine.runAndWait()
                    # espeak-ng synthesizes on its own thread and runAndWait can return before
                    # the file is written, so wait for the engine's own "finished" event.
                    done = finished.wait(_SYNTH_TIMEOUT + len(text) / 10)
            finally:
                self._engine.disconnect(token)
            if not done or not path.exists() or path.stat().st_size <= 44:
                raise SpeechError(f"the speech engine wrote no audio for {text[:40]!r}")
            return to_mono(read_audio(path))

    def close(self) -> None:
        """Release the engine's queued work (nothing is kept between chunks)."""


def voices(engine_factory: EngineFactory = default_engine) -> list[VoiceInfo]:
    """Return the voices of the speech engine; raises SpeechEngineMissing without one."""
    synthesizer = Synthesizer(engine_factory=engine_factory)
    try:
        found = synthesizer.engine.getProperty("voices") or []
        return [
            VoiceInfo(str(v.id), str(v.name), tuple(str(x) for x in (v.languages or ())))
            for v in found
        ]
    finally:
        synthesizer.close()


def engine_available(engine_factory: EngineFactory = default_engine) -> bool:
    """Return whether a speech engine can be started."""
    try:
        Synthesizer(engine_factory=engine_factory).close()
    except SpeechEngineMissing:
        return False
    return True


class Player(ABC):
    """Plays PCM audio on the default output device."""

    @abstractmethod
    def play(self, audio: Audio) -> None:
        """Play audio to the end; raises AudioOutputUnavailable when it cannot."""


class SoundDevicePlayer(Player):
    """Plays through PortAudio (the listen extra's sounddevice), no numpy needed."""

    def play(self, audio: Audio) -> None:
        """Write the samples to a blocking output stream."""
        import sounddevice

        try:
            with sounddevice.RawOutputStream(
                samplerate=audio.rate, channels=audio.channels, dtype="int16"
            ) as stream:
                stream.write(audio.samples.tobytes())
        except sounddevice.PortAudioError as error:
            raise AudioOutputUnavailable(str(error)) from error


class CommandPlayer(Player):
    """Plays a temporary WAV file with a command such as aplay, paplay or afplay."""

    def __init__(self, command: Sequence[str]) -> None:
        """Use command followed by the file name."""
        self._command = list(command)

    def play(self, audio: Audio) -> None:
        """Run the command on a temporary WAV file of audio."""
        with tempfile.TemporaryDirectory(prefix="trust-coach-play-") as directory:
            path = Path(directory) / "turn.wav"
            write_wav(path, audio)
            try:
                done = subprocess.run(
                    [*self._command, str(path)], capture_output=True, text=True, check=False
                )
            except OSError as error:
                raise AudioOutputUnavailable(str(error)) from error
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise AudioOutputUnavailable(f"{self._command[0]}: {reason}")


class WinsoundPlayer(Player):
    """Plays through Windows' built-in winsound."""

    def play(self, audio: Audio) -> None:
        """Play an in-memory WAV synchronously."""
        if sys.platform != "win32":
            raise AudioOutputUnavailable("winsound exists only on Windows")
        import winsound

        buffer = io.BytesIO()
        write_wav(buffer, audio)
        winsound.PlaySound(buffer.getvalue(), winsound.SND_MEMORY)


_COMMANDS = (("afplay",), ("pw-play",), ("paplay",), ("aplay", "-q"), ("play", "-q"))


def _sounddevice_output() -> bool:
    """Return whether sounddevice is installed and PortAudio has a default output device."""
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        _LOGGER.debug("sounddevice unusable: %s", error)
        return False
    try:
        sounddevice.query_devices(kind="output")
    except sounddevice.PortAudioError as error:
        _LOGGER.debug("no PortAudio output device: %s", error)
        return False
    return True


def default_player() -> Player:
    """Return a player for this machine; raises AudioOutputUnavailable when there is none."""
    if sys.platform == "win32":
        return WinsoundPlayer()
    if _sounddevice_output():
        return SoundDevicePlayer()
    for command in _COMMANDS:
        if shutil.which(command[0]):
            return CommandPlayer(command)
    raise AudioOutputUnavailable("no audio output device or player command found")


class Pyttsx3Speaker(Speaker):
    """Speaks aloud with real pauses; without an audio device it falls back to text."""

    def __init__(
        self,
        voice: str | None = None,
        rate: int | None = None,
        *,
        engine_factory: EngineFactory = default_engine,
        player: Player | None = None,
        sleep: Callable[[float], None] = time.sleep,
        fallback: Speaker | None = None,
        err: TextIO | None = None,
    ) -> None:
        """Start the engine (raises SpeechEngineMissing); the player is found on first use."""
        self._synthesizer = Synthesizer(voice, rate, engine_factory)
        self._player = player
        self._sleep = sleep
        self._fallback = fallback or TextSpeaker()
        self._err = err
        self._silent = False

    def speak(self, segments: Sequence[Segment]) -> None:
        """Synthesize and play each text chunk, sleep through each pause."""
        for index, segment in enumerate(segments):
            if self._silent:
                self._fallback.speak(segments[index:])
                return
            if isinstance(segment, Silence):
                self._sleep(segment.seconds)
                continue
            audio = self._synthesizer.synthesize(segment.text, segment.rate)
            try:
                if self._player is None:
                    self._player = default_player()
                self._player.play(audio)
            except AudioOutputUnavailable as error:
                self._silent = True
                (self._err or sys.stderr).write(f"No audio output ({error}); showing text.\n")
                self._fallback.speak(segments[index:])
                return

    def close(self) -> None:
        """Release temporary files."""
        self._synthesizer.close()


class WavWriter(Speaker):
    """Renders every turn into one WAV file, with digital silence for pauses."""

    def __init__(
        self,
        path: str | Path,
        voice: str | None = None,
        rate: int | None = None,
        *,
        engine_factory: EngineFactory = default_engine,
        sample_rate: int = WAV_RATE,
        turn_gap: float = TURN_GAP,
    ) -> None:
        """Start the engine (raises SpeechEngineMissing); the file is written by close()."""
        self._path = Path(path)
        self._synthesizer = Synthesizer(voice, rate, engine_factory)
        self._rate = sample_rate
        self._turn_gap = turn_gap
        self._parts: list[Audio] = []
        self._turns = 0
        self._quiet = 0.0

    def speak(self, segments: Sequence[Segment]) -> None:
        """Append one turn (after a short gap when it is not the first)."""
        if self._turns and self._turn_gap > 0:
            self._parts.append(silence(self._turn_gap, self._rate))
            self._quiet += self._parts[-1].seconds
        self._turns += 1
        for segment in segments:
            if isinstance(segment, Silence):
                self._parts.append(silence(segment.seconds, self._rate))
                self._quiet += self._parts[-1].seconds
            else:
                self._parts.append(self._synthesizer.synthesize(segment.text, segment.rate))

    @property
    def seconds(self) -> float:
        """Duration of everything rendered so far."""
        return sum(part.seconds for part in self._parts)

    @property
    def quiet_seconds(self) -> float:
        """Of those, the pauses and the gaps between turns."""
        return self._quiet

    def close(self) -> None:
        """Write the WAV file and release temporary files."""
        write_wav(self._path, concatenate(self._parts, self._rate))
        self._synthesizer.close()

    def __enter__(self) -> WavWriter:
        """Use as a context manager that writes the file on exit."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Write the file."""
        self.close()


def open_speaker(
    voice: str | None = None,
    rate: int | None = None,
    *,
    err: TextIO | None = None,
    engine_factory: EngineFactory = default_engine,
) -> Speaker:
    """Return a Pyttsx3Speaker, or a TextSpeaker after one line on err when no engine exists."""
    try:
        return Pyttsx3Speaker(voice, rate, err=err, engine_factory=engine_factory)
    except SpeechEngineMissing as error:
        (err or sys.stderr).write(f"{error}; showing text.\n")
        return TextSpeaker()
