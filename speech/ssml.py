"""Build and check the SSML the skill speaks; handlers never write tags by hand."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

# The builders run on every Lambda request; the checks below (render, XML parsing) are imported
# only when used, which keeps them (and xml.sax's import of urllib) off the cold start.

MAX_BREAK_SECONDS = 10.0
"""Alexa caps a single <break> at 10 seconds."""
MAX_CHARACTERS = 8000
"""Alexa rejects output speech longer than 8000 characters."""
MAX_AUDIO_SECONDS = 90.0
"""Alexa plays at most 90 seconds of speech in one response."""
WORDS_PER_MINUTE = 150
"""Speaking speed used to estimate how long a response takes."""

EMPHASIS_LEVELS = ("strong", "moderate", "reduced")
"""The emphasis levels Alexa supports."""

SUPPORTED_TAGS = frozenset(
    {
        "speak",
        "p",
        "s",
        "break",
        "emphasis",
        "prosody",
        "say-as",
        "sub",
        "phoneme",
        "w",
        "lang",
        "voice",
        "audio",
        "amazon-effect",
        "amazon-emotion",
        "amazon-domain",
    }
)
"""Tags Alexa accepts (amazon:x is spelled amazon-x after parsing)."""


class Fragment(str):
    """A piece of SSML that is already escaped; plain str passed to a builder is escaped."""

    __slots__ = ()


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Escape text for SSML (&, <, > and double quotes); apostrophes stay readable."""
    return text.translate(_ESCAPES)


def text(value: str) -> Fragment:
    """Plain text as an SSML fragment (escaped); a fragment is returned as it is."""
    return value if isinstance(value, Fragment) else Fragment(escape(value))


def _markup(content: str) -> str:
    return content if isinstance(content, Fragment) else escape(content)


def _join(parts: tuple[str, ...]) -> str:
    # A list, not a generator: str.join builds one anyway, and this runs for every reply.
    return " ".join([_markup(part).strip() for part in parts if part and not part.isspace()])


def join(*parts: str) -> Fragment:
    """Return the parts spoken one after another (plain text is escaped, fragments kept)."""
    return Fragment(_join(parts))


def _time(seconds: float) -> str:
    if seconds == int(seconds):
        return f"{int(seconds)}s"
    return f"{round(seconds * 1000)}ms"


def pause(seconds: float) -> Fragment:
    """Return a <break> of the given length; raises ValueError outside 0..10 s (Alexa's cap)."""
    if not 0 <= seconds <= MAX_BREAK_SECONDS:
        raise ValueError(f"a break must last 0 to {MAX_BREAK_SECONDS:g} s, not {seconds:g} s")
    return Fragment(f'<break time="{_time(seconds)}"/>')


def long_pause(seconds: float) -> Fragment:
    """Return consecutive breaks of at most 10 s each that add up to seconds."""
    if seconds < 0 or not math.isfinite(seconds):
        raise ValueError(f"a pause must last zero seconds or more, not {seconds:g} s")
    breaks: list[str] = []
    left = seconds
    while left > MAX_BREAK_SECONDS:
        breaks.append(pause(MAX_BREAK_SECONDS))
        left -= MAX_BREAK_SECONDS
    if left > 0 or not breaks:
        breaks.append(pause(round(left, 3)))
    return Fragment("".join(breaks))


def emphasis(text: str, level: str = "moderate") -> Fragment:
    """Return text wrapped in <emphasis level=...>."""
    if level not in EMPHASIS_LEVELS:
        raise ValueError(f"emphasis level must be one of {EMPHASIS_LEVELS}, not {level!r}")
    return Fragment(f'<emphasis level="{level}">{_markup(text)}</emphasis>')


def sentence(*parts: str) -> Fragment:
    """Return the parts as one <s> sentence."""
    return Fragment(f"<s>{_join(parts)}</s>")


def paragraph(*parts: str) -> Fragment:
    """Return the parts as one <p> paragraph."""
    return Fragment(f"<p>{_join(parts)}</p>")


def speak(*fragments: str) -> Fragment:
    """Join fragments (plain text is escaped) and wrap them in <speak>...</speak>."""
    return Fragment(f"<speak>{_join(fragments)}</speak>")


def estimate_seconds(ssml: str) -> float:
    """Estimate how long the speech lasts: words at 150 per minute plus every pause."""
    from speech.render import Text, render

    seconds = 0.0
    for segment in render(ssml):
        if isinstance(segment, Text):
            seconds += len(segment.text.split()) * 60 / WORDS_PER_MINUTE / segment.rate
        else:
            seconds += segment.seconds
    return seconds


def to_text(ssml: str) -> str:
    """Return the plain words of SSML for display (pauses dropped, whitespace normalized).

    Numbers show as written ("call 999", not the "nine nine nine" a voice says for them).
    """
    from speech.render import Silence, render

    segments = render(ssml, written=True)
    return " ".join(segment.text for segment in segments if not isinstance(segment, Silence))


def to_speech(ssml: str) -> str:
    """Return the words a voice says for SSML: like to_text, with numbers as they are said."""
    from speech.render import Silence, render

    return " ".join(segment.text for segment in render(ssml) if not isinstance(segment, Silence))


def validate(ssml: str) -> list[str]:
    """Return what Alexa would object to in ssml; an empty list means it is valid."""
    import xml.etree.ElementTree as ET

    from speech.render import parse

    problems: list[str] = []
    if len(ssml) > MAX_CHARACTERS:
        problems.append(f"{len(ssml)} characters, more than Alexa's {MAX_CHARACTERS}")
    try:
        ssml.encode("utf-8")
    except UnicodeEncodeError:
        return [*problems, "a lone surrogate (not encodable as UTF-8)"]
    try:
        root = parse(ssml)
    except ET.ParseError as error:
        return [*problems, f"not well-formed XML: {error}"]
    if root.tag != "speak":
        problems.append(f"root element is <{root.tag}>, not <speak>")
    for element in root.iter():
        if element.tag not in SUPPORTED_TAGS:
            problems.append(f"<{element.tag.replace('amazon-', 'amazon:')}> is not supported")
        elif element.tag == "break":
            problems.extend(_break_problems(element))
    seconds = estimate_seconds(ssml)
    if seconds > MAX_AUDIO_SECONDS:
        problems.append(f"about {seconds:.0f} s of audio, more than {MAX_AUDIO_SECONDS:g} s")
    return problems


def _break_problems(element: ET.Element) -> list[str]:
    from speech.render import BREAK_STRENGTHS, parse_time

    time = element.get("time")
    if time is None:
        strength = element.get("strength", "medium")
        if strength not in BREAK_STRENGTHS:
            return [f'<break strength="{strength}"> is not a break strength']
        return []
    seconds = parse_time(time)
    if seconds is None:
        return [f'<break time="{time}"> is not a time like "3s" or "500ms"']
    if seconds > MAX_BREAK_SECONDS:
        return [f'<break time="{time}"> is longer than {MAX_BREAK_SECONDS:g} s']
    return []
