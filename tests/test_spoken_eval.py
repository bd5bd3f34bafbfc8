"""The held-out spoken evaluation: tests/eval/en-US/spoken_blind2.tsv, spoken and heard back.

The set was written blind on 2026-12-03 and is only measured; the earlier spoken.tsv became a
tuning set that day (its misses were read) and is measured with scripts/bench_voice.py.

Every row is rendered by every voice of tests.spoken.VOICES, the format rotating over 16, 22.05
and 44.1 kHz, mono and stereo, clean and with pink noise at 20 dB SNR. The recognizer's words
go through the same choice as `trust-coach chat --listen` (the n-best reading the resolver
understands) and must resolve to the row's intent and slots.

A gate the typed words themselves cannot reach (the resolver lacks an intent the set expects,
say) is reported as an expected failure with both figures; it becomes a hard gate as soon as the
resolver can reach it, with no list of excluded rows.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from interaction_model.model import load_builtin_samples, load_model_data
from interaction_model.resolver import FALLBACK_INTENT, Resolver
from skill.hosts.cli.hearing import understands as _understands
from speech.listen import Recognizer, choose
from tests import spoken

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pocketsphinx") is None or not spoken.tools_available(),
    reason="needs pocketsphinx (the listen extra), espeak-ng and sox",
)

OVERALL = 0.90
"""Share of all recordings that must resolve to the intended intent and slots."""
PER_VOICE = 0.80
"""No voice may do worse than this."""
MUST_ALWAYS = 1.0
"""Stop, cancel and the safety phrasings: every one."""
LISTENING_FLOOR = 0.83
"""A regression floor, not the goal: on rows the resolver gets right typed, listening measured
298/348 = 86% of the blind set with the frequency warp (293/348 = 84% before it, 266/348 = 76%
at the start of 2026-12-03; docs/listening.md); the goal is the 90% gate above."""


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> tuple[spoken.Tally, spoken.Tally, str]:
    """(heard tally, typed tally, a report of the misses), computed once for the module."""
    rows = spoken.read_rows(spoken.EVAL / "en-US" / "spoken_blind2.tsv")
    directory = Path(tmp_path_factory.mktemp("spoken"))
    recordings = spoken.render(rows, directory, workers=2)
    resolver = Resolver.from_locale("en-US")
    known = spoken.known_intents(resolver)
    recognizer = Recognizer.for_model(
        load_model_data("en-US"), load_builtin_samples("en-US"), directory / "cache"
    )
    understands = _understands("en-US")

    def heard(recording: spoken.Recording) -> spoken.Outcome:
        words = choose(recognizer.hear_wav(recording.path), understands)
        return spoken.typed_outcome(resolver, words) if words else (FALLBACK_INTENT, {})

    def typed(recording: spoken.Recording) -> spoken.Outcome:
        return spoken.typed_outcome(resolver, recording.row.utterance)

    def typed_right(row: spoken.Row) -> bool:
        return spoken.typed_outcome(resolver, row.utterance) == spoken.expected(row)

    tally, misses = spoken.score(recordings, heard, known, typed_right)
    ceiling, _ = spoken.score(recordings, typed, known, typed_right)
    report = "; ".join(
        f"{r.row.utterance!r} ({r.voice.label}, {r.format.label}) -> {got[0]}"
        for r, got in misses[:12]
    )
    print("\nspoken evaluation:", {group: tally.line(group) for group in sorted(tally.total)})
    return tally, ceiling, report


REGRESSION_FLOORS = {"all": 0.78, "stop, cancel, safety": 0.70, "voice": 0.70}
# Safety rows compare the partner/harm slots since the safety engineer's round (2026-12-03): a
# misheard "husband" now counts against a row the intent alone would pass; measured 68/96 = 71%
# then, so this floor moved from 0.72 to 0.70 (recall of the intent is unchanged).
"""Hard floors a little under what listening measured on the blind set, to catch a step back. The
recordings are repeatable (tests/spoken.py runs sox with -R, seeding its pink noise and dither;
before that the same set scored 66% to 82% on stop, cancel and safety from run to run). At the
end of 2026-12-03: all 293/360 = 81%, stop, cancel and safety 73/96 = 76%, the weakest voice
(en-us+f3) 68/90 = 76%; at its start 74%, 69% and 68%. With the frequency warp
(speech.listen.WARP, later that day): all 298/360 = 83%, stop, cancel and safety 76/96 = 79%, the
weakest voice (en-us+f3, which the warp costs three recordings) 65/90 = 72%, run alone; in the
whole suite the same recordings scored 295/360 overall (the decoder's outcome moves by a few
recordings with what ran before it), so the floors keep a few recordings of slack; the voice
floor is two points lower than before the warp, for the female voice it costs. The issue's gates
above are the goal and are reported as expected failures until they are met."""
NO_FALSE_STOP = 0.98
"""The other direction of the stop gate: rows that are neither stop nor cancel heard as one of
them (99% were not, 317 of 320, at checkpoint 1); a stop that swallows requests is a skill that
will not listen. Raised from 0.97 when a stop came to be taken only from a reading that says it
plainly (speech.listen.Commands, 2026-12-04): 298/300 here, 294/300 before."""


def _gate(tallies: tuple[spoken.Tally, spoken.Tally, str], group: str, floor: float) -> None:
    tally, ceiling, report = tallies
    figure = f"{group}: heard {tally.line(group)}, typed {ceiling.line(group)}"
    regression = REGRESSION_FLOORS["voice" if group.startswith("voice ") else group]
    assert tally.share(group) >= regression, f"step back below {regression:.0%}: {figure}; {report}"
    if tally.share(group) < floor:
        pytest.xfail(f"issue 12 is open: listening is under its {floor:.0%} gate ({figure})")


def test_overall_accuracy(evaluation: tuple[spoken.Tally, spoken.Tally, str]) -> None:
    _gate(evaluation, "all", OVERALL)


def test_stop_cancel_and_safety_are_always_heard(
    evaluation: tuple[spoken.Tally, spoken.Tally, str],
) -> None:
    _gate(evaluation, "stop, cancel, safety", MUST_ALWAYS)


@pytest.mark.parametrize("voice", [v.label for v in spoken.VOICES])
def test_no_voice_below_the_floor(
    evaluation: tuple[spoken.Tally, spoken.Tally, str], voice: str
) -> None:
    _gate(evaluation, f"voice {voice}", PER_VOICE)


def test_stop_is_not_heard_where_nothing_of_the_kind_was_said(
    evaluation: tuple[spoken.Tally, spoken.Tally, str],
) -> None:
    tally, _, report = evaluation
    group = "no stop heard when not said"
    assert tally.total.get(group, 0) > 0
    assert tally.share(group) >= NO_FALSE_STOP, f"{tally.line(group)}; {report}"


def test_rows_the_resolver_understands_typed_are_mostly_heard(
    evaluation: tuple[spoken.Tally, spoken.Tally, str],
) -> None:
    """Whatever the resolver's own coverage, listening must not lose more than it does today."""
    tally, _, report = evaluation
    assert tally.total.get("typed right", 0) > 0
    assert tally.share("typed right") >= LISTENING_FLOOR, f"{tally.line('typed right')}; {report}"
