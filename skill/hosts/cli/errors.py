"""The one error the CLI's commands raise for a problem the user can fix."""

from __future__ import annotations


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""
