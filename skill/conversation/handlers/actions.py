"""Replies shared by several handlers, and what yes and no can mean after a question."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.content import Strategy
from skill.conversation import exercise
from skill.conversation.state import TipPlan
from skill.conversation.turn import Turn, ask, join, tell
from speech import ssml

_LOGGER = logging.getLogger(__name__)


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
    speech = turn.say("safety")
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
