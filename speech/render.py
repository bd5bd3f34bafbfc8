"""Turn Alexa SSML into a flat list of text and silence segments a local voice can play."""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from speech import numbers

_LOGGER = logging.getLogger(__name__)

COMMA_PAUSE = 0.35
"""Seconds of a weak or medium break (Alexa: "as if separated by a comma")."""
SENTENCE_PAUSE = 0.5
"""Seconds after an <s> and of a strong break (Alexa: "a sentence break")."""
PARAGRAPH_PAUSE = 0.75
"""Seconds around a <p> and of an x-strong break (Alexa: "a paragraph break")."""

BREAK_STRENGTHS = {
    "none": 0.0,
    "x-weak": 0.0,
    "weak": COMMA_PAUSE,
    "medium": COMMA_PAUSE,
    "strong": SENTENCE_PAUSE,
    "x-strong": PARAGRAPH_PAUSE,
}
"""Alexa's break strengths as seconds of silence."""

RATES = {"x-slow": 0.6, "slow": 0.8, "medium": 1.0, "fast": 1.25, "x-fast": 1.5}
"""Prosody rate names as multipliers of the voice's normal rate."""

MIN_RATE = 0.2
"""Alexa's slowest prosody rate (20%)."""
MAX_RATE = 4.0
"""The fastest rate we pass on; faster speech is not intelligible anyway."""

_AMAZON_PREFIX = re.compile(r"(</?)amazon:")
_TIME = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_CLOSING = frozenset(",.;:!?)")


@dataclass(frozen=True)
class Text:
    """Words to speak."""

    text: str
    """The words, whitespace normalized, never empty."""
    rate: float = 1.0
    """Speaking rate as a multiple of the voice's normal rate."""


@dataclass(frozen=True)
class Silence:
    """A pause."""

    seconds: float
    """Length of the pause, greater than zero."""


Segment = Text | Silence


def parse(ssml: str) -> ET.Element:
    """Parse SSML into an element tree; amazon:x tags become amazon-x (Alexa omits xmlns)."""
    root = ET.fromstring(_AMAZON_PREFIX.sub(r"\1amazon-", ssml.strip()))
    for element in root.iter():
        element.tag = local_name(element.tag)
    return root


def local_name(tag: str) -> str:
    """Return a tag without its XML namespace, e.g. "{ns}speak" -> "speak"."""
    return tag.rpartition("}")[2]


def parse_time(value: str) -> float | None:
    """Return seconds for a break time like "3s" or "500ms", None if it is not one."""
    match = _TIME.match(value)
    if match is None:
        return None
    amount = float(match.group(1))
    return amount / 1000 if match.group(2).lower() == "ms" else amount


def parse_rate(value: str) -> float | None:
    """Return the multiplier for a prosody rate like "slow" or "80%", None if unknown."""
    value = value.strip().lower()
    if value in RATES:
        return RATES[value]
    if value.endswith("%"):
        try:
            percent = float(value[:-1])
        except ValueError:
            return None
        return min(max(percent / 100, MIN_RATE), MAX_RATE)
    return None


def render(ssml: str, *, written: bool = False) -> list[Segment]:
    """Turn SSML (or plain text) into segments; malformed SSML is read as text without tags.

    The segments say what a voice says (``<sub alias>``'s words, ``<say-as>`` numbers as words);
    ``written``: what a transcript shows instead (the text as written: "call 999", "7 p.m.",
    "the 6th of December").
    """
    try:
        root = parse(ssml) if ssml.lstrip().startswith("<") else None
    except ET.ParseError as error:
        _LOGGER.warning("Malformed SSML (%s); reading it as plain text", error)
        return _finish([_Piece(Text(_normalize(html.unescape(_TAG.sub(" ", ssml)))))])
    if root is None:
        return _finish([_Piece(Text(_normalize(html.unescape(ssml))))])
    builder = _Builder(written=written)
    builder.element(root, 1.0)
    return _finish(builder.pieces)


@dataclass
class _Piece:
    segment: Segment
    structural: bool = False


class _Builder:
    """Walks the element tree and collects pieces in speaking order."""

    def __init__(self, *, written: bool = False) -> None:
        self.pieces: list[_Piece] = []
        self.written = written

    def text(self, text: str | None, rate: float) -> None:
        if text and text.strip():
            self.pieces.append(_Piece(Text(_normalize(text), rate)))

    def pause(self, seconds: float, *, structural: bool = False) -> None:
        self.pieces.append(_Piece(Silence(seconds), structural))

    def children(self, element: ET.Element, rate: float) -> None:
        self.text(element.text, rate)
        for child in element:
            self.element(child, rate)
            self.text(child.tail, rate)

    def element(self, element: ET.Element, rate: float) -> None:
        tag = element.tag
        if tag == "break":
            self.pause(_break_seconds(element))
        elif tag == "audio":
            _LOGGER.info("Skipping <audio src=%s>: no audio clips offline", element.get("src"))
        elif tag in ("p", "s"):
            seconds = PARAGRAPH_PAUSE if tag == "p" else SENTENCE_PAUSE
            self.pause(seconds, structural=True)
            self.children(element, rate)
            self.pause(seconds, structural=True)
        elif tag == "prosody":
            new_rate = parse_rate(element.get("rate", ""))
            self.children(element, rate if new_rate is None else new_rate)
        elif tag == "say-as":
            self.text(_written(element) if self.written else _say_as(element), rate)
        elif tag == "sub":
            alias = None if self.written else element.get("alias")
            self.text(alias, rate) if alias else self.children(element, rate)
        else:
            # speak, emphasis, amazon:emotion, amazon:domain, lang, voice, w, phoneme and
            # tags we do not know all come down to the text they contain.
            self.children(element, rate)


