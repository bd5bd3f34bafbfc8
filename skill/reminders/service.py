"""The Reminders API calls the skill makes, and every way one can fail, as one error type."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ask_sdk_model.services.reminder_management import (
    AlertInfo,
    PushNotification,
    PushNotificationStatus,
    Recurrence,
    ReminderManagementServiceClient,
    ReminderRequest,
    SpokenInfo,
    SpokenText,
    Trigger,
    TriggerType,
)

from skill.reminders.client import ApiTimeout, TimedApiClient
from skill.reminders.schedule import Weekly

_LOGGER = logging.getLogger(__name__)


class Failure(enum.Enum):
    """What went wrong, as far as the skill's answer differs."""

    PERMISSION = "permission"
    """401 or 403: no permission (any more), or the token is not valid."""
    NOT_FOUND = "not_found"
    """404: the reminder is gone (deleted in the Alexa app, or never made)."""
    CONFLICT = "conflict"
    """409: the reminder changed at the same time, or the user has too many."""
    BUSY = "busy"
    """429: too many calls just now."""
    UNAVAILABLE = "unavailable"
    """5xx, a refused connection, or any other status."""
    TIMEOUT = "timeout"
    """No answer within the client's timeout."""
    GARBLED = "garbled"
    """An answer the skill cannot read."""

    @classmethod
    def of_status(cls, status: int | None) -> Failure:
        """The failure an HTTP status means."""
        if status in (401, 403):
            return cls.PERMISSION
        return {404: cls.NOT_FOUND, 409: cls.CONFLICT, 429: cls.BUSY}.get(
            status or 0, cls.UNAVAILABLE
        )


_RENAMED = {
    "ask_sdk_model.services.reminder_management.alert_info_spoken_info.SpokenInfo": (
        "ask_sdk_model.services.reminder_management.spoken_info.SpokenInfo"
    )
}
"""Class names ask-sdk-model gets wrong, and the classes they mean."""


def serializer() -> Any:
    """ask-sdk's serializer, able to read reminders with their alert info.

    ask-sdk-model's AlertInfo names its spoken info's class in a module that does not exist
    (``alert_info_spoken_info``), so every GET of a real reminder fails to deserialize; the
    class is ``spoken_info.SpokenInfo``.
    """
    from ask_sdk_core.serialize import DefaultSerializer

    class ReminderSerializer(DefaultSerializer):
        def _DefaultSerializer__load_class_from_name(self, class_name: str) -> Any:  # noqa: N802
            load = getattr(super(), "_DefaultSerializer__load_class_from_name")  # noqa: B009
            return load(_RENAMED.get(class_name, class_name))

    return ReminderSerializer()


class ReminderError(Exception):
    """A Reminders API call failed; nothing the skill keeps has changed."""

    def __init__(self, failure: Failure, detail: str) -> None:
        super().__init__(f"{failure.value}: {detail}")
        self.failure = failure


@dataclass(frozen=True)
class Found:
    """A reminder the service has for this skill and user."""

    token: str
    """The alert token (the reminder's id)."""
    weekly: Weekly | None
    """Its weekly time, or None when it is not a weekly reminder the skill understands."""
    on: bool
    """Whether it is on (status ON) rather than completed."""


@dataclass
class Reminders:
    """The Reminders API of one request (its endpoint and access token)."""

    client: ReminderManagementServiceClient
    api: TimedApiClient | None = None
    """The HTTP client underneath, for the status of an unreadable answer."""

    def create(self, weekly: Weekly, text: str, locale: str, now: datetime) -> str:
        """Create the weekly reminder; returns its alert token."""
        response = self._call(
            "create", self.client.create_reminder, _request(weekly, text, locale, now)
        )
        return _token(response)

    def update(self, token: str, weekly: Weekly, text: str, locale: str, now: datetime) -> str:
        """Move the reminder to another weekly time; returns its (maybe new) alert token."""
        request = _request(weekly, text, locale, now)
        response = self._call("update", self.client.update_reminder, token, request)
        found = getattr(response, "alert_token", None)
        return found if isinstance(found, str) and found else token

    def delete(self, token: str) -> None:
        """Delete the reminder."""
        self._call("delete", self.client.delete_reminder, token)

    def get(self, token: str) -> Found:
        """One reminder by its token."""
        return _found(self._call("get", self.client.get_reminder, token))

    def all(self) -> list[Found]:
        """Every reminder this skill made for the user."""
        response = self._call("list", self.client.get_reminders)
        alerts = getattr(response, "alerts", None)
        if not isinstance(alerts, list):
            raise ReminderError(Failure.GARBLED, "the list of reminders has no alerts")
        return [_found(alert) for alert in alerts]

    def _call(self, what: str, method: Any, *args: Any) -> Any:
        from ask_sdk_core.exceptions import SerializationException
        from ask_sdk_model.services import ServiceException

        try:
            return method(*args)
        except ServiceException as error:
            timed_out = isinstance(error.__context__, ApiTimeout)
            failure = Failure.TIMEOUT if timed_out else Failure.of_status(error.status_code)
            _LOGGER.warning("reminders %s failed: %s (%s)", what, failure.value, error)
            raise ReminderError(failure, str(error)) from error
        except (SerializationException, ValueError, TypeError, AttributeError) as error:
            status = self.api.last_status() if self.api is not None else None
            failure = (
                Failure.GARBLED if status is None or status < 300 else Failure.of_status(status)
            )
            _LOGGER.warning("reminders %s: unreadable answer (%s): %s", what, status, error)
            raise ReminderError(failure, f"unreadable answer: {error}") from error


def _request(weekly: Weekly, text: str, locale: str, now: datetime) -> ReminderRequest:
    """A recurring reminder (no time zone: the device's own is used)."""
    local_now = now.replace(tzinfo=None, microsecond=0)
    start = local_now.replace(hour=0, minute=0, second=0)
    return ReminderRequest(
        request_time=local_now,
        trigger=Trigger(
            object_type=TriggerType.SCHEDULED_ABSOLUTE,
            recurrence=Recurrence(start_date_time=start, recurrence_rules=[weekly.rule()]),
        ),
        alert_info=AlertInfo(
            spoken_info=SpokenInfo(content=[SpokenText(locale=locale, text=text)])
        ),
        push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
    )


def _token(response: object) -> str:
    token = getattr(response, "alert_token", None)
    if not isinstance(token, str) or not token:
        raise ReminderError(Failure.GARBLED, "the answer has no alert token")
    return token


def _found(reminder: object) -> Found:
    token = _token(reminder)
    recurrence = getattr(getattr(reminder, "trigger", None), "recurrence", None)
    rules = getattr(recurrence, "recurrence_rules", None) or []
    weekly = next(
        (w for rule in rules if isinstance(rule, str) and (w := Weekly.from_rule(rule))), None
    )
    status = getattr(getattr(reminder, "status", None), "value", None)
    return Found(token=token, weekly=weekly, on=status in (None, "ON"))
