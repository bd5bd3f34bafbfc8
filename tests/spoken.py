"""Spoken evaluation sets: rows of a TSV rendered by espeak-ng in rotating voices and formats.

Each row is spoken by every voice; the recording format (16, 22.05 or 44.1 kHz, mono or
stereo, clean or with pink noise at 20 dB SNR) rotates across rows and voices, so every voice
meets every format without rendering every combination. Shared by the tests and
scripts/bench_voice.py.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from interaction_model.invocation import split_invocation
from interaction_model.resolver import Resolver

EVAL = Path(__file__).resolve().parent / "eval"


@dataclass(frozen=True)
class Voice:
    """An espeak-ng voice at a speaking rate."""

    name: str
    """espeak-ng's -v argument, e.g. "en-us+f3"."""
    rate: int
    """Words per minute (espeak-ng's -s)."""

    @property
    def label(self) -> str:
        """ "en-us+f3 @175"."""
        return f"{self.name} @{self.rate}"


VOICES = (
    Voice("en-us", 175),
    Voice("en-gb", 160),
    Voice("en-us+f3", 175),
    Voice("en-us+m3", 220),
)
"""American, British, a female variant, and a male variant speaking fast (the held-out set)."""

DEV_VOICES = (
    Voice("en-gb-x-rp", 170),
    Voice("en-us+f2", 185),
    Voice("en-029", 165),
    Voice("en-gb-scotland", 150),
    Voice("en-us+m1", 200),
)
"""Voices and rates none of VOICES uses, for the development set listening is tuned on."""


@dataclass(frozen=True)
class Format:
    """How a rendering is stored: rate, channels, and noise mixed in."""

    rate: int
    """Samples per second."""
    channels: int
    """1 or 2."""
    snr: float | None
    """Pink noise at this signal-to-noise ratio in dB, or None for clean."""

    @property
    def label(self) -> str:
        """ "44.1 kHz stereo, pink 20 dB"."""
        noise = f"pink {self.snr:g} dB" if self.snr is not None else "clean"
        return f"{self.rate / 1000:g} kHz {'stereo' if self.channels == 2 else 'mono'}, {noise}"


FORMATS = tuple(
    Format(rate, channels, snr)
    for snr in (None, 20.0)
    for channels in (1, 2)
    for rate in (16000, 22050, 44100)
)
"""Twelve formats; a row's voice k uses FORMATS[(row + 5 k) % 12]."""


@dataclass(frozen=True)
class Row:
    """One line of an evaluation TSV."""

    utterance: str
    """What is said."""
    intent: str
    """The intent it must resolve to ("LaunchRequest" for a launch phrase)."""
    slots: Mapping[str, str] = field(default_factory=dict)
    """Slot name → expected id (custom types) or value (numbers)."""
    context: tuple[str, ...] = ()
    """Prior utterances of the conversation."""


