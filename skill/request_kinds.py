"""Which Alexa requests a skill may answer with speech: one rule for the hosts and the handlers."""

from __future__ import annotations

SILENT_REQUEST_TYPES = frozenset(
    {"SessionEndedRequest", "CanFulfillIntentRequest", "System.ExceptionEncountered"}
)
"""Requests whose response must carry no speech, reprompt or card."""
SILENT_REQUEST_PREFIXES = (
    "AudioPlayer.",
    "PlaybackController.",
    "Messaging.",
    "Reminders.",
    "AlexaSkillEvent.",
    "AlexaHouseholdListEvent.",
)
"""Families answered without speech: media events and buttons, and the events that reach a skill
outside any session (skill messages, reminder changes, skill and list events)."""


def speaks(kind: str | None) -> bool:
    """Whether a response to a request of this type may carry speech, a reprompt or a card."""
    if kind is None:
        return True
    return kind not in SILENT_REQUEST_TYPES and not kind.startswith(SILENT_REQUEST_PREFIXES)
