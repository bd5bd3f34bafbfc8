"""Opening and closing: launch, help, stop, fallback, pause, safety, session end and errors."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response, SessionEndedRequest

from skill.conversation import answers, exercise
from skill.conversation.handlers.actions import (
    confirm_forget,
    fallback_reply,
    goodbye,
    hold_on,
    safety,
)
from skill.conversation.handlers.base import Handler
from skill.conversation.persons import person_id
from skill.conversation.replies import ask, intent_name, tell
from skill.conversation.state import Answer, FollowUp
from skill.conversation.turn import Turn
from skill.request_kinds import speaks
from speech import ssml

_LOGGER = logging.getLogger(__name__)


class LaunchHandler(Handler):
    """Opening the skill: a welcome on the first visit, a shorter one later."""

    request_types = frozenset({"LaunchRequest"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Welcome the user and offer the two main things to do."""
        turn = Turn.of(handler_input)
        finished = turn.user.exercise_finished
        # The routine saved last is the one offered (the one "resume" picks up), else the other.
        latest = exercise.latest_saved(turn)
        routines = sorted(exercise.ROUTINES, key=lambda r: r is not latest)
        paused = next(
            ((r, step) for r in routines if (step := exercise.saved_step(turn, r)) and step > 0),
            None,
        )
        if turn.user.visits_total <= 1:
            key = "welcome"
        elif paused is not None:
            return exercise.offer_resume(handler_input, paused[1], paused[0], at_launch=True)
        elif finished is not None and not finished.mentioned:
            finished.mentioned = True
            key = "welcome_back_finished"
        else:
            person = person_id(handler_input)
            if person is not None:
                # Alexa says the recognized speaker's first name in place of the tag.
                line = ssml.escape(turn.content.names["welcome_back"])
                speech = ssml.Fragment(line.format(name=ssml.first_name(person)))
                return ask(handler_input, speech, turn.say("welcome_reprompt"), yes=FollowUp.TIP)
            key = "welcome_back"
        return answers.ask_line(handler_input, key)


class SafetyHandler(Handler):
    """The user feels unsafe or is being hurt."""

    intents = frozenset({"SafetyIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the safety message."""
        return safety(handler_input)


class HelpHandler(Handler):
    """What the user can say (inside the exercise: what they can say there)."""

    intents = frozenset({"AMAZON.HelpIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Explain and keep the session open."""
        turn = Turn.of(handler_input)
        if turn.session.exercise_step is not None:
            return exercise.help_(handler_input)
        if turn.session.said is None:
            # Nothing real was said yet: then Repeat may repeat the help.
            return answers.ask_line(handler_input, "help")
        if turn.session.said.kind is Answer.REMINDER:
            from skill.conversation.handlers.reminders import help_

            return help_(handler_input)
        return ask(handler_input, turn.say("help"), turn.say("help_reprompt"))


class StopHandler(Handler):
    """Stop, Cancel and Home end the session at once (exercise progress stays saved)."""

    intents = frozenset({"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Say goodbye (inside a routine: that its place is saved)."""
        turn = Turn.of(handler_input)
        if turn.session.exercise_step is not None:
            return tell(handler_input, exercise.line(turn, "stopped"))
        return goodbye(handler_input)


class ForgetMeHandler(Handler):
    """ "Forget me" / "reset my progress": asks first, then deletes the user's stored data."""

    intents = frozenset({"ForgetMeIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Ask for confirmation."""
        return confirm_forget(handler_input)


class FallbackHandler(Handler):
    """An utterance that matches nothing."""

    intents = frozenset({"AMAZON.FallbackIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Say what the skill can do (inside the exercise: re-offer the step)."""
        return fallback_reply(handler_input)


class PauseHandler(Handler):
    """Pause: inside a routine keep its progress and end; elsewhere ("hang on") wait."""

    intents = frozenset({"AMAZON.PauseIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Save and end, or keep the session open with the last question."""
        if Turn.of(handler_input).session.exercise_step is not None:
            return exercise.pause(handler_input)
        return hold_on(handler_input)


class SessionEndedHandler(Handler):
    """The session ended (the user left, said nothing, or an error): no speech."""

    request_types = frozenset({"SessionEndedRequest"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Log why and return an empty response."""
        request = handler_input.request_envelope.request
        if isinstance(request, SessionEndedRequest):
            _LOGGER.info("session ended: %s %s", request.reason, request.error)
        return handler_input.response_builder.response


class UnknownIntentHandler(AbstractRequestHandler):
    """An intent this skill does not know (an older model, another skill's request)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Any IntentRequest no other handler took."""
        return isinstance(handler_input.request_envelope.request, IntentRequest)

    def handle(self, handler_input: HandlerInput) -> Response:
        """Answer like Fallback."""
        _LOGGER.warning("no handler for intent %r", intent_name(handler_input))
        return fallback_reply(handler_input)


class UnhandledRequestHandler(AbstractRequestHandler):
    """Any request no other handler took: a media or skill event gets an empty response."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Every request (this handler is tried last)."""
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        """Nothing for a request that must not speak; otherwise answer like Fallback."""
        kind = getattr(handler_input.request_envelope.request, "object_type", None)
        if not speaks(kind):
            _LOGGER.debug("no handler for a %s: answered with nothing", kind)
            return handler_input.response_builder.response
        _LOGGER.warning("no handler for a %r request", kind)
        return fallback_reply(handler_input)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Any unexpected error: a spoken apology and a way forward, never a crash."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        """Every exception."""
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        """Log the error and apologise."""
        _LOGGER.error("error while handling a request: %s", exception, exc_info=exception)
        try:
            turn = Turn.of(handler_input)
            return ask(
                handler_input, turn.say("error"), turn.say("error_reprompt"), yes=FollowUp.TIP
            )
        except Exception:
            _LOGGER.exception("the error reply failed too; answering from the default content")
            from skill.content import load

            content = load()
            builder = handler_input.response_builder
            builder.speak(ssml.join(content.line("error")))
            builder.ask(ssml.join(content.line("error_reprompt")))
            return builder.set_should_end_session(False).response
