"""The skill's real answers, built from the content and a typed record of what was said.

Each answer is built here once, from plain ids (``state.Said``): the handler that gives it and
Repeat, which rebuilds it from the session, use the same function, so Repeat says the same words
and never speaks anything that came back in the session attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.content import Strategy, Topic
from skill.conversation import exercise, reminder_lines
from skill.conversation.replies import Reply, answer, join
from skill.conversation.state import Answer, FollowUp, Said
from skill.conversation.turn import Turn
from speech import ssml


@dataclass(frozen=True)
class Question:
    """One of the skill's question lines: its reprompt and what yes and no mean after it."""

    reprompt: str | None
    """The reprompt's line key (None: the question itself)."""
    yes: FollowUp | None
    """What "yes" means."""
    no: FollowUp | None
    """What "no" means."""
    explain: str | None = None
    """The line key said for "I don't get it" after it (None: no plainer version)."""


QUESTIONS: dict[str, Question] = {
    "welcome": Question("welcome_reprompt", FollowUp.TIP, None, explain="welcome_more"),
    "welcome_back": Question("welcome_reprompt", FollowUp.TIP, None, explain="welcome_more"),
    "welcome_back_finished": Question(
        "welcome_reprompt", FollowUp.TIP, None, explain="welcome_more"
    ),
    "welcome_more": Question("welcome_reprompt", FollowUp.TIP, None),
    "offer_tip": Question(None, FollowUp.TIP, FollowUp.GOODBYE),
    "another_question": Question(None, FollowUp.TIP, FollowUp.GOODBYE),
    "more_topic_done": Question(None, FollowUp.TIP, FollowUp.GOODBYE),
    "list_more": Question("list_reprompt", FollowUp.LIST_NEXT, FollowUp.GOODBYE),
    "thanks": Question("thanks_reprompt", FollowUp.TIP, FollowUp.GOODBYE),
    "thanks_first": Question(None, FollowUp.TIP, FollowUp.GOODBYE),
    "thanks_safety": Question("safety_reprompt", FollowUp.SAFETY, FollowUp.GOODBYE),
    "resume_nothing": Question(
        None, FollowUp.EXERCISE_START, FollowUp.GOODBYE, explain="resume_nothing_explain"
    ),
    "resume_nothing_explain": Question(None, FollowUp.EXERCISE_START, FollowUp.GOODBYE),
    "forget_confirm": Question(
        "forget_reprompt", FollowUp.FORGET, FollowUp.OFFER_TIP, explain="forget_explain"
    ),
    "forget_explain": Question("forget_reprompt", FollowUp.FORGET, FollowUp.OFFER_TIP),
    "forget_person_confirm": Question(
        "forget_reprompt", FollowUp.FORGET, FollowUp.OFFER_TIP, explain="forget_person_explain"
    ),
    "forget_person_explain": Question("forget_reprompt", FollowUp.FORGET, FollowUp.OFFER_TIP),
    "previous_first": Question("more_reprompt", FollowUp.TIP, FollowUp.GOODBYE),
    "help": Question("help_reprompt", None, None),
}
"""The question lines that are real answers, by line key (``Said.ref`` of a QUESTION)."""


@dataclass(frozen=True)
class Offer:
    """How a real answer ends: the question after it, its reprompt, what yes and no mean."""

    question: str | None
    """The question's line key, said after the answer (None: the answer asks it itself)."""
    reprompt: str
    """The reprompt's line key."""
    yes: FollowUp
    """What "yes" means."""
    no: FollowUp
    """What "no" means."""

    def reply(self, turn: Turn, *speech: str, card: tuple[str, str] | None = None) -> Reply:
        """``speech`` then the question, with the reprompt, the follow-ups and ``card``."""
        question = (turn.say(self.question),) if self.question else ()
        return Reply(
            join(*speech, *question),
            turn.say(self.reprompt),
            yes=self.yes,
            no=self.no,
            card=card,
        )


TIP = Offer("tip_question", "tip_reprompt", FollowUp.MORE, FollowUp.ANOTHER)
"""After a short tip: more about it?"""
MORE = Offer("more_question", "more_reprompt", FollowUp.TIP, FollowUp.GOODBYE)
"""After a strategy's longer version: another tip?"""
LIST = Offer(None, "list_reprompt", FollowUp.LIST_NEXT, FollowUp.GOODBYE)
"""After the names of the strategies: yes starts at the first."""
TOPIC = Offer("topic_question", "topic_reprompt", FollowUp.MORE, FollowUp.OFFER_TIP)
"""After a topic's short answer: the rest of it?"""
TOPIC_MORE = Offer("topic_more_question", "topic_more_question", FollowUp.TIP, FollowUp.GOODBYE)
"""After the rest of a topic: a tip?"""
SAFETY = Offer(None, "safety_reprompt", FollowUp.SAFETY, FollowUp.GOODBYE)
"""After the safety message: the number again?"""


def tip_reply(turn: Turn, strategy: Strategy, *prefix: str) -> Reply:
    """A strategy's short tip (after any ``prefix`` lines), and the offer to tell more."""
    intro = turn.say("tip_intro", number=strategy.number, title=strategy.title)
    return TIP.reply(turn, *prefix, intro, strategy.tip, card=(strategy.title, strategy.card))


