"""Every user error of the command line is one line on stderr and a non-zero exit, never a trace."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run_cli

CASES = [
    (["serve", "--path", "alexa", "--no-verify"], "--path"),
    (["serve", "--host", "999.1.1.1", "--no-verify"], "999.1.1.1"),
    (["serve", "--port", "99999"], "65535"),
    (["serve", "--port", "0"], "65535"),
    (["serve"], "TRUST_COACH_SKILL_ID"),
    (["say", "--save", "/sys/trust-coach-test.wav", "help"], "cannot write"),
    (["say", "--save", "{tmp}/a-file/x.wav", "help"], "not a directory"),
    (["say", "--locale", "fr-FR", "help"], "fr-FR"),
    (["say", "--text", "--locale", "fr-FR", "help"], "fr-FR"),
    (["serve", "--path", "alexa"], "--path"),
    (["serve", "--port", "abc"], "abc"),
    (["serve", "--threads", "0", "--no-verify"], "threads"),
    (["package", "--out", "{tmp}/a-file"], "a-file"),
    (["package", "--out", "/sys/trust-coach-test"], "cannot write"),
    (["forget", "--user", "alice"], "folder"),
    (["forget", "--user", "\udcff"], "plain text"),
    (["say", "--text", "--user", "\udcff", "give me a tip"], "plain text"),
    (["reminders", "--user", " "], "empty"),
]
"""{tmp} is the test's own folder, which holds a file named a-file; forget runs on a database
that is a folder; "\udcff" reaches the command as the byte 0xff, which is not UTF-8."""


def _writable(path: Path) -> bool:
    try:
        path.write_bytes(b"")
    except OSError:
        return False
    path.unlink()
    return True


@pytest.mark.parametrize(("args", "word"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_each_mistake_is_one_line(tmp_path: Path, args: list[str], word: str) -> None:
    (tmp_path / "a-file").write_text("a file, not a folder")
    read_only = args[:2] in (["say", "--save"], ["package", "--out"]) and "{tmp}" not in args[2]
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    if read_only and _writable(Path(args[2])):
        pytest.skip(f"{args[2]} can be written here")
    db = tmp_path / "db.sqlite3"
    if args[0] == "forget":
        db.mkdir()
    env_skill = os.environ.pop("TRUST_COACH_SKILL_ID", None)
    try:
        result = run_cli(args, db)
    finally:
        if env_skill is not None:
            os.environ["TRUST_COACH_SKILL_ID"] = env_skill
    if (
        args[0] == "say"
        and "espeak" in result.stderr.lower()
        and "cannot write" not in result.stderr
    ):
        pytest.skip("no speech engine here")
    lines = [line for line in result.stderr.splitlines() if not line.startswith("WARNING")]
    assert result.returncode != 0
    assert len(lines) == 1, result.stderr
    assert word in lines[0]
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_forget_deletes_one_users_data(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    for user in ("alice", "bob"):
        assert run_cli(["say", "--text", "--user", user, "give me a trust tip"], db).returncode == 0
    result = run_cli(["forget", "--user", "alice"], db)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        users = [row[0] for row in connection.execute("SELECT user_id FROM attributes")]
    connection.close()
    assert users == ["amzn1.ask.account.bob"]
    assert result.stdout.strip() == "Deleted what was stored for alice."
    # A name with nothing stored (a typo, another case) is not told it was deleted.
    again = run_cli(["forget", "--user", "Alice"], db)
    assert again.returncode == 0 and again.stdout.strip() == "Nothing was stored for Alice."


def test_the_cli_heals_a_corrupt_file_like_the_server(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"garbage" * 1000)
    result = run_cli(["say", "--text", "give me a trust tip"], db)
    assert result.returncode == 0, result.stderr
    assert "strategy" in result.stdout.lower()
    assert list(tmp_path.glob("db.sqlite3.unreadable-*"))


def test_forget_me_asks_then_deletes(tmp_path: Path) -> None:
    from skill.builder import build_skill
    from skill.hosts.local.conversation import Conversation
    from skill.persistence import SQLiteAdapter

    db = tmp_path / "db.sqlite3"
    talk = Conversation(build_skill(SQLiteAdapter(db)), user="dana")
    talk.intent("TrustTipIntent")
    asked = talk.intent("ForgetMeIntent")
    assert not asked.end_session and "forget" in (asked.speech or "").lower()
    talk.intent("AMAZON.NoIntent")
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM attributes").fetchone() == (1,)
    connection.close()
    talk.intent("ForgetMeIntent")
    done = talk.intent("AMAZON.YesIntent")
    assert done.end_session
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM attributes").fetchone() == (0,)
    connection.close()
