"""interaction_model.situations: the situation weighed from all a confidence says."""

from __future__ import annotations

import pytest

from interaction_model import situations
from interaction_model.resolver import Resolver
from interaction_model.text import normalize_tokens

# Phrasings made up for these tests (none is a sample or an eval row): long, indirect, the
# situation implied rather than named, and who did what, when, decides.
CONFIDED = [
    # Whose history it is: an earlier relationship or the family is past hurt ...
    ("my first husband lied to me for ten years so now i check everything twice", "past_hurt"),
    ("ever since my divorce i keep everybody at arm's length", "past_hurt"),
    ("my mother cheated on my father and i think that is why i am like this", "past_hurt"),
    ("her ex fiance treated her badly and now she expects the worst of me", "past_hurt"),
    ("i am terrified to trust again after everything that happened before", "past_hurt"),
    # ... the past of this relationship is past infidelity ...
    ("it happened about four years ago and honestly i still get these flashes", "past_infidelity"),
    ("the affair ended ages ago but neither of us really moved on", "past_infidelity"),
    ("back when we were first engaged he slept with a coworker", "past_infidelity"),
    # ... what the speaker did is theirs, whatever they want next.
    ("i was the one who slept with someone and now i want her to forgive me", "i_cheated"),
    ("we met up for drinks a few times and it turned into more", "i_cheated"),
    ("i cheated ages ago and he still mentions it whenever we argue", "i_cheated"),
    # What the speaker found, the other one did.
    ("i found lipstick on his collar last night", "partner_cheated"),
    # Two things said at once: the clearer one wins.
    (
        "he stormed out and went to his brother's and now i don't know what to do",
        "dont_know_what_to_do",
    ),
    ("she chatted to some guy at the party and i was hurt and jealous", "my_jealousy"),
    ("my fiance gets weird when i go to the gym with my friends", "partner_jealous"),
    # Concepts no cue table holds.
    ("my husband would rather be on his phone than with me and i feel so unwanted", "insecurity"),
    ("is all of this mess on me", "my_fault"),
    ("is it even realistic to get the trust back after something like that", "rebuild_trust"),
    ("i lied about the money and now i want him to trust me again", "rebuild_trust"),
    # Said the way a stressed person says it, the situation implied.
    ("i was talking to someone online for months behind my girlfriend's back", "i_cheated"),
    (
        "she had a thing with her trainer when we were first married and i never got past it",
        "past_infidelity",
    ),
    (
        "we separated for a while after his affair and got back together but it's still there",
        "past_infidelity",
    ),
    (
        "i was with someone for six years who lied constantly and now i doubt my husband",
        "past_hurt",
    ),
    ("my wife gets upset if i even look at another woman", "partner_jealous"),
    (
        "he goes through this whole interrogation every time i come home from my friends",
        "partner_jealous",
    ),
    ("my boyfriend insists on having my location on at all times", "phone_checking"),
    ("i'm convinced he's going to get bored and find someone younger", "insecurity"),
    ("i keep wondering if i pushed her into this", "my_fault"),
    ("maybe i'm the one wrecking this relationship", "my_fault"),
    ("my husband cheated on me with his ex and i can't stop thinking about it", "partner_cheated"),
    ("she accused me of having a thing with the babysitter", "partner_jealous"),
    ("my husband logs into my facebook to see who i've been chatting with", "phone_checking"),
    ("i can't say this well but there's someone at work and it became physical", "i_cheated"),
    (
        "the thing with her and her boss ended two years ago but i still check her calendar",
        "past_infidelity",
    ),
    ("he keeps covering things up and then acts like i'm crazy for asking", "lying"),
    ("i lie in bed making up scenarios about what she's doing", "overthinking"),
    ("am i doing this to us", "my_fault"),
    # The confide round of 2026-12-04 (own phrasings, by kind): a therapist's finding is what
    # is confided, the therapy where it was heard ...
    ("my counselor says i overthink every little thing he does", "overthinking"),
    ("our therapist thinks i'm way too jealous of his friends", "my_jealousy"),
    # ... therapy done with a therapist is being in therapy, whatever is wanted next ...
    ("me and my therapist have been working on it but i want more to try at home", "in_therapy"),
    # ... a fear with no proof and a racing mind is overthinking, not an affair found ...
    ("i'm terrified she's sleeping with her boss but i can't prove anything", "overthinking"),
    (
        "i'm scared he's seeing someone but i have nothing to go on, my brain goes wild",
        "overthinking",
    ),
    # ... doubting they care is insecurity, asked or told ...
    ("i keep wondering if he even cares about me anymore", "insecurity"),
    ("does she even care about me or am i just convenient", "insecurity"),
    # ... "is that on me" closing a story, "what do we even do now" closing one ...
    ("she won't look at me and she says she can't trust me, is that on me", "my_fault"),
    ("he left again after the fight, what do we even do now", "dont_know_what_to_do"),
    # ... a jolt felt when the partner mentions an ex is my jealousy ...
    ("my stomach drops every time he talks about his ex wife", "my_jealousy"),
    ("i feel sick whenever she texts her old boyfriend", "my_jealousy"),
    # ... a recent time is now ("weeks before the wedding" of a fiancee), years are the past ...
    ("my fiancee slept with someone two weeks before our wedding", "partner_cheated"),
    ("my husband slept with his assistant a month ago", "partner_cheated"),
    ("my wife had a fling a month before our wedding and it still haunts me", "past_infidelity"),
    # ... and paying for what an ex did is a hurt brought from before.
    ("it's like i'm being punished for what her last boyfriend did to her", "past_hurt"),
    ("i'm afraid she'll walk out on me one day", "insecurity"),
    # A second batch of own phrasings (21 of 27 on first sight), by kind: the partner rages
    # when i contact someone, a partner found meeting someone, "swears he was", a passcode
    # demanded, out of my depth.
    ("he hits the roof whenever i text a guy from work", "partner_jealous"),
    ("i just learned my husband has been seeing a woman from his office", "partner_cheated"),
    ("she swore she was at her mom's but her car was at the bar", "lying"),
    ("my boyfriend wants my passcode so he can look whenever he likes", "phone_checking"),
    ("i am in way over my head with this relationship stuff", "dont_know_what_to_do"),
    # Near-misses of safety, heard as what they are.
    ("he abused my trust by lying about where he was every weekend", "lying"),
    ("she's been abusing my trust for months, hiding texts from me", "lying"),
    ("he forced me to admit that i had been going through his phone", "phone_checking"),
    ("she stabbed me in the back by telling her friends my secrets", "lying"),
    ("my girlfriend hit me with the news that she kissed someone", "partner_cheated"),
]


