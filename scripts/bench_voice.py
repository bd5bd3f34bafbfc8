"""Benchmark the offline voice mode: first audio, WAV rendering speed, recognition time, accuracy.

Run: `python scripts/bench_voice.py [--runs N] [--startup-runs N] [--startup-only]`. Needs
espeak-ng (and pocketsphinx for listening).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interaction_model.model import load_builtin_samples, load_model_data  # noqa: E402
from interaction_model.resolver import FALLBACK_INTENT, Resolver  # noqa: E402
from skill import locales  # noqa: E402
from skill.hosts.cli.hearing import understands as _understands  # noqa: E402
from speech.audio import Audio, read_wav  # noqa: E402
from speech.listen import (  # noqa: E402
    Heard,
    Recognizer,
    choose,
    decode_with,
    generic_recognizer,
    grammar_hypotheses,
    listening_grammar,
    prepare,
    recognize_audio,
)
from speech.render import Silence, render  # noqa: E402
from speech.voice import WavWriter  # noqa: E402
from tests import spoken  # noqa: E402

# The real command in a fresh interpreter, with a player that notes when the first synthesized
# samples reach it (where a sound card would start playing) instead of playing them.
FIRST_AUDIO_CHILD = textwrap.dedent(
    """
    import sys, time
    from skill.hosts.cli.main import Devices, main
    from speech.errors import AudioOutputUnavailable
    from speech.voice import Player

    class FirstSample(Player):
        def play(self, audio):
            if any(audio.samples):
                print(f"FIRST {time.time()!r}", file=sys.stderr, flush=True)
            raise AudioOutputUnavailable("benchmark: nothing is played")

    sys.exit(main(["say", "give me a trust tip"], Devices(player=FirstSample())))
    """
)

EXERCISE = ("start the active listening exercise", "next")
"""Turns rendered for the WAV speed figure (long pauses, like a real session)."""


def first_audio(runs: int, directory: Path) -> list[float]:
    """Seconds from starting `trust-coach say "give me a trust tip"` to its first audio sample."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRUST_COACH_DB": str(directory / "db.sqlite3")}
    env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
    found = []
    for _ in range(runs):
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-c", FIRST_AUDIO_CHILD],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        stamp = next(line for line in done.stderr.splitlines() if line.startswith("FIRST "))
        found.append(float(stamp.split()[1]) - start)
    return found


def wav_speed(directory: Path) -> tuple[float, float, float]:
    """Render the exercise turns to a WAV: (audio seconds, of which speech, wall seconds)."""
    from skill.builder import build_skill
    from skill.conversation.state import merge
    from skill.hosts.local.conversation import Conversation
    from skill.persistence import SQLiteAdapter

    skill = build_skill(SQLiteAdapter(directory / "wav.sqlite3", merge=merge))
    conversation = Conversation(skill, Resolver.from_locale(locales.DEFAULT))
    turns = [conversation.send(utterance).ssml for utterance in EXERCISE]
    pauses = sum(s.seconds for t in turns for s in render(t) if isinstance(s, Silence))
    start = time.perf_counter()
    with WavWriter(directory / "exercise.wav") as writer:
        for ssml in turns:
            writer.speak(render(ssml))
        seconds = writer.seconds
    wall = time.perf_counter() - start
    return seconds, seconds - pauses, wall


STARTUP_CHILD = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    from interaction_model.model import load_builtin_samples, load_model_data
    from speech.listen import Recognizer, compile_listening_model
    t1 = time.perf_counter()
    compiled = compile_listening_model(load_model_data("en-US"), load_builtin_samples("en-US"))
    t2 = time.perf_counter()
    Recognizer(compiled)
    t3 = time.perf_counter()
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(t3 - t0, t1 - t0, t2 - t1, t3 - t2, usage.ru_utime + usage.ru_stime)
    """
)
"""A ready recognizer in a fresh process: total, imports, model (build or cache), decoder, and
the CPU seconds of it all (steadier than the wall clock on a shared machine). Interpreter start
is not counted: about 0.03 s here, the same for every command."""


@dataclass(frozen=True)
class Startup:
    """Seconds to a ready recognizer in a fresh process, and where they go."""

    total: float
    imports: float
    model: float
    """Building and compiling the language model, or finding it in the cache."""
    decoder: float
    """Loading pocketsphinx's acoustic model and the compiled files."""
    cpu: float
    """CPU seconds of the process (user and system), interpreter start included."""


