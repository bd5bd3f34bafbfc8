"""Tips and strategies: a new tip, one by name or number, the list, tell me more, the topics."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from skill import screens
from skill.conversation.handlers.actions import (
    list_position,
    next_tip,
    speak_tip,
    tell_more,
)
from skill.conversation.handlers.base import Handler, resolved_id, whole_number
from skill.conversation.replies import ask, intent_name, join
from skill.conversation.state import FollowUp
from skill.conversation.turn import Turn
from speech import ssml

_LOGGER = logging.getLogger(__name__)


class TrustTipHandler(Handler):
    """A short tip the user has not heard yet."""

    intents = frozenset({"TrustTipIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the next unheard tip."""
        return next_tip(handler_input)


class StrategyHandler(Handler):
    """A specific strategy by name or number."""

    intents = frozenset({"StrategyIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the strategy asked for, or explain how to choose one."""
        turn = Turn.of(handler_input)
        request = handler_input.request_envelope.request
        intent = request.intent if isinstance(request, IntentRequest) else None
        slots = (intent.slots if intent else None) or {}
        strategy = turn.content.strategy(resolved_id(slots.get("strategy")) or "")
        number = whole_number(slots.get("number"))
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
        screens.show(handler_input, "list")
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
        """Speak the topic's short answer and offer the rest."""
        turn = Turn.of(handler_input)
        topic = turn.content.topic_for_intent(intent_name(handler_input) or "")
        assert topic is not None
        turn.session.exercise_step = None
        turn.session.last_kind, turn.session.last_id = "topic", topic.id
        screens.show(handler_input, "topic", topic=topic)
        return ask(
            handler_input,
            join(topic.speech, turn.say("topic_question")),
            turn.say("topic_reprompt"),
            yes=FollowUp.MORE,
            no=FollowUp.OFFER_TIP,
            card=(topic.title, topic.card),
        )


class SituationHandler(Handler):
    """What someone confides: one sentence of acknowledgement and the strategy that fits."""

    intents = frozenset({"SituationIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Acknowledge the situation and speak its strategy's short tip."""
        turn = Turn.of(handler_input)
        request = handler_input.request_envelope.request
        intent = request.intent if isinstance(request, IntentRequest) else None
        slots = (intent.slots if intent else None) or {}
        situation = turn.content.situations.get(resolved_id(slots.get("situation")) or "")
        strategy = turn.content.strategy(situation.strategy) if situation else None
        if situation is None or strategy is None:
            # Heard that something is wrong but not what: the first strategy, said gently.
            return speak_tip(
                handler_input, turn.content.strategies[0], turn.say("situation_unknown")
            )
        return speak_tip(handler_input, strategy, ssml.text(situation.acknowledgement))


class ThanksHandler(Handler):
    """A warm reply to thanks that keeps the door open."""

    intents = frozenset({"ThanksIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Say you're welcome and offer another tip."""
        turn = Turn.of(handler_input)
        return ask(
            handler_input,
            turn.content.line("thanks"),
            turn.content.line("thanks_reprompt"),
            yes=FollowUp.TIP,
            no=FollowUp.GOODBYE,
        )
