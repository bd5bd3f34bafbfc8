"""Run the web endpoint on waitress, a production WSGI server: `trust-coach serve`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

_LOGGER = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_THREADS = 8


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
    import waitress  # the web extra is optional

    from skill.hosts.web.app import create_app  # Flask only when serving

    app = create_app({**(config or {}), "ENDPOINT_PATH": path, "VERIFY": verify})
    _LOGGER.info("serving the skill at http://%s:%s%s (put TLS in front of it)", host, port, path)
    waitress.serve(app, host=host, port=port, threads=threads, ident="trust-coach")


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
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default %(default)s)")
    parser.add_argument("--path", default="/", help="the endpoint's path (default %(default)s)")
    parser.add_argument(
        "--threads", type=int, default=DEFAULT_THREADS, help="worker threads (default %(default)s)"
    )
    parser.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        help="skip Alexa's signature and timestamp checks (local tools only, never in public)",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Run ``serve`` from parsed arguments."""
    if "TRUST_COACH_LOG_LEVEL" not in os.environ:
        # A server's log is its only witness; the CLI's quiet default does not fit here.
        logging.getLogger().setLevel(logging.INFO)
    serve(args.host, args.port, args.path, args.verify, threads=args.threads)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m skill.hosts.web.serve``: the same options as ``trust-coach serve``."""
    logging.basicConfig(
        level=os.environ.get("TRUST_COACH_LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    parser = argparse.ArgumentParser(prog="python -m skill.hosts.web.serve", description=__doc__)
    _add_arguments(parser)
    try:
        return cmd_serve(parser.parse_args(argv))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
