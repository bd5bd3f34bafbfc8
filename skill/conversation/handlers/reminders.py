"""The weekly check-in reminder: set, move, say and cancel it, and ask for the permission first."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from skill.conversation import reminder_lines
from skill.conversation.handlers.base import Handler, resolved_id
from skill.conversation.reminder_lines import default, say
from skill.conversation.replies import answer, ask, tell
from skill.conversation.state import Answer, FollowUp, ReminderRecord, Said
from skill.conversation.turn import Turn
from skill.reminders import permissions
from skill.reminders.schedule import DAYS, Weekly, parse_time

if TYPE_CHECKING:
    from skill.reminders.service import ReminderError, Reminders

_LOGGER = logging.getLogger(__name__)

SET, MOVE, CANCEL = "set", "move", "cancel"
"""What a permission request was for (carried in its token, back in Connections.Response)."""


def _parts_of_day(turn: Turn) -> dict[str, str]:
    """What Alexa's MO, AF, EV and NI mean on the clock, as ``HH:MM``."""
    return {
        key: f"{hour:02d}:{minute:02d}"
        for key, (hour, minute) in turn.content.reminder_times.items()
        if key != "default"
    }


def asked_for(handler_input: HandlerInput, base: Weekly) -> Weekly | None:
    """The weekly time the slots name, what they leave out taken from ``base``; None when they
    name no day and no time."""
    request = handler_input.request_envelope.request
    intent = request.intent if isinstance(request, IntentRequest) else None
    slots = (intent.slots if intent else None) or {}
    day = resolved_id(slots.get("day"))
    day = day if day in DAYS else None
    time_slot = slots.get("time")
    clock = parse_time(getattr(time_slot, "value", None), _parts_of_day(Turn.of(handler_input)))
    if day is None and clock is None:
        return None
    hour, minute = clock if clock is not None else (base.hour, base.minute)
    return Weekly(day or base.day, hour, minute)


def _wanted(turn: Turn) -> Weekly:
    """The time a pending "yes" sets the reminder to."""
    return reminder_lines.parse_when(turn.session.reminder_wanted) or default(turn)


def _line(handler_input: HandlerInput, key: str, weekly: Weekly | None = None) -> Response:
    """Ask reminder line ``key`` (a real answer is recorded for Repeat, an error line is not)."""
    turn = Turn.of(handler_input)
    weekly = weekly or default(turn)
    found = reminder_lines.reply(turn, key, weekly)
    if found is None:
        raise LookupError(f"no reminder line {key}")
    line = reminder_lines.LINES[key]
    if line.yes is FollowUp.REMINDER_SET:
        turn.session.reminder_wanted = reminder_lines.format_when(weekly)
    turn.session.last_kind, turn.session.last_id = "line", None
    said = Said(Answer.REMINDER, ref=key, when=reminder_lines.format_when(weekly))
    return answer(handler_input, found, said if line.real else None)


def explain(handler_input: HandlerInput, said: Said) -> Response:
    """ "I don't get it" after a reminder line: what the reminder does, in plain words."""
    weekly = reminder_lines.parse_when(said.when)
    return _line(handler_input, reminder_lines.explain_key(said.ref), weekly)


def help_(handler_input: HandlerInput) -> Response:
    """Help after a reminder line: what to say about the reminder (Repeat stays as it was)."""
    turn = Turn.of(handler_input)
    return ask(handler_input, say(turn, "help"), turn.say("help_reprompt"))


def offer_after_checkin(handler_input: HandlerInput) -> Response:
    """The check-in is done: thank them and offer a weekly reminder."""
    return _line(handler_input, "offer_after_checkin")


def _service(handler_input: HandlerInput) -> Reminders:
    """The Reminders API at the request's apiEndpoint, with its apiAccessToken."""
    from ask_sdk_model.services import ApiConfiguration, ServiceClientFactory

    from skill.reminders.client import TimedApiClient
    from skill.reminders.service import Failure, ReminderError, Reminders, serializer

    system = getattr(handler_input.request_envelope.context, "system", None)
    token = getattr(system, "api_access_token", None)
    endpoint = getattr(system, "api_endpoint", None)
    if not isinstance(token, str) or not isinstance(endpoint, str) or not token or not endpoint:
        raise ReminderError(Failure.UNAVAILABLE, "the request names no API endpoint and token")
    api = TimedApiClient()
    configuration = ApiConfiguration(
        serializer=serializer(),
        api_client=api,
        authorization_value=token,
        api_endpoint=endpoint,
    )
    factory = ServiceClientFactory(api_configuration=configuration)
    return Reminders(factory.get_reminder_management_service(), api)


