"""interaction_model.cues: a situation read from the words that carry it, and when it is not."""

from __future__ import annotations

import pytest

from interaction_model import cues
from interaction_model.resolver import Resolver
from interaction_model.text import normalize_tokens

# Phrasings made up for these tests (none is a sample or an eval row), one per kind of cue.
CONFIDED = [
    ("my fiancee keeps lying to me about her spending", "lying"),
    ("he swore he was at his brother's but he wasn't", "lying"),
    ("my wife scrolls through my whatsapp at night", "phone_checking"),
    ("my girlfriend demands every one of my passwords", "phone_checking"),
    ("i got caught cheating on my husband at a conference", "i_cheated"),
    ("my husband has been sleeping with his assistant", "partner_cheated"),
    ("she was unfaithful a few years ago and it still stings", "past_infidelity"),
    ("i get jealous of the women at his office", "my_jealousy"),
    ("my boyfriend is insanely possessive about my running club", "partner_jealous"),
    ("i'm not the jealous one, my wife is", "partner_jealous"),
    ("i want to earn back my wife's trust after the bankruptcy", "rebuild_trust"),
    ("we started seeing a counsellor in january", "in_therapy"),
    ("i keep replaying the argument from the barbecue", "overthinking"),
    ("i feel so insecure next to his glamorous coworkers", "insecurity"),
    ("maybe it's my fault she stopped trusting people", "my_fault"),
    ("my partner carries a lot of baggage from his divorce", "past_hurt"),
    ("honestly i don't know what to do about my husband anymore", "dont_know_what_to_do"),
    ("i found a motel receipt in my wife's purse", "partner_cheated"),
    ("my girlfriend's ex cheated on her with her cousin", "past_hurt"),
    ("my husband makes me show him my screen time every night", "phone_checking"),
    # Infidelity in an earlier relationship, the speaker's or a partner's, or between parents, is
    # a hurt brought from before (past hurt); between the two of us, it is infidelity.
    ("my ex girlfriend slept with my best friend", "past_hurt"),
    ("i was cheated on by my previous husband", "past_hurt"),
    ("her old boyfriend was unfaithful to her for years", "past_hurt"),
    ("my stepdad cheated on my mom for years", "past_hurt"),
    ("my husband had an affair with his secretary while we were engaged", "partner_cheated"),
    ("he's been calling his ex behind my back", "partner_cheated"),
    # A heart broken before, and being afraid to open up again, is past hurt.
    ("my first marriage broke my heart and now i keep everyone at a distance", "past_hurt"),
    ("i've been let down before so i find it scary to open up", "past_hurt"),
    # Jealousy named outright is jealousy, whatever else is said.
    ("the jealousy takes over when he messages someone late at night", "my_jealousy"),
    # The markets' words for cheating and for a look, and the fear a partner could do better.
    ("turns out my missus has a fella on the side", "partner_cheated"),
    ("my bloke has been playing away with his boss", "partner_cheated"),
    ("she keeps having a squiz at my phone when i shower", "phone_checking"),
    ("i reckon my boyfriend will find someone better than me", "insecurity"),
    ("i keep having negative thoughts about where he goes", "overthinking"),
]

# Household requests, some naming a partner or a cue-like word, that are no confidence.
NOT_CONFIDED = [
    "how do i reset the router in the basement",
    "my husband wants to know how to reset the thermostat",
    "my wife is stuck at the dentist",
    "my boyfriend lost his wallet at the mall",
    "read my emails",
    "track the pizza delivery",
    "i have no idea where i left the remote",
    "what's the secret to fluffy pancakes",
    "find a cheap hotel near the stadium",
    "which dating app has the most users",
]


@pytest.mark.parametrize(("utterance", "situation"), CONFIDED)
def test_cue_words_name_the_situation(utterance: str, situation: str) -> None:
    assert cues.situation(normalize_tokens(utterance)) == situation


@pytest.mark.parametrize("utterance", NOT_CONFIDED)
def test_household_requests_have_no_situation(utterance: str) -> None:
    assert cues.situation(normalize_tokens(utterance)) is None


@pytest.mark.parametrize(("utterance", "situation"), CONFIDED)
def test_the_resolver_hears_each_confidence(utterance: str, situation: str) -> None:
    resolution = Resolver.from_locale("en-US").resolve(utterance)
    assert resolution.intent == "SituationIntent", resolution
    assert resolution.slots["situation"].resolution_id == situation


@pytest.mark.parametrize("utterance", NOT_CONFIDED)
def test_the_resolver_leaves_household_requests_to_fallback(utterance: str) -> None:
    assert Resolver.from_locale("en-US").resolve(utterance).intent == "AMAZON.FallbackIntent"


@pytest.mark.parametrize(
    ("utterance", "situation"),
    [
        ("i cheated on him", "i_cheated"),
        ("he cheated on me", "partner_cheated"),
        ("i was cheated on", "partner_cheated"),
        ("i get jealous", "my_jealousy"),
        ("my husband gets jealous", "partner_jealous"),
        ("i can't help being jealous when he goes out", "my_jealousy"),
    ],
)
def test_who_does_it_decides_between_the_two_of_a_pair(utterance: str, situation: str) -> None:
    assert cues.situation(normalize_tokens(utterance)) == situation


def test_a_cue_in_any_form_counts() -> None:
    for form in ("lie", "lies", "lied", "lying"):
        assert cues.situation(normalize_tokens(f"my husband {form} to me")) == "lying"
