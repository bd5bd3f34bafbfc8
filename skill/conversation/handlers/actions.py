"""Replies shared by several handlers, and what yes and no can mean after a question."""

from __future__ import annotations

import logging
from typing import Any, assert_never

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import screens
from skill.content import Strategy
from skill.conversation import answers, exercise
from skill.conversation.persons import person_id
from skill.conversation.replies import Reply, answer, ask, join, tell
from skill.conversation.state import Answer, FollowUp, Said, Session, UserState
from skill.conversation.turn import Turn

_LOGGER = logging.getLogger(__name__)


def speak_tip(
    handler_input: HandlerInput, strategy: Strategy, *prefix: str, said: Said | None = None
) -> Response:
    """Speak a strategy's short tip, record it as heard, and offer to tell more.

    ``said`` records it for Repeat (default: the tip alone, without the ``prefix`` lines).
    """
    turn = Turn.of(handler_input)
    turn.user.tips_for(person_id(handler_input)).mark_heard(strategy.id)
    session = turn.session
    session.last_kind, session.last_id = "tip", strategy.id
    session.history = (*session.history, strategy.id)
    # Asking for a tip leaves the exercise; its progress stays saved for "resume the exercise".
    session.exercise_step = None
    screens.show(handler_input, "tip", strategy=strategy)
    reply = answers.tip_reply(turn, strategy, *prefix)
    return answer(handler_input, reply, said or Said(Answer.TIP, ref=strategy.id))


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


def _deeper(handler_input: HandlerInput, reply: Reply, said: Said, **shown: Any) -> Response:
    """The longer version ``said`` names: remembered as said last, on the screen, spoken."""
    Turn.of(handler_input).session.last_kind = said.kind.value
    screens.show(handler_input, said.kind.value, **shown)
    return answer(handler_input, reply, said)


def tell_more(handler_input: HandlerInput) -> Response:
    """The longer version of whatever was said last ("I don't get it" too)."""
    turn = Turn.of(handler_input)
    session = turn.session
    # A question asked last (forget me? a reminder?) is explained, even inside a routine.
    if (plain := answers.explain_reply(turn, session.said)) is not None:
        return answer(handler_input, *plain)
    if session.exercise_step is not None:
        return exercise.explain(handler_input)
    strategy = turn.content.strategy(session.last_id or "")
    if session.last_kind in ("tip", "more") and strategy is not None:
        record = Said(Answer.MORE, ref=strategy.id)
        return _deeper(handler_input, answers.more_reply(turn, strategy), record, strategy=strategy)
    topic = turn.content.topic(session.last_id or "")
    if session.last_kind == "topic" and topic is not None:
        record = Said(Answer.TOPIC_MORE, ref=topic.id)
        return _deeper(handler_input, answers.topic_more_reply(turn, topic), record, topic=topic)
    if session.last_kind == "topic_more":
        return answers.ask_line(handler_input, "more_topic_done")
    if session.last_kind == "list":
        return answers.ask_line(handler_input, "list_more")
    said = session.said
    if said is not None and said.kind is Answer.SAFETY:
        # "I don't get it" after the safety message: the message again, never a tip.
        return safety(handler_input)
    if said is not None and said.kind is Answer.REMINDER:
        from skill.conversation.handlers.reminders import explain

        return explain(handler_input, said)
    return ask(handler_input, turn.say("more_nothing"), turn.say("more_nothing"), yes=FollowUp.TIP)


def confirm_forget(handler_input: HandlerInput) -> Response:
    """Ask before forgetting the user (a recognized speaker: only them); yes forgets, no offers
    a tip."""
    turn = Turn.of(handler_input)
    turn.session.last_kind, turn.session.last_id = "line", None
    key = "forget_confirm" if person_id(handler_input) is None else "forget_person_confirm"
    return answers.ask_line(handler_input, key)


def forget(handler_input: HandlerInput) -> Response:
    """Delete everything stored for the user and end the session; a recognized speaker on a
    shared speaker is forgotten alone (the others' tips, the routines' places and the reminder
    stay)."""
    from skill.conversation.handlers.reminders import forget as forget_reminder

    turn = Turn.of(handler_input)
    person = person_id(handler_input)
    if person is not None:
        if not turn.storage_ok:  # what was kept could not be read, so it cannot be changed
            return tell(handler_input, turn.say("forget_failed"))
        turn.user.forget_person(person)
        turn.session = Session()
        return tell(handler_input, turn.say("forget_person_done"))
    forget_reminder(handler_input)
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
    return answers.ask_line(handler_input, key)


