"""The `trust-coach` command end to end, through a real subprocess and a real SQLite file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.helpers import run_cli


def run(args: list[str], db: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess, with its own database."""
    return run_cli(args, db, stdin=stdin)


def turns(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_say_json_runs_turns_of_one_session(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    result = run(
        [
            "say",
            "--json",
            "open trust coach",
            "give me a trust tip",
            "tell me more",
            "stop",
            "ask trust coach what's tip number four",
        ],
        db,
    )
    assert result.returncode == 0, result.stderr
    records = turns(result.stdout)
    assert [r["intent"] for r in records] == [
        None,
        "TrustTipIntent",
        "TellMeMoreIntent",
        "AMAZON.StopIntent",
        "StrategyIntent",
    ]
    assert set(records[0]) == {
        "utterance",
        "intent",
        "slots",
        "request",
        "response",
        "speech",
        "ssml",
        "end_session",
    }
    sessions = [r["request"]["session"] for r in records]
    assert [s["new"] for s in sessions] == [True, False, False, False, True]
    assert len({s["sessionId"] for s in sessions[:4]}) == 1
    assert sessions[4]["sessionId"] != sessions[0]["sessionId"]
    assert sessions[2]["attributes"] == records[1]["response"]["sessionAttributes"]
    assert records[3]["end_session"] and not records[2]["end_session"]
    assert records[4]["slots"] == {"number": {"value": "4", "id": None}}
    assert records[4]["response"]["response"]["card"]["title"] == "Seek Professional Help"
    assert records[1]["ssml"].startswith("<speak>") and "<" not in records[1]["speech"]
    assert db.exists()


def test_say_text_prints_a_transcript(tmp_path: Path) -> None:
    result = run(["say", "--text", "give me a trust tip"], tmp_path / "db.sqlite3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "you: give me a trust tip"
    assert lines[1].startswith("coach: Here's strategy")


def test_progress_is_kept_between_runs(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    titles = set()
    for _ in range(9):
        record = turns(run(["say", "--json", "ask trust coach for a tip"], db).stdout)[0]
        titles.add(record["response"]["response"]["card"]["title"])
    assert len(titles) == 9


def test_say_without_an_utterance_is_a_one_line_error(tmp_path: Path) -> None:
    result = run(["say"], tmp_path / "db.sqlite3")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "utterance" in result.stderr


def test_a_database_that_cannot_be_opened_still_gives_the_tip(tmp_path: Path) -> None:
    """DESIGN.md: if storage fails, the user still hears a tip (one line says it is not kept)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for command in (["say", "--text", "give me a tip", "tell me more"], ["chat", "--text"]):
        result = run(command, blocker / "db.sqlite3", stdin="give me a tip\ntell me more\n")
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("coach: ") == 2
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert str(blocker) in result.stderr and "not kept" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_read_only_database_is_one_line_not_two_a_turn(tmp_path: Path) -> None:
    from tests.test_persistence_sqlite import _read_only

    db = tmp_path / "db.sqlite3"
    assert run(["say", "--text", "give me a tip"], db).returncode == 0
    with _read_only(db):
        result = run(["say", "--text", "give me a tip", "tell me more", "next"], db)
    assert result.returncode == 0 and result.stdout.count("coach: ") == 3
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "cannot write" in result.stderr and "not kept" in result.stderr


def test_forget_with_a_database_that_cannot_be_opened_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run(["forget"], blocker / "db.sqlite3")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and str(blocker) in result.stderr


def test_chat_reads_turns_until_the_session_ends(tmp_path: Path) -> None:
    result = run(
        ["chat", "--json"],
        tmp_path / "db.sqlite3",
        stdin="open trust coach\n\nlist the strategies\nnext\nstop\nnever reached\n",
    )
    assert result.returncode == 0, result.stderr
    records = turns(result.stdout)
    assert [r["intent"] for r in records] == [
        None,
        "ListStrategiesIntent",
        "AMAZON.NextIntent",
        "AMAZON.StopIntent",
    ]


def test_chat_quit_ends_the_session(tmp_path: Path) -> None:
    result = run(["chat", "--json"], tmp_path / "db.sqlite3", stdin="open trust coach\nquit\n")
    records = turns(result.stdout)
    assert records[-1]["request"]["request"]["type"] == "SessionEndedRequest"
    assert "outputSpeech" not in records[-1]["response"]["response"]


def test_chat_from_a_pipe_shows_what_was_said(tmp_path: Path) -> None:
    """A scripted chat reads like `say`: each line said, then the answer."""
    result = run(["chat", "--text"], tmp_path / "db.sqlite3", stdin="give me a tip\n\nstop\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "you: give me a tip" and lines[1].startswith("coach: Here's strategy")
    assert lines[2:] == ["you: stop", "coach: Take good care. Goodbye for now.", "(session ended)"]
