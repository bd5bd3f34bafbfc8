"""Starting the guided weekly check-in (its steps are steered like the exercise's)."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.conversation import exercise
from skill.conversation.handlers.base import Handler


class CheckInHandler(Handler):
    """Starts the weekly check-in, or offers to continue an unfinished one."""

    intents = frozenset({"CheckInIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Start it, or offer to continue the saved one."""
        return exercise.start(handler_input, exercise.CHECKIN)
