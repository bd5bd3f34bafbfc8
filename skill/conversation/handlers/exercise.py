"""Starting and resuming the guided active-listening exercise."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation import answers, exercise
from skill.conversation.handlers.actions import follow
from skill.conversation.handlers.base import Handler
from skill.conversation.replies import intent_name
from skill.conversation.turn import Turn

_LOGGER = logging.getLogger(__name__)


class ExerciseHandler(Handler):
    """Starts the guided active-listening exercise."""

    intents = frozenset({"ActiveListeningExerciseIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Start it, or offer to continue an unfinished one."""
        return exercise.start(handler_input)


class ResumeHandler(Handler):
    """Resume the exercise, in this session or a later one."""

    intents = frozenset({"AMAZON.ResumeIntent", "ResumeExerciseIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Continue at the saved step, or say there is nothing to resume.

        Outside a routine, "continue" after "hang on" goes on with what was held: the question
        the skill held open (a tip's "more on this one?"), as a yes would.
        """
        session = Turn.of(handler_input).session
        held = session.pending if session.held and session.exercise_step is None else None
        if intent_name(handler_input) == "AMAZON.ResumeIntent" and held is not None:
            return follow(handler_input, held)
        response = exercise.resume(handler_input)
        if response is not None:
            return response
        return answers.ask_line(handler_input, "resume_nothing")
