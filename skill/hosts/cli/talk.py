"""`trust-coach say` and `trust-coach chat`: turns typed, recorded or heard, sent to the skill,
the answers shown and spoken."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from skill import locales
from skill.hosts.cli import device as simulated
from skill.hosts.cli import hearing
from skill.hosts.cli.errors import UsageError
from skill.hosts.cli.inputs import TEXT, WAV
from skill.hosts.cli.output import Output, printer
from skill.hosts.cli.storage import storage_or_none
from skill.hosts.local.conversation import Conversation, Exchange

QUIT_WORDS = frozenset({"quit", "exit", "bye", ":q"})
"""Words that leave `trust-coach chat` (besides end of input)."""

LISTEN = "listen"
"""A turn heard from the microphone (say --listen)."""


def conversation(args: argparse.Namespace) -> Conversation:
    """The skill with the flags' locale, user, person, device and permissions."""
    from interaction_model.resolver import Resolver
    from skill.builder import build_skill
    from skill.hosts.cli.reminders import conversation_options

    resolver = Resolver.from_locale(locales.check(args.locale))
    return Conversation(
        build_skill(storage_or_none()),
        resolver,
        user=args.user,
        person_id=args.person or None,
        device=args.device,
        **conversation_options(args),
    )


class Turns:
    """Runs turns: shows the words, sends them to the skill, shows and speaks the answer."""

    def __init__(self, args: argparse.Namespace) -> None:
        """Open the output first (a missing engine is reported before the first turn)."""
        self.json = bool(args.json)
        self.output = Output(args)
        self.conversation = conversation(args)
        self.show = printer(args, sys.stdout)

    def typed(self, utterance: str) -> Exchange:
        """A turn from typed words."""
        if not self.json:
            print(f"you: {utterance}", flush=True)
        return self.send(utterance)

    def heard(self, words: str) -> Exchange:
        """A turn from recognized speech ("" when nothing the skill knows was heard)."""
        self.echo_heard(words)
        return self.send(words)

    def echo_heard(self, words: str) -> None:
        """Show what the recognizer heard (on stderr with --json, keeping stdout JSON Lines)."""
        print(f"Heard: {words or '(nothing)'}", file=sys.stderr if self.json else sys.stdout)

    def send(self, utterance: str) -> Exchange:
        """Send words (or a ``:touch``), then show and speak the answer."""
        exchange = simulated.send(self.conversation, utterance)
        self.show(exchange)
        self.output.say(exchange)
        return exchange


def cmd_say(args: argparse.Namespace) -> int:
    """Run the utterances (typed or in WAV files) as consecutive turns and answer each."""
    inputs: list[tuple[str, str]] = [
        (kind, value) for kind, value in args.inputs or [] if kind == WAV or value.strip()
    ]
    if args.listen:
        inputs.append((LISTEN, ""))
    if not inputs:
        raise UsageError('say needs at least one utterance, e.g. trust-coach say "give me a tip"')
    for kind, value in inputs:
        if kind == WAV and not Path(value).is_file():
            raise UsageError(f"no such WAV file: {value}")
    recognizer: Any = None
    if any(kind != TEXT for kind, _ in inputs):
        recognizer = hearing.recognizer(args.locale)
    if args.listen:
        args.devices.check_microphone()
    turns = Turns(args)
    for kind, value in inputs:
        if kind == TEXT:
            turns.typed(value)
        elif kind == WAV:
            turns.heard(hearing.recognize_file(Path(value), recognizer, args.locale))
        else:
            turns.heard(hearing.words_of(args.devices.microphone(recognizer), args.locale))
    turns.output.close()
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive conversation until the session ends or the user quits."""
    recognizer: Any = None
    if args.listen:
        recognizer = hearing.recognizer(args.locale)
        args.devices.check_microphone()
    turns = Turns(args)
    interactive = sys.stdin.isatty()
    if args.listen:
        print('Listening. Say "open trust coach"; Ctrl+C leaves.', file=sys.stderr, flush=True)
    elif interactive and not args.json:
        print('Talk to Trust Coach. Try "open trust coach". Say "quit" to leave.')
    started = False
    while True:
        if args.listen:
            words = hearing.words_of(args.devices.microphone(recognizer), args.locale)
            if not words:
                turns.echo_heard("")
                print("Say that again, please.", file=sys.stderr, flush=True)
                continue
            exchange = turns.heard(words)
        else:
            try:
                line = input("you: " if interactive else "")
            except EOFError:
                break
            text = line.strip()
            if not text:
                continue
            if text.lower() in QUIT_WORDS:
                break
            try:
                # Typed at a prompt the words are on screen; read from a pipe they are not.
                exchange = turns.send(text) if interactive else turns.typed(text)
            except simulated.TouchError as error:
                print(f"trust-coach: {error}", file=sys.stderr, flush=True)
                continue
        started = True
        # After the skill asks Alexa to ask for a permission, the next words answer Alexa.
        if exchange.end_session and turns.conversation.asking is None:
            break
    if started:
        ended = turns.conversation.end()
        if ended is not None and args.json:
            turns.show(ended)
    turns.output.close()
    return 0