def more_reply(turn: Turn, strategy: Strategy) -> Reply:
    """A strategy's longer version, and the offer of another tip."""
    return MORE.reply(turn, strategy.more, card=(strategy.title, strategy.card))


def list_reply(turn: Turn) -> Reply:
    """The names of the nine strategies; yes starts at the first."""
    return LIST.reply(turn, turn.say("list_strategies"))


def topic_reply(turn: Turn, topic: Topic) -> Reply:
    """A topic's short answer, and the offer of the rest."""
    return TOPIC.reply(turn, topic.speech, card=(topic.title, topic.card))


def topic_more_reply(turn: Turn, topic: Topic) -> Reply:
    """The rest of a topic, and the offer of a tip."""
    return TOPIC_MORE.reply(turn, topic.more, card=(topic.title, topic.card))


def safety_reply(turn: Turn) -> Reply:
    """The safety message: emergency services, a confidential helpline, a gentle way back."""
    return SAFETY.reply(turn, turn.say("safety"))


def question_reply(turn: Turn, key: str) -> Reply | None:
    """One of the question lines of ``QUESTIONS`` (None for any other key)."""
    question = QUESTIONS.get(key)
    if question is None:
        return None
    speech = turn.say(key)
    reprompt = turn.say(question.reprompt) if question.reprompt else speech
    return Reply(speech, reprompt, yes=question.yes, no=question.no)


def explain_reply(turn: Turn, said: Said | None) -> tuple[Reply, Said | None] | None:
    """ "I don't get it" after a question: its plainer version, and the record for Repeat (None
    when the question has none; the offer to pick up a routine is not recorded, so Repeat says
    the offer itself again)."""
    if said is None:
        return None
    if said.kind is Answer.QUESTION:
        question = QUESTIONS.get(said.ref or "")
        if question is None or question.explain is None:
            return None
        plain = question_reply(turn, question.explain)
        return (plain, Said(Answer.QUESTION, ref=question.explain)) if plain else None
    if said.kind is Answer.RESUME_OFFER:
        offer = render(turn, said)
        if offer is None:
            return None
        speech = turn.say("resume_explain")
        return Reply(speech, speech, yes=offer.yes, no=offer.no), None
    return None


def situation_reply(turn: Turn, situation_id: str | None) -> Reply | None:
    """A situation acknowledged and its strategy's tip (None: not understood, said gently)."""
    if situation_id is None:
        return tip_reply(turn, turn.content.strategies[0], turn.say("situation_unknown"))
    situation = turn.content.situations.get(situation_id)
    strategy = turn.content.strategy(situation.strategy) if situation else None
    if situation is None or strategy is None:
        return None
    return tip_reply(turn, strategy, ssml.text(situation.acknowledgement))


def _routine_step(turn: Turn, said: Said) -> tuple[exercise.Routine, int] | None:
    """The routine and step index a record names, when the content has that step."""
    routine = exercise.routine_of(said)
    if said.step is None or said.step >= len(routine.content(turn).steps):
        return None
    return routine, said.step


def render(turn: Turn, said: Said | None) -> Reply | None:
    """The answer a record describes, rebuilt from the content (None: it names nothing ours)."""
    if said is None:
        return None
    ref = said.ref or ""
    match said.kind:
        case Answer.TIP:
            strategy = turn.content.strategy(ref)
            return tip_reply(turn, strategy) if strategy else None
        case Answer.SITUATION:
            return situation_reply(turn, said.ref)
        case Answer.MORE:
            strategy = turn.content.strategy(ref)
            return more_reply(turn, strategy) if strategy else None
        case Answer.LIST:
            return list_reply(turn)
        case Answer.TOPIC:
            topic = turn.content.topic(ref)
            return topic_reply(turn, topic) if topic else None
        case Answer.TOPIC_MORE:
            topic = turn.content.topic(ref)
            return topic_more_reply(turn, topic) if topic else None
        case Answer.STEP:
            found = _routine_step(turn, said)
            return exercise.step_reply(turn, found[1], routine=found[0]) if found else None
        case Answer.RESUME_OFFER:
            found = _routine_step(turn, said)
            if found is None or ref not in ("launch", "start"):
                return None
            return exercise.resume_offer(turn, found[1], found[0], at_launch=ref == "launch")
        case Answer.SAFETY:
            return safety_reply(turn)
        case Answer.QUESTION:
            return question_reply(turn, ref)
        case Answer.REMINDER:
            return reminder_lines.reply(turn, ref, reminder_lines.parse_when(said.when))
    return None


def say(handler_input: HandlerInput, said: Said) -> Response:
    """Give the answer ``said`` describes and record it as the last real answer."""
    reply = render(Turn.of(handler_input), said)
    if reply is None:
        raise LookupError(f"no answer for {said}")
    return answer(handler_input, reply, said)


def ask_line(handler_input: HandlerInput, key: str) -> Response:
    """Ask one of the question lines of ``QUESTIONS``, as a real answer."""
    return say(handler_input, Said(Answer.QUESTION, ref=key))
