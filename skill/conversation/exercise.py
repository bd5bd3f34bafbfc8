"""The guided routines (the active-listening exercise, the weekly check-in): a state machine
over the steps in the content data.

Each routine is a ``Routine``: where its steps and lines are, where its progress is saved, and
what yes and no mean when it offers to continue. The functions below work on the routine running
in this session (``Session.routine``), so next, back, repeat, pause, help and fallback steer both.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import screens
from skill.content import Exercise, ExerciseStep, spoken
from skill.conversation.replies import ask, join, tell
from skill.conversation.state import ExerciseFinished, ExerciseProgress, FollowUp
from skill.conversation.turn import Turn
from speech import ssml

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Routine:
    """One guided routine: its content, its saved records and its follow-ups."""

    kind: str | None
    """``Session.routine`` while it runs (None for the exercise, as before routines existed)."""
    attribute: str
    """The ``UserState`` attribute holding its progress; ``<attribute>_finished`` when done."""
    resume_yes: FollowUp
    """What yes means after "would you like to pick up where you left off?"."""
    resume_no: FollowUp
    """What no means then (start over)."""

    def content(self, turn: Turn) -> Exercise:
        """Its steps and lines in the request's locale (the default locale's when it has none)."""
        if self.kind is None:
            return turn.content.exercise
        routine = turn.content.checkin
        if routine is None:
            from skill.content import load

            routine = load().checkin
        assert routine is not None, "the default locale has no check-in"
        return routine

    def progress(self, turn: Turn) -> ExerciseProgress | None:
        """Its saved progress."""
        saved = getattr(turn.user, self.attribute)
        return saved if isinstance(saved, ExerciseProgress) else None

    def save(self, turn: Turn, progress: ExerciseProgress | None) -> None:
        """Save (or clear) its progress."""
        setattr(turn.user, self.attribute, progress)

    def finish(self, turn: Turn) -> None:
        """Clear its progress and record that it was finished now."""
        self.save(turn, None)
        setattr(turn.user, f"{self.attribute}_finished", ExerciseFinished(at=turn.timestamp))


EXERCISE = Routine(None, "exercise", FollowUp.EXERCISE_CONTINUE, FollowUp.EXERCISE_RESTART)
CHECKIN = Routine("checkin", "checkin", FollowUp.CHECKIN_CONTINUE, FollowUp.CHECKIN_RESTART)
ROUTINES = (EXERCISE, CHECKIN)


def running(turn: Turn) -> Routine:
    """The routine of this session (the exercise unless the session says otherwise)."""
    return CHECKIN if turn.session.routine == CHECKIN.kind else EXERCISE


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


def saved_step(turn: Turn, routine: Routine = EXERCISE) -> int | None:
    """The step saved in persistent attributes, None if none; -1 if saved but unusable."""
    saved = routine.progress(turn)
    if saved is None:
        return None
    step_id = saved.step
    ids = [s.id for s in routine.content(turn).steps]
    if step_id in ids:
        return ids.index(step_id)
    _LOGGER.info("saved %s step %r is not a step of this version", routine.attribute, step_id)
    return -1


def _save_progress(turn: Turn, index: int, routine: Routine) -> None:
    step_id = routine.content(turn).steps[index].id
    routine.save(turn, ExerciseProgress(step=step_id, at=turn.timestamp))


def show_step(
    handler_input: HandlerInput, index: int, *prefix: str, routine: Routine | None = None
) -> Response:
    """Speak step ``index`` (after any ``prefix`` lines), save progress and wait for "next"."""
    turn = Turn.of(handler_input)
    routine = routine or running(turn)
    step = routine.content(turn).steps[index]
    turn.session.exercise_step = index
    turn.session.routine = routine.kind
    turn.session.last_kind, turn.session.last_id = "exercise", step.id
    turn.session.list_index = None
    _save_progress(turn, index, routine)
    screens.show(
        handler_input, "step", steps=routine.content(turn).steps, index=index, routine=routine.kind
    )
    return ask(
        handler_input,
        join(*prefix, step_ssml(step)),
        step.reprompt,
        yes=FollowUp.EXERCISE_NEXT,
        no=FollowUp.EXERCISE_STAY,
        card=(step.title, step.speech),
    )


def line(turn: Turn, key: str, routine: Routine | None = None, **values: object) -> ssml.Fragment:
    """One of the routine's own lines as escaped SSML (the running routine's by default)."""
    text = (routine or running(turn)).content(turn).lines[key]
    return spoken.fill(turn.content, text, **values)


def current_title(turn: Turn) -> str:
    """The title of the step the couple is at in this session."""
    index = turn.session.exercise_step or 0
    return running(turn).content(turn).steps[index].title


def start(handler_input: HandlerInput, routine: Routine = EXERCISE) -> Response:
    """Start a routine, or offer to continue an unfinished one."""
    turn = Turn.of(handler_input)
    saved = saved_step(turn, routine)
    in_it = turn.session.exercise_step is not None and running(turn) is routine
    if saved is not None and saved > 0 and not in_it:
        title = routine.content(turn).steps[saved].title
        speech = line(turn, "intro_resume_question", routine, step=title)
        return ask(
            handler_input,
            speech,
            speech,
            yes=routine.resume_yes,
            no=routine.resume_no,
        )
    return show_step(handler_input, 0, routine=routine)


def latest_saved(turn: Turn) -> Routine | None:
    """The routine with the most recently saved progress, if any has some (the check-in on a tie
    within one second: it is the one a couple does again and again)."""
    saved = [(p.at, i, r) for i, r in enumerate(ROUTINES) if (p := r.progress(turn)) is not None]
    return max(saved, key=lambda item: item[:2])[2] if saved else None


def resume(handler_input: HandlerInput, routine: Routine | None = None) -> Response | None:
    """Continue a saved routine (the latest saved, by default); None when there is none."""
    turn = Turn.of(handler_input)
    if turn.session.exercise_step is not None and routine in (None, running(turn)):
        # Mid-routine, "continue" and "we're ready" mean the couple is ready to go on.
        return advance(handler_input)
    routine = routine or latest_saved(turn) or EXERCISE
    saved = saved_step(turn, routine)
    if saved is None:
        return None
    if saved < 0:
        return show_step(handler_input, 0, line(turn, "stale", routine), routine=routine)
    title = routine.content(turn).steps[saved].title
    return show_step(
        handler_input, saved, line(turn, "resumed", routine, step=title), routine=routine
    )


def restart(handler_input: HandlerInput, routine: Routine | None = None) -> Response:
    """Start again from the first step."""
    turn = Turn.of(handler_input)
    routine = routine or running(turn)
    return show_step(handler_input, 0, line(turn, "start_over", routine), routine=routine)


def advance(handler_input: HandlerInput) -> Response:
    """Go to the next step, or finish after the last one."""
    turn = Turn.of(handler_input)
    routine = running(turn)
    index = (turn.session.exercise_step or 0) + 1
    if index < len(routine.content(turn).steps):
        return show_step(handler_input, index)
    speech = line(turn, "finished")
    routine.finish(turn)
    turn.session.exercise_step = turn.session.routine = None
    turn.session.last_kind = "line"
    return tell(handler_input, speech)


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
    speech = line(turn, "paused")
    _save_progress(turn, turn.session.exercise_step or 0, running(turn))
    turn.session.exercise_step = turn.session.routine = None
    return tell(handler_input, speech)


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
    step = running(turn).content(turn).steps[turn.session.exercise_step or 0]
    return ask(
        handler_input,
        line(turn, "fallback", step=step.title),
        step.reprompt,
    )
