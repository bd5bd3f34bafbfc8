"""Errors that cross the skill's boundary to its hosts."""

from __future__ import annotations


class TrustCoachError(Exception):
    """Base class for the skill's own errors."""


class WrongSkillError(TrustCoachError):
    """The request is addressed to another skill id."""


class ConfigurationError(TrustCoachError):
    """The environment asks for something that cannot work (e.g. an unusable database path)."""


class UnknownLocaleError(TrustCoachError, ValueError):
    """A locale the skill does not have was asked for by name (not by a request)."""


class ContentError(TrustCoachError, ValueError):
    """A content file cannot be read or does not fit the content it extends."""
