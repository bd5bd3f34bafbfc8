"""Tests for skill.content and the en-US content file it loads."""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import pytest

from skill.content import Content, ExerciseStep, Strategy, Topic, available_locales, load
from tests.helpers import STRATEGY_IDS

TOPIC_INTENTS = {
    "causes": "CausesIntent",
    "impact": "ImpactIntent",
    "active_listening": "ActiveListeningIntent",
    "expressing_feelings": "ExpressingFeelingsIntent",
    "building_trust": "BuildingTrustIntent",
    "therapy": "TherapyIntent",
    "support_groups": "SupportGroupsIntent",
}

# Every line key the skill uses, with the placeholders it must carry (and may carry).
LINE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    key: frozenset()
    for key in (
        "welcome",
        "forget_confirm",
        "forget_reprompt",
        "forget_done",
        "forget_failed",
        "forget_person_confirm",
        "forget_person_explain",
        "forget_person_done",
        "welcome_back",
        "welcome_back_finished",
        "welcome_reprompt",
        "offer_tip",
        "tip_question",
        "tip_reprompt",
        "round_complete",
        "more_question",
        "more_reprompt",
        "more_nothing",
        "more_topic_done",
        "topic_more_question",
        "another_question",
        "strategy_unknown",
        "list_strategies",
        "list_reprompt",
        "list_at_start",
        "topic_question",
        "topic_reprompt",
        "help",
        "help_reprompt",
        "fallback",
        "fallback_reprompt",
        "fallback_again",
        "goodbye",
        "error",
        "error_reprompt",
        "nav_nothing",
        "repeat_nothing",
        "hold_on",
        "previous_first",
        "forget_explain",
        "resume_nothing_explain",
        "resume_explain",
        "resume_nothing",
        "safety",
        "safety_reprompt",
        "thanks",
        "thanks_reprompt",
        "situation_unknown",
        "thanks_safety",
        "thanks_first",
        "welcome_more",
        "list_more",
    )
} | {
    "tip_intro": frozenset({"number", "title"}),
    "strategy_out_of_range": frozenset({"number"}),
    "welcome_back_paused": frozenset({"step"}),
}

EXERCISE_LINE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "intro_resume_question": frozenset({"step"}),
    "help": frozenset(),
    "help_reprompt": frozenset(),
    "paused": frozenset(),
    "stopped": frozenset(),
    "resumed": frozenset({"step"}),
    "start_over": frozenset(),
    "at_first": frozenset(),
    "finished": frozenset(),
    "fallback": frozenset({"step"}),
    "fallback_again": frozenset(),
    "thanks": frozenset(),
    "wait": frozenset(),
    "stale": frozenset(),
}

# Lines after which the skill waits for an answer: they must end with a question.
QUESTION_LINES = frozenset(LINE_PLACEHOLDERS) - {
    "tip_intro",
    "round_complete",
    "goodbye",
    "forget_done",
    "forget_failed",
    "forget_person_done",
    "hold_on",
    "situation_unknown",
}
EXERCISE_QUESTION_LINES = frozenset(
    {"intro_resume_question", "help", "help_reprompt", "fallback", "fallback_again"}
)

STEP_IDS = (
    "intro",
    "speaker_shares",
    "listener_reflects",
    "clarify",
    "swap_shares",
    "swap_reflects",
    "swap_clarify",
    "closing",
)

FORBIDDEN = re.compile(
    r"https?|www|\.com|click|regain|live bold|bloom|verywell|\bCBT\b|\be\.g\.|\bi\.e\.|\betc\b",
    re.IGNORECASE,
)
WORDS_PER_MINUTE = 150
MAX_STEP_SECONDS = 85


def words(text: str) -> int:
    """Number of spoken words in ``text``."""
    return len(text.split())


