"""Moving through the current context: next, previous, start over, repeat, yes and no."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation import answers, exercise
from skill.conversation.handlers.actions import (
    follow,
    list_position,
    next_tip,
    repeat,
    speak_tip,
)
from skill.conversation.handlers.base import Handler
from skill.conversation.replies import ask, intent_name
from skill.conversation.state import Answer, FollowUp
from skill.conversation.turn import Turn

_LOGGER = logging.getLogger(__name__)


class NextHandler(Handler):
    """Next: the next exercise step, the next strategy in the list, or another tip."""

    intents = frozenset({"AMAZON.NextIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Move forward in the current context."""
        session = Turn.of(handler_input).session
        if session.exercise_step is not None:
            return exercise.advance(handler_input)
        if session.list_index is not None:
            return list_position(handler_input, session.list_index + 1)
        return next_tip(handler_input)


class PreviousHandler(Handler):
    """Previous: the previous exercise step, list entry, or tip of this session."""

    intents = frozenset({"AMAZON.PreviousIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Move back in the current context."""
        turn = Turn.of(handler_input)
        session = turn.session
        if session.exercise_step is not None:
            return exercise.back(handler_input)
        if session.list_index is not None:
            if session.list_index <= 0:
                return ask(handler_input, turn.say("list_at_start"), turn.say("list_reprompt"))
            return list_position(handler_input, session.list_index - 1)
        if len(session.history) >= 2:
            strategy = turn.content.strategy(session.history[-2])
            if strategy is not None:
                session.history = session.history[:-2]
                return speak_tip(handler_input, strategy)
        if session.history:
            return answers.ask_line(handler_input, "previous_first")
        return ask(
            handler_input, turn.say("nav_nothing"), turn.say("nav_nothing"), yes=FollowUp.TIP
        )


class StartOverHandler(Handler):
    """Start over: the routine from its first step (also when offered to pick it up), or the
    strategy list from the first."""

    intents = frozenset({"AMAZON.StartOverIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Go back to the beginning of the current context."""
        session = Turn.of(handler_input).session
        if session.exercise_step is not None:
            return exercise.restart(handler_input)
        said = session.said
        if said is not None and said.kind is Answer.RESUME_OFFER:
            return exercise.restart(handler_input, exercise.routine_of(said))
        return list_position(handler_input, 0)


class RepeatHandler(Handler):
    """Repeat the last real answer (never an error, fallback or help line)."""

    intents = frozenset({"AMAZON.RepeatIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Rebuild the last real answer from the content, with the same follow-up."""
        return repeat(handler_input)


class YesNoHandler(Handler):
    """Yes and No answer the last question the skill asked."""

    intents = frozenset({"AMAZON.YesIntent", "AMAZON.NoIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Do what the answer means; with no open question, yes is a tip and no is goodbye
        (inside a routine: yes goes on to the next step and no waits)."""
        session = Turn.of(handler_input).session
        in_routine = session.exercise_step is not None
        if intent_name(handler_input) == "AMAZON.YesIntent":
            action = session.pending or (FollowUp.EXERCISE_NEXT if in_routine else FollowUp.TIP)
        else:
            action = session.declined or (
                FollowUp.EXERCISE_STAY if in_routine else FollowUp.GOODBYE
            )
        return follow(handler_input, action)
