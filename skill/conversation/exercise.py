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
from skill.conversation import reminder_lines
from skill.conversation.replies import Reply, answer, ask, join, tell
from skill.conversation.state import Answer, ExerciseFinished, ExerciseProgress, FollowUp, Said
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


def routine_of(said: Said) -> Routine:
    """The routine a record of a step or an offer names (the exercise unless the check-in)."""
    return CHECKIN if said.routine == CHECKIN.kind else EXERCISE


def running(turn: Turn) -> Routine:
    """The routine of this session (the exercise unless the session says otherwise)."""
    return CHECKIN if turn.session.routine == CHECKIN.kind else EXERCISE


CUE_LEAD_SECONDS = 10
"""How long before the end of a quiet time the gentle cue is spoken."""


def step_speech(step: ExerciseStep, names: tuple[str, str] | None = None) -> str:
    """A step's words, addressing the couple by name when they gave their names."""
    if names is None or not step.named_speech:
        return step.speech
    return step.named_speech.format(first=names[0], second=names[1])


def step_help(step: ExerciseStep, names: tuple[str, str] | None = None) -> str:
    """A step's help ("what do I do?"), by name when the couple gave their names."""
    if names is None or not step.named_help:
        return step.help
    return step.named_help.format(first=names[0], second=names[1])


def step_title(step: ExerciseStep, names: tuple[str, str] | None = None) -> str:
    """A step's title as spoken ("on the step: ..."), by name when the couple gave their names."""
    if names is None or not step.named_title:
        return step.title
    return step.named_title.format(first=names[0], second=names[1])