def _now(turn: Turn) -> datetime:
    return datetime.fromisoformat(turn.timestamp)


def _failed(handler_input: HandlerInput, error: ReminderError, weekly: Weekly | None) -> Response:
    """A clear answer for each way the Reminders API can fail; what the skill keeps is intact."""
    from skill.reminders.service import Failure

    turn = Turn.of(handler_input)
    if error.failure is Failure.PERMISSION:
        return _card(handler_input, "permission_revoked")
    if error.failure is Failure.NOT_FOUND:
        # The reminder is gone at Alexa (deleted in the app): its token points at nothing.
        turn.user.reminder = None
        return _line(handler_input, "error_not_found", weekly)
    return _line(handler_input, f"error_{error.failure.value}")


def _card(handler_input: HandlerInput, key: str) -> Response:
    """Explain and send the card that asks for the permission in the Alexa app."""
    from ask_sdk_model.ui import AskForPermissionsConsentCard

    turn = Turn.of(handler_input)
    response = tell(handler_input, say(turn, key))
    response.card = AskForPermissionsConsentCard(permissions=[permissions.SCOPE])
    return response


def _ask_permission(handler_input: HandlerInput, action: str, weekly: Weekly) -> Response:
    """Ask by voice for the permission (Alexa asks; the answer comes as Connections.Response)."""
    turn = Turn.of(handler_input)
    handler_input.response_builder.add_directive(
        permissions.ask_for(f"{action} {weekly.day} {weekly.clock}")
    )
    lead = "permission_lead_cancel" if action == CANCEL else "permission_lead"
    return tell(handler_input, say(turn, lead))


def apply(handler_input: HandlerInput, weekly: Weekly) -> Response:
    """Set the reminder to ``weekly`` (move it when there is one already)."""
    from skill.reminders.service import ReminderError

    turn = Turn.of(handler_input)
    record = turn.user.reminder
    action = MOVE if record is not None else SET
    if not permissions.granted(handler_input.request_envelope):
        return _ask_permission(handler_input, action, weekly)
    if record is not None and (record.day, record.time) == (weekly.day, weekly.clock):
        return _line(handler_input, "unchanged", weekly)
    text, locale = turn.content.reminders["text"], turn.locale
    try:
        service = _service(handler_input)
        # One the skill made but lost track of (an answer that timed out, another device) is
        # moved, not doubled.
        lost = next((f for f in service.all() if f.on), None) if record is None else None
        if lost is not None:
            token = service.update(lost.token, weekly, text, locale, _now(turn))
        elif record is None:
            token = service.create(weekly, text, locale, _now(turn))
        else:
            token = service.update(record.token, weekly, text, locale, _now(turn))
    except ReminderError as error:
        return _failed(handler_input, error, weekly)
    turn.user.reminder = ReminderRecord(
        token=token, day=weekly.day, time=weekly.clock, at=turn.timestamp
    )
    return _line(handler_input, "set_done" if record is None else "moved", weekly)


def _current(handler_input: HandlerInput) -> Weekly | None:
    """The kept reminder's weekly time."""
    record = Turn.of(handler_input).user.reminder
    if record is None:
        return None
    return Weekly.from_attributes({"day": record.day, "time": record.time})


def status(handler_input: HandlerInput) -> Response:
    """When the reminder rings, as the Reminders API has it (what the skill kept, without it)."""
    from skill.reminders.service import ReminderError

    turn = Turn.of(handler_input)
    record = turn.user.reminder
    if not permissions.granted(handler_input.request_envelope):
        kept = _current(handler_input)
        if kept is None:
            return _line(handler_input, "status_none")
        return _line(handler_input, "status", kept)
    try:
        service = _service(handler_input)
        if record is not None:
            found = [service.get(record.token)]
        else:
            found = [f for f in service.all() if f.on]
    except ReminderError as error:
        return _status_failed(handler_input, error)
    if not found or not found[0].on:
        turn.user.reminder = None
        return _line(handler_input, "status_none")
    reminder = found[0]
    if reminder.weekly is None:
        return _line(handler_input, "status_not_weekly")
    weekly = reminder.weekly
    turn.user.reminder = ReminderRecord(
        token=reminder.token, day=weekly.day, time=weekly.clock, at=turn.timestamp
    )
    return _line(handler_input, "status", weekly)


