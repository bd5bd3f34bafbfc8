"""The `trust-coach` command: talk to the skill offline (say, chat) and run its tools."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from skill import locales
from skill.errors import UnknownLocaleError
from skill.hosts.cli import device as simulated
from skill.hosts.local.conversation import Conversation, Exchange
from skill.hosts.quietlog import level_from_env
from speech.errors import SpeechEngineMissing, SpeechError
from speech.render import Segment
from speech.voice import Player, Speaker

if TYPE_CHECKING:
    from speech.listen import Heard, Recognizer

_LOGGER = logging.getLogger(__name__)

QUIT_WORDS = frozenset({"quit", "exit", "bye", ":q"})
"""Words that leave `trust-coach chat` (besides end of input)."""


MIN_RATE = 50
"""Slowest --rate accepted, in words per minute."""
MAX_RATE = 500
"""Fastest --rate accepted, in words per minute."""


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def _default_engine() -> Any:
    from speech.voice import default_engine

    return default_engine()


def _check_microphone() -> None:
    from speech.listen import require_microphone

    require_microphone()


def _listening() -> None:
    print("listening…", file=sys.stderr, flush=True)


def _default_microphone(recognizer: Recognizer) -> Heard:
    from speech.listen import listen_microphone

    return listen_microphone(recognizer, on_listening=_listening)


@dataclass(frozen=True)
class Devices:
    """The speech engine, audio output and microphone the talk commands use; tests swap them."""

    engine_factory: Callable[[], Any] = _default_engine
    """Starts a pyttsx3 engine (pyttsx3.init)."""
    player: Player | None = None
    """Plays speech aloud; None: the first output that works on this machine."""
    microphone: Callable[[Any], Heard | str] = _default_microphone
    """Listens for one utterance with the recognizer and returns what it heard."""
    check_microphone: Callable[[], None] = _check_microphone
    """Raises ListenUnavailable before the first turn when there is no microphone."""
    speaker: Callable[[argparse.Namespace], Speaker] | None = field(default=None)
    """Replaces the whole spoken output (tests pass a fake); None: pyttsx3 through player."""
    time_keeper: Speaker | None = None
    """Keeps quiet time without audio (tests pass one on a fake clock); None: the terminal's."""


class _Quiet(Speaker):
    """Says nothing: the transcript already shows the words when there is no audio device."""

    def speak(self, segments: Sequence[Segment]) -> None:
        """Do nothing."""


def _storage() -> AbstractPersistenceAdapter:
    """The persistence adapter the environment asks for, checked before the first turn."""
    from ask_sdk_core.exceptions import PersistenceException

    from skill.builder import storage_from_env

    adapter = storage_from_env()
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
    from skill.hosts.cli.reminders import conversation_options

    resolver = Resolver.from_locale(locales.check(args.locale))
    return Conversation(
        build_skill(_storage()),
        resolver,
        user=args.user,
        person_id=args.person or None,
        device=args.device,
        **conversation_options(args),
    )


def _printer(args: argparse.Namespace, out: TextIO) -> Callable[[Exchange], None]:
    """How each turn is shown: JSON Lines, or a readable transcript."""
    if args.json:
        return lambda exchange: print(json.dumps(exchange.to_json()), file=out, flush=True)

    from skill.hosts.cli.reminders import consent_prompt

    def show(exchange: Exchange) -> None:
        if exchange.speech:
            print(f"coach: {exchange.speech}", file=out, flush=True)
        if screen := simulated.describe(exchange):
            print(screen, file=out, flush=True)
        if (asked := consent_prompt(exchange)) is not None:
            print(asked, file=out, flush=True)
        elif exchange.end_session and exchange.utterance:
            print("(session ended)", file=out, flush=True)

    return show


