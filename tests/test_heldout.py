"""Gates on the held-out sets (heldout_*.tsv, now tuning sets) and the blind sets (blind2_*.tsv).

They were written on 2026-12-03 by someone who never read the interaction model. Since then they
are TUNING sets: their misses were read while the resolver was improved (by kind of failure,
never by adding a row as a sample), so their figures are no longer held-out figures; the fresh
blind sets the lead keeps outside the repository are. The other tuning sets are gated in
tests/test_eval.py and tests/test_markets.py; these floors sit a little under the figures the
sets gave after the nlu round of 2026-12-03 (en-US in-domain 85.5% -> 91.8%, typos 88.9% ->
100%; the markets' in-domain sets 90.9-93.6% -> 96.4-97.3%), so a change that generalizes worse
still fails here. Issue 10's targets (in-domain 95%) are reported as xfail until they are met.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interaction_model.resolver import Resolver
from skill.builder import build_skill
from skill.hosts.local import evaluate
from skill.hosts.local.conversation import Conversation

EVAL = Path(__file__).parent / "eval"

FLOORS = {
    # 93.5 on main before the confide round merged: five rows label an earlier relationship's or
    # parents' infidelity past_infidelity, where issue 10 and the other sets say past_hurt.
    ("en-US", "in_domain"): 93.0,
    ("en-US", "typos"): 97.5,
    ("en-US", "out_of_domain"): 96.0,
    ("en-US", "safety"): 100.0,
    # Markets round, tuned on (misses read, fixed by kind): 99.1, 98.2, 97.3, 99.1% after merging
    # nlu round 3; floors about a row under.
    ("en-GB", "in_domain"): 98.0,
    ("en-CA", "in_domain"): 97.0,
    # 96.0 until the confide round: three of its rows label an earlier relationship's infidelity
    # ("my ex cheated on me and now i can't trust my new fella") past_infidelity, where issue 10,
    # the slot's name and the other sets' writers (in_domain, blind2, dev5, typos) say past_hurt;
    # the resolver now follows the majority, so those rows count as misses here.
    ("en-AU", "in_domain"): 95.0,
    ("en-IN", "in_domain"): 98.0,
    **{(locale, "safety"): 100.0 for locale in ("en-GB", "en-CA", "en-AU", "en-IN")},
}
"""Least accuracy in percent; safety is 100% everywhere (a person being hurt must be heard)."""

BLIND_FLOORS = {
    # Raised in the strategies round (descriptions read by their ideas): en-US in-domain 94.7%
    # with main merged, a row under.
    ("en-US", "in_domain"): 94.0,
    # Typos round (2026-12-03, tuned on): 86.7% -> 96.7% (with main's times round merged).
    ("en-US", "typos"): 95.0,
    ("en-US", "out_of_domain"): 93.0,
    # After the markets' dev5 round (tuned on since then): 99.1, 97.3, 99.1, 99.1%.
    ("en-GB", "in_domain"): 98.0,
    ("en-CA", "in_domain"): 96.5,
    ("en-AU", "in_domain"): 98.0,
    ("en-IN", "in_domain"): 98.0,
}
"""Floors on the second blind sets (tests/eval/<locale>/blind2_*.tsv), about a row under what they
measured at the end of 2026-12-03 (en-US in-domain 87.8%, typos 86.7%, out of domain 95.0%;
en-GB, en-CA, en-AU, en-IN in-domain 92.7, 90.9, 92.7, 92.7%). At the start of that day, before
the day's tuning, they measured 87.2, 83.3, 96.7% and 90.9, 90.0, 90.9, 92.7%: tuning on the
first sets carried over little, which is what these sets are for."""

BLIND3_FLOORS = {
    ("en-US", "in_domain"): 95.5,
    ("en-US", "typos"): 96.5,
    ("en-US", "out_of_domain"): 93.3,
    ("en-US", "safety"): 100.0,
    ("en-GB", "in_domain"): 96.3,
    ("en-CA", "in_domain"): 95.5,
    ("en-AU", "in_domain"): 98.1,
    ("en-IN", "in_domain"): 92.7,
    ("en-GB", "safety"): 100.0,
    ("en-CA", "safety"): 100.0,
    ("en-AU", "safety"): 100.0,
    ("en-IN", "safety"): 100.0,
}
"""Floors on the third blind sets (tests/eval/<locale>/blind3_*.tsv), about a row under what they
measured at the end of their round (2026-12-03, evening): en-US in-domain 85.6 -> 95.9%, typos
93.3 -> 98.3%, out of domain 96.7 -> 93.3% (95.0% after a fix chosen on other sets), safety
recall 97 -> 98% (then its two misses were read and fixed: 100%); en-GB, en-CA, en-AU, en-IN
in-domain 88.2, 86.4, 91.8, 83.6 -> 97.3, 96.4, 99.1, 93.6%, safety recall 100% throughout.
Nobody tuned on them during that round."""

TARGETS = {"in_domain": 95.0, "typos": 90.0, "out_of_domain": 95.0, "safety": 100.0}
"""Issue 10's targets."""


