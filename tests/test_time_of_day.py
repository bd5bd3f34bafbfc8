"""interaction_model.time_of_day: times of day as people say and type them, as AMAZON.TIME
fills them; where one is said inside an utterance."""

from __future__ import annotations

import pytest

from interaction_model.text import normalize_tokens
from interaction_model.time_of_day import alexa_time, find_time, is_time, read_time, time_length


def _span(utterance: str) -> str | None:
    words = normalize_tokens(utterance)
    for index in range(len(words)):
        length = time_length(words, index)
        if length:
            return " ".join(words[index : index + length])
    return None


@pytest.mark.parametrize(
    ("utterance", "span"),
    [
        ("remind us on thursday at eight pm", "eight pm"),
        ("change it to monday at 8:30 pm", "8 30 pm"),
        ("every sunday at half seven in the evening", "half seven in the evening"),
        ("saturday at quarter past eight", "quarter past eight"),
        ("remind us every sunday arvo at four", "afternoon at four"),
        ("set a weekly reminder on friday evening 9 pm", "evening 9 pm"),
        ("wednesday eight thirty in the night", "eight thirty in the night"),
        ("remind us at 7pm tonight", "7pm tonight"),
        ("remind us at 7 pm sharp", "7 pm sharp"),
        ("remind us on sunday at four", "four"),
        ("seven oh five", "seven oh five"),
        ("a quarter past nine at night", "a quarter past nine at night"),
        ("twenty minutes past six", "twenty minutes past six"),
    ],
)
def test_a_time_is_found_as_one_span(utterance: str, span: str) -> None:
    assert _span(utterance) == span


@pytest.mark.parametrize(
    "utterance",
    [
        "tell me tip number four",
        "give me tip seven",
        "the seventh one",
        "set a reminder for saturday morning",
        "what's the tip for today",
        "seven one",
        "things were great at first",
        "he smashed my phone so i couldn't call 911",
        "13 pm",
    ],
)
def test_a_number_without_a_time_cue_is_no_time(utterance: str) -> None:
    assert _span(utterance) is None


@pytest.mark.parametrize(
    ("words", "time"),
    [
        ("eight pm", True),
        ("seven", True),
        ("around seven", True),
        ("half seven", True),
        ("evening", True),
        ("in the evening", True),
        ("noon", True),
        ("reminder friday at eight pm", False),
        ("to check in", False),
        ("seventh", False),
        ("", False),
    ],
)
def test_a_slot_value_is_a_time_only_when_all_its_words_say_one(words: str, time: bool) -> None:
    assert is_time(words.split()) is time


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
        # The part of the day said first gives the clock time its half of the day.
        ("afternoon at four", "16:00"),
        ("evening 9 pm", "21:00"),
        ("7pm tonight", "19:00"),
    ],
)
def test_read_time(said: str, value: str) -> None:
    assert read_time(normalize_tokens(said)) == value


@pytest.mark.parametrize(
    "said",
    ["do our check in", "13 pm", "seven sixty", "the third one", "", "half the time", "first"],
)
def test_words_that_are_no_time(said: str) -> None:
    assert read_time(normalize_tokens(said)) is None


@pytest.mark.parametrize(
    ("said", "value", "words"),
    [
        ("remind us every tuesday at 6:30 pm to do our check in", "18:30", "at 6 30 pm"),
        ("every saturday at ten a.m.", "10:00", "at ten am"),
        ("can we switch the reminder to 8 pm", "20:00", "8 pm"),
        # The part of the day is part of the time said, so the words read alone say it too.
        ("on saturday mornings at ten", "10:00", "mornings at ten"),
        ("every friday evening at 7", "19:00", "evening at 7"),
        ("remind us in the evening", "EV", "in the evening"),
    ],
)
def test_find_time_inside_an_utterance(said: str, value: str, words: str) -> None:
    tokens = normalize_tokens(said)
    found = find_time(tokens)
    assert found is not None
    assert found.value == value
    assert " ".join(tokens[found.start : found.end]) == words
    assert alexa_time(words) == value


def test_a_bare_number_is_a_time_only_when_one_was_asked_for() -> None:
    assert find_time(normalize_tokens("tell me strategy two")) is None
    assert find_time(normalize_tokens("number nine please")) is None
    asked = find_time(normalize_tokens("sunday nine"), bare_hour=True)
    assert asked is not None and asked.value == "09:00"
    assert find_time(normalize_tokens("chloe's going first"), bare_hour=True) is None


@pytest.mark.parametrize(
    ("spoken", "alexa"),
    [
        ("seven pm", "19:00"),
        ("7:30 pm", "19:30"),
        ("half past seven in the evening", "19:30"),
        ("morning", "MO"),
        ("noon", "12:00"),
        ("banana", None),
        # As the markets say it (en-GB, en-AU, en-IN "half seven" is half past seven).
        ("half seven in the evening", "19:30"),
        ("half seven", "07:30"),
        ("afternoon at four", "16:00"),
        ("nights at 8 pm", "20:00"),
        ("evening 9 pm", "21:00"),
        ("nine thirty a m", "09:30"),
        ("eight thirty in the night", "20:30"),
        ("7pm tonight", "19:00"),
        ("seven pm to check in", "19:00"),
        ("EV", "EV"),
        ("the first one", None),
    ],
)
def test_the_local_mode_fills_amazon_time_as_alexa_does(spoken: str, alexa: str | None) -> None:
    assert alexa_time(spoken) == alexa
