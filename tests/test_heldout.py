"""Gates on the blind held-out sets (tests/eval/<locale>/heldout_*.tsv).

They were written on 2026-12-03 by someone who never read the interaction model, and are only
measured, never tuned on (the one exception, en-US heldout_safety.tsv, says so in its header). The
tuning sets are gated in tests/test_eval.py and tests/test_markets.py; these floors are the
figures the held-out sets gave when they were first added, so a change that generalizes worse
fails here even when every tuning set still passes. Issue 10's targets (in-domain 95%, typos
90%) are reported as xfail until they are met.
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
    ("en-US", "in_domain"): 84.0,
    ("en-US", "typos"): 86.0,
    ("en-US", "out_of_domain"): 96.0,
    ("en-US", "safety"): 100.0,
    # The market sets are tuning sets since the markets round (misses read, fixed by kind):
    # floors a little under their figures then (98.2, 96.4, 95.5, 98.2%).
    ("en-GB", "in_domain"): 97.0,
    ("en-CA", "in_domain"): 95.0,
    ("en-AU", "in_domain"): 94.0,
    ("en-IN", "in_domain"): 97.0,
    **{(locale, "safety"): 100.0 for locale in ("en-GB", "en-CA", "en-AU", "en-IN")},
}
"""Least accuracy in percent; safety is 100% everywhere (a person being hurt must be heard)."""

TARGETS = {"in_domain": 95.0, "typos": 90.0, "out_of_domain": 95.0, "safety": 100.0}
"""Issue 10's targets."""


def _accuracy(locale: str, name: str) -> tuple[float, str]:
    resolver = Resolver.from_locale(locale)
    skill = build_skill(None)
    cases = evaluate.load(EVAL / locale / f"heldout_{name}.tsv")
    assert len(cases) >= 30
    report = evaluate.evaluate(cases, resolver, lambda: Conversation(skill, resolver))
    return report.accuracy, "\n".join(report.lines()[-15:])


@pytest.mark.parametrize(("locale", "name"), sorted(FLOORS))
def test_held_out_set_stays_above_its_floor(locale: str, name: str) -> None:
    accuracy, misses = _accuracy(locale, name)
    floor = FLOORS[(locale, name)]
    assert accuracy >= floor, f"{locale} {name}: {accuracy:.1f}% < {floor}%\n{misses}"
    target = TARGETS[name]
    if accuracy < target:
        pytest.xfail(
            f"issue 10 open: {locale} {name} held out at {accuracy:.1f}% (target {target}%)"
        )