def _break_seconds(element: ET.Element) -> float:
    time = element.get("time")
    if time is not None:
        seconds = parse_time(time)
        if seconds is not None:
            return seconds
        _LOGGER.warning("Unreadable break time %r; using a medium break", time)
    return BREAK_STRENGTHS.get(element.get("strength", "medium"), COMMA_PAUSE)


def _written(element: ET.Element) -> str:
    """A say-as element as a transcript shows it: its text ("6th" for an ordinal 6)."""
    text = "".join(element.itertext()).strip()
    if element.get("interpret-as") == "ordinal" and text.isdigit():
        return numbers.ordinal_digits(int(text))
    return text


def _say_as(element: ET.Element) -> str:
    text = "".join(element.itertext()).strip()
    kind = element.get("interpret-as", "")
    if kind in ("spell-out", "characters"):
        return " ".join(ch for ch in text if not ch.isspace())
    if kind == "telephone":
        groups = re.findall(r"\d+", text)
        return ", ".join(numbers.digits(group) for group in groups) or text
    if kind == "digits":
        return numbers.digits(text) or text
    if kind == "date":
        return _date(text, element.get("format", "")) or text
    if kind == "time":
        return _duration(text) or text
    if kind in ("cardinal", "number", "ordinal"):
        value = text.replace(",", "")
        if value.isdigit() and int(value) <= numbers.MAX_NUMBER:
            words = numbers.ordinal if kind == "ordinal" else numbers.cardinal
            return words(int(value))
        if value.isdigit():
            return numbers.digits(value)
    return text


_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
_DATE_PARTS = re.compile(r"[0-9?]+")
_DURATION = re.compile(r"^\s*(?:(\d+)')?\s*(?:(\d+)\")?\s*$")


def _year(value: int) -> str:
    """A year as said: 1999 "nineteen ninety-nine", 2024 "twenty twenty-four", 2005 "two
    thousand five"."""
    century, rest = divmod(value, 100)
    if not 1100 <= value <= 9999 or (rest < 10 and century % 10 == 0):
        return numbers.cardinal(value)
    if rest == 0:
        return f"{numbers.cardinal(century)} hundred"
    tail = numbers.cardinal(rest) if rest >= 10 else f"oh {numbers.cardinal(rest)}"
    return f"{numbers.cardinal(century)} {tail}"


def _date(text: str, fmt: str) -> str | None:
    """A say-as date as Alexa reads it (en-US): "September twenty-second, twenty twenty-four".

    ``fmt`` orders the parts (mdy, dmy, ymd, md, dm, ym, my, d, m, y; ymd when missing, and an
    8-digit value without separators is yyyymmdd); ``?`` marks a part to leave out.
    """
    order = fmt.lower() or "ymd"
    if set(order) - set("ymd") or len(set(order)) != len(order):
        return None
    parts = _DATE_PARTS.findall(text)
    if len(parts) == 1 and order == "ymd" and len(parts[0]) == 8:
        parts = [parts[0][:4], parts[0][4:6], parts[0][6:]]
    if len(parts) != len(order):
        return None
    found = {key: int(part) for key, part in zip(order, parts, strict=True) if part.isdigit()}
    if not 1 <= found.get("m", 1) <= 12 or not 1 <= found.get("d", 1) <= 31:
        return None
    said = " ".join(
        word
        for word in (
            _MONTHS[found["m"] - 1] if "m" in found else "",
            numbers.ordinal(found["d"]) if "d" in found else "",
        )
        if word
    )
    if "y" in found:
        said = f"{said}, {_year(found['y'])}" if said else _year(found["y"])
    return said or None


def _duration(text: str) -> str | None:
    """A say-as time as Alexa reads it, a duration: 1'21" is "one minute twenty-one seconds"."""
    match = _DURATION.match(text)
    if match is None or not any(match.groups()):
        return None
    words = []
    for amount, unit in zip(match.groups(), ("minute", "second"), strict=True):
        if amount is not None:
            n = int(amount)
            words.append(f"{numbers.cardinal(n)} {unit}{'' if n == 1 else 's'}")
    return " ".join(words)


def _normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _finish(pieces: list[_Piece]) -> list[Segment]:
    """Merge neighbours; drop empty pauses and sentence or paragraph edges at either end."""
    while pieces and pieces[0].structural:
        pieces.pop(0)
    while pieces and pieces[-1].structural:
        pieces.pop()
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        segment = piece.segment
        if isinstance(segment, Text):
            if not segment.text:
                continue
            if (
                last is not None
                and isinstance(last.segment, Text)
                and last.segment.rate == segment.rate
            ):
                joiner = "" if segment.text[0] in _CLOSING else " "
                last.segment = Text(last.segment.text + joiner + segment.text, segment.rate)
                continue
        elif segment.seconds <= 0:
            continue
        elif last is not None and isinstance(last.segment, Silence):
            # Explicit breaks add up; a paragraph or sentence edge overlaps its neighbour.
            if piece.structural or last.structural:
                seconds = max(last.segment.seconds, segment.seconds)
            else:
                seconds = last.segment.seconds + segment.seconds
            last.segment = Silence(seconds)
            last.structural = last.structural and piece.structural
            continue
        merged.append(_Piece(segment, piece.structural))
    return [piece.segment for piece in merged]