def placeholders(text: str) -> set[str]:
    """The ``{names}`` that str.format would fill in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def spoken_texts(content: Content) -> list[tuple[str, str]]:
    """Every string the skill speaks, labelled with where it comes from."""
    texts = [(f"lines.{key}", text) for key, text in content.lines.items()]
    texts += [(f"exercise.lines.{key}", text) for key, text in content.exercise.lines.items()]
    for s in content.strategies:
        texts += [(f"{s.id}.title", s.title), (f"{s.id}.tip", s.tip), (f"{s.id}.more", s.more)]
    for t in content.topics:
        texts += [(f"{t.id}.{name}", getattr(t, name)) for name in ("title", "speech", "more")]
    for step in content.exercise.steps:
        texts += [
            (f"{step.id}.{field}", getattr(step, field))
            for field in ("title", "speech", "cue", "prompt", "reprompt", "help", "explain")
        ]
    return texts


def all_texts(content: Content) -> list[tuple[str, str]]:
    """Spoken strings plus the card texts shown in the Alexa app."""
    cards = [(f"{s.id}.card", s.card) for s in content.strategies]
    cards += [(f"{t.id}.card", t.card) for t in content.topics]
    return spoken_texts(content) + cards


CONTENT = load()
OTHERS = [load(locale) for locale in available_locales() if locale != CONTENT.locale]


def _with_others(texts: Callable[[Content], list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The default locale's texts, then every other locale's that differ from them."""
    own = texts(CONTENT)
    base = dict(own)
    return own + [
        (f"{other.locale}:{where}", text)
        for other in OTHERS
        for where, text in texts(other)
        if base.get(where) != text
    ]


SPOKEN = _with_others(spoken_texts)
ALL = _with_others(all_texts)


def test_load_is_cached_and_locale_is_set() -> None:
    assert load() is CONTENT
    assert CONTENT.locale == "en-US"
    assert "en-US" in available_locales()


def test_strategies_are_the_nine_in_article_order() -> None:
    assert [(s.id, s.number) for s in CONTENT.strategies] == [
        (sid, n) for n, sid in enumerate(STRATEGY_IDS, start=1)
    ]


def test_be_consistent_title_fixes_the_article_typo() -> None:
    strategy = CONTENT.strategy("be_consistent")
    assert strategy is not None
    assert strategy.title == "Be Consistent"


@pytest.mark.parametrize("strategy", CONTENT.strategies, ids=lambda s: s.id)
def test_strategy_lengths(strategy: Strategy) -> None:
    assert words(strategy.tip) <= 30
    assert 60 <= words(strategy.more) <= 100
    assert strategy.more != strategy.tip
    assert strategy.tip not in strategy.more


@pytest.mark.parametrize("item", [*CONTENT.strategies, *CONTENT.topics], ids=lambda i: i.id)
def test_cards_have_two_to_four_sentences(item: Strategy | Topic) -> None:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", item.card) if s]
    assert 2 <= len(sentences) <= 4


def test_topics_are_the_seven_with_their_intents() -> None:
    assert {t.id: t.intent for t in CONTENT.topics} == TOPIC_INTENTS


@pytest.mark.parametrize("topic", CONTENT.topics, ids=lambda t: t.id)
def test_a_topic_keeps_the_whole_section_between_its_answer_and_tell_me_more(topic: Topic) -> None:
    assert 50 <= words(topic.speech) + words(topic.more) <= 110
    assert words(topic.more) >= 20


def test_every_line_key_is_present() -> None:
    assert set(CONTENT.lines) == set(LINE_PLACEHOLDERS)
    assert set(CONTENT.exercise.lines) == set(EXERCISE_LINE_PLACEHOLDERS)


@pytest.mark.parametrize(("key", "allowed"), sorted(LINE_PLACEHOLDERS.items()))
def test_line_placeholders(key: str, allowed: frozenset[str]) -> None:
    text = CONTENT.lines[key]
    assert placeholders(text) == allowed
    assert "{" not in text.format(**dict.fromkeys(allowed, "x"))


@pytest.mark.parametrize(("key", "allowed"), sorted(EXERCISE_LINE_PLACEHOLDERS.items()))
def test_exercise_line_placeholders(key: str, allowed: frozenset[str]) -> None:
    text = CONTENT.exercise.lines[key]
    assert placeholders(text) == allowed
    assert "{" not in text.format(**dict.fromkeys(allowed, "x"))


@pytest.mark.parametrize("key", sorted(QUESTION_LINES))
def test_turn_ending_lines_ask_a_question(key: str) -> None:
    assert CONTENT.lines[key].endswith("?")


@pytest.mark.parametrize("key", sorted(EXERCISE_QUESTION_LINES))
def test_exercise_turn_ending_lines_ask_a_question(key: str) -> None:
    assert CONTENT.exercise.lines[key].endswith("?")


@pytest.mark.parametrize(("where", "text"), ALL, ids=[where for where, _ in ALL])
def test_no_urls_site_names_or_abbreviations(where: str, text: str) -> None:
    assert FORBIDDEN.search(text) is None, where


