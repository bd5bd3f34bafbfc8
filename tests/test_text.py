"""Tests for interaction_model.text."""

import pytest

from interaction_model.text import loosen, normalize, normalize_tokens, parse_number


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("What's tip #4?", "what is tip 4"),
        ("whats up", "what is up"),
        ("My husband doesn\u2019t trust me.", "my husband does not trust me"),
        ("doesnt", "does not"),
        ("I can't", "i can not"),
        ("I cannot", "i can not"),
        ("won't", "will not"),
        ("I'm, I've, I'd, you're, we'll", "i am i have i would you are we will"),
        ("my partner's feelings", "my partners feelings"),
        # Before a verb the 's of a name or noun is "is" (or "has"), not a possessive.
        ("Lucy's going first", "lucy is going first"),
        ("chantal's gonna go first", "chantal is going to go first"),
        ("my partner's been checking my phone", "my partner has been checking my phone"),
        ("my husband's not listening", "my husband is not listening"),
        ("my husband's first wife", "my husbands first wife"),
        ("Um, uh, please, Alexa, stop", "stop"),
        ("okay so like tell me", "tell me"),
        ("okay", "okay"),
        ("OK", "okay"),
        ("so", "so"),
        # Letters joined into one word, then a kind of therapy said by its letters read out.
        ("what is C.B.T.?", "what is cognitive behavioral therapy"),
        ("what is N.H.S. counselling", "what is nhs counseling"),
        ("strategy 1,000", "strategy 1000"),
        ("twenty-one", "twenty one"),
        ("?!", ""),
    ],
)
def test_normalize(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


def test_slot_references_survive_when_kept() -> None:
    assert normalize_tokens("what's tip {number}", keep_slots=True) == [
        "what",
        "is",
        "tip",
        "{number}",
    ]
    assert normalize_tokens("what's tip {number}") == ["what", "is", "tip", "number"]


def test_loosen() -> None:
    assert loosen(["can", "you", "give", "me", "a", "tip"]) == ["give", "tip"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("4", 4),
        ("four", 4),
        ("nine", 9),
        ("twelve", 12),
        ("twenty one", 21),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("two thousand three hundred", 2300),
        ("zero", 0),
        ("first", 1),
        ("third", 3),
        ("fourth", 4),
        ("twentieth", 20),
        ("twenty first", 21),
        ("4th", 4),
        ("one hundredth", 100),
        ("one two", None),
        ("twenty twenty", None),
        ("hundred", None),
        ("and", None),
        ("four and", None),
        ("banana", None),
        ("", None),
    ],
)
def test_parse_number(text: str, number: int | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("u r gonna love it", "you are going to love it"),
        ("idk wat to do", "i do not know what to do"),
        ("he's been lying", "he has been lying"),
        ("uh huh", "uhhuh"),
        ("mm hmm", "uhhuh"),
        ("gimmie one more", "give me one more"),
        ("lemme think", "let me think"),
        ("im tryna fix it", "i am trying to fix it"),
        ("r there groups", "are there groups"),
        ("sam n alex", "sam and alex"),
    ],
)
def test_typed_spellings_and_agreeing_noises(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


def test_unpad_drops_padding_words_and_phrases() -> None:
    from interaction_model.text import unpad

    words = normalize_tokens("my husband is like super jealous right now, you know")
    assert unpad(words) == ["my", "husband", "is", "jealous"]
    assert unpad(["like"]) == ["like"]  # nothing else left: unchanged


def test_expand_word_expands_a_contraction_and_drops_a_filler() -> None:
    from interaction_model.text import expand_word

    assert expand_word("wanna") == ("want", "to")
    assert expand_word("please") == ()
    assert expand_word("tip") == ("tip",)
