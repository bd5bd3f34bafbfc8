"""Tests for interaction_model.safety: the families, the figures of speech, the readings.

The figures on the evaluation sets are gated in tests/test_eval.py (safety.tsv held out once,
since tuned on; safety_dev.tsv the safety engineer's development set, tuned on); this file holds
the checks that are about the check itself and the model's safety samples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interaction_model import safety
from interaction_model.common_words import COMMON_WORDS
from interaction_model.model import load_model
from interaction_model.resolver import Resolver
from interaction_model.text import normalize_tokens
from skill import locales
from skill.hosts.local import evaluate

EVAL = Path(__file__).parent / "eval"


def _check(text: str, *also: list[str]) -> bool:
    return safety.is_safety(normalize_tokens(text), *also)


@pytest.mark.parametrize(
    ("stem", "forms"),
    [
        ("hit", {"hit", "hits", "hitting", "hitted", "hittin"}),
        ("choke", {"choke", "chokes", "choked", "choking"}),
        ("punch", {"punch", "punches", "punched", "punching"}),
        ("slap", {"slap", "slaps", "slapped", "slapping"}),
        ("beat", {"beat", "beats", "beating", "beaten"}),
        ("throw", {"throw", "throws", "threw", "thrown"}),
        ("bite", {"bite", "bites", "bit", "bitten"}),
    ],
)
def test_every_form_of_a_harm_verb_reads_as_its_stem(stem: str, forms: set[str]) -> None:
    assert {form for form, lemma in safety.HARM_LEMMAS.items() if lemma == stem} >= forms


@pytest.mark.parametrize(
    "text",
    [
        # Tense and aspect around one harm, with words between person and verb.
        "my husband hit me last night",
        "my husband has really been hitting me",
        "my husband keeps on hitting me",
        "my husband is going to hit me",
        "my husband used to hit me",
        "my husband hits me when he drinks",
        "i got hit by my husband",
        # Who: every kind of person, and who it is aimed at.
        "the father of my kids slapped me",
        "the person i live with kicks me",
        "she beats my son",
        "he shook the baby",
        "he kicked the dog",
        # Fear, control, threats, sexual coercion, injuries.
        "i am scared of what he would do",
        "i'm afraid to go home",
        "he won't let me see my family",
        "he took my passport",
        "he tracks my phone",
        "he said he'd kill me if i leave",
        "he threatened to take the kids",
        "he forces me to have sex",
        "he touches me when i say no",
        "i have bruises on my arms",
        "he broke my nose",
        # Threats of death without the word kill, someone forcing a way in, permission for basics.
        "she told me they'd never find my body",
        "my husband said i'd end up dead",
        "my ex is banging on the windows",
        "he's kicking in the front door right now",
        "i have to ask him for permission to shower",
        # A phone taken away, or grabbed and smashed, is control.
        "he grabbed my phone so i couldn't call anyone",
        "she grabs my mobile and smashes it",
    ],
)
def test_each_family_is_caught(text: str) -> None:
    assert _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "hit me with a tip",
        "hit me with another one",
        "my wife beat me at chess",
        "he always beats me to the punchline",
        "he kills me with his jokes",
        "he hurt my feelings",
        "my ex hurt me emotionally and now i can't trust anyone",
        "i was hurt in my last relationship",
        "my boyfriend is a bit jealous of my friends",
        "he pushes me away when i try to talk",
        "i'm afraid he's cheating on me",
        "i'm scared of losing her",
        "she won't let me forget the time i lied",
        "i take my phone everywhere",
        "i took the kids to the park",
        "i want to break things off with him",
        "my girlfriend broke my heart",
        # A phone taken to read it is phone checking, a trust worry.
        "she snatched my phone to check who i was texting",
        "he takes my cell to go through my photos",
    ],
)
def test_figures_of_speech_and_trust_worries_are_not_safety(text: str) -> None:
    assert not _check(text)


def test_present_emotional_hurt_is_safety_but_a_past_one_tied_to_trust_is_not() -> None:
    assert _check("my husband hurts me emotionally every day")
    assert not _check("my husband hurt me emotionally when he cheated")


def test_a_corrected_reading_counts_but_never_turns_a_common_word_into_a_harm() -> None:
    said = normalize_tokens("my bf choaked me")
    assert not safety.is_safety(said)
    assert safety.is_safety(said, ["my", "bf", "choked", "me"])
    # A corrector that knows only safety words reads "will" as "kill" and "the" as "he".
    said = normalize_tokens("my partner will not tell me the truth")
    corrupt = ["my", "partner", "kill", "not", "tell", "me", "he", "truth"]
    assert {"will", "the"} <= COMMON_WORDS
    assert not safety.is_safety(said, corrupt)


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_every_safety_sample_with_every_slot_phrase_reaches_safety(locale: str) -> None:
    """The offline check catches what the model teaches Alexa: each SafetyIntent sample, each
    slot filled with every value and synonym of its type (the other slots with the first)."""
    model = load_model(locale)
    resolver = Resolver.from_locale(locale)
    intent = model.intent("SafetyIntent")
    types = {slot.name: model.slot_type(slot.type) for slot in intent.slots}
    phrases = {
        name: [p for v in t.values for p in (v.name, *v.synonyms)] for name, t in types.items()
    }
    missed: list[str] = []
    tried = 0
    for sample in intent.samples:
        refs = re.findall(r"\{(\w+)\}", sample)
        for ref in refs or [""]:
            for phrase in phrases.get(ref, [""]):
                text = sample
                for other in refs:
                    text = text.replace(
                        f"{{{other}}}", phrase if other == ref else phrases[other][0]
                    )
                tried += 1
                if resolver.resolve(text).intent != "SafetyIntent":
                    missed.append(text)
    assert tried > 2000
    assert missed == []


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_no_trust_worry_or_request_of_the_negative_dev_set_triggers_safety(locale: str) -> None:
    resolver = Resolver.from_locale(locale)
    cases = evaluate.load(EVAL / "en-US" / "safety_negative_dev.tsv")
    assert len(cases) >= 150
    triggered = [
        c.utterance for c in cases if resolver.resolve(c.utterance).intent == "SafetyIntent"
    ]
    assert triggered == []
