"""Request handlers: each decides, builds speech from the content data, and replies."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response, SessionEndedRequest, Slot
from ask_sdk_model.slu.entityresolution import StatusCode

from skill import exercise
from skill.content import Strategy
from skill.state import TipPlan, visits_total
from skill.turn import Turn, ask, intent_name, join, tell
from speech import ssml

_LOGGER = logging.getLogger(__name__)


class Handler(AbstractRequestHandler):
    """A handler for a fixed set of intents (or request types)."""

    intents: frozenset[str] = frozenset()
    """Intent names this handler answers."""
    request_types: frozenset[str] = frozenset()
    """Request types (other than IntentRequest) this handler answers."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Whether this handler answers the request."""
        request = handler_input.request_envelope.request
        if isinstance(request, IntentRequest):
            return intent_name(handler_input) in self.intents
        return getattr(request, "object_type", None) in self.request_types

    def handle(self, handler_input: HandlerInput) -> Response:
        """Answer the request."""
        raise NotImplementedError


# Replies shared by several handlers.


def speak_tip(
    handler_input: HandlerInput, strategy: Strategy, *prefix: str, plan: TipPlan | None = None
) -> Response:
    """Speak a strategy's short tip, record it as heard, and offer to tell more."""
    turn = Turn.of(handler_input)
    if plan is None:
        plan = TipPlan.from_attributes(turn.user.get("tips"), turn.content.strategy_ids)
    plan.mark_heard(strategy.id)
    turn.user["tips"] = plan.to_attributes()
    turn.user["last_strategy"] = {"id": strategy.id, "at": turn.timestamp}
    turn.changed()
    session = turn.session
    session.last_kind, session.last_id = "tip", strategy.id
    session.history = (*session.history, strategy.id)
    # Asking for a tip leaves the exercise; its progress stays saved for "resume the exercise".
    session.exercise_step = None
    speech = join(
        *prefix,
        turn.say("tip_intro", number=strategy.number, title=strategy.title),
        ssml.escape(strategy.tip),
        turn.say("tip_question"),
    )
    return ask(
        handler_input,
        speech,
        turn.say("tip_reprompt"),
        yes="more",
        no="another",
        card=(strategy.title, strategy.card),
    )


def next_tip(handler_input: HandlerInput) -> Response:
    """The next tip the user has not heard in this round."""
    turn = Turn.of(handler_input)
    ids = turn.content.strategy_ids
    plan = TipPlan.from_attributes(turn.user.get("tips"), ids)
    tip_id, new_round = plan.next_tip(turn.user_id, ids)
    turn.session.list_index = None
    strategy = turn.content.strategy(tip_id)
    assert strategy is not None
    intro = turn.say("round_complete") if new_round else ""
    return speak_tip(handler_input, strategy, intro, plan=plan)


def tell_more(handler_input: HandlerInput) -> Response:
    """The longer version of whatever was said last."""
    turn = Turn.of(handler_input)
    session = turn.session
    strategy = turn.content.strategy(session.last_id or "")
    if session.last_kind in ("tip", "more") and strategy is not None:
        session.last_kind = "more"
        speech = join(ssml.escape(strategy.more), turn.say("more_question"))
        return ask(
            handler_input,
            speech,
            turn.say("more_reprompt"),
            yes="tip",
            no="goodbye",
            card=(strategy.title, strategy.card),
        )
    if session.last_kind == "topic":
        return ask(
            handler_input, turn.say("more_topic_done"), turn.say("topic_reprompt"), yes="tip"
        )
    return ask(handler_input, turn.say("more_nothing"), turn.say("more_nothing"), yes="tip")


def goodbye(handler_input: HandlerInput) -> Response:
    """End the session with a short goodbye."""
    return tell(handler_input, Turn.of(handler_input).say("goodbye"))


def offer_tip(handler_input: HandlerInput, key: str) -> Response:
    """After a "no": offer a (different) tip with the line ``key``."""
    speech = Turn.of(handler_input).say(key)
    return ask(handler_input, speech, speech, yes="tip", no="goodbye")


def safety(handler_input: HandlerInput) -> Response:
    """The safety message: no tip, emergency services and a confidential helpline."""
    turn = Turn.of(handler_input)
    turn.session.exercise_step = None
    turn.session.last_kind, turn.session.last_id = "line", None
    speech = ssml.escape(turn.content.safety(turn.locale))
    return ask(handler_input, speech, turn.say("safety_reprompt"), yes="safety", no="goodbye")


