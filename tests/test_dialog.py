"""skill.hosts.local.dialog: what the skill waits for, read from the session it keeps."""

from __future__ import annotations

from ask_sdk_core.skill import CustomSkill

from interaction_model.context import Context
from skill.hosts.local.conversation import Conversation
from skill.hosts.local.dialog import context_of


def test_outside_a_session_nothing_is_awaited() -> None:
    assert context_of({"pending": "more"}, in_session=False, last_intent=None) == Context()


def test_the_context_follows_the_conversation(talk: Conversation) -> None:
    def now() -> Context:
        return context_of(talk.attributes, in_session=talk.in_session, last_intent=talk.last_intent)

    talk.launch()
    assert now().question and not now().names
    talk.intent("ActiveListeningExerciseIntent")
    assert now().names and now().routine
    talk.intent("AMAZON.NextIntent")
    assert now().routine and not now().names
    talk.intent("AMAZON.StopIntent")
    assert now() == Context()


def test_a_held_question_and_the_reminder_question(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="dialog")
    talk.launch()
    talk.intent("TrustTipIntent")
    talk.intent("AMAZON.PauseIntent")
    assert context_of(talk.attributes, in_session=True, last_intent=None).paused
    talk.intent("AMAZON.YesIntent")
    assert not context_of(talk.attributes, in_session=True, last_intent=None).paused
    talk.intent("SetReminderIntent")
    assert context_of(talk.attributes, in_session=True, last_intent=None).reminder_time
