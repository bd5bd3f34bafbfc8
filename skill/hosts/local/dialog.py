"""What the skill is waiting for, read from the session it keeps, for the offline resolver.

Alexa's NLU hears a reply with its dialog; the local mode tells the resolver the same from the
session attributes the skill sent back (interaction_model.context explains what each part
changes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interaction_model.context import Context
from skill.conversation.state import FollowUp, Session

PAUSE_INTENT = "AMAZON.PauseIntent"


def context_of(
    attributes: Mapping[str, Any], *, in_session: bool, last_intent: str | None
) -> Context:
    """The context of the next utterance: an open question, the routine's first step (names),
    a running step, the reminder's day and time asked for, a pause held."""
    if not in_session:
        return Context()
    session = Session.from_attributes(attributes)
    step = session.exercise_step
    return Context(
        question=bool(attributes.get("pending")),
        names=step == 0,
        routine=step is not None,
        reminder_time=session.pending is FollowUp.REMINDER_SET,
        paused=session.held or (last_intent == PAUSE_INTENT and step is None),
    )
