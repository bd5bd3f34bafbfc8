"""interaction_model.times: where a time of day is said inside an utterance."""

from __future__ import annotations

import pytest

from interaction_model.text import normalize_tokens
from interaction_model.times import is_time, time_length


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
        ("remind us on sunday at four", "four"),
        ("seven oh five", "seven oh five"),
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
        ("", False),
    ],
)
def test_a_slot_value_is_a_time_only_when_all_its_words_say_one(words: str, time: bool) -> None:
    assert is_time(words.split()) is time
