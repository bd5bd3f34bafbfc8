"""Tests for speech.render."""

from __future__ import annotations

import logging

import pytest

from speech.render import (
    COMMA_PAUSE,
    PARAGRAPH_PAUSE,
    SENTENCE_PAUSE,
    Segment,
    Silence,
    Text,
    parse_rate,
    parse_time,
    render,
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hello there.", [Text("Hello there.")]),
        ('One.<break time="3s"/>Two.', [Text("One."), Silence(3.0), Text("Two.")]),
        ('One.<break time="500ms"/>Two.', [Text("One."), Silence(0.5), Text("Two.")]),
        ('One.<break time="1.5s"/>Two.', [Text("One."), Silence(1.5), Text("Two.")]),
        ("One.<break/>Two.", [Text("One."), Silence(COMMA_PAUSE), Text("Two.")]),
        ('One.<break strength="none"/>Two.', [Text("One. Two.")]),
        ('One.<break strength="x-weak"/>Two.', [Text("One. Two.")]),
        ('A<break strength="weak"/>B', [Text("A"), Silence(COMMA_PAUSE), Text("B")]),
        ('A<break strength="medium"/>B', [Text("A"), Silence(COMMA_PAUSE), Text("B")]),
        ('A<break strength="strong"/>B', [Text("A"), Silence(SENTENCE_PAUSE), Text("B")]),
        ('A<break strength="x-strong"/>B', [Text("A"), Silence(PARAGRAPH_PAUSE), Text("B")]),
        ('A<break time="2s"/><break time="3s"/>B', [Text("A"), Silence(5.0), Text("B")]),
        ("<p>One.</p><p>Two.</p>", [Text("One."), Silence(PARAGRAPH_PAUSE), Text("Two.")]),
        ("<p>Only.</p>", [Text("Only.")]),
        ('<p>One.</p><break time="3s"/><p>Two.</p>', [Text("One."), Silence(3.0), Text("Two.")]),
        ("<s>One.</s><s>Two.</s>", [Text("One."), Silence(SENTENCE_PAUSE), Text("Two.")]),
        ('<prosody rate="slow">Slow.</prosody>', [Text("Slow.", 0.8)]),
        ('<prosody rate="x-slow">Slow.</prosody>', [Text("Slow.", 0.6)]),
        ('<prosody rate="fast">Fast.</prosody>', [Text("Fast.", 1.25)]),
        ('<prosody rate="80%">Eighty.</prosody>', [Text("Eighty.", 0.8)]),
        ('<prosody pitch="high">High.</prosody>', [Text("High.")]),
        (
            'Now <prosody rate="slow">slow</prosody> again.',
            [Text("Now"), Text("slow", 0.8), Text("again.")],
        ),
        ('<emphasis level="strong">Really</emphasis>, yes.', [Text("Really, yes.")]),
        ('Step <say-as interpret-as="cardinal">3</say-as>', [Text("Step three")]),
        ('<say-as interpret-as="number">1,021</say-as>', [Text("one thousand twenty-one")]),
        ('The <say-as interpret-as="ordinal">3</say-as> tip', [Text("The third tip")]),
        ('<say-as interpret-as="ordinal">22</say-as>', [Text("twenty-second")]),
        (
            '<say-as interpret-as="number">12345678</say-as>',
            [Text("one two three four five six seven eight")],
        ),
        ('<say-as interpret-as="spell-out">abc</say-as>', [Text("a b c")]),
        ('<say-as interpret-as="characters">OK</say-as>', [Text("O K")]),
        ('<say-as interpret-as="digits">911</say-as>', [Text("nine one one")]),
        (
            '<say-as interpret-as="telephone">1-800-799-7233</say-as>',
            [Text("one, eight zero zero, seven nine nine, seven two three three")],
        ),
        # Alexa's readings of a date and of a time (a duration), not "two thousand twenty four
        # dash zero one dash zero one" as espeak-ng reads the raw text.
        (
            '<say-as interpret-as="date">2024-01-01</say-as>',
            [Text("January first, twenty twenty-four")],
        ),
        ('<say-as interpret-as="date">????0922</say-as>', [Text("September twenty-second")]),
        (
            '<say-as interpret-as="date" format="dmy">6/12/2026</say-as>',
            [Text("December sixth, twenty twenty-six")],
        ),
        ('<say-as interpret-as="date" format="md">12-6</say-as>', [Text("December sixth")]),
        ('<say-as interpret-as="date" format="y">2005</say-as>', [Text("two thousand five")]),
        ('<say-as interpret-as="date" format="y">1900</say-as>', [Text("nineteen hundred")]),
        ('<say-as interpret-as="date" format="y">1905</say-as>', [Text("nineteen oh five")]),
        ('<say-as interpret-as="date" format="md">13-40</say-as>', [Text("13-40")]),
        ('<say-as interpret-as="date" format="xyz">1</say-as>', [Text("1")]),
        ('<say-as interpret-as="time">1\'21"</say-as>', [Text("one minute twenty-one seconds")]),
        ('<say-as interpret-as="time">2\'</say-as>', [Text("two minutes")]),
        ('<say-as interpret-as="time">7:30</say-as>', [Text("7:30")]),
        ('<sub alias="and">&amp;</sub>', [Text("and")]),
        ('<amazon:emotion name="excited" intensity="high">Yay!</amazon:emotion>', [Text("Yay!")]),
        ('<amazon:domain name="conversational">Hi.</amazon:domain>', [Text("Hi.")]),
        ('<audio src="https://example.com/a.mp3"/>Done.', [Text("Done.")]),
        ('<lang xml:lang="fr-FR">Bonjour</lang>', [Text("Bonjour")]),
        ("<blink>Unknown</blink> tag.", [Text("Unknown tag.")]),
        ("Fish &amp; chips", [Text("Fish & chips")]),
        ("", []),
    ],
)
def test_render_tags(body: str, expected: list[Segment]) -> None:
    assert render(f"<speak>{body}</speak>") == expected


