"""Logging of what strangers send: clipped, and at most a few lines per minute per kind."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping

MAX_LOGGED_CHARACTERS = 120
"""Attacker-controlled text is cut to this many characters (repr-escaped) before it is logged."""
LINES_PER_PERIOD = 10
"""Lines of one kind logged per period; the rest are counted and summed up in the next line."""
PERIOD_SECONDS = 60.0
"""The rate limiter's period."""


def clip(text: object, limit: int = MAX_LOGGED_CHARACTERS) -> str:
    """``text`` as a one-line printable repr, cut to ``limit`` characters."""
    shown = repr(str(text))
    return shown if len(shown) <= limit else f"{shown[: limit - 5]}...'({len(shown)})"


class RateLimitedLog:
    """Logs one kind of line at most ``lines`` times per ``period`` seconds, counting the rest."""

    def __init__(
        self,
        logger: logging.Logger,
        level: int,
        lines: int = LINES_PER_PERIOD,
        period: float = PERIOD_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Log to ``logger`` at ``level``."""
        self._logger = logger
        self._level = level
        self._lines = lines
        self._period = period
        self._clock = clock
        self._lock = threading.Lock()
        self._started = clock()
        self._count = 0
        self._suppressed = 0

    def __call__(self, message: str, *args: object) -> None:
        """Log ``message % args`` unless this period's lines are used up."""
        if not self._logger.isEnabledFor(self._level):
            return
        with self._lock:
            now = self._clock()
            if now - self._started >= self._period:
                self._started, self._count = now, 0
            if self._count >= self._lines:
                self._suppressed += 1
                return
            self._count += 1
            suppressed, self._suppressed = self._suppressed, 0
        if suppressed:
            message = f"{message} (and {suppressed} more like it not logged)"
        self._logger.log(self._level, message, *args)


LOG_LEVEL_ENV = "TRUST_COACH_LOG_LEVEL"
"""Environment variable naming the logging level."""


def level_from_env(environ: Mapping[str, str], default: str) -> tuple[int, str | None]:
    """The logging level ``TRUST_COACH_LOG_LEVEL`` names (any case, or a number), else ``default``.

    The second item is a one-line warning to log when the variable names no level: a typo in the
    environment must not stop a server, a Lambda function or the command line.
    """
    text = environ.get(LOG_LEVEL_ENV, "").strip()
    fallback = logging.getLevelNamesMapping()[default]
    if not text:
        return fallback, None
    if text.isdigit():
        return int(text), None
    level = logging.getLevelNamesMapping().get(text.upper())
    if level is None:
        names = "DEBUG, INFO, WARNING, ERROR, CRITICAL"
        return (
            fallback,
            f"{LOG_LEVEL_ENV}={clip(text, 40)} is not a level ({names}): ignored",
        )
    return level, None
