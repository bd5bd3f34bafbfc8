"""`trust-coach console`: the test console, a local web page over the local mode's simulator."""

from __future__ import annotations

import argparse
import logging
import sys
import wave
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.hosts.web.console.desk import Hearing
    from speech.audio import Audio

_LOGGER = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
THREADS = 4
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def add_console_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``console`` subcommand to an argparse subparsers object."""
    from skill.hosts.web.serve import _port

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "console",
        help="try the skill in the browser: transcript, audio, card, screen preview, JSON",
        description="A local web page for trying the skill offline (the simulator of `say`).",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default %(default)s: this computer)"
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="port, 1-65535 (default %(default)s)"
    )
    parser.set_defaults(run=cmd_console)
    return parser


def hosts_for(host: str) -> frozenset[str]:
    """The Host header names the console answers to when bound to ``host``."""
    from skill.hosts.web.console.app import LOOPBACK_NAMES

    if host in {"0.0.0.0", "::", ""}:
        return frozenset({"*"})
    return LOOPBACK_NAMES | {f"[{host}]" if ":" in host else host}


def hearing() -> Hearing | None:
    """Speech input for the console, as `say --wav` hears (None without the listen extra)."""
    from speech.errors import ListenUnavailable
    from speech.listen import require_recognizer

    try:
        require_recognizer()
    except ListenUnavailable as error:
        _LOGGER.info("the console cannot listen: %s", error)
        return None
    from skill.hosts.cli.hearing import recognizer, words_of
    from speech.audio import read_wav

    def hear(wav: bytes, locale: str) -> str:
        try:
            recording = read_wav(wav)
        except (wave.Error, EOFError, RuntimeError) as error:
            # wave's chunk reader raises a bare RuntimeError on a chunk that runs past the end.
            raise ValueError(f"not a PCM WAV recording ({error or 'truncated'})") from error
        return words_of(recognizer(locale).hear(speech_span(recording)), locale)

    return hear


def speech_span(audio: Audio) -> Audio:
    """The recording from where speech starts to where it ends, as the microphone's endpointer
    finds them (a button held before and after the words adds quiet the recognizer mishears)."""
    import pocketsphinx

    from speech.audio import Audio, resample, to_mono
    from speech.listen import END_OF_SPEECH, SAMPLE_RATE

    voice = resample(to_mono(audio), SAMPLE_RATE)
    endpointer = pocketsphinx.Endpointer(window=END_OF_SPEECH, sample_rate=SAMPLE_RATE)
    raw, size = voice.to_bytes(), int(endpointer.frame_bytes)
    start: float | None = None
    end = len(voice.samples) / SAMPLE_RATE
    for offset in range(0, len(raw) - size + 1, size):
        was_speaking = endpointer.in_speech
        endpointer.process(raw[offset : offset + size])
        if endpointer.in_speech and not was_speaking and start is None:
            start = float(endpointer.speech_start)
        elif was_speaking and not endpointer.in_speech:
            end = float(endpointer.speech_end)
    if start is None:
        return voice
    first, last = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
    return Audio(voice.samples[first:last], SAMPLE_RATE)


def cmd_console(args: argparse.Namespace) -> int:
    """Serve the console until Ctrl+C; a port that cannot be used is one line, exit 2."""
    from skill.hosts.cli.errors import UsageError
    from skill.hosts.cli.storage import storage

    try:
        from waitress.server import create_server

        from skill.hosts.web.console.app import create_app
    except ImportError as error:
        raise UsageError(
            f"the console needs the web extra: pip install 'trust-coach[web]' ({error.name})"
        ) from error
    config = {"ADAPTER": storage(), "HOSTS": hosts_for(args.host), "HEARING": hearing()}
    app = create_app(config)
    try:
        server = create_server(app, host=args.host, port=args.port, threads=THREADS)
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {error}") from error
    port = getattr(server, "effective_port", args.port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    if args.host not in LOOPBACK:
        print(
            f"trust-coach: the console is reachable from other machines on {args.host}; "
            "anyone who reaches it can talk as any user and reset them",
            file=sys.stderr,
        )
    print(f"Trust Coach console: http://{shown}:{port}/  (Ctrl+C stops it)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0
