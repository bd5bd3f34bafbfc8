"""The command line's parsing (skill.hosts.cli.parsing, .inputs) and the CLI's module seams."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from skill.hosts.cli.inputs import TEXT, WAV
from skill.hosts.cli.parsing import build_parser

SKILL = Path(__file__).resolve().parent.parent / "skill"


def test_say_keeps_typed_recorded_and_touched_turns_in_command_line_order() -> None:
    args = build_parser().parse_args(
        ["say", "open trust coach", "--wav", "a.wav", "--touch", "3", "--wav", "b.wav"]
    )
    assert args.inputs == [
        (TEXT, "open trust coach"),
        (WAV, "a.wav"),
        (TEXT, ":touch 3"),
        (WAV, "b.wav"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["say", "--rate", "5", "hi"], "choose 50 to 500 words per minute"),
        (["say", "--rate", "fast", "hi"], "not a whole number of words per minute"),
        (["eval", "x.tsv", "--min", "101"], "choose a percentage from 0 to 100"),
    ],
)
def test_a_bad_value_is_one_line_and_exit_code_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_no_module_imports_a_private_name_of_the_cli() -> None:
    private = []
    for path in SKILL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "skill.hosts.cli"
            ):
                private += [f"{path.name}: {a.name}" for a in node.names if a.name[0] == "_"]
    assert private == []
