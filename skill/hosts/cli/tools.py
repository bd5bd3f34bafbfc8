"""The tools beside the talk commands: `forget`, `eval` and `voices`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skill.hosts.cli.errors import UsageError
from skill.hosts.cli.storage import storage
from skill.hosts.local.conversation import Conversation


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete everything stored for one user (their progress, visits and exercise)."""
    from ask_sdk_core.exceptions import PersistenceException
    from ask_sdk_model import Context, RequestEnvelope, User
    from ask_sdk_model.interfaces.system import SystemState

    from skill.hosts.local.envelopes import user_id_for
    from skill.persistence.versioned import VERSION_KEY

    adapter = storage()
    user_id = user_id_for(args.user)
    envelope = RequestEnvelope(context=Context(system=SystemState(user=User(user_id=user_id))))
    try:
        stored = {k: v for k, v in adapter.get_attributes(envelope).items() if k != VERSION_KEY}
        adapter.delete_attributes(envelope)
    except PersistenceException as error:
        raise UsageError(str(error)) from error
    from skill.hosts.cli.reminders import forget

    reminders = forget(user_id)
    if stored or reminders:
        print(f"Deleted what was stored for {args.user}.")
    else:
        print(f"Nothing was stored for {args.user}.")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the resolver on an evaluation file; exit 1 below --min."""
    from interaction_model.resolver import Resolver
    from skill.builder import build_skill
    from skill.hosts.local import evaluate

    try:
        cases = evaluate.load(Path(args.file))
    except evaluate.EvalFormatError as error:
        raise UsageError(str(error)) from error
    resolver = Resolver.from_locale(args.locale)
    skill = build_skill(None)
    report = evaluate.evaluate(
        cases,
        resolver,
        lambda: Conversation(skill, resolver, locale=args.locale),
        locale=args.locale,
    )
    for line in report.lines():
        print(line)
    if args.min is not None and report.accuracy < args.min:
        print(
            f"trust-coach: accuracy {report.accuracy:.1f}% is below --min {args.min:g}%",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_voices(args: argparse.Namespace) -> int:
    """List the voices of the speech engine."""
    from speech.voice import voices

    for voice in voices(args.devices.engine_factory):
        languages = ",".join(voice.languages)
        print(f"{voice.id:<24} {voice.name:<36} {languages}")
    return 0
