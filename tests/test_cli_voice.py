"""The voice side of `trust-coach`: speaking, saving, listening, with fakes and with real audio."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from skill.hosts.cli import hearing
from skill.hosts.cli.main import Devices, main
from speech.audio import read_wav
from speech.errors import ListenUnavailable
from speech.listen import Heard, Hypothesis
from speech.render import Silence, Text, render
from speech.voice import COUNTDOWN_MIN, TURN_GAP, TimeKeeper, engine_available
from tests import roundtrip
from tests.fakes import FakeSpeaker, NoDevicePlayer
from tests.helpers import run_cli

needs_engine = pytest.mark.skipif(
    not engine_available(), reason="no speech engine: install espeak-ng and libespeak-ng1 (apt-get)"
)
needs_recognizer = pytest.mark.skipif(
    importlib.util.find_spec("pocketsphinx") is None or not engine_available(),
    reason="needs pocketsphinx (the listen extra) and espeak-ng to make test speech",
)

ROUND_TRIP_PHRASES = 32
"""Model phrases each of the two voices speaks (64 recordings in all)."""
ROUND_TRIP_FLOOR = 0.80
"""Share of spoken model phrases that must resolve to the intended intent and slots.

Issue 4 set 90% for a grammar of the exact samples (it measured 97%). The trigram model that
replaced it (issue 12) hears unseen phrasings twice as well (74% against 38% on the development
set) and exact samples less well (84% measured): docs/listening.md has the figures."""


def _missing_engine() -> Any:
    raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")


def _no_microphone() -> None:
    raise ListenUnavailable("no microphone: Error querying device -1")


class FakeMicrophone:
    """Hears the given phrases (or n-best readings) in order; records the recognizer it got."""

    def __init__(self, *heard: str | Heard) -> None:
        """Queue what will be heard."""
        self.heard = list(heard)
        self.grammars: list[object] = []

    def __call__(self, recognizer: object) -> str | Heard:
        """Return the next phrase."""
        self.grammars.append(recognizer)
        return self.heard.pop(0)

    def check(self) -> None:
        """A microphone is present."""


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUST_COACH_DB", str(tmp_path / "db.sqlite3"))
    monkeypatch.delenv("TRUST_COACH_DYNAMODB_TABLE", raising=False)


@pytest.fixture
def speaker() -> FakeSpeaker:
    return FakeSpeaker()


def _with(speaker: FakeSpeaker, **more: Any) -> Devices:
    def factory(args: argparse.Namespace) -> FakeSpeaker:
        return speaker

    return Devices(speaker=factory, **more)


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess, working in (and with its database in) tmp_path."""
    return run_cli(args, tmp_path / "db.sqlite3", cwd=tmp_path)


def test_say_speaks_every_response_with_its_pauses_and_prints_the_transcript(
    speaker: FakeSpeaker, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["say", "start the active listening exercise", "next"], _with(speaker))
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert len(speaker.turns) == 2
    assert any(isinstance(s, Silence) and s.seconds >= 5 for s in speaker.turns[1])
    assert out[0] == "you: start the active listening exercise"
    assert out[1].startswith("coach: Welcome to the active listening exercise")
    spoken = " ".join(s.text for s in speaker.turns[0] if isinstance(s, Text))
    assert out[1] == f"coach: {spoken}"


@pytest.mark.parametrize(
    ("flags", "spoken"),
    [
        (["--text"], 0),
        (["--json"], 0),
        (["--json", "--speak"], 1),
        ([], 1),
    ],
)
def test_output_flags_choose_whether_to_speak(
    speaker: FakeSpeaker, capsys: pytest.CaptureFixture[str], flags: list[str], spoken: int
) -> None:
    assert main(["say", *flags, "give me a trust tip"], _with(speaker)) == 0
    assert len(speaker.turns) == spoken
    out = capsys.readouterr().out
    if "--json" in flags:
        assert json.loads(out)["intent"] == "TrustTipIntent"


def test_missing_engine_prints_one_line_and_falls_back_to_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["say", "give me a trust tip"], Devices(engine_factory=_missing_engine))
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.count("\n") == 1
    assert "sudo apt-get install espeak-ng libespeak-ng1" in captured.err
    assert captured.out.splitlines()[1].startswith("coach: Here's strategy")


