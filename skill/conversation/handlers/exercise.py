"""Starting and resuming the guided active-listening exercise."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation import answers, exercise
from skill.conversation.handlers.base import Handler

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
        """Continue at the saved step, or say there is nothing to resume."""
        response = exercise.resume(handler_input)
        if response is not None:
            return response
        return answers.ask_line(handler_input, "resume_nothing")
