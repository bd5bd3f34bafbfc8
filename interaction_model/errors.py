"""Errors raised when an interaction model cannot be loaded."""


class InteractionModelError(Exception):
    """Base class for interaction model errors."""


class ModelNotFoundError(InteractionModelError, LookupError):
    """There is no interaction model file where one was asked for."""


class UnknownLocaleError(ModelNotFoundError):
    """No interaction model ships for the requested locale."""


class ModelFormatError(InteractionModelError, ValueError):
    """An interaction model file does not have the shape Alexa uses."""