def test_save_without_an_engine_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.wav"
    code = main(["say", "--save", str(target), "help"], Devices(engine_factory=_missing_engine))
    assert code == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert not target.exists()


@needs_engine
def test_no_audio_device_shows_the_transcript_once_with_one_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["say", "open trust coach", "help"], Devices(player=NoDevicePlayer()))
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.count("\n") == 1
    assert "No audio output" in captured.err
    assert [line.split(":")[0] for line in captured.out.splitlines()] == [
        "you",
        "coach",
        "you",
        "coach",
    ]


@needs_engine
def test_unknown_voice_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.wav"
    assert main(["say", "--save", str(target), "--voice", "no-such-voice", "help"]) == 2
    assert "trust-coach voices" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize("rate", ["fast", "10", "9000"])
def test_rate_must_be_words_per_minute(rate: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["say", "--rate", rate, "help"])
    assert exit_.value.code == 2


def test_wav_and_typed_utterances_keep_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    heard = {"a.wav": "open trust coach", "b.wav": ""}
    for name in heard:
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(hearing, "recognizer", lambda locale: "recognizer")
    monkeypatch.setattr(
        hearing, "recognize_file", lambda path, recognizer, locale: heard[path.name]
    )
    args = [
        "say",
        "--text",
        "--wav",
        str(tmp_path / "a.wav"),
        "help",
        "--wav",
        str(tmp_path / "b.wav"),
    ]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Heard: open trust coach"
    assert lines[1].startswith("coach: Welcome")
    assert lines[2] == "you: help"
    # Speech that matched nothing in the grammar still gets an answer (Alexa's FallbackIntent).
    assert lines[-2] == "Heard: (nothing)"
    assert lines[-1].startswith("coach: ")


def test_missing_wav_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["say", "--wav", "no-such-file.wav"]) == 2
    assert "no-such-file.wav" in capsys.readouterr().err


