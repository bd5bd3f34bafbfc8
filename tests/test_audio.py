"""Tests for speech.audio."""

from __future__ import annotations

import math
import struct
from array import array
from pathlib import Path

import pytest

from speech.audio import Audio, read_audio, read_wav, resample, silence, to_mono, write_wav


def test_resample_44k_stereo_to_16k_mono_keeps_pitch_and_length() -> None:
    tone = [round(8000 * math.sin(2 * math.pi * 440 * i / 44100)) for i in range(44100)]
    stereo = array("h")
    for sample in tone:
        stereo.extend((sample, sample))
    result = resample(Audio(stereo, 44100, 2), 16000)
    crossings = sum(
        1 for i in range(1, len(result.samples)) if result.samples[i - 1] < 0 <= result.samples[i]
    )
    assert (result.rate, result.channels) == (16000, 1)
    assert result.seconds == pytest.approx(1.0, abs=0.001)
    assert crossings == pytest.approx(440, abs=2)


def test_resample_filters_what_the_new_rate_cannot_hold() -> None:
    high = [round(8000 * math.sin(2 * math.pi * 10000 * i / 44100)) for i in range(44100)]
    result = resample(Audio(array("h", high), 44100), 16000)
    assert max(abs(sample) for sample in result.samples[100:-100]) < 400


def test_to_mono_averages_channels() -> None:
    assert to_mono(Audio(array("h", [100, 300, -50, 50]), 8000, 2)).samples == array("h", [200, 0])


def test_wav_round_trip(tmp_path: Path) -> None:
    audio = Audio(array("h", [0, 1000, -1000, 32767, -32768]), 22050)
    write_wav(tmp_path / "a.wav", audio)
    assert read_wav(tmp_path / "a.wav") == audio


def test_silence_is_zero_samples() -> None:
    assert silence(0.5, 16000).samples == array("h", bytes(16000))


def test_read_audio_reads_macos_aiff(tmp_path: Path) -> None:
    samples = [0, 1000, -1000, 42]
    pcm = struct.pack(">4h", *samples)
    # 22050 Hz as an 80-bit IEEE extended float: exponent 16383 + 14, mantissa 22050 << 49.
    rate = struct.pack(">HQ", 16383 + 14, 22050 << 49)
    comm = struct.pack(">hIh", 1, len(samples), 16) + rate
    ssnd = struct.pack(">II", 0, 0) + pcm
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm
    body += b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    path = tmp_path / "mac.aiff"
    path.write_bytes(b"FORM" + struct.pack(">I", len(body)) + body)
    assert read_audio(path) == Audio(array("h", samples), 22050)
