"""interaction_model.clock: times of day as people say and type them, as AMAZON.TIME fills them."""

from __future__ import annotations

import pytest

from interaction_model.clock import find_time, read_time
from interaction_model.text import normalize_tokens


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("6:30 pm", "18:30"),
        ("ten a.m.", "10:00"),
        ("7pm", "19:00"),
        ("7p.m.", "19:00"),
        ("at 7:30p.m.", "19:30"),
        ("6.30pm", "18:30"),
        ("18:30", "18:30"),
        ("seven thirty pm", "19:30"),
        ("seven oh five", "07:05"),
        ("half past seven", "07:30"),
        ("half seven in the evening", "19:30"),
        ("quarter to eight", "07:45"),
        ("a quarter past nine at night", "21:15"),
        ("ten to eight", "07:50"),
        ("twenty past six in the evening", "18:20"),
        ("eight in the evening", "20:00"),
        ("seven thirty at night", "19:30"),
        ("8 o'clock", "08:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("twelve am", "00:00"),
        ("twelve pm", "12:00"),
        # A clock time without a.m. or p.m. is filled as said (Alexa sends one value).
        ("7", "07:00"),
        ("at seven", "07:00"),
        ("tonight", "NI"),
        ("morning", "MO"),
        ("in the evening", "EV"),
        ("afternoon", "AF"),
        ("EV", "EV"),
    ],
)
def test_read_time(said: str, value: str) -> None:
    assert read_time(normalize_tokens(said)) == value


@pytest.mark.parametrize(
    "said", ["do our check in", "13 pm", "seven sixty", "the third one", "", "half the time"]
)
def test_words_that_are_no_time(said: str) -> None:
    assert read_time(normalize_tokens(said)) is None


@pytest.mark.parametrize(
    ("said", "value", "words"),
    [
        ("remind us every tuesday at 6:30 pm to do our check in", "18:30", "at 6 30 pm"),
        ("every saturday at ten a.m.", "10:00", "at ten am"),
        ("can we switch the reminder to 8 pm", "20:00", "8 pm"),
        # The part of the day said first belongs to the words: it gives the hour its half.
        ("on saturday mornings at ten", "10:00", "mornings at ten"),
        ("every friday evening at 7", "19:00", "evening at 7"),
        ("remind us every friday arvo at 5", "17:00", "afternoon at 5"),
        ("remind us in the evening", "EV", "in the evening"),
    ],
)
def test_find_time_inside_an_utterance(said: str, value: str, words: str) -> None:
    tokens = normalize_tokens(said)
    found = find_time(tokens)
    assert found is not None
    assert found.value == value
    assert " ".join(tokens[found.start : found.end]) == words


def test_a_bare_number_is_a_time_only_when_one_was_asked_for() -> None:
    assert find_time(normalize_tokens("tell me strategy two")) is None
    assert find_time(normalize_tokens("number nine please")) is None
    asked = find_time(normalize_tokens("sunday nine"), bare_hour=True)
    assert asked is not None and asked.value == "09:00"