def test_a_file_that_is_not_a_wav_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if importlib.util.find_spec("pocketsphinx") is None:
        pytest.skip("needs pocketsphinx")
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    assert main(["say", "--text", "--wav", str(text)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_listen_without_a_microphone_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if importlib.util.find_spec("pocketsphinx") is None:
        pytest.skip("needs pocketsphinx")
    assert main(["say", "--text", "--listen"], Devices(check_microphone=_no_microphone)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "microphone" in err


def test_listen_without_pocketsphinx_is_a_one_line_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)
    hearing.recognizer.cache_clear()
    try:
        assert main(["chat", "--text", "--listen"]) == 1
    finally:
        hearing.recognizer.cache_clear()
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "trust-coach[listen]" in err


def test_chat_listen_echoes_what_it_heard_and_asks_again_after_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(hearing, "recognizer", lambda locale: "the recognizer")
    microphone = FakeMicrophone("open trust coach", "", "give me a trust tip", "stop")
    devices = Devices(microphone=microphone, check_microphone=microphone.check)
    assert main(["chat", "--text", "--listen"], devices) == 0
    captured = capsys.readouterr()
    heard = [line for line in captured.out.splitlines() if line.startswith("Heard:")]
    assert heard == [
        "Heard: open trust coach",
        "Heard: (nothing)",
        "Heard: give me a trust tip",
        "Heard: stop",
    ]
    assert "Say that again" in captured.err
    assert microphone.grammars == ["the recognizer"] * 4


@needs_engine
def test_voices_lists_english_voices(tmp_path: Path) -> None:
    result = run(["voices"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert any(line.split()[0] == "gmw/en-us" for line in result.stdout.splitlines())


@needs_engine
def test_save_writes_one_wav_as_long_as_the_words_and_pauses(tmp_path: Path) -> None:
    utterances = ["start the active listening exercise", "next"]
    result = run(["say", "--json", "--save", "turns.wav", *utterances], tmp_path)
    assert result.returncode == 0, result.stderr
    records = roundtrip.records(result.stdout)
    assert [r["utterance"] for r in records] == utterances
    segments = [segment for r in records for segment in render(r["ssml"])]
    pauses = sum(s.seconds for s in segments if isinstance(s, Silence))
    words = sum(len(s.text.split()) for s in segments if isinstance(s, Text))
    audio = read_wav(tmp_path / "turns.wav")
    assert audio.channels == 1
    speaking = audio.seconds - pauses - TURN_GAP
    # espeak-ng at pyttsx3's 200 words per minute; allow 120 to 300 for voices and punctuation.
    assert words * 60 / 300 <= speaking <= words * 60 / 120, (audio.seconds, pauses, words)
    assert pauses > 20
    saved = re.search(r"Saved ([\d.]+) s: ([\d.]+) s of speech, ([\d.]+) s of quiet", result.stderr)
    assert saved is not None, result.stderr
    total, speech_seconds, quiet = (float(x) for x in saved.groups())
    assert total == pytest.approx(audio.seconds, abs=0.1)
    assert quiet == pytest.approx(pauses + TURN_GAP, abs=0.1)
    assert speech_seconds == pytest.approx(total - quiet, abs=0.11)


@needs_recognizer
def test_round_trip_spoken_model_phrases_resolve_to_their_intent_and_slots(
    tmp_path: Path,
) -> None:
    phrases = roundtrip.model_phrases(ROUND_TRIP_PHRASES)
    assert len(phrases) == ROUND_TRIP_PHRASES
    assert len({p.intent for p in phrases}) >= 20
    jobs = []
    for index, voice in enumerate(roundtrip.VOICES):
        directory = tmp_path / str(index)
        directory.mkdir()
        jobs.append((voice, phrases, directory))
    # Synthesis shares one espeak-ng engine, so speak first, then recognize in parallel.
    spoken = [roundtrip.speak_all(p, v, d) for v, p, d in jobs]
    assert all(spoken)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(lambda job: _recognized(*job), jobs))
    right = sum(sum(r) for r in results)
    total = sum(len(r) for r in results)
    accuracy = right / total
    report = io.StringIO()
    for (voice, _, _), result in zip(jobs, results, strict=True):
        report.write(f"{voice}: {sum(result)}/{len(result)}; ")
    assert accuracy >= ROUND_TRIP_FLOOR, f"round-trip accuracy {accuracy:.0%} ({report.getvalue()})"
    print(f"round-trip accuracy {accuracy:.0%} ({report.getvalue()})")


def _recognized(voice: str, phrases: list[roundtrip.Phrase], directory: Path) -> list[bool]:
    """The subprocess half of the round trip for files already spoken into directory."""
    paths = sorted(directory.glob("*.wav"))
    args = ["say", "--json"]
    for path in paths:
        args += ["--wav", str(path)]
    result = run(args, directory)
    assert result.returncode == 0, result.stderr
    outcomes = [roundtrip.outcome(record) for record in roundtrip.records(result.stdout)]
    assert len(outcomes) == len(phrases)
    return [got == (p.intent, dict(p.slots)) for got, p in zip(outcomes, phrases, strict=True)]


def test_chat_listen_acts_on_the_reading_the_resolver_understands_and_asks_again_otherwise(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(hearing, "recognizer", lambda locale: "the recognizer")
    microphone = FakeMicrophone(
        Heard((Hypothesis("open trust coach", 0),)),
        # The acoustically best reading means nothing; the runner-up is a request.
        Heard((Hypothesis("tip give trust me a", -10), Hypothesis("give me a trust tip", -12))),
        Heard((Hypothesis("zebra zebra", -5),)),
        Heard((Hypothesis("stop", -1),)),
    )
    devices = Devices(microphone=microphone, check_microphone=microphone.check)
    assert main(["chat", "--text", "--listen"], devices) == 0
    captured = capsys.readouterr()
    heard = [line for line in captured.out.splitlines() if line.startswith("Heard:")]
    assert heard == [
        "Heard: open trust coach",
        "Heard: give me a trust tip",
        "Heard: (nothing)",
        "Heard: stop",
    ]
    assert captured.err.count("Say that again") == 1
    out = captured.out.splitlines()
    assert out[out.index("Heard: give me a trust tip") + 1].startswith("coach: ")


class FakeClock:
    """A clock that moves only when the countdown waits; Enter arrives at a chosen time."""

    def __init__(self, enter_at: float | None = None) -> None:
        """Start at 0 s."""
        self.now = 0.0
        self.enter_at = enter_at
        self.waited = 0.0

    def __call__(self) -> float:
        """The time."""
        return self.now

    def wait(self, seconds: float) -> bool:
        """Advance; True when Enter comes within the wait."""
        if self.enter_at is not None and self.now + seconds >= self.enter_at:
            self.waited += self.enter_at - self.now
            self.now = self.enter_at
            return True
        self.now += seconds
        self.waited += seconds
        return False


def _exercise_pauses() -> float:
    """The long pauses of the exercise's first step, as the skill says them."""
    records = []
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        main(["say", "--json", "start the active listening exercise", "next"])
    records = roundtrip.records(out.getvalue())
    return sum(
        s.seconds
        for r in records
        for s in render(r["ssml"])
        if isinstance(s, Silence) and s.seconds >= COUNTDOWN_MIN
    )


def test_text_mode_keeps_the_quiet_time_with_a_countdown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pauses = _exercise_pauses()
    capsys.readouterr()
    assert pauses > 20
    monkeypatch.delenv("TRUST_COACH_NO_WAIT")
    clock = FakeClock()
    err = io.StringIO()
    keeper = TimeKeeper(err, clock=clock, wait_for_enter=clock.wait)
    code = main(
        ["say", "--text", "--user", "other", "start the active listening exercise", "next"],
        Devices(time_keeper=keeper),
    )
    assert code == 0
    assert clock.waited == pytest.approx(pauses)
    shown = err.getvalue()
    assert "speaking time: 0:" in shown
    assert "\n" not in shown  # one line, rewritten in place
    assert shown.count("\r") >= int(pauses)


def test_enter_skips_ahead_and_no_wait_skips_all(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TRUST_COACH_NO_WAIT")
    clock = FakeClock(enter_at=2.5)
    keeper = TimeKeeper(io.StringIO(), clock=clock, wait_for_enter=clock.wait)
    keeper.countdown(42)
    assert clock.now == 2.5
    never = FakeClock()
    quiet = TimeKeeper(io.StringIO(), clock=never, wait_for_enter=never.wait)
    args = ["say", "--text", "--no-wait", "start the active listening exercise", "next"]
    assert main(args, Devices(time_keeper=quiet)) == 0
    assert never.waited == 0


def test_countdown_reads_minutes_and_seconds() -> None:
    clock = FakeClock(enter_at=0.5)
    err = io.StringIO()
    TimeKeeper(err, clock=clock, wait_for_enter=clock.wait).countdown(62)
    assert "speaking time: 1:02 left" in err.getvalue()


def test_no_sound_card_keeps_time_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not engine_available():
        pytest.skip("needs espeak-ng")
    monkeypatch.delenv("TRUST_COACH_NO_WAIT")
    clock = FakeClock()
    keeper = TimeKeeper(io.StringIO(), clock=clock, wait_for_enter=clock.wait)
    devices = Devices(player=NoDevicePlayer(), time_keeper=keeper)
    assert main(["say", "start the active listening exercise", "next"], devices) == 0
    assert clock.waited > 0


class _FakeSoundDevice:
    """The sounddevice module for a machine without a microphone: each stream opened plays the
    next recording (16 kHz mono PCM bytes) and then silence; with none left, the user presses
    Ctrl-C while it listens."""

    class PortAudioError(Exception):
        """As sounddevice's."""

    def __init__(self, *recordings: bytes) -> None:
        self.recordings = list(recordings)
        self.opened = 0

    def query_devices(self, kind: str | None = None) -> dict[str, Any]:
        return {"name": "fake microphone", "max_input_channels": 1}

    def RawInputStream(self, **options: Any) -> Any:  # noqa: N802 (sounddevice's name)
        assert options["samplerate"] == 16000 and options["channels"] == 1
        if not self.recordings:
            raise KeyboardInterrupt
        self.opened += 1
        return _FakeStream(self.recordings.pop(0))


class _FakeStream:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def __enter__(self) -> _FakeStream:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def read(self, frames: int) -> tuple[bytes, bool]:
        chunk = self.data[self.position : self.position + 2 * frames]
        self.position += 2 * frames
        return chunk.ljust(2 * frames, b"\0"), False


@needs_recognizer
def test_chat_listen_end_to_end_shows_listening_waits_out_a_short_pause_and_echoes_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real microphone path (endpointer, streamed decoding, the resolver's choice) with
    only the sound card faked: "listening…" before each utterance, a 0.4 s pause inside one
    does not end it (END_OF_SPEECH is 0.8 s), "Heard: …" before the answer, Ctrl-C ends."""
    from speech.audio import concatenate, silence
    from speech.listen import END_OF_SPEECH, SAMPLE_RATE, prepare
    from speech.voice import Synthesizer

    assert pytest.approx(0.8) == END_OF_SPEECH
    synthesizer = Synthesizer(voice="gmw/en-us")

    def said(*pieces: str | float) -> bytes:
        parts = [
            silence(piece, SAMPLE_RATE)
            if isinstance(piece, float)
            else synthesizer.synthesize(piece, 0.8)
            for piece in pieces
        ]
        return prepare(concatenate([*parts, silence(2.0, SAMPLE_RATE)], SAMPLE_RATE))

    sound = _FakeSoundDevice(said("open trust coach"), said("give me a", 0.4, "trust tip"))
    monkeypatch.setitem(sys.modules, "sounddevice", sound)
    monkeypatch.setenv("TRUST_COACH_CACHE", str(tmp_path / "cache"))
    hearing.recognizer.cache_clear()
    try:
        assert main(["chat", "--text", "--listen"]) == 130  # Ctrl-C while listening
    finally:
        hearing.recognizer.cache_clear()
    captured = capsys.readouterr()
    assert sound.opened == 2
    assert captured.err.count("listening…") == 2
    assert "Traceback" not in captured.err
    lines = captured.out.splitlines()
    heard = [line for line in lines if line.startswith("Heard:")]
    assert heard[0] == "Heard: open trust coach"
    assert heard[1].endswith("trust tip"), heard  # the words after the pause were heard too
    # Each "Heard:" comes before the coach's answer to it.
    assert lines.index(heard[1]) < max(
        i for i, line in enumerate(lines) if line.startswith("coach:")
    )


def _quiet_time_cli(tmp_path: Path, name: str) -> subprocess.Popen[bytes]:
    """`trust-coach say --text` through the exercise in a real process that keeps quiet time
    (a new user, in a database of its own)."""
    import os

    env = {**os.environ, "TRUST_COACH_DB": str(tmp_path / f"{name}.sqlite3")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    env.pop("TRUST_COACH_NO_WAIT", None)
    env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
    command = ["say", "--text", "start the active listening exercise", "next"]
    return subprocess.Popen(
        [sys.executable, "-m", "skill", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )


def _read_until(process: subprocess.Popen[bytes], wanted: bytes, seconds: float) -> bytes:
    """Everything on the process's stderr until `wanted` shows (or the time runs out)."""
    import os
    import select
    import time

    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.2)
        if ready:
            chunk = os.read(process.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
    return seen


def test_text_mode_in_a_real_terminal_process_enter_skips_and_ctrl_c_ends_cleanly(
    tmp_path: Path,
) -> None:
    import signal
    import time

    pauses = _exercise_pauses()
    assert pauses > 20
    # Enter (a line on standard input) skips each countdown: the run takes seconds, not the
    # exercise's quiet time.
    started = time.monotonic()
    skipper = _quiet_time_cli(tmp_path, "skip")
    _, err = skipper.communicate(b"\n" * 20, timeout=120)
    assert skipper.returncode == 0, err
    assert b"speaking time: " in err and b"left (Enter skips)" in err
    assert time.monotonic() - started < pauses / 2
    assert b"Traceback" not in err
    # Ctrl-C during a countdown: exit status 130, the countdown line cleared, no traceback.
    waiter = _quiet_time_cli(tmp_path, "wait")
    shown = _read_until(waiter, b"left (Enter skips)", 60)
    assert b"speaking time: " in shown
    waiter.send_signal(signal.SIGINT)
    _, rest = waiter.communicate(timeout=60)
    assert waiter.returncode == 130
    assert b"Traceback" not in shown + rest
    assert (shown + rest).rstrip(b" ").endswith(b"\r\x1b[K")
