"""Benchmark the offline voice mode: first audio, WAV rendering speed, recognition time, accuracy.

Run: `python scripts/bench_voice.py [--runs N]`. Needs espeak-ng (and pocketsphinx for listening).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interaction_model.model import load_model_data  # noqa: E402
from interaction_model.resolver import Resolver  # noqa: E402
from skill import locales  # noqa: E402
from speech.listen import listening_grammar, recognize_wav  # noqa: E402
from speech.render import Silence, render  # noqa: E402
from speech.voice import WavWriter  # noqa: E402
from tests import roundtrip  # noqa: E402

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


def recognition(directory: Path) -> tuple[float, list[float], int, int]:
    """(grammar compile seconds, seconds per utterance, right, total) over the round trip."""
    grammar = listening_grammar(load_model_data(locales.DEFAULT))
    resolver = Resolver.from_locale(locales.DEFAULT)
    phrases = roundtrip.model_phrases(32)
    start = time.perf_counter()
    recognize_wav(roundtrip.speak_all(phrases[:1], roundtrip.VOICES[0], directory)[0], grammar)
    compile_seconds = time.perf_counter() - start
    times, right = [], 0
    for voice in roundtrip.VOICES:
        for phrase, path in zip(
            phrases, roundtrip.speak_all(phrases, voice, directory), strict=True
        ):
            start = time.perf_counter()
            heard = recognize_wav(path, grammar)
            times.append(time.perf_counter() - start)
            right += roundtrip.resolve(resolver, heard) == (phrase.intent, dict(phrase.slots))
    return compile_seconds, times, right, len(times)


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of the first-audio measure")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="trust-coach-bench-") as name:
        directory = Path(name)
        firsts = first_audio(runs, directory)
        seconds, speech, wall = wav_speed(directory)
        compile_seconds, times, right, total = recognition(directory)
    print("Trust Coach voice benchmark (espeak-ng through pyttsx3, pocketsphinx)")
    print(
        f"first audio for a tip: median {statistics.median(firsts):.2f} s over {runs} runs"
        ' (process start of `trust-coach say "give me a trust tip"` to the first non-silent'
        " samples handed to the audio player; includes interpreter start and imports)"
    )
    print(
        f"WAV rendering: {seconds:.1f} s of audio ({speech:.1f} s of it speech) in {wall:.2f} s"
        f" = {seconds / wall:.0f}x real time ({speech / wall:.0f}x counting speech only)"
    )
    print(
        f"recognition: median {statistics.median(times):.2f} s per utterance"
        f" (max {max(times):.2f} s, {len(times)} utterances; first use compiles the grammar,"
        f" {compile_seconds:.2f} s with one utterance)"
    )
    print(
        f"round trip: {right}/{total} = {right / total:.0%} resolved to the intended intent"
        f" and slots ({', '.join(roundtrip.VOICES)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
