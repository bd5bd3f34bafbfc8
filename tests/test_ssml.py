"""Tests for speech.ssml."""

from __future__ import annotations

import pytest

from speech import ssml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("a < b > c", "a &lt; b &gt; c"),
        ('say "yes"', "say &quot;yes&quot;"),
        ("don't", "don't"),
        ("plain", "plain"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert ssml.escape(text) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (3, '<break time="3s"/>'),
        (0.5, '<break time="500ms"/>'),
        (1.25, '<break time="1250ms"/>'),
        (10, '<break time="10s"/>'),
        (0, '<break time="0s"/>'),
    ],
)
def test_pause(seconds: float, expected: str) -> None:
    assert ssml.pause(seconds) == expected


@pytest.mark.parametrize("seconds", [10.001, 11, -1])
def test_pause_outside_alexas_range_raises(seconds: float) -> None:
    with pytest.raises(ValueError, match="break"):
        ssml.pause(seconds)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (25.5, ["10s", "10s", "5500ms"]),
        (20, ["10s", "10s"]),
        (4, ["4s"]),
    ],
)
def test_long_pause_splits_into_breaks_of_at_most_ten_seconds(
    seconds: float, expected: list[str]
) -> None:
    fragment = ssml.long_pause(seconds)
    assert fragment == "".join(f'<break time="{time}"/>' for time in expected)
    assert ssml.validate(ssml.speak(fragment)) == []
    assert ssml.estimate_seconds(ssml.speak(fragment)) == pytest.approx(seconds)


def test_long_pause_rejects_negative() -> None:
    with pytest.raises(ValueError, match="pause"):
        ssml.long_pause(-2)


def test_emphasis_escapes_and_checks_level() -> None:
    assert ssml.emphasis("A&B", "strong") == '<emphasis level="strong">A&amp;B</emphasis>'
    with pytest.raises(ValueError, match="emphasis level"):
        ssml.emphasis("x", "loud")


def test_builders_escape_plain_text_but_not_fragments() -> None:
    result = ssml.speak("Fish & chips.", ssml.pause(1), ssml.paragraph(ssml.sentence("<hi>")))
    assert result == (
        '<speak>Fish &amp; chips. <break time="1s"/> <p><s>&lt;hi&gt;</s></p></speak>'
    )
    assert ssml.validate(result) == []


def test_speak_skips_empty_fragments() -> None:
    assert ssml.speak("One.", "", "  ", "Two.") == "<speak>One. Two.</speak>"


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ("<speak>unclosed", "not well-formed XML"),
        ("<p>hello</p>", "root element is <p>"),
        ("<speak><blink>hi</blink></speak>", "<blink> is not supported"),
        ("<speak><amazon:whisper>hi</amazon:whisper></speak>", "<amazon:whisper> is not"),
        ('<speak><break time="11s"/></speak>', "longer than 10 s"),
        ('<speak><break time="10500ms"/></speak>', "longer than 10 s"),
        ('<speak><break time="soon"/></speak>', "is not a time"),
        ('<speak><break strength="huge"/></speak>', "is not a break strength"),
        ("<speak>" + "a " * 4100 + "</speak>", "more than Alexa's 8000"),
        ("<speak>" + "word " * 300 + "</speak>", "s of audio, more than 90 s"),
    ],
)
def test_validate_reports_problems(document: str, problem: str) -> None:
    problems = ssml.validate(document)
    assert any(problem in found for found in problems), problems


@pytest.mark.parametrize(
    "document",
    [
        "<speak>Hello.</speak>",
        '<speak><amazon:emotion name="excited" intensity="low">Yay</amazon:emotion></speak>',
        '<speak><amazon:domain name="conversational">Hi</amazon:domain></speak>',
        '<speak xmlns="http://www.w3.org/2001/10/synthesis"><p>Namespaced.</p></speak>',
        '<speak><break time="10s"/><break strength="x-strong"/>'
        '<say-as interpret-as="ordinal">3</say-as></speak>',
        '<speak><prosody rate="slow">Slowly.</prosody><sub alias="ok">OK</sub></speak>',
    ],
)
def test_validate_accepts_alexa_ssml(document: str) -> None:
    assert ssml.validate(document) == []


def test_estimate_seconds_counts_words_at_150_per_minute_plus_breaks() -> None:
    words = "<speak>" + "word " * 150 + '<break time="3s"/></speak>'
    assert ssml.estimate_seconds(words) == pytest.approx(63.0)


def test_estimate_seconds_slows_down_with_prosody_rate() -> None:
    slow = '<speak><prosody rate="50%">' + "word " * 15 + "</prosody></speak>"
    assert ssml.estimate_seconds(slow) == pytest.approx(12.0)


def test_to_text_drops_breaks_and_normalizes_whitespace() -> None:
    document = '<speak>  Take a\n breath. <break time="3s"/> <p>Now &amp; then.</p></speak>'
    assert ssml.to_text(document) == "Take a breath. Now & then."
