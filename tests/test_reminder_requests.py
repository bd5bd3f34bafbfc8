"""interaction_model.reminder_requests: the check-in reminder asked for in any frame."""

from __future__ import annotations

import pytest

from interaction_model import reminder_requests
from interaction_model.text import normalize_tokens

_DAYS = {
    "monday": "MO",
    "mondays": "MO",
    "tuesday": "TU",
    "thursday": "TH",
    "saturday": "SA",
    "sundays": "SU",
}


def weekday(word: str) -> tuple[str, str] | None:
    found = _DAYS.get(word)
    return (found, word) if found else None


def read(said: str, *, asked: bool = False) -> reminder_requests.ReminderRequest | None:
    return reminder_requests.read(normalize_tokens(said), weekday, asked=asked)


@pytest.mark.parametrize(
    ("said", "intent", "day", "time"),
    [
        ("can you remind us every tuesday at 6:30 pm to do our check in", "Set", "TU", "18:30"),
        ("set a reminder", "Set", None, None),
        ("i'd like a reminder every saturday at ten a.m.", "Set", "SA", "10:00"),
        ("can we switch the reminder to 8 pm", "Move", None, "20:00"),
        ("reschedule our weekly reminder to monday at seven thirty pm", "Move", "MO", "19:30"),
        ("postpone our check in reminder to thursday", "Move", "TH", None),
        ("switch the reminder to sundays instead", "Move", "SU", None),
        ("turn off the weekly reminder", "Cancel", None, None),
        ("we don't want the reminder anymore", "Cancel", None, None),
        ("stop reminding us", "Cancel", None, None),
        ("um did i already set up a reminder", "ReminderStatusIntent", None, None),
        ("what time is the reminder set for", "ReminderStatusIntent", None, None),
        # Asked of my reminder, or whether one is still there.
        ("is my check in reminder still set", "ReminderStatusIntent", None, None),
        ("was a reminder ever set up", "ReminderStatusIntent", None, None),
        ("does our reminder still go off on fridays", "ReminderStatusIntent", None, None),
    ],
)
def test_what_a_request_asks(said: str, intent: str, day: str | None, time: str | None) -> None:
    found = read(said)
    assert found is not None
    assert found.intent == (intent if intent.endswith("Intent") else f"{intent}ReminderIntent")
    assert (found.day[1] if found.day else None) == day
    assert (found.time.value if found.time else None) == time


@pytest.mark.parametrize(
    "said",
    [
        "remind me to take my pills at nine",
        "set a reminder to pay the electric bill",
        "remind me to call my husband at five",
    ],
)
def test_a_reminder_of_something_else_is_not_the_skills(said: str) -> None:
    found = read(said)
    assert found is not None and found.intent == reminder_requests.ELSEWHERE


@pytest.mark.parametrize(
    "said",
    [
        "my girlfriend is confused about the train schedule",
        "push my reminder back an hour",
        "tell me strategy two",
        "mondays at 7",
    ],
)
def test_words_about_something_else_are_left_to_the_other_tiers(said: str) -> None:
    assert read(said) is None


def test_after_the_skill_asked_a_bare_day_and_time_sets_it() -> None:
    found = read("mondays at 7", asked=True)
    assert found is not None and found.intent == reminder_requests.SET
    assert found.day is not None and found.day[1] == "MO"
    assert found.time is not None and found.time.value == "07:00"
    bare = read("8 pm", asked=True)
    assert bare is not None and bare.time is not None and bare.time.value == "20:00"


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("cancell the weekly reminder", "CancelReminderIntent"),
        ("delte our reminder", "CancelReminderIntent"),
        ("do i hav a reminder", "ReminderStatusIntent"),
    ],
)
def test_a_slip_of_the_verb_is_read_as_the_verb(said: str, intent: str) -> None:
    from interaction_model.resolver import Resolver

    assert Resolver.from_locale("en-US").resolve(said).intent == intent