def step_ssml(step: ExerciseStep, names: tuple[str, str] | None = None) -> ssml.Fragment:
    """A step's speech, its quiet time with a cue near the end, and its closing prompt."""
    quiet = ssml.Fragment("")
    if step.wait_seconds > 0:
        tail = min(CUE_LEAD_SECONDS, step.wait_seconds // 2)
        quiet = join(
            ssml.long_pause(step.wait_seconds - tail),
            step.cue,
            ssml.long_pause(tail),
        )
    return join(step_speech(step, names), quiet, step.prompt)


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


def names(turn: Turn, routine: Routine | None = None) -> tuple[str, str] | None:
    """The couple's first names, kept with the routine's progress, if they gave them."""
    saved = (routine or running(turn)).progress(turn)
    return saved.names if saved is not None else None


def _save_progress(
    turn: Turn, index: int, routine: Routine, given: tuple[str, str] | None = None
) -> None:
    step_id = routine.content(turn).steps[index].id
    kept = given or names(turn, routine)
    routine.save(turn, ExerciseProgress(step=step_id, at=turn.timestamp, names=kept))


def keep_names(turn: Turn, given: tuple[str, str]) -> None:
    """Keep the couple's first names with the running routine's progress (first speaker first)."""
    _save_progress(turn, turn.session.exercise_step or 0, running(turn), given)


def step_reply(turn: Turn, index: int, *prefix: str, routine: Routine | None = None) -> Reply:
    """Step ``index`` of a routine (the running one) as a reply: yes goes on, no waits."""
    routine = routine or running(turn)
    step = routine.content(turn).steps[index]
    given = names(turn, routine)
    return Reply(
        join(*prefix, step_ssml(step, given)),
        step.reprompt,
        yes=FollowUp.EXERCISE_NEXT,
        no=FollowUp.EXERCISE_STAY,
        card=(step.title, step_speech(step, given)),
    )


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
    reply = step_reply(turn, index, *prefix, routine=routine)
    return answer(handler_input, reply, Said(Answer.STEP, step=index, routine=routine.kind))


def resume_offer(turn: Turn, index: int, routine: Routine, *, at_launch: bool) -> Reply:
    """The offer to pick up ``routine`` at step ``index``: at launch (no = a tip instead) or
    when it is asked for again (no = start over)."""
    title = step_title(routine.content(turn).steps[index], names(turn, routine))
    if not at_launch:
        speech = line(turn, "intro_resume_question", routine, step=title)
        return Reply(speech, speech, yes=routine.resume_yes, no=routine.resume_no)
    if routine is EXERCISE:
        speech = turn.say("welcome_back_paused", step=title)
    else:
        speech = line(turn, "welcome_back_paused", routine, step=title)
    return Reply(speech, speech, yes=routine.resume_yes, no=FollowUp.OFFER_TIP)


def offer_resume(
    handler_input: HandlerInput, index: int, routine: Routine, *, at_launch: bool
) -> Response:
    """Offer to pick up ``routine`` where the couple left it."""
    turn = Turn.of(handler_input)
    reply = resume_offer(turn, index, routine, at_launch=at_launch)
    said = Said(
        Answer.RESUME_OFFER,
        ref="launch" if at_launch else "start",
        step=index,
        routine=routine.kind,
    )
    return answer(handler_input, reply, said)


def line(turn: Turn, key: str, routine: Routine | None = None, **values: object) -> ssml.Fragment:
    """One of the routine's own lines as escaped SSML (the running routine's by default)."""
    text = (routine or running(turn)).content(turn).lines[key]
    return spoken.fill(turn.content, text, **values)


def start(handler_input: HandlerInput, routine: Routine = EXERCISE) -> Response:
    """Start a routine, or offer to continue an unfinished one."""
    turn = Turn.of(handler_input)
    saved = saved_step(turn, routine)
    in_it = turn.session.exercise_step is not None and running(turn) is routine
    if saved is not None and saved > 0 and not in_it:
        return offer_resume(handler_input, saved, routine, at_launch=False)
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
    title = step_title(routine.content(turn).steps[saved], names(turn, routine))
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
    index = current_index(turn) + 1
    if index < len(routine.content(turn).steps):
        return show_step(handler_input, index)
    speech = line(turn, "finished")
    routine.finish(turn)
    turn.session.exercise_step = turn.session.routine = None
    turn.session.last_kind = "line"
    if routine is CHECKIN and reminder_lines.may_offer(turn):
        from skill.conversation.handlers.reminders import offer_after_checkin

        return offer_after_checkin(handler_input)
    return tell(handler_input, speech)


def back(handler_input: HandlerInput) -> Response:
    """Go to the previous step (the first step says it is the first)."""
    turn = Turn.of(handler_input)
    index = current_index(turn)
    if index == 0:
        return show_step(handler_input, 0, line(turn, "at_first"))
    return show_step(handler_input, index - 1)


def pause(handler_input: HandlerInput) -> Response:
    """Keep the progress and end the session."""
    turn = Turn.of(handler_input)
    speech = line(turn, "paused")
    _save_progress(turn, current_index(turn), running(turn))
    turn.session.exercise_step = turn.session.routine = None
    return tell(handler_input, speech)


def current_index(turn: Turn) -> int:
    """The index of the step the couple is at (session attributes come back from outside, so a
    step past the last is read as the last)."""
    last = len(running(turn).content(turn).steps) - 1
    return min(turn.session.exercise_step or 0, last)


def current_step(turn: Turn) -> ExerciseStep:
    """The step the couple is at in this session."""
    return running(turn).content(turn).steps[current_index(turn)]


def _stay(handler_input: HandlerInput, *speech: str) -> Response:
    """Say ``speech`` and stay on the current step: yes goes on, no waits, Repeat repeats it."""
    step = current_step(Turn.of(handler_input))
    return ask(
        handler_input,
        join(*speech),
        step.reprompt,
        yes=FollowUp.EXERCISE_NEXT,
        no=FollowUp.EXERCISE_STAY,
    )


def help_(handler_input: HandlerInput) -> Response:
    """ "Wait, what do I do?": what to do on this step, briefly, and how to go on."""
    turn = Turn.of(handler_input)
    help_line = step_help(current_step(turn), names(turn))
    return _stay(handler_input, help_line, line(turn, "help"))


def explain(handler_input: HandlerInput) -> Response:
    """ "I don't get it": the current step in plain words, then its prompt again."""
    step = current_step(Turn.of(handler_input))
    return _stay(handler_input, step.explain, step.prompt)


def thanks(handler_input: HandlerInput) -> Response:
    """Thanks inside a routine: a warm word, and the step stays."""
    turn = Turn.of(handler_input)
    return _stay(handler_input, line(turn, "thanks"), current_step(turn).prompt)


def wait(handler_input: HandlerInput) -> Response:
    """ "No" or "not yet" on a step: no hurry, the step stays."""
    turn = Turn.of(handler_input)
    return _stay(handler_input, line(turn, "wait"), current_step(turn).prompt)


def fallback(handler_input: HandlerInput) -> Response:
    """An utterance that makes no sense here: stay on the step and say briefly how to steer
    (shorter on a second miss in a row)."""
    turn = Turn.of(handler_input)
    misses = turn.session.misses
    key = "fallback_again" if misses else "fallback"
    title = step_title(current_step(turn), names(turn))
    response = _stay(handler_input, line(turn, key, step=title))
    turn.session.misses = misses + 1
    return response