def safety(handler_input: HandlerInput) -> Response:
    """The safety message: no tip, emergency services and a confidential helpline."""
    turn = Turn.of(handler_input)
    turn.session.exercise_step = None
    turn.session.last_kind, turn.session.last_id = "line", None
    screens.show(handler_input, "safety")
    return answers.say(handler_input, Said(Answer.SAFETY))


def list_position(handler_input: HandlerInput, index: int) -> Response:
    """Speak the strategy at ``index`` of the list, keeping the list as the context."""
    turn = Turn.of(handler_input)
    strategies = turn.content.strategies
    index = max(0, min(index, len(strategies) - 1))
    response = speak_tip(handler_input, strategies[index])
    turn.session.list_index = index
    return response


def list_next(handler_input: HandlerInput) -> Response:
    """Yes in the strategy list: the next strategy in it (after the last, a new tip)."""
    turn = Turn.of(handler_input)
    index = turn.session.list_index
    if index is None or index + 1 >= len(turn.content.strategies):
        return next_tip(handler_input)
    return list_position(handler_input, index + 1)


def list_strategies(handler_input: HandlerInput) -> Response:
    """Name the nine strategies; Next, Previous and yes then move through them."""
    turn = Turn.of(handler_input)
    turn.session.exercise_step = None
    turn.session.list_index = -1
    turn.session.last_kind, turn.session.last_id = "list", None
    screens.show(handler_input, "list")
    return answers.say(handler_input, Said(Answer.LIST))


def thanks(handler_input: HandlerInput) -> Response:
    """A warm reply to thanks that keeps the door open (inside a routine the step stays)."""
    turn = Turn.of(handler_input)
    if turn.session.exercise_step is not None:
        return exercise.thanks(handler_input)
    said = turn.session.said
    if said is not None and said.kind is Answer.SAFETY:
        return answers.ask_line(handler_input, "thanks_safety")
    # "Another tip" only once there was one.
    return answers.ask_line(handler_input, "thanks" if turn.session.history else "thanks_first")


def hold_on(handler_input: HandlerInput) -> Response:
    """ "Hang on" with nothing to pause: take your time, and the last question again (the
    session stays open and what yes and no mean stays the same)."""
    turn = Turn.of(handler_input)
    said = turn.session.said
    last = answers.render(turn, said)
    if last is not None and said is not None and said.kind is Answer.RESUME_OFFER:
        # The offer at launch is its own reprompt and starts with "welcome back".
        last = (answers.explain_reply(turn, said) or (last, None))[0]
    question = last.reprompt if last else turn.say("help_reprompt")
    yes, no = (last.yes, last.no) if last else (None, None)
    response = ask(handler_input, join(turn.say("hold_on"), question), question, yes=yes, no=no)
    turn.session.held = True
    return response


def repeat(handler_input: HandlerInput) -> Response:
    """The last real answer again, rebuilt from the content (inside a routine: its step)."""
    turn = Turn.of(handler_input)
    session = turn.session
    if session.exercise_step is not None:
        return answer(handler_input, exercise.step_reply(turn, exercise.current_index(turn)))
    reply = answers.render(turn, session.said)
    if reply is None:
        return ask(handler_input, turn.say("repeat_nothing"), turn.say("help_reprompt"))
    return answer(handler_input, reply)


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
            # In the strategy list, "another" means the next one in it.
            if Turn.of(handler_input).session.list_index is not None:
                return list_next(handler_input)
            return next_tip(handler_input)
        case FollowUp.LIST_NEXT:
            return list_next(handler_input)
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
            return exercise.wait(handler_input)
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
        case FollowUp.REMINDER_SET:
            from skill.conversation.handlers.reminders import set_wanted

            return set_wanted(handler_input)
        case FollowUp.REMINDER_DECLINED:
            turn = Turn.of(handler_input)
            turn.user.reminder_declined = turn.timestamp
            return offer_tip(handler_input, "offer_tip")
    assert_never(action)
