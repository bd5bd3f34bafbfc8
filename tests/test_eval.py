"""`trust-coach eval` and the gates on the evaluation sets written blind (tests/eval/en-US)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interaction_model.resolver import Resolver
from skill.builder import build_skill
from skill.content import load as load_content
from skill.hosts.cli.main import main
from skill.hosts.local import evaluate
from skill.hosts.local.conversation import Conversation

EVAL = Path(__file__).parent / "eval" / "en-US"
GATES = {
    # set: least accuracy in percent (typos: reported, not gated beyond a floor)
    "in_domain": 96.5,
    "dev": 96.5,
    "dev2": 97.5,
    "dev3": 91.5,
    "ood_dev3": 95.5,
    "safety": 100.0,
    "safety_dev2": 100.0,
    "out_of_domain": 98.0,
    "typos": 96.0,
    # Written blind on 2026-12-03, then tuned on (typos round): 93.3% -> 96.7%.
    "dev5_typos": 95.0,
    # The safety engineer's development set: TUNED ON, so 100% here is a floor, not a figure.
    "safety_dev": 100.0,
}
"""Floors of the sets in tests/eval/en-US. Since 2026-12-03 these are TUNING sets (their misses
were read while improving the resolver); the held-out figures come from fresh blind sets kept
outside the repository. The floors are the figures reached on them, so a change that loses
ground fails."""


def _recall(report: evaluate.Report) -> float:
    """Share of rows with the right intent, in percent: the figure of a safety set whose rows
    were written before the SafetyIntent's slots were labelled (dev5_safety.tsv and
    safety_kinds.tsv label them; tests/test_safety.py gates the slots there)."""
    return report.intent_accuracy


def _report(name: str) -> evaluate.Report:
    resolver = Resolver.from_locale("en-US")
    skill = build_skill(None)
    cases = evaluate.load(EVAL / f"{name}.tsv")
    return evaluate.evaluate(cases, resolver, lambda: Conversation(skill, resolver))


@pytest.mark.parametrize(("name", "floor"), sorted(GATES.items()))
def test_held_out_set_meets_its_gate(name: str, floor: float) -> None:
    report = _report(name)
    assert report.total >= 30
    misses = "\n".join(report.lines()[-20:])
    figure = _recall(report) if name.startswith("safety") else report.accuracy
    assert figure >= floor, f"{name}: {figure:.1f}% < {floor}%\n{misses}"


@pytest.mark.parametrize("name", ["safety", "safety_dev"])
def test_every_safety_row_gets_the_safety_message_through_the_cli(
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("TRUST_COACH_DB", str(tmp_path / "db.sqlite3"))
    rows = [case.utterance for case in evaluate.load(EVAL / f"{name}.tsv")]
    # Each utterance opens its own session ("ask trust coach ..."), all in one process.
    turns = [f"ask trust coach {row}" for row in rows]
    assert main(["say", "--json", "--text", *turns]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == len(rows)
    missed = [r["utterance"] for r in records if r["intent"] != "SafetyIntent"]
    assert missed == []
    assert all("1-800-799-7233" in r["speech"] for r in records)


def test_parse_reads_slots_and_context() -> None:
    cases = evaluate.parse("# comment\nstrategy two\tStrategyIntent\tnumber=2\ta | b\n")
    assert cases == [
        evaluate.Case(2, "strategy two", "StrategyIntent", (("number", "2"),), ("a", "b"))
    ]


@pytest.mark.parametrize("text", ["only one column\n", "a\tB\tnoequals\n", "a\tB\t\t\t\n"])
def test_parse_rejects_malformed_rows(text: str) -> None:
    with pytest.raises(evaluate.EvalFormatError):
        evaluate.parse(text)


def test_eval_command_prints_figures_and_exits_below_min(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "set.tsv"
    path.write_text(
        "give me a trust tip\tTrustTipIntent\n"
        "strategy two\tStrategyIntent\tnumber=2\n"
        "what's the weather like\tTrustTipIntent\n"
        "yeah sure\tAMAZON.YesIntent\t\tgive me a trust tip\n"
        "open trust coach\tLaunchRequest\n",
        encoding="utf-8",
    )
    assert main(["eval", str(path)]) == 0
    out = capsys.readouterr().out
    assert "accuracy: 80.0% (4/5)" in out
    assert "expected TrustTipIntent, got AMAZON.FallbackIntent" in out
    assert main(["eval", str(path), "--min", "90"]) == 1
    assert "below --min" in capsys.readouterr().err


def test_eval_command_prints_the_intents_alone_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A set labelled with intents only (the older safety sets) is not read as a 4% failure: the
    intent figure is printed beside intent-and-slots."""
    path = tmp_path / "set.tsv"
    path.write_text("my partner hits me\tSafetyIntent\nstrategy two\tStrategyIntent\n")
    assert main(["eval", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["accuracy: 0.0% (0/2), intent and slots", "intents: 100.0% (2/2)"]


def test_eval_command_bad_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(tmp_path / "missing.tsv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("trust-coach: cannot read") and err.count("\n") == 1


def test_go_on_after_a_question_means_yes_and_goes_deeper() -> None:
    resolver = Resolver.from_locale("en-US")
    conversation = Conversation(build_skill(None), resolver)
    tip = conversation.send("give me a trust tip")
    assert tip.speech.endswith("Would you like to hear more about this one?")
    more = conversation.send("go on")
    assert more.intent == "AMAZON.YesIntent"
    assert more.speech.endswith("Would you like another tip?")
    # Without a question open, "go on" is Next.
    assert resolver.resolve("go on").intent == "AMAZON.NextIntent"


def test_situation_is_acknowledged_then_tell_me_more_goes_deeper() -> None:
    conversation = Conversation(build_skill(None), Resolver.from_locale("en-US"))
    answer = conversation.send("my girlfriend keeps lying to me")
    content = load_content("en-US")
    situation = content.situations["lying"]
    strategy = content.strategy(situation.strategy)
    assert strategy is not None
    assert answer.speech.startswith(situation.acknowledgement)
    assert strategy.tip in answer.speech
    deeper = conversation.send("tell me more")
    assert deeper.speech.startswith(strategy.more.split(".")[0])


def test_every_situation_names_a_real_strategy() -> None:
    from interaction_model.model import load_model
    from skill.content import load

    content = load("en-US")
    ids = {value.id for value in load_model("en-US").slot_type("SITUATION").values}
    assert set(content.situations) == ids
    assert all(content.strategy(s.strategy) is not None for s in content.situations.values())


LOCALE_IN_DOMAIN_FLOORS = {"en-GB": 96.0, "en-CA": 92.5, "en-AU": 96.0, "en-IN": 96.0}
"""In-domain figures reached on each market's set (tuned on since 2026-12-03); the goal is 95%."""

LOCALE_DEV5_FLOORS = {"en-GB": 97.5, "en-CA": 97.5, "en-AU": 97.5, "en-IN": 97.5}
"""Each market's dev5_in_domain.tsv (80 rows written blind on 2026-12-03, TUNED ON by kind the same
day: 83.8, 91.2, 85.0, 90.0% before, 98.8% each after); the floors are a row under."""


@pytest.mark.parametrize("locale", sorted(LOCALE_IN_DOMAIN_FLOORS))
def test_each_market_hears_every_safety_phrasing_and_keeps_its_in_domain_floor(
    locale: str,
) -> None:
    resolver = Resolver.from_locale(locale)
    skill = build_skill(None)
    folder = EVAL.parent / locale
    figures = {}
    for name in ("safety", "in_domain", "safety_dev", "dev5_safety", "dev5_in_domain"):
        path = folder / f"{name}.tsv" if name != "safety_dev" else EVAL / f"{name}.tsv"
        cases = evaluate.load(path)
        report = evaluate.evaluate(
            cases, resolver, lambda: Conversation(skill, resolver, locale=locale), locale=locale
        )
        assert report.total >= 30
        # Safety sets: recall (their slots are gated in tests/test_safety.py where labelled).
        figure = _recall(report) if "safety" in name else report.accuracy
        figures[name] = (figure, "\n".join(report.lines()[-12:]))
    assert figures["safety"][0] == 100.0, figures["safety"][1]
    assert figures["dev5_safety"][0] == 100.0, figures["dev5_safety"][1]
    # The en-US safety development set (tuned on; it has UK, Canadian, Australian and Indian
    # phrasings too) through each market's own model.
    assert figures["safety_dev"][0] == 100.0, figures["safety_dev"][1]
    assert figures["in_domain"][0] >= LOCALE_IN_DOMAIN_FLOORS[locale], figures["in_domain"][1]
    dev5 = figures["dev5_in_domain"]
    assert dev5[0] >= LOCALE_DEV5_FLOORS[locale], dev5[1]


def test_built_in_slot_values_are_compared_as_the_skill_receives_them() -> None:
    resolver = Resolver.from_locale("en-US")
    cases = evaluate.parse(
        "remind us every sunday at seven pm\tSetReminderIntent\tday=SU,time=19:00\n"
        "remind us every sunday at seven pm\tSetReminderIntent\tday=SU,time=seven pm\n"
        "we're sam and alex\tPartnerNamesIntent\tfirst=Sam,second=Alex\n"
    )
    report = evaluate.evaluate(cases, resolver)
    assert [outcome.ok for outcome in report.outcomes] == [True, False, True]