def _median_line(runs: list[Startup]) -> str:
    """ "median 0.52 s (imports 0.04, model 0.46, decoder 0.02; CPU 0.50 s) over 5 runs"."""

    def median(field: str) -> float:
        return float(statistics.median(getattr(run, field) for run in runs))

    return (
        f"median {median('total'):.2f} s (imports {median('imports'):.2f},"
        f" model {median('model'):.2f}, decoder {median('decoder'):.2f};"
        f" CPU {median('cpu'):.2f} s; wall range {min(r.total for r in runs):.2f}-"
        f"{max(r.total for r in runs):.2f} s) over {len(runs)} runs"
    )


def startup(directory: Path, runs: int) -> tuple[list[Startup], list[Startup]]:
    """A ready recognizer in a fresh process, `runs` times each: first use with an empty cache
    (a new TRUST_COACH_CACHE directory every run, so the model is built and compiled), and
    then cached (the same directory again: the files are only loaded)."""

    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile speech.listen and the resolver in every process
    # instead (about 0.1 s). The bytecode goes to a directory of the benchmark's own, filled by
    # a first run that is not counted.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONPYCACHEPREFIX": str(directory / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def child(cache: Path) -> Startup:
        done = subprocess.run(
            [sys.executable, "-c", STARTUP_CHILD],
            capture_output=True,
            text=True,
            env={**env, "TRUST_COACH_CACHE": str(cache)},
            check=True,
        )
        return Startup(*map(float, done.stdout.split()))

    child(directory / "startup-warm-up")
    empty, cached = [], []
    for run in range(runs):
        cache = directory / f"startup-{run}"
        empty.append(child(cache))
        cached.append(child(cache))
        shutil.rmtree(cache)
    return empty, cached


Method = Callable[[Audio], tuple[str, float, float | None]]
"""Words chosen for an utterance, and seconds from the end of speech to those words: on the
wall clock, and in CPU time when the method streams (steadier on a shared machine)."""


def _methods(directory: Path, compare: bool) -> dict[str, Method]:
    """The recognizers to measure: the trigram model with n-best (shipped), and with --compare
    the grammar, the grammar with n-best, the trigram's best reading alone, and pocketsphinx's
    general English model."""
    data, builtins = load_model_data("en-US"), load_builtin_samples("en-US")
    recognizer = Recognizer.for_model(data, builtins, directory / "cache")
    understands = _understands("en-US")

    speech_ended: list[float] = []
    """CPU clock when the streamed decoder had taken the last frame (the end of speech)."""

    def streamed(audio: Audio) -> Heard:
        raw = prepare(audio)
        frame = 2 * 480  # the endpointer's 30 ms frames

        def frames() -> Iterator[bytes]:
            yield from (raw[i : i + frame] for i in range(0, len(raw), frame))
            speech_ended.append(time.process_time())

        return recognizer.stream(frames())

    def timed(heard: Callable[[Audio], Heard], pick: bool = True) -> Method:
        def method(audio: Audio) -> tuple[str, float, float | None]:
            speech_ended.clear()
            result = heard(audio)
            started = time.perf_counter()
            words = choose(result, understands) if pick else result.text
            cpu = time.process_time() - speech_ended[0] if speech_ended else None
            return words, result.seconds + time.perf_counter() - started, cpu

        return method

    methods = {"(c) trigram + n-best (shipped)": timed(streamed)}
    if compare:
        grammar = listening_grammar(data)
        generic = generic_recognizer()

        def whole(audio: Audio) -> tuple[str, float, float | None]:
            started = time.perf_counter()
            return recognize_audio(audio, grammar), time.perf_counter() - started, None

        methods["(a) JSGF grammar (before)"] = whole
        methods["(b) JSGF + n-best"] = timed(lambda a: grammar_hypotheses(a, grammar))
        methods["(c) trigram, best reading"] = timed(streamed, pick=False)
        methods["(d) general English LM + n-best"] = timed(lambda a: decode_with(generic, a))
    return methods


