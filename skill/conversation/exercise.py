"""The guided active-listening exercise: a state machine over the steps in the content data."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.content import ExerciseStep
from skill.conversation.replies import ask, join, tell
from skill.conversation.state import ExerciseFinished, ExerciseProgress, FollowUp
from skill.conversation.turn import Turn
from speech import ssml

_LOGGER = logging.getLogger(__name__)

CUE_LEAD_SECONDS = 10
"""How long before the end of a quiet time the gentle cue is spoken."""


def step_ssml(step: ExerciseStep) -> ssml.Fragment:
    """A step's speech, its quiet time with a cue near the end, and its closing prompt."""
    quiet = ssml.Fragment("")
    if step.wait_seconds > 0:
        tail = min(CUE_LEAD_SECONDS, step.wait_seconds // 2)
        quiet = join(
            ssml.long_pause(step.wait_seconds - tail),
            step.cue,
            ssml.long_pause(tail),
        )
    return join(step.speech, quiet, step.prompt)


def saved_step(turn: Turn) -> int | None:
    """The step saved in persistent attributes, None if none; -1 if saved but unusable."""
    saved = turn.user.exercise
    if saved is None:
        return None
    step_id = saved.step
    ids = [s.id for s in turn.content.exercise.steps]
    if step_id in ids:
        return ids.index(step_id)
    _LOGGER.info("saved exercise step %r is not a step of this version", step_id)
    return -1


def _save_progress(turn: Turn, index: int) -> None:
    step_id = turn.content.exercise.steps[index].id
    turn.user.exercise = ExerciseProgress(step=step_id, at=turn.timestamp)


def show_step(handler_input: HandlerInput, index: int, *prefix: str) -> Response:
    """Speak step ``index`` (after any ``prefix`` lines), save progress and wait for "next"."""
    turn = Turn.of(handler_input)
    step = turn.content.exercise.steps[index]
    turn.session.exercise_step = index
    turn.session.last_kind, turn.session.last_id = "exercise", step.id
    turn.session.list_index = None
    _save_progress(turn, index)
    return ask(
        handler_input,
        join(*prefix, step_ssml(step)),
        step.reprompt,
        yes=FollowUp.EXERCISE_NEXT,
        no=FollowUp.EXERCISE_STAY,
        card=(step.title, step.speech),
    )


def line(turn: Turn, key: str, **values: object) -> ssml.Fragment:
    """One of the exercise's own lines as escaped SSML."""
    text = turn.content.exercise.lines[key]
    return ssml.text(text.format(**values) if values else text)


def current_title(turn: Turn) -> str:
    """The title of the step the couple is at in this session."""
    index = turn.session.exercise_step or 0
    return turn.content.exercise.steps[index].title


def start(handler_input: HandlerInput) -> Response:
    """Start the exercise, or offer to continue an unfinished one."""
    turn = Turn.of(handler_input)
    saved = saved_step(turn)
    if saved is not None and saved > 0 and turn.session.exercise_step is None:
        title = turn.content.exercise.steps[saved].title
        speech = line(turn, "intro_resume_question", step=title)
        return ask(
            handler_input,
            speech,
            speech,
            yes=FollowUp.EXERCISE_CONTINUE,
            no=FollowUp.EXERCISE_RESTART,
        )
    return show_step(handler_input, 0)


def resume(handler_input: HandlerInput) -> Response | None:
    """Continue a saved exercise; None when there is nothing to resume."""
    turn = Turn.of(handler_input)
    if turn.session.exercise_step is not None:
        # Mid-exercise, "continue" and "we're ready" mean the couple is ready to go on.
        return advance(handler_input)
    saved = saved_step(turn)
    if saved is None:
        return None
    if saved < 0:
        return show_step(handler_input, 0, line(turn, "stale"))
    title = turn.content.exercise.steps[saved].title
    return show_step(handler_input, saved, line(turn, "resumed", step=title))


def restart(handler_input: HandlerInput) -> Response:
    """Start again from the first step."""
    return show_step(handler_input, 0, line(Turn.of(handler_input), "start_over"))


def advance(handler_input: HandlerInput) -> Response:
    """Go to the next step, or finish after the last one."""
    turn = Turn.of(handler_input)
    index = (turn.session.exercise_step or 0) + 1
    if index < len(turn.content.exercise.steps):
        return show_step(handler_input, index)
    turn.user.exercise = None
    turn.user.exercise_finished = ExerciseFinished(at=turn.timestamp)
    turn.session.exercise_step = None
    turn.session.last_kind = "line"
    return tell(handler_input, line(turn, "finished"))


def back(handler_input: HandlerInput) -> Response:
    """Go to the previous step (the first step says it is the first)."""
    turn = Turn.of(handler_input)
    index = turn.session.exercise_step or 0
    if index == 0:
        return show_step(handler_input, 0, line(turn, "at_first"))
    return show_step(handler_input, index - 1)


def pause(handler_input: HandlerInput) -> Response:
    """Keep the progress and end the session."""
    turn = Turn.of(handler_input)
    _save_progress(turn, turn.session.exercise_step or 0)
    turn.session.exercise_step = None
    return tell(handler_input, line(turn, "paused"))


def help_(handler_input: HandlerInput) -> Response:
    """What can be said inside the exercise."""
    turn = Turn.of(handler_input)
    return ask(
        handler_input,
        line(turn, "help", step=current_title(turn)),
        line(turn, "help_reprompt"),
    )


def fallback(handler_input: HandlerInput) -> Response:
    """An utterance that makes no sense here: stay in the exercise, re-offer the step."""
    turn = Turn.of(handler_input)
    step = turn.content.exercise.steps[turn.session.exercise_step or 0]
    return ask(
        handler_input,
        line(turn, "fallback", step=step.title),
        step.reprompt,
    )
