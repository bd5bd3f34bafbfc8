"""Tests for skill.content.spoken: numbers, times and dates said as each locale says them."""

from __future__ import annotations

import datetime
import re

import pytest

from skill import content, locales
from skill.content import spoken
from skill.errors import ContentError
from speech import ssml

SUNDAY = datetime.date(2026, 12, 6)


def said(fragment: str) -> str:
    """The words the local voice is given for a fragment (speech.render, as the CLI speaks it)."""
    speech = ssml.speak(ssml.Fragment(fragment))
    assert ssml.validate(speech) == []
    return ssml.to_speech(speech)


@pytest.mark.parametrize(
    ("hour", "minute", "words"),
    [
        (19, 30, "seven thirty p.m."),
        (7, 5, "seven oh five a.m."),
        (21, 0, "nine p.m."),
        (0, 15, "twelve fifteen a.m."),
        (12, 45, "twelve forty-five p.m."),
        (12, 0, "noon"),
        (0, 0, "midnight"),
    ],
)
def test_a_time_in_en_us(hour: int, minute: int, words: str) -> None:
    assert said(spoken.spoken_time(content.load("en-US"), hour, minute)) == words


@pytest.mark.parametrize(
    ("locale", "noon", "date", "bare"),
    [
        ("en-US", "noon", "Sunday, December sixth", "December sixth"),
        ("en-CA", "noon", "Sunday, December sixth", "December sixth"),
        ("en-GB", "midday", "Sunday the sixth of December", "the sixth of December"),
        ("en-AU", "midday", "Sunday the sixth of December", "the sixth of December"),
        ("en-IN", "noon", "Sunday, sixth December", "sixth December"),
    ],
)
def test_each_locale_says_noon_and_a_date_its_own_way(
    locale: str, noon: str, date: str, bare: str
) -> None:
    words = content.load(locale)
    assert said(spoken.spoken_time(words, 12)) == noon
    assert said(spoken.spoken_date(words, SUNDAY)) == date
    assert said(spoken.spoken_date(words, SUNDAY, weekday=False)) == bare
    assert spoken.spoken_weekday(words, SUNDAY.weekday()) == "Sunday"


def test_dates_use_alexas_ordinal_and_times_its_cardinal() -> None:
    words = content.load("en-GB")
    assert '<say-as interpret-as="ordinal">6</say-as>' in spoken.spoken_date(words, SUNDAY)
    assert spoken.spoken_time(words, 19, 30).count('interpret-as="cardinal"') == 2


@pytest.mark.parametrize(("hour", "minute"), [(24, 0), (-1, 0), (7, 60)])
def test_a_time_that_is_no_time_is_a_value_error(hour: int, minute: int) -> None:
    with pytest.raises(ValueError, match="not a time of day"):
        spoken.spoken_time(content.load(), hour, minute)


def test_fill_keeps_fragments_and_escapes_text() -> None:
    words = content.load()
    time = spoken.spoken_time(words, 19)
    line = spoken.fill(words, "Every {day} at {time}, {who}.", day="Sunday", time=time, who="a & b")
    assert line == ('Every Sunday at <say-as interpret-as="cardinal">7</say-as> p.m., a &amp; b.')


def test_number_and_ordinal() -> None:
    assert said(spoken.number(21)) == "twenty-one"
    assert said(spoken.ordinal(21)) == "twenty-first"


def _spoken_table(**changes: object) -> dict[str, object]:
    table = dict(content.document(locales.DEFAULT)["spoken"])
    table.update(changes)
    return table


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"numbers": [["911"]]}, "two strings"),
        ({"numbers": [["911", ""]]}, "two strings"),
        ({"time": "{hour} {seconds}"}, "spoken.time: only"),
        ({"weekdays": ["Monday"]}, "7 days"),
    ],
)
def test_a_misshapen_spoken_table_is_one_content_error(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ContentError, match=message):
        spoken.Spoken.from_dict(_spoken_table(**changes))


def _strings(value: object, where: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [pair for item in value for pair in _strings(item, where)]
    return [(where, value)] if isinstance(value, str) else []


@pytest.mark.parametrize("locale", locales.content_locales())
def test_every_number_the_skill_says_is_one_its_locale_says_the_local_way(locale: str) -> None:
    """Plain digits are read as amounts (999: "nine hundred and ninety-nine"); every number in a
    spoken line must be one of the locale's [spoken] numbers (cards are read, not heard)."""
    words = content.load(locale)
    listed = {written for written, _ in words.spoken.numbers}
    document = content.document(locale)
    document.pop("spoken")
    found = 0
    for where, text in _strings(document):
        if where.endswith((".card", ".id", ".intent", ".strategy")):
            continue
        spoken_text = str(spoken.text(words, text))
        found += spoken_text != ssml.escape(text)
        unread = re.sub(r"<(say-as|sub)\b[^>]*>[^<]*</\1>", "", spoken_text)
        assert not re.search(r"\d", unread), (where, text)
    assert found >= 1  # the safety message at least
    assert listed


@pytest.mark.parametrize("locale", locales.content_locales())
def test_the_locales_own_numbers_are_each_said_in_its_safety_message(locale: str) -> None:
    words = content.load(locale)
    safety = words.lines["safety"]
    for written, _ in words.spoken.numbers:
        assert written in safety


def test_a_listed_number_is_read_only_as_a_whole_number() -> None:
    words = content.load("en-GB")
    assert spoken.text(words, "call 999.") == 'call <say-as interpret-as="digits">999</say-as>.'
    assert spoken.text(words, "call 19990 or 999-1") == "call 19990 or 999-1"


def test_a_value_put_into_a_line_is_not_read_as_a_phone_number() -> None:
    words = content.load("en-US")
    line = spoken.say(words, "strategy_out_of_range", number=911)
    assert "911" in line and "say-as" not in line