def recognition(directory: Path, set_name: str, compare: bool) -> None:
    """Print accuracy (overall, known intents, per voice, rate, noise) and latency per method."""
    rows = spoken.read_rows(spoken.EVAL / "en-US" / f"{set_name}.tsv")
    voices = spoken.DEV_VOICES if set_name == "spoken_dev" else spoken.VOICES
    recordings = spoken.render(rows, directory, voices, workers=2)
    audio = {r.path: read_wav(r.path) for r in recordings}
    resolver = Resolver.from_locale("en-US")
    known = spoken.known_intents(resolver)

    def typed_right(row: spoken.Row) -> bool:
        return spoken.typed_outcome(resolver, row.utterance) == spoken.expected(row)

    print(f"{set_name}.tsv: {len(rows)} rows x {len(voices)} voices = {len(recordings)}")
    for name, method in _methods(directory, compare).items():
        times: list[float] = []
        cpu_times: list[float] = []

        def heard(
            recording: spoken.Recording,
            method: Method = method,
            times: list[float] = times,
            cpu_times: list[float] = cpu_times,
        ) -> spoken.Outcome:
            words, seconds, cpu = method(audio[recording.path])
            started, cpu_started = time.perf_counter(), time.process_time()
            outcome = spoken.typed_outcome(resolver, words) if words else (FALLBACK_INTENT, {})
            times.append(seconds + time.perf_counter() - started)
            if cpu is not None:
                cpu_times.append(cpu + time.process_time() - cpu_started)
            return outcome

        tally, _ = spoken.score(recordings, heard, known, typed_right)
        print(f"  {name}: all {tally.line('all')}, known intents {tally.line('known intents')},")
        print(
            f"    typed right {tally.line('typed right')},"
            f" stop/cancel/safety {tally.line('stop, cancel, safety')},"
            f" no stop heard when not said {tally.line('no stop heard when not said')};"
            f" end of speech to intent: median {statistics.median(times):.3f} s,"
            f" max {max(times):.3f} s"
            + (
                f" (CPU median {statistics.median(cpu_times):.3f} s, max {max(cpu_times):.3f} s;"
                f" load average {os.getloadavg()[0]:.1f})"
                if cpu_times
                else ""
            )
        )
        groups = [g for g in sorted(tally.total) if g.startswith("voice") or "kHz" in g]
        groups += ["mono", "stereo", "clean", "noisy"]
        print("    " + "; ".join(f"{g} {tally.line(g)}" for g in groups))


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of the first-audio measure")
    parser.add_argument(
        "--startup-runs", type=int, default=5, help="runs of each recognizer start-up measure"
    )
    parser.add_argument(
        "--startup-only", action="store_true", help="measure the start-up only (no recordings)"
    )
    parser.add_argument(
        "--set",
        default="spoken",
        choices=["spoken", "spoken_dev", "dev"],
        help="evaluation set to speak (spoken_dev: the development set, in its own voices)",
    )
    parser.add_argument(
        "--compare", action="store_true", help="also measure the other recognizers (slow)"
    )
    options = parser.parse_args()
    runs = options.runs
    with tempfile.TemporaryDirectory(prefix="trust-coach-bench-") as name:
        directory = Path(name)
        print("Trust Coach voice benchmark (espeak-ng through pyttsx3, pocketsphinx)")
        empty, cached = startup(directory, options.startup_runs)
        print(
            "recognizer start-up in a fresh process (imports included), first use with an"
            f" empty cache (a new TRUST_COACH_CACHE): {_median_line(empty)}"
        )
        print(
            "recognizer start-up, cached (what `make install` leaves with"
            f" scripts/precompile_listening.py): {_median_line(cached)}",
            flush=True,
        )
        if options.startup_only:
            return 0
        firsts = first_audio(runs, directory)
        seconds, speech, wall = wav_speed(directory)
        print(
            f"first audio for a tip: median {statistics.median(firsts):.2f} s over {runs} runs"
            ' (process start of `trust-coach say "give me a trust tip"` to the first non-silent'
            " samples handed to the audio player; includes interpreter start and imports)"
        )
        print(
            f"WAV rendering: {seconds:.1f} s of audio ({speech:.1f} s of it speech) in"
            f" {wall:.2f} s = {seconds / wall:.0f}x real time"
            f" ({speech / wall:.0f}x counting speech only)",
            flush=True,
        )
        recognition(directory, options.set, options.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