class _Output:
    """Where each response goes besides the transcript: a speaker, a WAV file, or nowhere."""

    def __init__(self, args: argparse.Namespace) -> None:
        """Open the output the flags ask for; raises SpeechError when --save cannot work."""
        devices: Devices = args.devices
        self.speaker: Speaker | None = None
        self.wav_path: Path | None = None
        self._writer: Any = None
        if args.save is not None:
            from speech.voice import WavWriter

            self.wav_path = _wav_target(args.save)
            self._writer = WavWriter(
                self.wav_path, _voice(args), args.rate, engine_factory=devices.engine_factory
            )
            self.speaker = self._writer
        elif args.json and not args.speak:
            return
        elif args.text:
            self.speaker = _keeper(args)
        elif devices.speaker is not None:
            self.speaker = devices.speaker(args)
        else:
            from speech.voice import Pyttsx3Speaker

            try:
                self.speaker = Pyttsx3Speaker(
                    _voice(args),
                    args.rate,
                    engine_factory=devices.engine_factory,
                    player=devices.player,
                    fallback=_keeper(args),
                    err=sys.stderr,
                )
            except SpeechEngineMissing as error:
                print(f"trust-coach: {error}; showing text only.", file=sys.stderr, flush=True)

    def say(self, exchange: Exchange) -> None:
        """Speak or record the response's SSML, pauses and all."""
        if self.speaker is not None and exchange.ssml:
            from speech.render import render

            self.speaker.speak(render(exchange.ssml))

    def close(self) -> None:
        """Write the WAV file (with --save) and say where it went."""
        if self._writer is None or self.wav_path is None:
            return
        seconds = self._writer.seconds
        quiet = self._writer.quiet_seconds
        try:
            self._writer.close()
        except OSError as error:
            raise UsageError(f"cannot write {self.wav_path}: {error.strerror or error}") from error
        print(
            f"Saved {seconds:.1f} s: {seconds - quiet:.1f} s of speech, {quiet:.1f} s of quiet,"
            f" to {self.wav_path}",
            file=sys.stderr,
            flush=True,
        )


NO_WAIT_ENV = "TRUST_COACH_NO_WAIT"
"""Set (to anything but "" or "0") to skip the quiet time, like --no-wait."""


def _keeper(args: argparse.Namespace) -> Speaker:
    """Without audio: keep the exercise's quiet time on the terminal, unless told not to wait."""
    if args.no_wait or os.environ.get(NO_WAIT_ENV, "") not in ("", "0"):
        return _Quiet()
    devices: Devices = args.devices
    if devices.time_keeper is not None:
        return devices.time_keeper
    from speech.voice import TimeKeeper

    return TimeKeeper()


def _wav_target(name: str) -> Path:
    path = Path(name)
    if not path.parent.is_dir():
        raise UsageError(f"cannot save to {path}: {path.parent} is not a directory")
    if path.is_dir():
        raise UsageError(f"cannot save to {path}: it is a directory")
    return path


def _voice(args: argparse.Namespace) -> str | None:
    """The engine's id for --voice (an id or a name from `trust-coach voices`), checked."""
    if args.voice is None:
        return _locale_voice(args)
    from speech.voice import voices

    try:
        found = voices(args.devices.engine_factory)
    except SpeechEngineMissing:
        return str(args.voice)  # the missing engine is reported where the speaker is opened
    wanted = str(args.voice).lower()
    for voice in found:
        if wanted in (voice.id.lower(), voice.name.lower()):
            return voice.id
    raise UsageError(f"no voice {args.voice!r}; `trust-coach voices` lists the voices")


def _locale_voice(args: argparse.Namespace) -> str | None:
    """The first engine voice speaking the locale's language (skill/locales.json), or None."""
    from speech.voice import voices

    language = locales.VOICES.get(getattr(args, "locale", locales.DEFAULT))
    if language is None:
        return None
    try:
        found = voices(args.devices.engine_factory)
    except Exception:  # no engine: the speaker reports it where it is opened
        return None
    for voice in found:
        if language in (lang.lower() for lang in voice.languages):
            return voice.id
    return None


