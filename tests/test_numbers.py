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
