"""interaction_model.concepts: a strategy, a section or the exercise asked for by describing it.

The phrasings here were written for these tests (not taken from any evaluation set): each says
what a strategy or section is about without its name or a synonym the model lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interaction_model import concepts
from interaction_model.model import load_model
from interaction_model.resolver import CONCEPT_CONFIDENCE, Resolver
from interaction_model.text import normalize_tokens
from skill.hosts.local import evaluate

DESCRIBED_STRATEGIES = [
    ("the one where you don't push them", "practice_patience"),
    ("the bit about trust not happening overnight", "practice_patience"),
    ("the tip about giving them room", "establish_boundaries"),
    ("the strategy about putting yourself in their shoes", "express_empathy"),
    ("the one about saying what you need", "communicate_openly"),
    ("what was the one about listening without interrupting", "communicate_openly"),
    ("the one about reacting calmly when you argue", "be_consistent"),
    ("that tip about actions lining up with words", "be_consistent"),
    ("the bit about not judging them", "respect_their_feelings"),
    ("the one about not brushing off how they feel", "respect_their_feelings"),
    ("tell me the one about being punctual", "demonstrate_reliability"),
    ("the one about not flaking on plans", "demonstrate_reliability"),
    ("the one about cooking and travelling together", "build_mutual_activities"),
    ("what does it say about date nights", "build_mutual_activities"),
    ("the tip on getting a psychologist involved", "seek_professional_help"),
    ("the advice about not losing your temper in arguments", "be_consistent"),
    ("the one about not making them feel silly for worrying", "respect_their_feelings"),
    ("the one about not expecting them to trust you right away", "practice_patience"),
]

DESCRIBED_SECTIONS = [
    ("why do some people end up so wary, is it the way they were raised", "CausesIntent"),
    ("what does constant suspicion do to a couple", "ImpactIntent"),
    ("how do i get better at hearing my partner out", "ActiveListeningIntent"),
    ("how do i tell him what bugs me without starting a fight", "ExpressingFeelingsIntent"),
    ("what actually makes trust between partners", "BuildingTrustIntent"),
    ("can we do the speaker and listener thing now", "ActiveListeningExerciseIntent"),
    ("we got halfway through the turns exercise, can we carry on", "ResumeExerciseIntent"),
    ("any suggestions for us on building trust", "TrustTipIntent"),
    ("can you coach us through taking turns sharing", "ActiveListeningExerciseIntent"),
    ("can we get back to that turn taking thing we started", "ResumeExerciseIntent"),
]

NOT_DESCRIPTIONS = [
    "how do i heal a sunburn fast",
    "plan a trip to paris",
    "what's the one about the weather",
    "i have no idea where i left the remote",
    "roll a die",
    "how do i get my car to stop rattling",
    "what's today's date",
    "plan a trip to paris for us",
    "set a timer for my partner's pasta",
    "what role do parents play in the school play",
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.from_locale("en-US")


def test_every_strategy_and_section_has_a_profile_the_model_answers() -> None:
    model = load_model("en-US")
    profiles = concepts.load().profiles
    strategy_ids = {value.id for value in model.slot_type("STRATEGY").values}
    described = {p.id for p in profiles if p.kind == "strategy"}
    assert described == strategy_ids
    intents = {intent.name for intent in model.intents}
    assert {p.intent for p in profiles} <= intents
    assert all(p.slot in (None, "strategy") and p.terms for p in profiles)


@pytest.mark.parametrize(("utterance", "strategy"), DESCRIBED_STRATEGIES)
def test_a_described_strategy_resolves_to_it(
    resolver: Resolver, utterance: str, strategy: str
) -> None:
    resolution = resolver.resolve(utterance)
    assert resolution.intent == "StrategyIntent", resolution
    slot = resolution.slots["strategy"]
    assert (slot.resolution_id, slot.status) == (strategy, "ER_SUCCESS_MATCH")


@pytest.mark.parametrize(("utterance", "intent"), DESCRIBED_SECTIONS)
def test_a_described_section_or_the_exercise_resolves_to_it(
    resolver: Resolver, utterance: str, intent: str
) -> None:
    assert resolver.resolve(utterance).intent == intent


@pytest.mark.parametrize("utterance", NOT_DESCRIPTIONS)
def test_what_describes_nothing_of_the_article_falls_back(
    resolver: Resolver, utterance: str
) -> None:
    assert resolver.resolve(utterance).intent == "AMAZON.FallbackIntent"


@pytest.mark.parametrize(
    "utterance",
    [
        "the one about him hitting me when he's angry",
        "the tip about what to do when my husband chokes me",
        "what does it say about a partner who threatens to hurt me",
    ],
)
def test_a_description_never_overrides_the_safety_check(resolver: Resolver, utterance: str) -> None:
    assert resolver.resolve(utterance).intent == "SafetyIntent"


def test_a_description_that_fits_two_ideas_alike_is_no_answer() -> None:
    tokens = normalize_tokens("the one about therapy and hobbies")
    assert concepts.load().read(tokens) is None


def test_a_description_answer_is_less_sure_than_a_sample(resolver: Resolver) -> None:
    described = resolver.resolve("the one about not flaking on plans")
    named = resolver.resolve("tell me about reliability")
    assert described.confidence == CONCEPT_CONFIDENCE < named.confidence == 1.0


@pytest.mark.parametrize(
    ("utterance", "start"),
    [
        ("the one about being on time", 3),
        ("what was that tip where you wait", 5),
        ("what does the article say about chores", 6),
        ("i have no idea where i left it", None),
        ("give me one on patience", None),
        ("tell me about patience", None),
        ("is it my fault she left after the thing with my ex", None),
    ],
)
def test_a_frame_says_where_the_description_starts(utterance: str, start: int | None) -> None:
    assert concepts.frame_end(normalize_tokens(utterance)) == start


def test_a_modifier_turns_the_answer_of_another_tier(resolver: Resolver) -> None:
    # "the listening exercise" is a sample said inside; "from before" makes it a resumption.
    assert resolver.resolve("let's finish the listening exercise from before").intent == (
        "ResumeExerciseIntent"
    )
    # A whole sample stays what it is.
    assert resolver.resolve("start the exercise").intent == "ActiveListeningExerciseIntent"


def test_profile_phrases_match_any_form_and_a_short_gap() -> None:
    profiles = concepts.load()
    number = [p.id for p in profiles.profiles].index("demonstrate_reliability")
    kept = profiles.scores(concepts.marked(normalize_tokens("he kept his promises")))
    # "keep promises": "kept" is a form of keep, and up to two words may come between.
    assert kept[number][0] >= 1.5
    # A phrase of grammar words must be said as it is: "do to" is not in "do i prove to".
    impact = [p.id for p in profiles.profiles].index("ImpactIntent")
    proving = profiles.scores(concepts.marked(normalize_tokens("how do i prove to her")))
    assert proving[impact][0] == 0.0


DESCRIBED_FLOOR = 88.5
"""Least accuracy on tests/eval/en-US/dev_described.tsv (own dev set, tuned on: 118/132 = 89.4%
at the end of the strategies round; 48/132 = 36.4% before the concept tier)."""


def test_the_own_set_of_descriptions_keeps_its_floor(resolver: Resolver) -> None:
    cases = evaluate.load(Path(__file__).parent / "eval" / "en-US" / "dev_described.tsv")
    report = evaluate.evaluate(cases, resolver)
    assert len(cases) >= 120
    assert report.accuracy >= DESCRIBED_FLOOR, "\n".join(report.lines()[-20:])
