"""Tests for speech.numbers."""

from __future__ import annotations

import pytest

from speech import numbers


@pytest.mark.parametrize(
    ("n", "words", "nth"),
    [
        (0, "zero", "zeroth"),
        (1, "one", "first"),
        (2, "two", "second"),
        (3, "three", "third"),
        (5, "five", "fifth"),
        (9, "nine", "ninth"),
        (12, "twelve", "twelfth"),
        (13, "thirteen", "thirteenth"),
        (20, "twenty", "twentieth"),
        (21, "twenty-one", "twenty-first"),
        (100, "one hundred", "one hundredth"),
        (112, "one hundred twelve", "one hundred twelfth"),
        (2024, "two thousand twenty-four", "two thousand twenty-fourth"),
        (12000, "twelve thousand", "twelve thousandth"),
        (
            999_999,
            "nine hundred ninety-nine thousand nine hundred ninety-nine",
            "nine hundred ninety-nine thousand nine hundred ninety-ninth",
        ),
    ],
)
def test_cardinal_and_ordinal(n: int, words: str, nth: str) -> None:
    assert numbers.cardinal(n) == words
    assert numbers.ordinal(n) == nth


@pytest.mark.parametrize("n", [-1, 1_000_000])
def test_out_of_range_raises(n: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        numbers.cardinal(n)


def test_digits_reads_each_digit_and_ignores_the_rest() -> None:
    assert (
        numbers.digits("0808 2000-247") == "zero eight zero eight two zero zero zero two four seven"
    )


@pytest.mark.parametrize(
    ("n", "written"),
    [
        *((1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th")),
        *((13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (31, "31st"), (112, "112th")),
    ],
)
def test_ordinal_digits(n: int, written: str) -> None:
    assert numbers.ordinal_digits(n) == written
