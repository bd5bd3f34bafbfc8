"""The couple's first names in the exercise and the check-in ("we're Sam and Alex")."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from skill.conversation import exercise
from skill.conversation.handlers.base import Handler
from skill.conversation.replies import ask
from skill.conversation.state import MAX_NAME_LENGTH, FollowUp
from skill.conversation.turn import Turn
from speech import ssml


def _name(handler_input: HandlerInput, slot_name: str) -> str | None:
    """An AMAZON.FirstName slot's value as it is written (a lower-case value capitalized)."""
    request = handler_input.request_envelope.request
    intent = request.intent if isinstance(request, IntentRequest) else None
    slot = ((intent.slots if intent else None) or {}).get(slot_name)
    value = getattr(slot, "value", None)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME_LENGTH:
        return None
    value = " ".join(value.split())
    return value.title() if value.islower() else value


def _say(turn: Turn, key: str, **values: str) -> ssml.Fragment:
    text = turn.content.names[key]
    return ssml.text(text.format(**values) if values else text)


def _reply(handler_input: HandlerInput, key: str, **values: str) -> Response:
    """Answer inside the routine: next goes on, as after the step's own prompt."""
    turn = Turn.of(handler_input)
    return ask(
        handler_input,
        _say(turn, key, **values),
        _say(turn, "reprompt"),
        yes=FollowUp.EXERCISE_NEXT,
        no=FollowUp.EXERCISE_STAY,
    )


def _outside(handler_input: HandlerInput) -> Response:
    turn = Turn.of(handler_input)
    speech = _say(turn, "outside")
    return ask(handler_input, speech, speech, yes=FollowUp.CHECKIN_START, no=FollowUp.OFFER_TIP)


class PartnerNamesHandler(Handler):
    """ "We're Sam and Alex": the steps then address each partner by name."""

    intents = frozenset({"PartnerNamesIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Keep both names with the routine's progress, the first named speaking first."""
        turn = Turn.of(handler_input)
        if turn.session.exercise_step is None:
            return _outside(handler_input)
        first, second = _name(handler_input, "first"), _name(handler_input, "second")
        if first is None or second is None or first.lower() == second.lower():
            return _reply(handler_input, "need_both")
        exercise.keep_names(turn, (first, second))
        return _reply(handler_input, "got", first=first, second=second)


class FirstSpeakerHandler(Handler):
    """ "Sam goes first": the named partner takes the first turns."""

    intents = frozenset({"FirstSpeakerIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Put that partner first, when they are one of the two names given."""
        turn = Turn.of(handler_input)
        if turn.session.exercise_step is None:
            return _outside(handler_input)
        known = exercise.names(turn)
        name = _name(handler_input, "name")
        if known is None:
            return _reply(handler_input, "need_both")
        if name is None or name.lower() not in (known[0].lower(), known[1].lower()):
            return _reply(handler_input, "not_theirs", first=known[0], second=known[1])
        ordered = known if name.lower() == known[0].lower() else (known[1], known[0])
        exercise.keep_names(turn, ordered)
        return _reply(handler_input, "first", first=ordered[0])
