"""The couple's first names in the exercise and the check-in, and a recognized speaker's welcome."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill import content
from skill.hosts.local.conversation import Conversation
from skill.hosts.local.envelopes import user_id_for
from skill.persistence import SQLiteAdapter
from speech import ssml
from tests.helpers import check_golden_transcript, user_envelope

CONTENT = content.load()
NAMES = CONTENT.names
assert CONTENT.checkin is not None
CHECKIN = CONTENT.checkin
GOLDEN = Path(__file__).parent / "golden" / "checkin_names_transcript.json"


def names(first: str | None, second: str | None) -> dict[str, Any]:
    """PartnerNamesIntent's slots as Alexa sends them."""
    slots: dict[str, Any] = {}
    for slot, value in (("first", first), ("second", second)):
        slots[slot] = {"name": slot, "confirmationStatus": "NONE"}
        if value is not None:
            slots[slot]["value"] = value
    return slots


def speaker(name: str) -> dict[str, Any]:
    return {"name": {"name": "name", "value": name, "confirmationStatus": "NONE"}}


def stored(adapter: SQLiteAdapter, user: str) -> dict[str, Any]:
    return adapter.get_attributes(user_envelope(user_id_for(user)))


def test_the_checkin_with_names_golden_transcript(
    skill: CustomSkill, request: pytest.FixtureRequest
) -> None:
    talk = Conversation(skill, user="named")
    exchanges = [talk.launch(), talk.intent("CheckInIntent")]
    exchanges.append(talk.intent("PartnerNamesIntent", names("sam", "alex")))
    assert exchanges[-1].speech == NAMES["got"].format(first="Sam", second="Alex")
    exchanges.append(talk.intent("FirstSpeakerIntent", speaker("Alex")))
    assert exchanges[-1].speech == NAMES["first"].format(first="Alex")
    exchanges += [talk.intent("AMAZON.NextIntent") for _ in CHECKIN.steps]
    check_golden_transcript(exchanges, GOLDEN, request)
    went_well = exchanges[4]
    assert went_well.speech.startswith("Alex, share what went well between you this week.")
    assert "Sam, just listen." in went_well.speech
    assert exchanges[5].speech.startswith("Thank you. Sam, it's your turn.")
    assert "Alex and Sam" in exchanges[-2].speech


def test_names_are_kept_only_with_the_progress(skill: CustomSkill, adapter: SQLiteAdapter) -> None:
    talk = Conversation(skill, user="kept")
    talk.intent("ActiveListeningExerciseIntent")
    talk.intent("PartnerNamesIntent", names("Sam", "Alex"))
    step = talk.intent("AMAZON.NextIntent")
    assert step.speech.startswith("Sam, share something that's on your mind.")
    assert step.response["response"]["card"]["content"].startswith("Sam, share")
    assert stored(adapter, "kept")["exercise"]["names"] == ["Sam", "Alex"]
    talk.intent("AMAZON.PauseIntent")
    later = Conversation(skill, user="kept")
    resumed = later.intent("AMAZON.ResumeIntent")
    assert "Sam, share something" in resumed.speech
    while not (last := later.intent("AMAZON.NextIntent")).end_session:
        pass
    assert last.speech == CONTENT.exercise.lines["finished"]
    assert "exercise" not in stored(adapter, "kept")
    fresh = Conversation(skill, user="kept")
    fresh.intent("ActiveListeningExerciseIntent")
    assert fresh.intent("AMAZON.NextIntent").speech.startswith("Speaker, share")


def test_forget_me_deletes_the_names(skill: CustomSkill, adapter: SQLiteAdapter) -> None:
    talk = Conversation(skill, user="forgotten")
    talk.intent("CheckInIntent")
    talk.intent("PartnerNamesIntent", names("Sam", "Alex"))
    assert stored(adapter, "forgotten")["checkin"]["names"] == ["Sam", "Alex"]
    talk.intent("ForgetMeIntent")
    talk.intent("AMAZON.YesIntent")
    assert "checkin" not in stored(adapter, "forgotten")
    again = Conversation(skill, user="forgotten")
    again.intent("CheckInIntent")
    assert again.intent("AMAZON.NextIntent").speech.startswith("First partner, share")


@pytest.mark.parametrize(
    ("intent", "slots", "key", "values"),
    [
        ("PartnerNamesIntent", names("Sam", None), "need_both", {}),
        ("PartnerNamesIntent", names("Sam", "sam"), "need_both", {}),
        ("FirstSpeakerIntent", speaker("Sam"), "need_both", {}),
    ],
)
def test_names_need_both_partners(
    talk: Conversation, intent: str, slots: dict[str, Any], key: str, values: dict[str, str]
) -> None:
    talk.intent("CheckInIntent")
    reply = talk.intent(intent, slots)
    assert reply.speech == NAMES[key].format(**values) and not reply.end_session
    assert talk.intent("AMAZON.NextIntent").speech.startswith("First partner, share")


def test_someone_else_going_first_is_explained(talk: Conversation) -> None:
    talk.intent("ActiveListeningExerciseIntent")
    talk.intent("PartnerNamesIntent", names("Sam", "Alex"))
    reply = talk.intent("FirstSpeakerIntent", speaker("Robin"))
    assert reply.speech == NAMES["not_theirs"].format(first="Sam", second="Alex")


def test_names_outside_a_routine_offer_the_checkin(talk: Conversation) -> None:
    reply = talk.intent("PartnerNamesIntent", names("Sam", "Alex"))
    assert reply.speech == NAMES["outside"] and not reply.end_session
    assert talk.intent("AMAZON.YesIntent").response["response"]["card"]["title"] == (
        CHECKIN.steps[0].title
    )