@pytest.mark.parametrize(("utterance", "situation"), CONFIDED)
def test_the_resolver_weighs_each_confidence(utterance: str, situation: str) -> None:
    resolution = Resolver.from_locale("en-US").resolve(utterance)
    assert resolution.intent == "SituationIntent", resolution
    assert resolution.slots["situation"].resolution_id == situation


def test_a_clear_reading_replaces_a_weaker_one() -> None:
    tokens = normalize_tokens("i'm the one who had the affair")
    assert situations.decide(tokens, "partner_cheated") == "i_cheated"


def test_a_tie_keeps_what_the_earlier_tiers_found() -> None:
    # Jealousy named and "i don't know what to do" weigh the same: the earlier answer stands.
    tokens = normalize_tokens("my husband is so jealous and i don't know what to do")
    reading = situations.read(tokens)
    assert reading.scores["partner_jealous"] == reading.scores["dont_know_what_to_do"]
    assert situations.decide(tokens, "partner_jealous") == "partner_jealous"
    assert situations.decide(tokens, None) is None


def test_a_weak_hint_alone_decides_nothing() -> None:
    tokens = normalize_tokens("my wife mentioned another woman from her book club")
    assert max(situations.read(tokens).scores.values(), default=0.0) < situations.THRESHOLD
    assert situations.decide(tokens, None) is None


@pytest.mark.parametrize(
    "utterance",
    [
        "should i check his phone",  # asks; confides nothing
        "my dog keeps barking at night",
        "call my mom",
        "book a table for two near the river",
        "how do i share my location with my husband on google maps",
        "remind my wife to pick up milk",
    ],
)
def test_no_confidence_no_situation(utterance: str) -> None:
    assert situations.decide(normalize_tokens(utterance), None) is None


@pytest.mark.parametrize(
    "utterance",
    [
        "my ex cheated on me and now he follows me home and threatens me",
        "after the affair he started hitting me",
        "i feel like it's my fault when he hurts me",
    ],
)
def test_a_confidence_that_tells_of_harm_is_safety(utterance: str) -> None:
    assert Resolver.from_locale("en-US").resolve(utterance).intent == "SafetyIntent"


def test_an_exact_sample_of_another_intent_stands() -> None:
    assert Resolver.from_locale("en-US").resolve("what can i say").intent == "AMAZON.HelpIntent"
