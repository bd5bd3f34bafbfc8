"""English number words (0 to 999 999) for say-as and for speech grammars."""

from __future__ import annotations

MAX_NUMBER = 999_999
"""The largest number spelled out as words; larger ones are read digit by digit."""

_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
    *("seventeen", "eighteen", "nineteen"),
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_ONES[hundreds], "hundred"]
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest or not words:
        words.append(_ONES[rest])
    return words


def cardinal(n: int) -> str:
    """Return the words for n, e.g. 21 -> "twenty-one"; raises ValueError outside 0..999999."""
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"number out of range 0..{MAX_NUMBER}: {n}")
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands:
        words += [*_below_thousand(thousands), "thousand"]
    if rest or not words:
        words += _below_thousand(rest)
    return " ".join(words)


def ordinal(n: int) -> str:
    """Return the ordinal words for n, e.g. 3 -> "third", 21 -> "twenty-first"."""
    words = cardinal(n)
    head, sep, last = words.rpartition(" ")
    stem, hyphen, unit = last.rpartition("-")
    if unit in _ORDINAL_WORDS:
        unit = _ORDINAL_WORDS[unit]
    elif unit.endswith("y"):
        unit = unit[:-1] + "ieth"
    else:
        unit += "th"
    return head + sep + stem + hyphen + unit


def digits(text: str) -> str:
    """Read every digit of text as a word, e.g. "0808" -> "zero eight zero eight"."""
    return " ".join(_ONES[int(ch)] for ch in text if ch.isdigit())


def ordinal_digits(n: int) -> str:
    """Return n with its English ordinal suffix, e.g. 1 -> "1st", 12 -> "12th", 22 -> "22nd"."""
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"