@functools.cache
def _recognizer(locale: str) -> Recognizer:
    """The locale's recognizer, its language model compiled into the user cache on first use."""
    from interaction_model.model import load_builtin_samples, load_model_data
    from speech.listen import Recognizer, require_recognizer

    locales.check(locale)
    require_recognizer()
    return Recognizer.for_model(load_model_data(locale), load_builtin_samples(locale))


def _understands(locale: str) -> Callable[[str], float]:
    """How well the resolver understands words: 1 for an intent, 0 for the fallback."""
    from interaction_model.invocation import split_invocation
    from interaction_model.resolver import FALLBACK_INTENT, Resolver

    resolver = Resolver.from_locale(locale)

    def understands(words: str) -> float:
        kind, rest = split_invocation(words, resolver.model.invocation_name)
        if kind == "launch" or (kind == "one_shot" and not rest):
            return 1.0
        resolution = resolver.resolve(rest or "")
        if resolution.intent == FALLBACK_INTENT:
            return 0.0
        # A resolver that grades its matches (confidence 0 to 1) ranks readings more finely.
        confidence = getattr(resolution, "confidence", None)
        return float(confidence) if isinstance(confidence, int | float) else 1.0

    return understands


def _words_of(heard: Heard | str, locale: str) -> str:
    """The reading to act on ("" when the resolver understands none of them)."""
    if isinstance(heard, str):
        return heard
    from speech.listen import choose

    return choose(heard, _understands(locale))


def _recognize_file(path: Path, recognizer: Recognizer, locale: str = "en-US") -> str:
    import wave

    try:
        return _words_of(recognizer.hear_wav(path), locale)
    except (wave.Error, EOFError) as error:
        raise UsageError(f"{path} is not a PCM WAV file ({error})") from error
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from error


class _Turns:
    """Runs turns: shows the words, sends them to the skill, shows and speaks the answer."""

    def __init__(self, args: argparse.Namespace) -> None:
        """Open the output first (a missing engine is reported before the first turn)."""
        self.json = bool(args.json)
        self.output = _Output(args)
        self.conversation = _conversation(args)
        self.show = _printer(args, sys.stdout)

    def typed(self, utterance: str) -> Exchange:
        """A turn from typed words."""
        if not self.json:
            print(f"you: {utterance}", flush=True)
        return self._send(utterance)

    def heard(self, words: str) -> Exchange:
        """A turn from recognized speech ("" when nothing the skill knows was heard)."""
        self.echo_heard(words)
        return self._send(words)

    def echo_heard(self, words: str) -> None:
        """Show what the recognizer heard (on stderr with --json, keeping stdout JSON Lines)."""
        print(f"Heard: {words or '(nothing)'}", file=sys.stderr if self.json else sys.stdout)

    def _send(self, utterance: str) -> Exchange:
        exchange = simulated.send(self.conversation, utterance)
        self.show(exchange)
        self.output.say(exchange)
        return exchange