@pytest.mark.parametrize(
    ("utterance", "intent", "slots"),
    [
        ("we're sam and alex", "PartnerNamesIntent", {"first": "sam", "second": "alex"}),
        ("my name is jo and my partner is mary ann", "PartnerNamesIntent", {"first": "jo"}),
        ("alex goes first", "FirstSpeakerIntent", {"name": "alex"}),
    ],
)
def test_the_phrases_resolve(utterance: str, intent: str, slots: dict[str, str]) -> None:
    resolution = Resolver.from_locale("en-US").resolve(utterance)
    assert resolution.intent == intent
    for name, value in slots.items():
        assert resolution.slots[name].value == value


@pytest.mark.parametrize(
    "utterance", ["go back to the start", "we're fighting and it's hard", "let the exercise start"]
)
def test_words_of_the_model_are_no_first_names(utterance: str) -> None:
    intent = Resolver.from_locale("en-US").resolve(utterance).intent
    assert intent not in ("PartnerNamesIntent", "FirstSpeakerIntent")


def test_a_recognized_speaker_is_welcomed_by_name(skill: CustomSkill) -> None:
    person = "amzn1.ask.person.SAM"
    talk = Conversation(skill, user="welcome", person_id=person)
    talk.launch()
    talk.end()
    welcome = talk.launch()
    tag = f'<alexa:name type="first" personId="{person}"/>'
    assert tag in welcome.ssml and ssml.validate(welcome.ssml) == []
    assert welcome.speech.startswith("Welcome back to Trust Coach. Would you like")
    unknown = Conversation(skill, user="welcome")
    assert unknown.launch().speech == CONTENT.line("welcome_back")


@pytest.mark.parametrize(
    "tag",
    ['<alexa:name type="first"/>', '<alexa:name type="last" personId="p"/>'],
)
def test_a_malformed_name_tag_is_invalid(tag: str) -> None:
    assert ssml.validate(f"<speak>Hi {tag}.</speak>") != []


@pytest.mark.parametrize(
    ("first", "second"),
    [("will", "rose"), ("grace", "bill"), ("hope", "mark"), ("sunny", "summer"), ("sam", "will")],
)
def test_names_that_are_also_words_are_names(first: str, second: str) -> None:
    resolver = Resolver.from_locale("en-US")
    both = resolver.resolve(f"we're {first} and {second}")
    assert both.intent == "PartnerNamesIntent"
    assert (both.slots["first"].value, both.slots["second"].value) == (first, second)
    goes = resolver.resolve(f"{second} goes first")
    assert goes.intent == "FirstSpeakerIntent" and goes.slots["name"].value == second


def test_every_word_name_is_a_name_where_a_sample_asks_for_one() -> None:
    from interaction_model.first_names import WORD_NAMES

    resolver = Resolver.from_locale("en-US")
    missed = [
        name
        for name in sorted(WORD_NAMES)
        if resolver.resolve(f"we're sam and {name}").slots.get("second") is None
        or resolver.resolve(f"we're sam and {name}").slots["second"].value != name
    ]
    assert missed == []


def test_will_is_still_a_word_outside_a_name(skill: CustomSkill) -> None:
    resolver = Resolver.from_locale("en-US")
    assert resolver.resolve("when will you remind us").intent == "ReminderStatusIntent"
    talk = Conversation(skill, resolver, user="will")
    talk.send("ask trust coach to start our weekly check in")
    got = talk.send("we're Will and Rose")
    assert got.speech == NAMES["got"].format(first="Will", second="Rose")
    assert talk.send("rose goes first").speech == NAMES["first"].format(first="Rose")


def test_what_do_i_do_on_a_named_step_uses_the_names(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="helped")
    talk.intent("CheckInIntent")
    talk.intent("PartnerNamesIntent", names("hope", "will"))
    talk.intent("FirstSpeakerIntent", speaker("will"))
    talk.intent("AMAZON.NextIntent")
    helped = talk.intent("AMAZON.HelpIntent")
    assert helped.speech.startswith("Will, share one moment from this week that felt good.")
    assert "Hope, just listen." in helped.speech and "partner" not in helped.speech
    for step in CHECKIN.steps:
        if "partner" in step.help.lower() and "{first}" in step.speech + step.named_speech:
            assert step.named_help, step.id


def test_the_step_a_couple_left_is_named_with_their_names(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="titled")
    talk.intent("CheckInIntent")
    talk.intent("PartnerNamesIntent", names("sam", "Jo & <Al>"))
    talk.intent("AMAZON.NextIntent")
    missed = talk.intent("AMAZON.FallbackIntent")
    assert missed.speech.startswith("Sorry, I missed that. We're on What went well, Sam.")
    talk.intent("AMAZON.NextIntent")
    talk.intent("AMAZON.PauseIntent")
    offer = talk.launch()
    assert "on the step: What went well, Jo &amp; &lt;Al&gt;." in offer.ssml
    assert "partner" not in offer.speech


ROLE_WORDS = ("speaker", "listener", "partner")


def test_what_do_i_do_in_the_exercise_uses_the_names(skill: CustomSkill) -> None:
    """A couple who gave their names hears them in the step's help too, as in its speech."""
    talk = Conversation(skill, user="helped-exercise")
    talk.intent("ActiveListeningExerciseIntent")
    talk.intent("PartnerNamesIntent", names("Sam", "Alex"))
    talk.intent("AMAZON.NextIntent")
    helped = talk.intent("AMAZON.HelpIntent")
    assert helped.speech.startswith("Sam, say how you feel and when. Alex, just listen")
    for step in CONTENT.exercise.steps:
        if any(w in step.help.lower() for w in ROLE_WORDS) and "{first}" in step.named_speech:
            assert step.named_help, step.id
            assert not any(w in step.named_help.lower() for w in ROLE_WORDS), step.id
