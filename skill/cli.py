"""The `trust-coach` command: talk to the skill offline (say, chat) and run its tools."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from skill.local import Conversation, Exchange

_LOGGER = logging.getLogger(__name__)

QUIT_WORDS = frozenset({"quit", "exit", "bye", ":q"})
"""Words that leave `trust-coach chat` (besides end of input)."""


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def _storage() -> AbstractPersistenceAdapter:
    """The persistence adapter the environment asks for, checked before the first turn."""
    from ask_sdk_core.exceptions import PersistenceException

    from skill.persistence import adapter_from_env
    from skill.state import merge

    adapter = adapter_from_env(merge=merge)
    check = getattr(adapter, "check", None)
    if check is not None:
        # The one-line error below says it all; the adapter's own warning would repeat it.
        storage_log = logging.getLogger("skill.persistence")
        level = storage_log.level
        storage_log.setLevel(logging.ERROR)
        try:
            check()
        except PersistenceException as error:
            raise UsageError(str(error)) from error
        finally:
            storage_log.setLevel(level)
    return adapter


def _conversation(args: argparse.Namespace) -> Conversation:
    from interaction_model.resolver import Resolver
    from skill.builder import build_skill

    skill = build_skill(_storage())
    return Conversation(
        skill, Resolver.from_locale(args.locale), user=args.user, locale=args.locale
    )


def _printer(args: argparse.Namespace, out: TextIO) -> Callable[[Exchange], None]:
    """How each turn is shown: JSON Lines, or a readable transcript."""
    if args.json:
        return lambda exchange: print(json.dumps(exchange.to_json()), file=out, flush=True)

    def show(exchange: Exchange) -> None:
        if exchange.speech:
            print(f"coach: {exchange.speech}", file=out, flush=True)
        if exchange.end_session and exchange.utterance:
            print("(session ended)", file=out, flush=True)

    return show


def cmd_say(args: argparse.Namespace) -> int:
    """Run the utterances as consecutive turns and print what the skill says."""
    utterances = [u for u in args.utterances if u.strip()]
    if not utterances:
        raise UsageError('say needs at least one utterance, e.g. trust-coach say "give me a tip"')
    conversation = _conversation(args)
    show = _printer(args, sys.stdout)
    for utterance in utterances:
        if not args.json:
            print(f"you: {utterance}", flush=True)
        show(conversation.send(utterance))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive conversation until the session ends or the user quits."""
    conversation = _conversation(args)
    show = _printer(args, sys.stdout)
    interactive = sys.stdin.isatty()
    if interactive and not args.json:
        print('Talk to Trust Coach. Try "open trust coach". Say "quit" to leave.')
    started = False
    while True:
        try:
            line = input("you: " if interactive else "")
        except EOFError:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT_WORDS:
            break
        exchange = conversation.send(text)
        started = True
        show(exchange)
        if exchange.end_session:
            break
    if started:
        ended = conversation.end()
        if ended is not None and args.json:
            show(ended)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line: subcommands and their options."""
    parser = argparse.ArgumentParser(
        prog="trust-coach", description="Trust Coach, the Alexa skill, offline on your computer."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    talk = argparse.ArgumentParser(add_help=False)
    talk.add_argument("--json", action="store_true", help="print one JSON object per turn")
    talk.add_argument("--user", default="local-user", help="the user whose progress is kept")
    talk.add_argument("--locale", default="en-US", help="the interaction model and content locale")

    say = commands.add_parser(
        "say", parents=[talk], help="run utterances as consecutive turns of one conversation"
    )
    say.add_argument("utterances", nargs="*", metavar="UTTERANCE")
    say.set_defaults(run=cmd_say)

    chat = commands.add_parser("chat", parents=[talk], help="talk to the skill interactively")
    chat.set_defaults(run=cmd_chat)

    from skill.package import add_package_parser, run_package
    from skill.serve import add_serve_parser

    add_serve_parser(commands)
    add_package_parser(commands).set_defaults(run=run_package)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `trust-coach` console script."""
    logging.basicConfig(
        level=os.environ.get("TRUST_COACH_LOG_LEVEL", "WARNING").upper(),
        format="%(levelname)s %(name)s: %(message)s",
    )
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as error:
        print(f"trust-coach: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