def read_rows(path: Path) -> list[Row]:
    """The rows of an evaluation TSV (comments and blank lines skipped)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", "", ""]
        slots = dict(pair.split("=", 1) for pair in cells[2].split(",") if "=" in pair)
        context = tuple(p.strip() for p in cells[3].split("|") if p.strip())
        rows.append(Row(cells[0].strip(), cells[1].strip(), slots, context))
    return rows


@dataclass(frozen=True)
class Recording:
    """One row spoken by one voice into one format."""

    row: Row
    """What was said."""
    voice: Voice
    """Who said it."""
    format: Format
    """How it was stored."""
    path: Path
    """The WAV file."""


def plan(rows: Sequence[Row], voices: Sequence[Voice] = VOICES) -> list[tuple[Row, Voice, Format]]:
    """Every row in every voice, the format rotating across rows and voices."""
    return [
        (row, voice, FORMATS[(index + 5 * k) % len(FORMATS)])
        for index, row in enumerate(rows)
        for k, voice in enumerate(voices)
    ]


def tools_available() -> bool:
    """Whether espeak-ng and sox (which render the sets) are installed."""
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def _rms(path: Path) -> float:
    done = subprocess.run(
        ["sox", str(path), "-n", "stat"], capture_output=True, text=True, check=True
    )
    found = re.search(r"RMS\s+amplitude:\s+([0-9.eE+-]+)", done.stderr)
    return float(found.group(1)) if found else 0.0


def render_one(text: str, voice: Voice, fmt: Format, path: Path) -> Path:
    """Speak text with espeak-ng and store it as fmt (sox converts and mixes the noise).

    sox runs repeatable (-R): its pink noise and its dither are seeded, so a recording is the
    same file on every machine and run, and the figures measured on it are too.
    """
    spoken = path.with_suffix(".tts.wav")
    subprocess.run(
        ["espeak-ng", "-v", voice.name, "-s", str(voice.rate), "-w", str(spoken), text],
        check=True,
        capture_output=True,
    )
    if fmt.snr is not None:
        noise = path.with_suffix(".noise.wav")
        # A pink noise as long as the speech, scaled so speech RMS / noise RMS is the SNR.
        subprocess.run(
            ["sox", "-R", str(spoken), str(noise), "synth", "pinknoise"],
            check=True,
            capture_output=True,
        )
        gain = _rms(spoken) / max(_rms(noise), 1e-9) / math.pow(10, fmt.snr / 20)
        mixed = path.with_suffix(".mixed.wav")
        subprocess.run(
            ["sox", "-R", "-m", str(spoken), "-v", f"{gain:.6f}", str(noise), str(mixed)],
            check=True,
            capture_output=True,
        )
        noise.unlink()
        spoken.unlink()
        spoken = mixed
    subprocess.run(
        [
            "sox",
            "-R",
            str(spoken),
            "-b",
            "16",
            "-r",
            str(fmt.rate),
            "-c",
            str(fmt.channels),
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    spoken.unlink()
    return path


def render(
    rows: Sequence[Row], directory: Path, voices: Sequence[Voice] = VOICES, workers: int = 4
) -> list[Recording]:
    """Render every planned (row, voice, format) into directory, in parallel processes."""
    jobs = plan(rows, voices)

    def one(job: tuple[int, tuple[Row, Voice, Format]]) -> Recording:
        index, (row, voice, fmt) = job
        path = directory / f"{index:04d}.wav"
        return Recording(row, voice, fmt, render_one(row.utterance, voice, fmt, path))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, enumerate(jobs)))


Outcome = tuple[str, dict[str, str]]


def typed_outcome(resolver: Resolver, text: str) -> Outcome:
    """What words resolve to: LaunchRequest for a launch phrase, else the intent and slots."""
    kind, rest = split_invocation(text, resolver.model.invocation_name)
    if kind == "launch" or (kind == "one_shot" and not rest):
        return "LaunchRequest", {}
    resolution = resolver.resolve(rest or "")
    slots = {
        name: str(slot.resolution_id or slot.value)
        for name, slot in resolution.slots.items()
        if slot.value is not None
    }
    return resolution.intent, slots


def expected(row: Row) -> Outcome:
    """The outcome a row asks for."""
    return row.intent, dict(row.slots)


def known_intents(resolver: Resolver) -> frozenset[str]:
    """Intents the resolver's model has (plus LaunchRequest)."""
    return frozenset({*(intent.name for intent in resolver.model.intents), "LaunchRequest"})


@dataclass
class Tally:
    """Right and total per group."""

    right: dict[str, int] = field(default_factory=dict)
    """Group → recordings resolved as expected."""
    total: dict[str, int] = field(default_factory=dict)
    """Group → recordings."""

    def add(self, group: str, ok: bool) -> None:
        """Count one recording."""
        self.total[group] = self.total.get(group, 0) + 1
        self.right[group] = self.right.get(group, 0) + ok

    def share(self, group: str) -> float:
        """Right / total of a group (1.0 when empty)."""
        total = self.total.get(group, 0)
        return self.right.get(group, 0) / total if total else 1.0

    def line(self, group: str) -> str:
        """ "41/42 = 98%"."""
        return f"{self.right.get(group, 0)}/{self.total.get(group, 0)} = {self.share(group):.0%}"


MUST_ALWAYS = frozenset({"AMAZON.StopIntent", "AMAZON.CancelIntent", "SafetyIntent"})
"""Intents whose phrasings must all be heard: stop, cancel and the safety phrasings."""
STOPPING = frozenset({"AMAZON.StopIntent", "AMAZON.CancelIntent"})
"""Intents that end or cancel: heard where nothing of the kind was said, they cut a user off."""


def score(
    recordings: Iterable[Recording],
    heard: Callable[[Recording], Outcome],
    known: frozenset[str],
    typed_right: Callable[[Row], bool] | None = None,
) -> tuple[Tally, list[tuple[Recording, Outcome]]]:
    """Tally outcomes overall, on known intents, per voice, rate, noise and must-always group.

    The group "no stop heard when not said" counts the other direction of the stop gate: rows
    that are not stop or cancel, right when they were not heard as either.

    With typed_right, the group "typed right" counts only rows whose words, typed, resolve as
    expected: there a miss is the recognizer's.
    """
    tally = Tally()
    misses = []
    for recording in recordings:
        got = heard(recording)
        ok = got == expected(recording.row)
        groups = [
            "all",
            f"voice {recording.voice.label}",
            f"{recording.format.rate / 1000:g} kHz",
            "stereo" if recording.format.channels == 2 else "mono",
            "noisy" if recording.format.snr is not None else "clean",
        ]
        if recording.row.intent in known:
            groups.append("known intents")
        if typed_right is not None and typed_right(recording.row):
            groups.append("typed right")
        if recording.row.intent in MUST_ALWAYS:
            groups.append("stop, cancel, safety")
        for group in groups:
            tally.add(group, ok)
        if recording.row.intent not in STOPPING:
            # The other direction: a stop or cancel heard where none was said.
            tally.add("no stop heard when not said", got[0] not in STOPPING)
        if not ok:
            misses.append((recording, got))
    return tally, misses
