"""The `trust-coach` command line: subcommands, their options and one-line usage errors."""

from __future__ import annotations

import argparse
from typing import NoReturn

from skill import locales
from skill.hosts.cli import device as simulated
from skill.hosts.cli.inputs import Inputs, WavInputs
from skill.hosts.cli.talk import cmd_chat, cmd_say
from skill.hosts.cli.tools import cmd_eval, cmd_forget, cmd_voices

MIN_RATE = 50
"""Slowest --rate accepted, in words per minute."""
MAX_RATE = 500
"""Fastest --rate accepted, in words per minute."""


def user_name(text: str) -> str:
    """A --user value: text a database can store (argv bytes that are not UTF-8 are not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError("a user name must be plain text, e.g. alice") from None
    if not text.strip():
        raise argparse.ArgumentTypeError("a user name cannot be empty")
    return text


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a percentage: {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("choose a percentage from 0 to 100")
    return value


def _rate(text: str) -> int:
    try:
        rate = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a whole number of words per minute: {text!r}"
        ) from None
    if not MIN_RATE <= rate <= MAX_RATE:
        raise argparse.ArgumentTypeError(f"choose {MIN_RATE} to {MAX_RATE} words per minute")
    return rate


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake reported on one line."""

    def error(self, message: str) -> NoReturn:
        """Print one line and exit with code 2."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trust-coach")
    except PackageNotFoundError:
        return "(not installed)"


def _talk_options() -> argparse.ArgumentParser:
    """The options `say` and `chat` share."""
    from skill.hosts.cli.reminders import add_grant_flag

    talk = argparse.ArgumentParser(add_help=False)
    talk.add_argument("--json", action="store_true", help="print one JSON object per turn")
    talk.add_argument(
        "--user", default="local-user", type=user_name, help="the user whose progress is kept"
    )
    talk.add_argument(
        "--person", metavar="ID", help="simulate a speaker Alexa recognized (own round of tips)"
    )
    talk.add_argument(
        "--locale",
        default=locales.DEFAULT,
        help=f"the interaction model and content locale: {', '.join(locales.SUPPORTED)}",
    )
    output = talk.add_mutually_exclusive_group()
    output.add_argument(
        "--speak",
        action="store_true",
        help="speak aloud (the default, except with --json)",
    )
    output.add_argument("--save", metavar="FILE.wav", help="write all turns into one WAV file")
    output.add_argument("--text", action="store_true", help="print only, no audio")
    talk.add_argument("--voice", metavar="ID", help="a voice id or name from `trust-coach voices`")
    talk.add_argument("--rate", type=_rate, metavar="WPM", help="speaking rate, words per minute")
    talk.add_argument(
        "--listen", action="store_true", help="take speech from the microphone (listen extra)"
    )
    add_grant_flag(talk)
    talk.add_argument(
        "--no-wait",
        action="store_true",
        help="without audio, skip the exercise's quiet time instead of counting it down",
    )
    simulated.add_device_argument(talk)
    return talk


def build_parser() -> argparse.ArgumentParser:
    """The command line: subcommands and their options."""
    parser: argparse.ArgumentParser = _Parser(
        prog="trust-coach", description="Trust Coach, the Alexa skill, offline on your computer."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    talk = _talk_options()
    say = commands.add_parser(
        "say", parents=[talk], help="run utterances as consecutive turns of one conversation"
    )
    say.add_argument("utterances", nargs="*", metavar="UTTERANCE", action=Inputs)
    say.add_argument(
        "--wav",
        action=WavInputs,
        metavar="FILE",
        help="a recorded utterance (16-bit PCM WAV, any rate); repeat for more turns",
    )
    say.set_defaults(run=cmd_say, inputs=None)
    simulated.add_touch_argument(say)

    chat = commands.add_parser("chat", parents=[talk], help="talk to the skill interactively")
    chat.set_defaults(run=cmd_chat)

    forget = commands.add_parser("forget", help="delete one user's stored progress")
    forget.add_argument("--user", default="local-user", type=user_name, help="the user to forget")
    forget.set_defaults(run=cmd_forget)

    evaluation = commands.add_parser(
        "eval", help="score the offline resolver on an evaluation file (utterance<TAB>intent...)"
    )
    evaluation.add_argument("file", metavar="FILE.tsv")
    evaluation.add_argument(
        "--min", type=_percent, metavar="PCT", help="exit 1 below this accuracy"
    )
    evaluation.add_argument(
        "--locale", default=locales.DEFAULT, help="the interaction model locale"
    )
    evaluation.set_defaults(run=cmd_eval)

    voices = commands.add_parser("voices", help="list the voices of the speech engine")
    voices.set_defaults(run=cmd_voices)

    from skill.deploy.command import add_package_parser
    from skill.hosts.cli.console import add_console_parser
    from skill.hosts.cli.reminders import add_reminders_parser
    from skill.hosts.web.serve import add_serve_parser

    add_reminders_parser(commands)
    add_serve_parser(commands)
    add_package_parser(commands)
    add_console_parser(commands)
    return parser
