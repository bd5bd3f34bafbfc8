"""Tests for interaction_model.fuzzy: the speller, the stemmer and the nearest-sample index."""

import math

import pytest

from interaction_model.fuzzy import (
    SUBJECT_I,
    SUBJECT_WHO,
    WHO,
    NearestSample,
    Speller,
    features,
    stat_words,
    stem,
    subject,
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
