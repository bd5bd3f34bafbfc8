"""Tests for interaction_model.fuzzy: the speller, the stemmer and the nearest-sample index."""

import math

import pytest

from interaction_model.fuzzy import (
    SUBJECT_I,
    SUBJECT_WHO,
    WHO,
    Corrector,
    NearestSample,
    Speller,
    features,
    stat_words,
    stem,
    subject,
    typing_cost,
)


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (["cheated", "cheating", "cheats", "cheat"], "cheat"),
        (["jealous", "jealousy"], "jealous"),
        (["lies", "lied", "lying", "lie"], "lie"),
        (["hitting", "hit"], "hit"),
        (["tried", "tries"], "try"),
        (["worried", "worrying", "worries"], "worry"),
        (["loving", "love"], "lov"),
        (["boundaries", "boundary"], "boundary"),
    ],
)
def test_stem_brings_a_words_forms_together(forms: list[str], shared: str) -> None:
    assert {stem(form) for form in forms} == {shared}


def test_stem_leaves_short_words_and_slot_marks_alone() -> None:
    assert stem("is") == "is"
    assert stat_words(["<STRATEGY>", "cheated"]) == ["<STRATEGY>", "cheat"]


def test_the_other_person_is_one_class() -> None:
    assert stat_words(["my", "wife", "cheated"]) == stat_words(["my", "husband", "cheats"])
    assert stat_words(["he", "lies"]) == [WHO, "lie"]


@pytest.mark.parametrize(
    ("words", "who"),
    [
        ("i get jealous when she goes out", SUBJECT_I),
        ("my jealousy is ruining us", SUBJECT_I),
        ("my wife gets jealous", SUBJECT_WHO),
        ("he lies to me", SUBJECT_WHO),
        ("what is next", None),
    ],
)
def test_subject_is_who_the_words_are_about_first(words: str, who: str | None) -> None:
    assert subject(words.split()) == who


def test_speller_corrects_one_edit_and_two_for_long_words() -> None:
    speller = Speller(["strategy", "exercise", "phone", "trust"])
    assert speller.correct("trsut") == "trust"
    assert speller.correct("exersize") == "exercise"  # two edits, eight letters
    assert speller.correct("fone") == "phone"  # typed as it sounds
    assert speller.correct("tr") == "tr"  # too short to correct


def test_speller_keeps_another_form_of_a_known_word() -> None:
    speller = Speller(["hooked", "looking", "controls", "controlled"])
    assert speller.correct("hooking") == "hooking"  # not "looking"
    assert speller.correct("hooking", keep_forms=False) == "looking"


def _brute_force(samples: list[set[str]], query: set[str], index: NearestSample) -> list[int]:
    """Every sample's cosine, computed the slow way."""
    norm = math.sqrt(sum(index.weight(f) ** 2 for f in query))
    scores = []
    for i, sample in enumerate(samples):
        dot = sum(index.idf[f] * index.weight(f) for f in query & sample)
        s_norm = math.sqrt(sum(index.idf[f] ** 2 for f in sample))
        scores.append((-dot / (s_norm * norm), i))
    return [i for score, i in sorted(scores) if score < 0]


def test_nearest_adds_common_features_only_where_a_rare_one_matched() -> None:
    # "i" and each letter are common features (in more than one sample in 20); only the word
    # pairs are rare. The best sample is the one a full scan finds, and its score counts the
    # common features too.
    samples = [features(f"i {w} {v}".split()) for w in "abcdefghij" for v in "klmnopqrst"]
    index = NearestSample(samples)
    query = features(["i", "c", "m"])
    best = index.nearest(query, top=5)
    assert [best[0].index] == _brute_force(samples, query, index)[:1]
    assert best[0].score == pytest.approx(1.0)
    # Only common features said: every sample is weighed through them.
    assert len(index.nearest(features(["i"]), top=3)) == 3


def test_typing_cost_prices_the_usual_slips_below_one_edit() -> None:
    assert typing_cost("trust", "trsut") == pytest.approx(0.7)  # two letters swapped
    assert typing_cost("tip", "tipp") == pytest.approx(0.5)  # a letter doubled
    assert typing_cost("tip", "top") == pytest.approx(0.7)  # the key beside it
    assert typing_cost("coach", "coah") == pytest.approx(0.8)  # a letter dropped
    assert typing_cost("tip", "tbp") == pytest.approx(1.0)  # a key far away
    # A slip on the first letter costs more, and a swap there is still found ("abck").
    assert typing_cost("back", "abck") == pytest.approx(1.2)
    assert typing_cost("trust", "sdfgh", limit=1.25) > 1.25


def _corrector() -> Corrector:
    words = [
        "give",
        "me",
        "a",
        "trust",
        "tip",
        "thank",
        "think",
        "you",
        "groups",
        "support",
        "boundaries",
        "set",
        "the",
    ]
    pairs = [("trust", "tip"), ("thank", "you"), ("support", "groups"), ("a", "trust")]
    return Corrector(words, pairs, frozenset({"weather", "top", "headlock"}))


def test_corrector_lets_the_words_beside_a_slip_choose() -> None:
    corrector = _corrector()
    assert corrector.correct_all(["thnk", "you"]) == ["thank", "you"]
    assert corrector.correct_all(["grps"]) == ["groups"]  # typed without its vowels
    # A frequent English word stays as said, unless the words beside it read it as another.
    assert corrector.correct_all(["the", "weather"]) == ["the", "weather"]
    assert corrector.correct_all(["a", "trust", "top"]) == ["a", "trust", "tip"]


def test_corrector_puts_spaces_right() -> None:
    corrector = _corrector()
    assert corrector.respace(["give", "me", "a", "trusttip"]) == ["give", "me", "a", "trust", "tip"]
    assert corrector.respace(["givemethe", "tip"]) == ["give", "me", "the", "tip"]
    # A word ending in "a" is more often a name than a joined "a": "dana" is not "dan a".
    assert corrector.respace(["givemea", "tip"]) == ["givemea", "tip"]
    assert corrector.respace(["set", "bound", "aries"]) == ["set", "boundaries"]
    # A real word is no lost space: "headlock" is not "head lock".
    assert corrector.respace(["a", "headlock"]) == ["a", "headlock"]