def list_position(handler_input: HandlerInput, index: int) -> Response:
    """Speak the strategy at ``index`` of the list, keeping the list as the context."""
    turn = Turn.of(handler_input)
    strategies = turn.content.strategies
    index = max(0, min(index, len(strategies) - 1))
    response = speak_tip(handler_input, strategies[index])
    turn.session.list_index = index
    return response


def fallback_reply(handler_input: HandlerInput) -> Response:
    """What the skill can do, when it did not understand."""
    turn = Turn.of(handler_input)
    if turn.session.exercise_step is not None:
        return exercise.fallback(handler_input)
    return ask(handler_input, turn.say("fallback"), turn.say("fallback_reprompt"))


ACTIONS: dict[str, Callable[[HandlerInput], Response]] = {
    "more": tell_more,
    "tip": next_tip,
    "another": lambda hi: offer_tip(hi, "another_question"),
    "offer_tip": lambda hi: offer_tip(hi, "offer_tip"),
    "goodbye": goodbye,
    "safety": safety,
    "exercise_start": exercise.start,
    "exercise_continue": lambda hi: exercise.resume(hi) or exercise.start(hi),
    "exercise_restart": exercise.restart,
    "exercise_next": exercise.advance,
    "exercise_stay": exercise.fallback,
}
"""What "yes" and "no" can mean, by the action name a question left in the session."""


# Handlers, in the order they are registered.