@pytest.mark.parametrize(("where", "text"), ALL, ids=[where for where, _ in ALL])
def test_text_is_plain(where: str, text: str) -> None:
    assert not set(text) & set("<>&()[]*#"), where
    assert text == text.strip()


@pytest.mark.parametrize(("where", "text"), ALL, ids=[where for where, _ in ALL])
def test_no_text_is_empty_except_the_cue_without_wait(where: str, text: str) -> None:
    assert text or where == "intro.cue"


@pytest.mark.parametrize(("where", "text"), SPOKEN, ids=[where for where, _ in SPOKEN])
def test_numbers_are_words_except_phone_numbers(where: str, text: str) -> None:
    if where.rpartition(":")[2] != "lines.safety":
        assert not re.search(r"\d", text), where


@pytest.mark.parametrize(("where", "text"), SPOKEN, ids=[where for where, _ in SPOKEN])
def test_no_enumerated_lists(where: str, text: str) -> None:
    assert not re.search(r"\b(firstly|secondly|thirdly|second,|third,)", text, re.I), where


def test_exercise_steps_in_order() -> None:
    assert tuple(step.id for step in CONTENT.exercise.steps) == STEP_IDS


@pytest.mark.parametrize("step", CONTENT.exercise.steps, ids=lambda s: s.id)
def test_cue_is_empty_exactly_when_there_is_no_wait(step: ExerciseStep) -> None:
    assert (step.cue == "") == (step.wait_seconds == 0)


@pytest.mark.parametrize("step", CONTENT.exercise.steps, ids=lambda s: s.id)
def test_step_fits_in_one_response(step: ExerciseStep) -> None:
    spoken_words = words(f"{step.speech} {step.cue} {step.prompt}")
    seconds = spoken_words * 60 / WORDS_PER_MINUTE + step.wait_seconds
    assert seconds < MAX_STEP_SECONDS
    assert "next" in step.prompt.lower()


@pytest.mark.parametrize(
    ("locale", "numbers"),
    [
        ("en-US", ["911", "1-800-799-7233"]),
        ("en-CA", ["911"]),
        ("en-GB", ["999", "0808 2000 247"]),
        ("en-AU", ["000", "1800RESPECT", "1800 737 732"]),
        ("en-IN", ["112"]),
    ],
)
def test_safety_names_the_locales_emergency_number_and_helpline(
    locale: str, numbers: list[str]
) -> None:
    text = load(locale).line("safety")
    assert all(number in text for number in numbers)
    assert "tip" not in text.lower()
    assert text.endswith("?")
    if locale != "en-US":
        assert "911" not in text or locale == "en-CA"


def test_safety_line_names_emergency_and_hotline_numbers() -> None:
    safety = CONTENT.lines["safety"]
    assert "911" in safety
    assert "1-800-799-7233" in safety
    assert "tip" not in safety.lower()


@pytest.mark.parametrize("strategy_id", STRATEGY_IDS)
def test_strategy_by_id(strategy_id: str) -> None:
    strategy = CONTENT.strategy(strategy_id)
    assert strategy is not None
    assert strategy.id == strategy_id


def test_unknown_strategy_id_gives_none() -> None:
    assert CONTENT.strategy("be_perfect") is None


@pytest.mark.parametrize("number", range(1, 10))
def test_strategy_by_number(number: int) -> None:
    strategy = CONTENT.strategy_number(number)
    assert strategy is not None
    assert strategy.number == number
    assert strategy.id == STRATEGY_IDS[number - 1]


@pytest.mark.parametrize("number", [0, 10, -1])
def test_strategy_number_out_of_range_gives_none(number: int) -> None:
    assert CONTENT.strategy_number(number) is None


@pytest.mark.parametrize(("topic_id", "intent"), sorted(TOPIC_INTENTS.items()))
def test_topic_for_intent(topic_id: str, intent: str) -> None:
    topic = CONTENT.topic_for_intent(intent)
    assert topic is not None
    assert topic.id == topic_id


def test_topic_for_unknown_intent_gives_none() -> None:
    assert CONTENT.topic_for_intent("TrustTipIntent") is None


def test_line_fills_placeholders() -> None:
    assert CONTENT.line("tip_intro", number=3, title="Practice Patience") == (
        CONTENT.lines["tip_intro"].replace("{number}", "3").replace("{title}", "Practice Patience")
    )
    assert "12" in CONTENT.line("strategy_out_of_range", number=12)


def test_line_without_values_is_the_raw_text() -> None:
    assert CONTENT.line("goodbye") == CONTENT.lines["goodbye"]
