"""Small pure-Python PCM helpers: read and write WAV, mix down to mono, resample."""

from __future__ import annotations

import functools
import io
import math
import operator
import struct
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from speech.errors import SpeechError


@dataclass(frozen=True)
class Audio:
    """Signed 16-bit PCM samples."""

    samples: array[int]
    """Interleaved samples, typecode "h"."""
    rate: int
    """Samples per second per channel."""
    channels: int = 1
    """Number of interleaved channels."""

    @property
    def seconds(self) -> float:
        """Duration of the audio."""
        return len(self.samples) / self.channels / self.rate

    def to_bytes(self) -> bytes:
        """Return the samples as little-endian bytes, the layout WAV files use."""
        samples = self.samples
        if sys.byteorder == "big":
            samples = array("h", samples)
            samples.byteswap()
        return samples.tobytes()


def silence(seconds: float, rate: int) -> Audio:
    """Return mono digital silence (zero samples) of the given length."""
    return Audio(array("h", bytes(2 * round(seconds * rate))), rate)


def from_bytes(data: bytes, rate: int, channels: int, width: int) -> Audio:
    """Return audio from little-endian PCM bytes of 1, 2 or 4 bytes per sample."""
    if width == 2:
        samples = array("h", data[: len(data) // 2 * 2])
        if sys.byteorder == "big":
            samples.byteswap()
    elif width == 1:
        samples = array("h", ((byte - 128) << 8 for byte in data))
    elif width == 4:
        wide = array("i", data[: len(data) // 4 * 4])
        if sys.byteorder == "big":
            wide.byteswap()
        samples = array("h", (value >> 16 for value in wide))
    else:
        raise SpeechError(f"unsupported sample width: {width} bytes")
    return Audio(samples, rate, channels)


def read_wav(source: str | Path | bytes) -> Audio:
    """Read a PCM WAV file (path or bytes)."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    with handle, wave.open(handle, "rb") as wav:
        data = wav.readframes(wav.getnframes())
        return from_bytes(data, wav.getframerate(), wav.getnchannels(), wav.getsampwidth())


def read_aiff(path: str | Path) -> Audio:
    """Read a 16-bit PCM AIFF file (what macOS's speech synthesizer writes)."""
    data = Path(path).read_bytes()
    if data[:4] != b"FORM" or data[8:12] not in (b"AIFF", b"AIFC"):
        raise SpeechError(f"{path} is not an AIFF file")
    position, channels, rate, width, pcm = 12, 1, 0, 2, b""
    while position + 8 <= len(data):
        kind, size = struct.unpack(">4sI", data[position : position + 8])
        body = data[position + 8 : position + 8 + size]
        if kind == b"COMM":
            channels, _, bits = struct.unpack(">hIh", body[:8])
            exponent, mantissa = struct.unpack(">HQ", body[8:18])
            rate = round(mantissa * 2.0 ** ((exponent & 0x7FFF) - 16383 - 63))
            width = bits // 8
        elif kind == b"SSND":
            offset = struct.unpack(">I", body[:4])[0]
            pcm = body[8 + offset :]
        position += 8 + size + size % 2
    if width != 2 or not rate:
        raise SpeechError(f"{path}: only 16-bit PCM AIFF is supported")
    samples = array("h", pcm[: len(pcm) // 2 * 2])
    if sys.byteorder == "little":
        samples.byteswap()
    return Audio(samples, rate, channels)


def read_audio(path: str | Path) -> Audio:
    """Read a WAV or AIFF file, whichever it is."""
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic == b"FORM":
        return read_aiff(path)
    try:
        return read_wav(path)
    except (wave.Error, EOFError) as error:
        raise SpeechError(f"{path} is not a readable WAV file: {error}") from error


def write_wav(target: str | Path | BinaryIO, audio: Audio) -> None:
    """Write audio to a 16-bit PCM WAV file (a path or a binary file object)."""
    if isinstance(target, str | Path):
        # Open the file first: wave.open(path) leaves a half-built writer whose __del__ prints a
        # traceback when the file cannot be created (a read-only place).
        with open(target, "wb") as file:
            write_wav(file, audio)
        return
    with wave.open(target, "wb") as wav:
        wav.setnchannels(audio.channels)
        wav.setsampwidth(2)
        wav.setframerate(audio.rate)
        wav.writeframes(audio.to_bytes())


def to_mono(audio: Audio) -> Audio:
    """Mix all channels down to one by averaging them."""
    if audio.channels == 1:
        return audio
    n = audio.channels
    samples = audio.samples
    mixed = array("h", (sum(samples[i : i + n]) // n for i in range(0, len(samples) - n + 1, n)))
    return Audio(mixed, audio.rate)


_HALF_TAPS = 16
_PHASES = 128


@functools.lru_cache(maxsize=8)
def _filter_bank(cutoff: float) -> tuple[tuple[float, ...], ...]:
    """Windowed-sinc low-pass taps for each fractional position (Blackman window)."""
    bank = []
    for phase in range(_PHASES + 1):
        fraction = phase / _PHASES
        taps = []
        for k in range(-_HALF_TAPS + 1, _HALF_TAPS + 1):
            x = k - fraction
            sinc = 1.0 if x == 0 else math.sin(math.pi * cutoff * x) / (math.pi * cutoff * x)
            n = (x + _HALF_TAPS) / (2 * _HALF_TAPS)
            window = 0.42 - 0.5 * math.cos(2 * math.pi * n) + 0.08 * math.cos(4 * math.pi * n)
            taps.append(cutoff * sinc * window)
        bank.append(tuple(taps))
    return tuple(bank)


def resample(audio: Audio, rate: int) -> Audio:
    """Return mono audio at a new sample rate (band-limited windowed-sinc interpolation)."""
    mono = to_mono(audio)
    if mono.rate == rate:
        return mono
    # Low-pass below the lower Nyquist frequency, or downsampling aliases (hurts recognition).
    bank = _filter_bank(min(1.0, rate / mono.rate) * 0.95)
    padding = [0] * _HALF_TAPS
    source = [*padding, *mono.samples, *padding]
    step = mono.rate / rate
    count = int(len(mono.samples) * rate / mono.rate)
    out = array("h", bytes(2 * count))
    for i in range(count):
        position = i * step
        left = int(position)
        taps = bank[round((position - left) * _PHASES)]
        window = source[left + 1 : left + 1 + 2 * _HALF_TAPS]
        value = round(sum(map(operator.mul, taps, window)))
        out[i] = max(-32768, min(32767, value))
    return Audio(out, rate)


def concatenate(parts: list[Audio], rate: int) -> Audio:
    """Join mono parts into one mono recording at rate, resampling where needed."""
    joined = array("h")
    for part in parts:
        joined.extend(resample(part, rate).samples)
    return Audio(joined, rate)