def _accuracy(locale: str, name: str, prefix: str = "heldout") -> tuple[float, str]:
    resolver = Resolver.from_locale(locale)
    skill = build_skill(None)
    cases = evaluate.load(EVAL / locale / f"{prefix}_{name}.tsv")
    assert len(cases) >= 30
    report = evaluate.evaluate(cases, resolver, lambda: Conversation(skill, resolver))
    if name == "safety":
        # Recall: these rows were written before the SafetyIntent's slots were labelled
        # (tests/test_safety.py gates the slots on the sets that label them).
        recall = sum(outcome.intent_ok for outcome in report.outcomes) / report.total
        return 100.0 * recall, "\n".join(report.lines()[-15:])
    return report.accuracy, "\n".join(report.lines()[-15:])


@pytest.mark.parametrize(("locale", "name"), sorted(FLOORS))
def test_held_out_set_stays_above_its_floor(locale: str, name: str) -> None:
    accuracy, misses = _accuracy(locale, name)
    floor = FLOORS[(locale, name)]
    assert accuracy >= floor, f"{locale} {name}: {accuracy:.1f}% < {floor}%\n{misses}"
    target = TARGETS[name]
    if accuracy < target:
        pytest.xfail(
            f"issue 10 open: {locale} {name} at {accuracy:.1f}% on this tuning set "
            f"(target {target}%)"
        )


BLIND4_FLOORS = {
    ("en-US", "in_domain"): 87.5,
    ("en-US", "typos"): 91.5,
    ("en-US", "out_of_domain"): 95.0,
    ("en-US", "safety"): 100.0,
    ("en-GB", "in_domain"): 95.4,
    ("en-CA", "in_domain"): 89.0,
    ("en-AU", "in_domain"): 89.0,
    ("en-IN", "in_domain"): 97.2,
    ("en-GB", "safety"): 100.0,
    ("en-CA", "safety"): 100.0,
    ("en-AU", "safety"): 100.0,
    ("en-IN", "safety"): 100.0,
}
"""Floors on the fourth blind sets (tests/eval/<locale>/blind4_*.tsv), about a row under what they
measured at the end of their round (2026-12-04): en-US in-domain 86.6 -> 87.8%, typos 90.0 ->
93.3%, out of domain 98.3 -> 96.7%, safety recall 100% throughout; en-GB, en-CA, en-AU, en-IN
in-domain 96.4, 89.1, 88.2, 95.5 -> 96.4, 90.0, 90.0, 98.2%, safety recall 97.5, 97.5, 100, 100%
-> the same at the end; then the two misses (en-GB, en-CA) were read and fixed by kind: 100%.
The tuning round's own dev sets (dev7) rose far more (en-US in-domain 93.1 -> 98%): the gains
carried over little this time."""

BLIND_ROUNDS = {"blind2": BLIND_FLOORS, "blind3": BLIND3_FLOORS, "blind4": BLIND4_FLOORS}
"""Each committed blind round's floors, by the prefix of its files."""


@pytest.mark.parametrize(
    ("prefix", "locale", "name"),
    [(prefix, *key) for prefix, floors in BLIND_ROUNDS.items() for key in sorted(floors)],
)
def test_blind_set_stays_above_its_floor(prefix: str, locale: str, name: str) -> None:
    accuracy, misses = _accuracy(locale, name, prefix=prefix)
    floor = BLIND_ROUNDS[prefix][(locale, name)]
    assert accuracy >= floor, f"{locale} {prefix} {name}: {accuracy:.1f}% < {floor}%\n{misses}"
    target = TARGETS[name]
    if accuracy < target:
        pytest.xfail(
            f"issue 10 open: {locale} {name} at {accuracy:.1f}% on blind set {prefix} "
            f"(target {target}%)"
        )


TYPO_FLOORS = {"blind2_typos": 93.0, "dev5_typos": 95.0, "heldout_typos": 97.5}
"""The en-US typo sets typed to every market's model (typed slips are no matter of market).
Typos round of 2026-12-03 (tuned on): blind2 83.3-86.7% -> 95.0-96.7%, dev5 93.3% -> 96.7%,
heldout 97.8-100% -> 100% in every locale; floors about a row under."""


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-CA", "en-AU", "en-IN"])
@pytest.mark.parametrize("name", sorted(TYPO_FLOORS))
def test_typo_sets_hold_in_every_locale(locale: str, name: str) -> None:
    resolver = Resolver.from_locale(locale)
    skill = build_skill(None)
    cases = evaluate.load(EVAL / "en-US" / f"{name}.tsv")
    report = evaluate.evaluate(cases, resolver, lambda: Conversation(skill, resolver))
    misses = "\n".join(report.lines()[-15:])
    floor = TYPO_FLOORS[name]
    assert report.accuracy >= floor, f"{locale} {name}: {report.accuracy:.1f}% < {floor}%\n{misses}"
