"""The `trust-coach` command: talk to the skill offline (say, chat) and run its tools."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from skill.errors import UnknownLocaleError
from skill.hosts.cli import device as simulated
from skill.hosts.cli.errors import UsageError
from skill.hosts.cli.hardware import Devices
from skill.hosts.cli.parsing import build_parser
from skill.hosts.quietlog import level_from_env
from speech.errors import SpeechError

__all__ = ["Devices", "build_parser", "main"]


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