def test_audio_is_skipped_with_a_log_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="speech.render"):
        render('<speak><audio src="https://example.com/bell.mp3"/></speak>')
    assert "bell.mp3" in caplog.text


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("<speak>Hello <b>there", [Text("Hello there")]),
        ("<speak>A & B</speak>", [Text("A & B")]),
        ("<speak><p>One</s></speak>", [Text("One")]),
    ],
)
def test_malformed_ssml_is_read_as_text_without_tags(
    document: str, expected: list[Segment], caplog: pytest.LogCaptureFixture
) -> None:
    assert render(document) == expected
    assert "Malformed SSML" in caplog.text


def test_plain_text_is_read_as_is() -> None:
    assert render("Just  words &amp; more") == [Text("Just words & more")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3s", 3.0), ("500ms", 0.5), ("2.5s", 2.5), (" 10S ", 10.0), ("soon", None), ("3", None)],
)
def test_parse_time(value: str, expected: float | None) -> None:
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("medium", 1.0), ("x-fast", 1.5), ("150%", 1.5), ("5%", 0.2), ("lots%", None), ("odd", None)],
)
def test_parse_rate(value: str, expected: float | None) -> None:
    assert parse_rate(value) == expected


@pytest.mark.parametrize(
    ("ssml", "said", "written"),
    [
        (
            '<speak>call <say-as interpret-as="digits">999</say-as>.</speak>',
            "call nine nine nine.",
            "call 999.",
        ),
        (
            '<speak>call <sub alias="triple zero">000</sub>.</speak>',
            "call triple zero.",
            "call 000.",
        ),
        (
            '<speak>the <say-as interpret-as="ordinal">6</say-as> of December</speak>',
            "the sixth of December",
            "the 6th of December",
        ),
        (
            '<speak>at <say-as interpret-as="cardinal">7</say-as> p.m.</speak>',
            "at seven p.m.",
            "at 7 p.m.",
        ),
    ],
)
def test_a_voice_says_numbers_as_words_and_a_transcript_shows_them_written(
    ssml: str, said: str, written: str
) -> None:
    assert render(ssml) == [Text(said)]
    assert render(ssml, written=True) == [Text(written)]
