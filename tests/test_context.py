"""interaction_model.context: replies read with what the skill is waiting for."""

from __future__ import annotations

import pytest
from ask_sdk_core.skill import CustomSkill

from interaction_model import context
from interaction_model.context import Context
from interaction_model.resolver import Resolver
from interaction_model.text import normalize_tokens
from skill import content
from skill.hosts.local.conversation import Conversation

RESOLVER = Resolver.from_locale("en-US")
SAMPLE_WORDS = RESOLVER._sample_words  # the words the resolver knows from the samples
CONTENT = content.load()


def words(said: str) -> list[str]:
    return normalize_tokens(said)


@pytest.mark.parametrize(
    ("said", "pair"),
    [
        ("my name is maria and his name is jose", ("maria", "jose")),
        ("it's jordan and taylor", ("jordan", "taylor")),
        ("uh i'm chris and she's dana", ("chris", "dana")),
        ("mike and jessica", ("mike", "jessica")),
        ("our names are emily and ryan", ("emily", "ryan")),
        ("i'm will and my wife is rose", ("will", "rose")),
        ("me jen and mike", ("jen", "mike")),
        # Each name introduced in its own words.
        ("it's me dana and my husband omar", ("dana", "omar")),
        ("this is kofi and that's lena", ("kofi", "lena")),
        ("hi this is ravi and my fiancee is mei", ("ravi", "mei")),
        ("were tom n ellie", ("tom", "ellie")),
    ],
)
def test_names_in_a_names_frame(said: str, pair: tuple[str, str]) -> None:
    assert context.read_names(words(said), SAMPLE_WORDS) == pair


@pytest.mark.parametrize(
    "said", ["yes and no", "stop and help", "no names", "skip", "next and next", "sam and sam"]
)
def test_command_words_are_never_names(said: str) -> None:
    assert context.read_names(words(said), SAMPLE_WORDS) is None


@pytest.mark.parametrize(
    "said", ["this is hard and that's okay", "i'm sad and my wife is upset", "it is me and my wife"]
)
def test_two_introductions_need_two_names(said: str) -> None:
    assert context.read_names(words(said), SAMPLE_WORDS) is None


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("ryan's gonna speak first", "ryan"),
        ("let maria go first", "maria"),
        ("dana wants to start", "dana"),
        ("taylor wants to talk first", "taylor"),
        ("first is sam", "sam"),
        ("i think omar will start", "omar"),
        ("maybe lena goes first", "lena"),
        ("me, kofi", "kofi"),
    ],
)
def test_who_speaks_first(said: str, name: str) -> None:
    assert context.read_first_speaker(words(said), SAMPLE_WORDS) == name


def test_help_first_names_nobody() -> None:
    assert context.read_first_speaker(words("help first"), SAMPLE_WORDS) is None


def test_names_are_read_only_while_the_skill_waits_for_them() -> None:
    waiting = RESOLVER.resolve("mike and jessica", context=Context(names=True, routine=True))
    assert waiting.intent == "PartnerNamesIntent"
    assert (waiting.slots["first"].value, waiting.slots["second"].value) == ("mike", "jessica")
    declined = RESOLVER.resolve("no names", context=Context(names=True, routine=True))
    assert declined.intent == "AMAZON.NextIntent"
    # Safety first, in every context.
    hurt = RESOLVER.resolve("my husband hurts me", context=Context(names=True, routine=True))
    assert hurt.intent == "SafetyIntent"


def test_continue_resumes_after_a_pause_and_means_yes_after_a_question() -> None:
    held = RESOLVER.resolve("continue", context=Context(question=True, paused=True))
    assert held.intent == "AMAZON.ResumeIntent"
    asked = RESOLVER.resolve("continue", context=Context(question=True))
    assert asked.intent == "AMAZON.YesIntent"


@pytest.mark.parametrize(
    "said", ["keep going", "okay carry on", "alright what now", "we switched roles what's next"]
)
def test_in_a_step_going_on_is_the_next_step(said: str) -> None:
    assert RESOLVER.resolve(said, context=Context(question=True, routine=True)).intent == (
        "AMAZON.NextIntent"
    )


def test_a_bare_time_answers_the_reminder_question() -> None:
    found = RESOLVER.resolve("8 pm", context=Context(question=True, reminder_time=True))
    assert found.intent == "SetReminderIntent"
    assert found.slots["time"].value == "8 pm"


def test_through_the_local_mode(skill: CustomSkill) -> None:
    talk = Conversation(skill, RESOLVER, user="context")
    talk.send("start the active listening exercise")
    got = talk.send("it's jordan and taylor")
    assert got.speech == CONTENT.names["got"].format(first="Jordan", second="Taylor")
    first = talk.send("taylor's gonna speak first")
    assert first.speech == CONTENT.names["first"].format(first="Taylor")
    tip = talk.send("tell me strategy two")
    talk.send("pause")
    resumed = talk.send("continue")
    assert resumed.intent == "AMAZON.ResumeIntent"
    strategy = CONTENT.strategy("establish_boundaries")
    assert strategy is not None and "Establish Boundaries" in tip.speech
    assert resumed.speech.startswith(strategy.more)


@pytest.mark.parametrize(
    ("said", "resumes"),
    [
        ("we stopped halfway through the listening thing can we keep going with it", True),
        ("let's finish the listening exercise from before", True),
        ("pick up the listening exercise again", True),
        ("start the listening exercise", False),
        ("start the exercise again", False),
        ("continue", False),
    ],
)
def test_going_on_with_an_exercise_begun_earlier(said: str, resumes: bool) -> None:
    assert context.resumes_routine(words(said)) is resumes


@pytest.mark.parametrize(
    ("said", "pair"),
    [
        ("i am leo and this is my wife ana", ("leo", "ana")),
        ("okay its leo and ana", ("leo", "ana")),
    ],
)
def test_more_names_frames_in_context(said: str, pair: tuple[str, str]) -> None:
    found = RESOLVER.resolve(said, context=Context(names=True, routine=True, question=True))
    assert found.intent == "PartnerNamesIntent"
    assert (found.slots["first"].value, found.slots["second"].value) == pair


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("hmm i'm not sure i follow", "TellMeMoreIntent"),
        ("you lost me", "TellMeMoreIntent"),
        ("i'm confused about whether he loves me", "SituationIntent"),
    ],
)
def test_lost_after_an_answer_asks_for_it_plainer(said: str, intent: str) -> None:
    assert RESOLVER.resolve(said, context=Context(question=True)).intent == intent