class LaunchHandler(Handler):
    """Opening the skill: a welcome on the first visit, a shorter one later."""

    request_types = frozenset({"LaunchRequest"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Welcome the user and offer the two main things to do."""
        turn = Turn.of(handler_input)
        finished = turn.user.get("exercise_finished")
        paused = exercise.saved_step(turn)
        if visits_total(turn.user) <= 1:
            key = "welcome"
        elif paused is not None and paused > 0:
            title = turn.content.exercise.steps[paused].title
            speech = turn.say("welcome_back_paused", step=title)
            return ask(handler_input, speech, speech, yes="exercise_continue", no="offer_tip")
        elif isinstance(finished, dict) and not finished.get("mentioned"):
            finished["mentioned"] = True
            turn.changed()
            key = "welcome_back_finished"
        else:
            key = "welcome_back"
        return ask(handler_input, turn.say(key), turn.say("welcome_reprompt"), yes="tip")


class TrustTipHandler(Handler):
    """A short tip the user has not heard yet."""

    intents = frozenset({"TrustTipIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the next unheard tip."""
        return next_tip(handler_input)


def _resolved_id(slot: Slot | None) -> str | None:
    """The entity-resolution id of a custom slot, when Alexa matched a value."""
    resolutions = getattr(slot, "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value_id = authority.values[0].value.id
            return value_id if isinstance(value_id, str) else None
    return None


def _number(slot: Slot | None) -> int | None:
    """An AMAZON.NUMBER slot's value, when it is a whole number."""
    value = getattr(slot, "value", None)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


class StrategyHandler(Handler):
    """A specific strategy by name or number."""

    intents = frozenset({"StrategyIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the strategy asked for, or explain how to choose one."""
        turn = Turn.of(handler_input)
        request = handler_input.request_envelope.request
        intent = request.intent if isinstance(request, IntentRequest) else None
        slots = (intent.slots if intent else None) or {}
        strategy = turn.content.strategy(_resolved_id(slots.get("strategy")) or "")
        number = _number(slots.get("number"))
        if strategy is None and number is not None:
            strategy = turn.content.strategy_number(number)
            if strategy is None:
                speech = turn.say("strategy_out_of_range", number=number)
                return ask(handler_input, speech, turn.say("list_reprompt"))
        if strategy is None:
            return ask(handler_input, turn.say("strategy_unknown"), turn.say("list_reprompt"))
        return list_position(handler_input, strategy.number - 1)


class ListStrategiesHandler(Handler):
    """Names the nine strategies; Next and Previous then move through them."""

    intents = frozenset({"ListStrategiesIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Name the strategies and ask which one to hear."""
        turn = Turn.of(handler_input)
        turn.session.exercise_step = None
        turn.session.list_index = -1
        turn.session.last_kind, turn.session.last_id = "list", None
        return ask(handler_input, turn.say("list_strategies"), turn.say("list_reprompt"))


class TellMeMoreHandler(Handler):
    """The longer version of whatever was said last."""

    intents = frozenset({"TellMeMoreIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the longer version."""
        return tell_more(handler_input)


class TopicHandler(Handler):
    """Answers about the article's other sections, one intent per section."""

    def __init__(self, topic_intents: frozenset[str]) -> None:
        self.intents = topic_intents

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the topic's answer and offer a tip."""
        turn = Turn.of(handler_input)
        topic = turn.content.topic_for_intent(intent_name(handler_input) or "")
        assert topic is not None
        turn.session.exercise_step = None
        turn.session.last_kind, turn.session.last_id = "topic", topic.id
        return ask(
            handler_input,
            join(ssml.escape(topic.speech), turn.say("topic_question")),
            turn.say("topic_reprompt"),
            yes="tip",
            no="goodbye",
            card=(topic.title, topic.card),
        )


class ExerciseHandler(Handler):
    """Starts the guided active-listening exercise."""

    intents = frozenset({"ActiveListeningExerciseIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Start it, or offer to continue an unfinished one."""
        return exercise.start(handler_input)


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
        return ask(handler_input, turn.say("help"), turn.say("help_reprompt"))


class StopHandler(Handler):
    """Stop, Cancel and Home end the session at once (exercise progress stays saved)."""

    intents = frozenset({"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Say goodbye."""
        return goodbye(handler_input)


class FallbackHandler(Handler):
    """An utterance that matches nothing."""

    intents = frozenset({"AMAZON.FallbackIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Say what the skill can do (inside the exercise: re-offer the step)."""
        return fallback_reply(handler_input)


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
        return ask(handler_input, turn.say("nav_nothing"), turn.say("nav_nothing"), yes="tip")


class StartOverHandler(Handler):
    """Start over: the exercise from its first step, or the strategy list from the first."""

    intents = frozenset({"AMAZON.StartOverIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Go back to the beginning of the current context."""
        if Turn.of(handler_input).session.exercise_step is not None:
            return exercise.restart(handler_input)
        return list_position(handler_input, 0)


class RepeatHandler(Handler):
    """Repeat the last response exactly."""

    intents = frozenset({"AMAZON.RepeatIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the last response again, with the same follow-up."""
        turn = Turn.of(handler_input)
        session = turn.session
        if session.last_ssml and session.last_reprompt:
            return ask(
                handler_input,
                session.last_ssml,
                session.last_reprompt,
                yes=session.pending,
                no=session.declined,
            )
        return ask(handler_input, turn.say("repeat_nothing"), turn.say("help_reprompt"))


class PauseHandler(Handler):
    """Pause: inside the exercise keep the progress; either way end the session."""

    intents = frozenset({"AMAZON.PauseIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Save and end."""
        turn = Turn.of(handler_input)
        if turn.session.exercise_step is not None:
            return exercise.pause(handler_input)
        return tell(handler_input, turn.say("paused"))


class ResumeHandler(Handler):
    """Resume the exercise, in this session or a later one."""

    intents = frozenset({"AMAZON.ResumeIntent", "ResumeExerciseIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Continue at the saved step, or say there is nothing to resume."""
        response = exercise.resume(handler_input)
        if response is not None:
            return response
        turn = Turn.of(handler_input)
        speech = turn.say("resume_nothing")
        return ask(handler_input, speech, speech, yes="exercise_start", no="goodbye")


class YesNoHandler(Handler):
    """Yes and No answer the last question the skill asked."""

    intents = frozenset({"AMAZON.YesIntent", "AMAZON.NoIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Do what the answer means; with no open question, yes is a tip and no is goodbye."""
        session = Turn.of(handler_input).session
        if intent_name(handler_input) == "AMAZON.YesIntent":
            action = session.pending or "tip"
        else:
            action = session.declined or "goodbye"
        return ACTIONS.get(action, next_tip)(handler_input)


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
            return ask(handler_input, turn.say("error"), turn.say("error_reprompt"), yes="tip")
        except Exception:
            _LOGGER.exception("the error reply failed too; answering from the default content")
            from skill.content import load

            content = load()
            builder = handler_input.response_builder
            builder.speak(ssml.escape(content.line("error")))
            builder.ask(ssml.escape(content.line("error_reprompt")))
            return builder.set_should_end_session(False).response


def request_handlers(topic_intents: frozenset[str]) -> tuple[AbstractRequestHandler, ...]:
    """Every request handler of the skill, in the order ask-sdk tries them."""
    return (
        LaunchHandler(),
        SafetyHandler(),
        TrustTipHandler(),
        StrategyHandler(),
        ListStrategiesHandler(),
        TellMeMoreHandler(),
        TopicHandler(topic_intents),
        ExerciseHandler(),
        ResumeHandler(),
        HelpHandler(),
        StopHandler(),
        FallbackHandler(),
        NextHandler(),
        PreviousHandler(),
        StartOverHandler(),
        RepeatHandler(),
        PauseHandler(),
        YesNoHandler(),
        SessionEndedHandler(),
        UnknownIntentHandler(),
    )