def _status_failed(handler_input: HandlerInput, error: ReminderError) -> Response:
    """Alexa could not say when the reminder rings: say so, and what the skill last knew."""
    from skill.reminders.service import Failure

    if error.failure in (Failure.PERMISSION, Failure.NOT_FOUND):
        return _failed(handler_input, error, None)
    kept = _current(handler_input)
    return _line(handler_input, "status_failed" if kept is None else "status_failed_kept", kept)


def cancel(handler_input: HandlerInput) -> Response:
    """Delete the reminder at Alexa, then forget its token."""
    from skill.reminders.service import Failure, ReminderError

    turn = Turn.of(handler_input)
    record = turn.user.reminder
    granted = permissions.granted(handler_input.request_envelope)
    if record is None and not granted:
        return _line(handler_input, "cancel_none")
    if not granted:
        return _ask_permission(handler_input, CANCEL, _current(handler_input) or default(turn))
    try:
        service = _service(handler_input)
        tokens = [record.token] if record is not None else [f.token for f in service.all() if f.on]
        if not tokens:
            return _line(handler_input, "cancel_none")
        for token in tokens:
            try:
                service.delete(token)
            except ReminderError as error:
                if error.failure is not Failure.NOT_FOUND:
                    raise
    except ReminderError as error:
        return _failed(handler_input, error, None)
    turn.user.reminder = None
    return _line(handler_input, "cancelled")


def forget(handler_input: HandlerInput) -> None:
    """Before "forget me": delete the reminder the skill made, if it may (best effort)."""
    from skill.reminders.service import ReminderError

    record = Turn.of(handler_input).user.reminder
    if record is None or not permissions.granted(handler_input.request_envelope):
        return
    try:
        _service(handler_input).delete(record.token)
    except ReminderError as error:
        _LOGGER.warning("could not delete the reminder while forgetting the user: %s", error)


class SetReminderHandler(Handler):
    """ "Remind us to check in every Sunday at seven pm"."""

    intents = frozenset({"SetReminderIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Set it at the time said (what is not said: the default), or ask when."""
        turn = Turn.of(handler_input)
        weekly = asked_for(handler_input, _current(handler_input) or default(turn))
        if weekly is None:
            return _line(handler_input, "ask_when")
        return apply(handler_input, weekly)


class MoveReminderHandler(Handler):
    """ "Move our check-in to Saturday morning"."""

    intents = frozenset({"MoveReminderIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Move it, or offer one when there is none."""
        turn = Turn.of(handler_input)
        current = _current(handler_input)
        weekly = asked_for(handler_input, current or default(turn))
        if current is None:
            return _line(handler_input, "move_none", weekly)
        if weekly is None:
            return _line(handler_input, "ask_when", current)
        return apply(handler_input, weekly)


class ReminderStatusHandler(Handler):
    """ "When is our check-in?"."""

    intents = frozenset({"ReminderStatusIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Say when the reminder rings."""
        return status(handler_input)


class CancelReminderHandler(Handler):
    """ "Cancel the reminder"."""

    intents = frozenset({"CancelReminderIntent"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Cancel it."""
        return cancel(handler_input)


class PermissionAnswerHandler(Handler):
    """Alexa's answer to the voice permission request (Connections.Response for AskFor)."""

    request_types = frozenset({"Connections.Response"})

    def handle(self, handler_input: HandlerInput) -> Response:
        """Go on with what the request was for, or explain."""
        turn = Turn.of(handler_input)
        given = permissions.answer(handler_input.request_envelope.request)
        action, weekly = _parse_token(turn, given.token)
        if given.status == permissions.FAILED:
            # This device cannot ask by voice: the card in the Alexa app asks instead.
            return _card(handler_input, "permission_card")
        suffix = "_cancel" if action == CANCEL else ""
        if given.status == permissions.DENIED:
            return _line(handler_input, f"permission_denied{suffix}", weekly)
        if given.status != permissions.ACCEPTED:
            return _line(handler_input, f"permission_not_answered{suffix}", weekly)
        if action == CANCEL:
            return cancel(handler_input)
        return apply(handler_input, weekly)


def _parse_token(turn: Turn, token: str | None) -> tuple[str, Weekly]:
    """The action and weekly time a permission request's token carries (defaults if unreadable)."""
    action, _, rest = (token or "").partition(" ")
    day, _, time = rest.partition(" ")
    weekly = Weekly.from_attributes({"day": day, "time": time}) or default(turn)
    return (action if action in (SET, MOVE, CANCEL) else SET), weekly


def set_wanted(handler_input: HandlerInput) -> Response:
    """Yes after a reminder question: set it at the time the question named."""
    return apply(handler_input, _wanted(Turn.of(handler_input)))
