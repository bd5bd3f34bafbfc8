"""Replies shared by several handlers, and what yes and no can mean after a question."""

from __future__ import annotations

import logging
from typing import assert_never

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import screens
from skill.content import Strategy
from skill.conversation import exercise
from skill.conversation.persons import person_id
from skill.conversation.replies import ask, join, tell
from skill.conversation.state import FollowUp, Session, UserState
from skill.conversation.turn import Turn

_LOGGER = logging.getLogger(__name__)


def speak_tip(handler_input: HandlerInput, strategy: Strategy, *prefix: str) -> Response:
    """Speak a strategy's short tip, record it as heard, and offer to tell more."""
    turn = Turn.of(handler_input)
    turn.user.tips_for(person_id(handler_input)).mark_heard(strategy.id)
    session = turn.session
    session.last_kind, session.last_id = "tip", strategy.id
    session.history = (*session.history, strategy.id)
    # Asking for a tip leaves the exercise; its progress stays saved for "resume the exercise".
    session.exercise_step = None
    speech = join(
        *prefix,
        turn.say("tip_intro", number=strategy.number, title=strategy.title),
        strategy.tip,
        turn.say("tip_question"),
    )
    screens.show(handler_input, "tip", strategy=strategy)
    return ask(
        handler_input,
        speech,
        turn.say("tip_reprompt"),
        yes=FollowUp.MORE,
        no=FollowUp.ANOTHER,
        card=(strategy.title, strategy.card),
    )


def next_tip(handler_input: HandlerInput) -> Response:
    """The next tip the user has not heard in this round."""
    turn = Turn.of(handler_input)
    ids = turn.content.strategy_ids
    person = person_id(handler_input)
    seed = f"{turn.user_id}:{person}" if person else turn.user_id
    tip_id, new_round = turn.user.tips_for(person).next_tip(seed, ids)
    turn.session.list_index = None
    strategy = turn.content.strategy(tip_id)
    assert strategy is not None
    intro = turn.say("round_complete") if new_round else ""
    return speak_tip(handler_input, strategy, intro)


def tell_more(handler_input: HandlerInput) -> Response:
    """The longer version of whatever was said last."""
    turn = Turn.of(handler_input)
    session = turn.session
    strategy = turn.content.strategy(session.last_id or "")
    if session.last_kind in ("tip", "more") and strategy is not None:
        session.last_kind = "more"
        speech = join(strategy.more, turn.say("more_question"))
        screens.show(handler_input, "more", strategy=strategy)
        return ask(
            handler_input,
            speech,
            turn.say("more_reprompt"),
            yes=FollowUp.TIP,
            no=FollowUp.GOODBYE,
            card=(strategy.title, strategy.card),
        )
    topic = turn.content.topic(session.last_id or "")
    if session.last_kind == "topic" and topic is not None:
        session.last_kind = "topic_more"
        screens.show(handler_input, "topic_more", topic=topic)
        return ask(
            handler_input,
            join(topic.more, turn.say("topic_more_question")),
            turn.say("topic_more_question"),
            yes=FollowUp.TIP,
            no=FollowUp.GOODBYE,
            card=(topic.title, topic.card),
        )
    if session.last_kind == "topic_more":
        speech = turn.say("more_topic_done")
        return ask(handler_input, speech, speech, yes=FollowUp.TIP, no=FollowUp.GOODBYE)
    return ask(handler_input, turn.say("more_nothing"), turn.say("more_nothing"), yes=FollowUp.TIP)


def confirm_forget(handler_input: HandlerInput) -> Response:
    """Ask before forgetting the user: yes forgets, no offers a tip."""
    turn = Turn.of(handler_input)
    turn.session.last_kind, turn.session.last_id = "line", None
    return ask(
        handler_input,
        turn.say("forget_confirm"),
        turn.say("forget_reprompt"),
        yes=FollowUp.FORGET,
        no=FollowUp.OFFER_TIP,
    )


def forget(handler_input: HandlerInput) -> Response:
    """Delete everything stored for the user and end the session."""
    turn = Turn.of(handler_input)
    try:
        handler_input.attributes_manager.delete_persistent_attributes()
    except Exception as error:
        _LOGGER.warning("could not forget the user: %s", error)
        return tell(handler_input, turn.say("forget_failed"))
    turn.user = UserState()  # nothing of the old state is written back
    turn.session = Session()
    return tell(handler_input, turn.say("forget_done"))


def goodbye(handler_input: HandlerInput) -> Response:
    """End the session with a short goodbye."""
    return tell(handler_input, Turn.of(handler_input).say("goodbye"))


def offer_tip(handler_input: HandlerInput, key: str) -> Response:
    """After a "no": offer a (different) tip with the line ``key``."""
    speech = Turn.of(handler_input).say(key)
    return ask(handler_input, speech, speech, yes=FollowUp.TIP, no=FollowUp.GOODBYE)


def safety(handler_input: HandlerInput) -> Response:
    """The safety message: no tip, emergency services and a confidential helpline."""
    turn = Turn.of(handler_input)
    turn.session.exercise_step = None
    turn.session.last_kind, turn.session.last_id = "line", None
    speech = turn.say("safety")
    screens.show(handler_input, "safety")
    return ask(
        handler_input, speech, turn.say("safety_reprompt"), yes=FollowUp.SAFETY, no=FollowUp.GOODBYE
    )


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
    misses = turn.session.misses
    # A second miss in a row gets the short question, not the whole menu again.
    key = "fallback_again" if misses else "fallback"
    response = ask(handler_input, turn.say(key), turn.say("fallback_reprompt"), yes=FollowUp.TIP)
    turn.session.misses = misses + 1
    return response


def follow(handler_input: HandlerInput, action: FollowUp) -> Response:
    """Do what a "yes" or "no" means after the question that left ``action``."""
    match action:
        case FollowUp.MORE:
            return tell_more(handler_input)
        case FollowUp.TIP:
            return next_tip(handler_input)
        case FollowUp.ANOTHER:
            return offer_tip(handler_input, "another_question")
        case FollowUp.OFFER_TIP:
            return offer_tip(handler_input, "offer_tip")
        case FollowUp.GOODBYE:
            return goodbye(handler_input)
        case FollowUp.SAFETY:
            return safety(handler_input)
        case FollowUp.EXERCISE_START:
            return exercise.start(handler_input)
        case FollowUp.EXERCISE_CONTINUE:
            return exercise.resume(handler_input, exercise.EXERCISE) or exercise.start(
                handler_input
            )
        case FollowUp.EXERCISE_RESTART:
            return exercise.restart(handler_input, exercise.EXERCISE)
        case FollowUp.EXERCISE_NEXT:
            return exercise.advance(handler_input)
        case FollowUp.EXERCISE_STAY:
            return exercise.fallback(handler_input)
        case FollowUp.CHECKIN_START:
            return exercise.start(handler_input, exercise.CHECKIN)
        case FollowUp.CHECKIN_CONTINUE:
            return exercise.resume(handler_input, exercise.CHECKIN) or exercise.start(
                handler_input, exercise.CHECKIN
            )
        case FollowUp.CHECKIN_RESTART:
            return exercise.restart(handler_input, exercise.CHECKIN)
        case FollowUp.FORGET:
            return forget(handler_input)
    assert_never(action)
