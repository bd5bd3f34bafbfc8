"""Run the web endpoint on waitress, a production WSGI server: `trust-coach serve`."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_LOGGER = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_THREADS = 8
CONNECTION_LIMIT = 1000
"""Open connections waitress accepts (its default, 100, lets 100 idle sockets shut everyone out);
lowered to fit under the process's file limit (see ``connection_limit``)."""
RESERVED_FILES = 128
"""File descriptors kept free beside the connections: the listener, SQLite, downloads, logs."""
CHANNEL_TIMEOUT_SECONDS = 5
"""An idle connection is closed after this long (Alexa sends a whole request at once)."""
CLEANUP_INTERVAL_SECONDS = 1
"""How often waitress looks for idle connections to close."""
MAX_HEADER_BYTES = 16 * 1024
"""Alexa's headers are well under 4 KiB."""


class ServeError(Exception):
    """A serve option that cannot work; printed as one line."""


def waitress_options(max_body: int, threads: int) -> dict[str, Any]:
    """waitress's limits, sized from the app's own: bodies over ``max_body`` refused unread."""
    return {
        "threads": threads,
        "max_request_body_size": max_body,
        "max_request_header_size": MAX_HEADER_BYTES,
        "connection_limit": connection_limit(),
        # select() (waitress's default) fails on any descriptor past 1,023 and its loop dies:
        # 1,100 idle sockets stopped the whole server. poll() has no such limit.
        "asyncore_use_poll": True,
        "channel_timeout": CHANNEL_TIMEOUT_SECONDS,
        "cleanup_interval": CLEANUP_INTERVAL_SECONDS,
        "ident": "trust-coach",
    }


def connection_limit(wanted: int = CONNECTION_LIMIT) -> int:
    """``wanted`` connections, or fewer when the file limit cannot hold them (raised if it may).

    Past the limit waitress's accept() fails in a loop that logs a traceback each turn.
    """
    try:
        import resource
    except ImportError:  # not on Windows, whose sockets are not files
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + RESERVED_FILES
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - RESERVED_FILES))


class QueueDepthFilter(logging.Filter):
    """waitress's "Task queue depth is N" WARNING, at most once per ``period`` seconds.

    A burst of requests logs one line per queued request; a flood would fill the log.
    """

    def __init__(self, period: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        """Let one line through per ``period``."""
        super().__init__()
        self._period = period
        self._clock = clock
        self._next = -math.inf
        self._dropped = 0
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the line unless a period has passed; the next one says how many were dropped."""
        with self._lock:
            now = self._clock()
            if now < self._next:
                self._dropped += 1
                return False
            self._next = now + self._period
            dropped, self._dropped = self._dropped, 0
        if dropped:
            record.msg = f"{record.getMessage()} ({dropped} more such lines not logged)"
            record.args = ()
        return True


def quiet_queue_log() -> None:
    """Rate-limit waitress's queue-depth warnings (installed once)."""
    queue_log = logging.getLogger("waitress.queue")
    if not any(isinstance(f, QueueDepthFilter) for f in queue_log.filters):
        queue_log.addFilter(QueueDepthFilter())


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    path: str = "/",
    verify: bool = True,
    *,
    threads: int = DEFAULT_THREADS,
    config: Mapping[str, Any] | None = None,
) -> None:
    """Serve the skill until interrupted; ``config`` adds create_app keys (e.g. an adapter)."""
    from waitress.server import create_server  # the web extra is optional

    from skill.hosts.web.app import create_app  # Flask only when serving

    if not path.startswith("/"):
        raise ServeError(f"--path must start with /, e.g. /{path}")
    try:
        app = create_app({**(config or {}), "ENDPOINT_PATH": path, "VERIFY": verify})
    except ValueError as error:
        raise ServeError(str(error)) from error
    options = waitress_options(int(app.config["MAX_CONTENT_LENGTH"]), threads)
    quiet_queue_log()
    try:
        server = create_server(app, host=host, port=port, **options)
    except (OSError, ValueError) as error:
        raise ServeError(f"cannot listen on {host}:{port}: {error}") from error
    _LOGGER.info(
        "serving the skill at http://%s:%s%s (put TLS in front of it)",
        host,
        getattr(server, "effective_port", port),
        path,
    )
    server.run()


def add_serve_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``serve`` subcommand to an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="serve the skill as an HTTPS endpoint's backend (behind a TLS proxy)",
        description="Serve the skill to Alexa as a web service, on waitress.",
    )
    _add_arguments(parser)
    parser.set_defaults(run=cmd_serve)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``serve``."""
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default %(default)s)"
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="port, 1-65535 (default %(default)s)"
    )
    parser.add_argument("--path", default="/", help="the endpoint's path (default %(default)s)")
    parser.add_argument(
        "--threads",
        type=_threads,
        default=DEFAULT_THREADS,
        help="worker threads (default %(default)s)",
    )
    parser.add_argument(
        "--skill-id", help="refuse requests for any other skill (default: TRUST_COACH_SKILL_ID)"
    )
    parser.add_argument(
        "--allow-any-skill",
        action="store_true",
        help="serve requests for any skill id (needed to start without a skill id)",
    )
    parser.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        help="skip Alexa's signature and timestamp checks (local tools only, never in public)",
    )


def _port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535, not {port}")
    return port


def _threads(text: str) -> int:
    """A number of worker threads, 1 to 256."""
    try:
        threads = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= threads <= 256:
        raise argparse.ArgumentTypeError(f"choose 1 to 256 threads, not {threads}")
    return threads


def cmd_serve(args: argparse.Namespace) -> int:
    """Run ``serve`` from parsed arguments; a problem with the options is one line, exit 2."""
    from skill.builder import skill_id_from_env
    from skill.hosts.quietlog import level_from_env

    # A server's log is its only witness; the CLI's quiet default does not fit here.
    logging.getLogger().setLevel(level_from_env(os.environ, "INFO")[0])
    skill_id = (getattr(args, "skill_id", None) or "").strip() or skill_id_from_env()
    allow_any = bool(getattr(args, "allow_any_skill", False))
    try:
        if not str(args.path).startswith("/"):
            raise ServeError(f"--path must start with /, e.g. /{args.path}")
        if args.verify and skill_id is None and not allow_any:
            raise ServeError(
                "set TRUST_COACH_SKILL_ID or --skill-id to your skill's id "
                "(or --allow-any-skill to serve every skill)"
            )
        if skill_id is None and args.verify:
            _LOGGER.warning("no skill id: requests signed by Alexa for ANY skill are served")
        config = {"SKILL_ID": skill_id} if skill_id else {}
        serve(args.host, args.port, args.path, args.verify, threads=args.threads, config=config)
    except ServeError as error:
        print(f"trust-coach serve: {error}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m skill.hosts.web.serve``: the same options as ``trust-coach serve``."""
    from skill.hosts.quietlog import level_from_env

    level, problem = level_from_env(os.environ, "INFO")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if problem:
        _LOGGER.warning("%s", problem)
    parser = argparse.ArgumentParser(prog="python -m skill.hosts.web.serve", description=__doc__)
    _add_arguments(parser)
    try:
        return cmd_serve(parser.parse_args(argv))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
