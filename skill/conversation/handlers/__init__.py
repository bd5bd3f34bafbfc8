"""The skill's request handlers, by concern, and the one tuple they are registered from."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler

from skill.conversation.handlers.base import Handler
from skill.conversation.handlers.checkin import CheckInHandler
from skill.conversation.handlers.exercise import ExerciseHandler, ResumeHandler
from skill.conversation.handlers.names import FirstSpeakerHandler, PartnerNamesHandler
from skill.conversation.handlers.navigation import (
    NextHandler,
    PreviousHandler,
    RepeatHandler,
    StartOverHandler,
    YesNoHandler,
)
from skill.conversation.handlers.reminders import (
    CancelReminderHandler,
    MoveReminderHandler,
    PermissionAnswerHandler,
    ReminderStatusHandler,
    SetReminderHandler,
)
from skill.conversation.handlers.session import (
    CatchAllExceptionHandler,
    FallbackHandler,
    ForgetMeHandler,
    HelpHandler,
    LaunchHandler,
    PauseHandler,
    SafetyHandler,
    SessionEndedHandler,
    StopHandler,
    UnhandledRequestHandler,
    UnknownIntentHandler,
)
from skill.conversation.handlers.tips import (
    ListStrategiesHandler,
    SituationHandler,
    StrategyHandler,
    TellMeMoreHandler,
    ThanksHandler,
    TopicHandler,
    TrustTipHandler,
)
from skill.conversation.handlers.touch import TouchHandler

__all__ = ["CatchAllExceptionHandler", "Handler", "request_handlers"]


def request_handlers(topic_intents: frozenset[str]) -> tuple[AbstractRequestHandler, ...]:
    """Every request handler of the skill, in the order ask-sdk tries them."""
    return (
        LaunchHandler(),
        SafetyHandler(),
        TrustTipHandler(),
        StrategyHandler(),
        ListStrategiesHandler(),
        SituationHandler(),
        ThanksHandler(),
        TellMeMoreHandler(),
        TopicHandler(topic_intents),
        ExerciseHandler(),
        ResumeHandler(),
        HelpHandler(),
        StopHandler(),
        FallbackHandler(),
        ForgetMeHandler(),
        NextHandler(),
        PreviousHandler(),
        StartOverHandler(),
        RepeatHandler(),
        PauseHandler(),
        YesNoHandler(),
        SessionEndedHandler(),
        CheckInHandler(),
        TouchHandler(),
        SetReminderHandler(),
        MoveReminderHandler(),
        ReminderStatusHandler(),
        CancelReminderHandler(),
        PermissionAnswerHandler(),
        PartnerNamesHandler(),
        FirstSpeakerHandler(),
        UnknownIntentHandler(),
        UnhandledRequestHandler(),
    )
