"""The one error of the deploy tools."""

from __future__ import annotations

from skill.errors import TrustCoachError


class PackageError(TrustCoachError):
    """The deployment package cannot be built; the message says why, in one line."""