def cmd_say(args: argparse.Namespace) -> int:
    """Run the utterances (typed or in WAV files) as consecutive turns and answer each."""
    inputs: list[tuple[str, str]] = [
        (kind, value) for kind, value in args.inputs if kind == "wav" or value.strip()
    ]
    if args.listen:
        inputs.append(("listen", ""))
    if not inputs:
        raise UsageError('say needs at least one utterance, e.g. trust-coach say "give me a tip"')
    for kind, value in inputs:
        if kind == "wav" and not Path(value).is_file():
            raise UsageError(f"no such WAV file: {value}")
    recognizer: Any = None
    if any(kind != "text" for kind, _ in inputs):
        recognizer = _recognizer(args.locale)
    if args.listen:
        args.devices.check_microphone()
    turns = _Turns(args)
    for kind, value in inputs:
        if kind == "text":
            turns.typed(value)
        elif kind == "wav":
            turns.heard(_recognize_file(Path(value), recognizer, args.locale))
        else:
            turns.heard(_words_of(args.devices.microphone(recognizer), args.locale))
    turns.output.close()
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive conversation until the session ends or the user quits."""
    recognizer: Any = None
    if args.listen:
        recognizer = _recognizer(args.locale)
        args.devices.check_microphone()
    turns = _Turns(args)
    interactive = sys.stdin.isatty()
    if args.listen:
        print('Listening. Say "open trust coach"; Ctrl+C leaves.', file=sys.stderr, flush=True)
    elif interactive and not args.json:
        print('Talk to Trust Coach. Try "open trust coach". Say "quit" to leave.')
    started = False
    while True:
        if args.listen:
            words = _words_of(args.devices.microphone(recognizer), args.locale)
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
                exchange = simulated.send(turns.conversation, text)
            except simulated.TouchError as error:
                print(f"trust-coach: {error}", file=sys.stderr, flush=True)
                continue
            turns.show(exchange)
            turns.output.say(exchange)
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


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete everything stored for one user (their progress, visits and exercise)."""
    from ask_sdk_core.exceptions import PersistenceException
    from ask_sdk_model import Context, RequestEnvelope, User
    from ask_sdk_model.interfaces.system import SystemState

    from skill.hosts.local.envelopes import user_id_for

    adapter = _storage()
    user_id = user_id_for(args.user)
    envelope = RequestEnvelope(context=Context(system=SystemState(user=User(user_id=user_id))))
    try:
        adapter.delete_attributes(envelope)
    except PersistenceException as error:
        raise UsageError(str(error)) from error
    from skill.hosts.cli.reminders import forget

    forget(user_id)
    print(f"Deleted what was stored for {args.user}.")
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


def cmd_voices(args: argparse.Namespace) -> int:
    """List the voices of the speech engine."""
    from speech.voice import voices

    for voice in voices(args.devices.engine_factory):
        languages = ",".join(voice.languages)
        print(f"{voice.id:<24} {voice.name:<36} {languages}")
    return 0


class _Inputs(argparse.Action):
    """Collects typed utterances and --wav files into one list, in command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        """Append ("text", utterance) or ("wav", path) entries."""
        found = list(getattr(namespace, "inputs", None) or [])
        kind = "wav" if option_string else "text"
        items = [values] if isinstance(values, str) else list(values or [])
        found.extend((kind, str(item)) for item in items)
        namespace.inputs = found


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


def build_parser() -> argparse.ArgumentParser:
    """The command line: subcommands and their options."""
    parser: argparse.ArgumentParser = _Parser(
        prog="trust-coach", description="Trust Coach, the Alexa skill, offline on your computer."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

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
    from skill.hosts.cli.reminders import add_grant_flag

    add_grant_flag(talk)
    talk.add_argument(
        "--no-wait",
        action="store_true",
        help="without audio, skip the exercise's quiet time instead of counting it down",
    )

    simulated.add_device_argument(talk)
    say = commands.add_parser(
        "say", parents=[talk], help="run utterances as consecutive turns of one conversation"
    )
    say.add_argument("utterances", nargs="*", metavar="UTTERANCE", action=_Inputs)
    say.add_argument(
        "--wav",
        action=_Inputs,
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


def main(argv: Sequence[str] | None = None, devices: Devices | None = None) -> int:
    """Entry point of the `trust-coach` console script (devices: tests swap audio in/out)."""
    level, problem = level_from_env(os.environ, "WARNING")
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if problem:
        logging.getLogger(__name__).warning("%s", problem)
    args = build_parser().parse_args(argv)
    args.devices = devices or Devices()
    try:
        code: int = args.run(args)
    except (UsageError, UnknownLocaleError, simulated.TouchError) as error:
        print(f"trust-coach: {error}", file=sys.stderr)
        return 2
    except SpeechError as error:
        print(f"trust-coach: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`trust-coach voices | head`); say nothing more on stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        from skill.hosts.cli.reminders import stop

        stop(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
