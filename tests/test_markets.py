"""The English-speaking markets: generated models, own samples, content overlays, safety facts."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from interaction_model.model import load_model
from skill import content, locales
from skill.builder import build_skill
from skill.conversation.state import merge
from skill.hosts.local import envelopes
from skill.hosts.runtime import Apology, handle_event, speech_of
from skill.persistence import SQLiteAdapter
from speech import ssml
from tests.test_golden import SESSION, TIMESTAMP, USER

ROOT = Path(__file__).resolve().parent.parent
MARKETS = tuple(loc for loc in locales.SUPPORTED if loc != locales.DEFAULT)
GOLDEN = Path(__file__).parent / "golden" / "locales"

# DESIGN.md "Safety": emergency number and (where it names one) helpline, per locale.
SAFETY_FACTS: dict[str, tuple[str, ...]] = {
    "en-US": ("911", "1-800-799-7233"),
    "en-CA": ("911",),
    "en-GB": ("999", "0808 2000 247"),
    "en-AU": ("000", "1800 737 732"),
    "en-IN": ("112",),
}
EVERY_NUMBER = {n for facts in SAFETY_FACTS.values() for n in facts}

# What each content overlay replaces by key; everything else is en-US's words, respelled.
SAFETY = {"lines.safety", "lines.safety_reprompt", "spoken.numbers"} | {
    f"screen.safety_{key}" for key in ("emergency_number", "helpline", "helpline_number")
}
DAY_MONTH = {"spoken.date", "spoken.date_without_weekday"}  # "the sixth of December"
OVERRIDES: dict[str, set[str]] = {
    "en-GB": SAFETY | DAY_MONTH | {"spoken.noon"},  # midday
    "en-CA": SAFETY,
    "en-AU": SAFETY | DAY_MONTH | {"spoken.noon"},
    "en-IN": SAFETY | DAY_MONTH,
}
AMERICAN = re.compile(r"\b(counselor|counseling|behavior|behavioral|honor|honoring)\b", re.I)


def _leaves(value: Any, where: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {
            k: v
            for key, item in value.items()
            for k, v in _leaves(item, f"{where}.{key}" if where else key).items()
        }
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return {
            k: v
            for i, item in enumerate(value)
            for k, v in _leaves(item, f"{where}[{item.get('id', i)}]").items()
        }
    return {where: value}


def test_the_generated_models_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_locale_models.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr


@pytest.mark.parametrize("locale", MARKETS)
def test_each_market_has_its_blind_sets_and_a_gate_on_them(locale: str) -> None:
    from tests.test_eval import LOCALE_IN_DOMAIN_FLOORS

    folder = Path(__file__).parent / "eval" / locale
    assert (folder / "in_domain.tsv").is_file() and (folder / "safety.tsv").is_file()
    assert locale in LOCALE_IN_DOMAIN_FLOORS


@pytest.mark.parametrize("locale", MARKETS)
def test_a_quarter_of_each_locales_samples_are_its_own(locale: str) -> None:
    default = {s for i in load_model(locales.DEFAULT).intents for s in i.samples}
    samples = [s for i in load_model(locale).intents for s in i.samples]
    own = [s for s in samples if s not in default]
    assert len(own) / len(samples) >= 0.25, (len(own), len(samples))


@pytest.mark.parametrize("locale", MARKETS)
def test_each_locale_has_local_strategy_synonyms(locale: str) -> None:
    def said(loc: str) -> set[str]:
        return {s for v in load_model(loc).slot_type("STRATEGY").values for s in v.synonyms}

    assert "practise patience" in said(locale) - said(locales.DEFAULT)
    assert "a counsellor" in said(locale) - said(locales.DEFAULT)


@pytest.mark.parametrize("locale", MARKETS)
def test_a_content_overlay_is_en_us_respelled_with_its_own_safety_lines(locale: str) -> None:
    overlay = tomllib.loads((locales.CONTENT_DIR / locale / "content.toml").read_text("utf-8"))
    overlay.pop("extends")
    spelling: dict[str, str] = overlay.pop("spelling")
    assert set(_leaves(overlay)) == OVERRIDES[locale]
    ours = _leaves(content.document(locale))
    theirs = _leaves(content.document(locales.DEFAULT))
    respelled = 0
    for key, text in theirs.items():
        if key in OVERRIDES[locale]:
            continue
        expected = text
        if isinstance(text, str) and not key.endswith((".id", ".intent")) and key != "id":
            for american, local in spelling.items():
                expected = re.sub(rf"\b{american}\b", local, expected)
                expected = re.sub(rf"\b{american.capitalize()}\b", local.capitalize(), expected)
        assert ours[key] == expected, key
        respelled += ours[key] != text
    assert respelled >= 5
    assert not [k for k, v in ours.items() if isinstance(v, str) and AMERICAN.search(v)]
    assert ours["strategies[practice_patience].id"] == "practice_patience"


def _says(text: str, number: str) -> bool:
    """Whether ``number`` is said as a whole number (999 is not in 0808 2000 247's 2000)."""
    return re.search(rf"(?<![\d-]){re.escape(number)}(?![\d-])", text) is not None


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_each_locales_safety_message_says_its_numbers_and_no_others(locale: str) -> None:
    safety = content.load(locale).lines["safety"]
    for number in SAFETY_FACTS[locale]:
        assert _says(safety, number)
    for number in EVERY_NUMBER - set(SAFETY_FACTS[locale]):
        assert not _says(safety, number)
    if len(SAFETY_FACTS[locale]) == 1:  # no helpline in DESIGN.md: none is promised
        reprompt = content.load(locale).lines["safety_reprompt"].lower()
        assert "hotline" not in reprompt and "helpline number" not in reprompt
        assert "hotline" not in safety.lower()


# How a person there says each number of the safety message, written here apart from the
# content's [spoken] tables: what Alexa and the local voice must both say.
SAFETY_SAID: dict[str, tuple[str, ...]] = {
    "en-US": ("call nine one one", "one eight hundred, seven nine nine, seven two three three"),
    "en-CA": ("call nine one one",),
    "en-GB": ("call nine nine nine", "oh eight oh eight, two thousand, two four seven"),
    "en-AU": (
        "call triple zero",
        "call one eight hundred respect",
        "one eight hundred, seven three seven, seven three two",
    ),
    "en-IN": ("call one one two",),
}


def _safety_ssml(locale: str, tmp_path: Path) -> str:
    skill = build_skill(SQLiteAdapter(tmp_path / "db.sqlite3", merge=merge))
    apology = Apology.from_lines(content.load().lines)
    speech = speech_of(handle_event(skill, _event("SafetyIntent", locale), apology=apology))
    assert speech is not None
    return speech


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_the_safety_numbers_are_said_as_a_person_there_says_them(
    locale: str, tmp_path: Path
) -> None:
    speech = _safety_ssml(locale, tmp_path)
    words = ssml.to_speech(speech)  # what the local voice is given (speech.render)
    for said in SAFETY_SAID[locale]:
        assert said in words, words
    assert not re.search(r"\d", words), words
    # Alexa reads the same: a documented say-as reading, or the words themselves as the alias.
    for number in SAFETY_FACTS[locale]:
        assert re.search(
            rf'<say-as interpret-as="digits">{re.escape(number)}</say-as>'
            rf'|<sub alias="[a-z ,]+">{re.escape(number)}</sub>',
            speech,
        ), number


def _espeak_phonemes(text: str, voice: str) -> str:
    result = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice, text], capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_espeak_reads_no_safety_number_as_an_amount(locale: str, tmp_path: Path) -> None:
    """Before: espeak-ng said 999 as "nine hundred and ninety-nine" and 0808 2000 247 as "zero
    eight hundred and eight, two thousand, two hundred and forty-seven". Now it says no
    "hundred" or "thousand" that the words of SAFETY_SAID do not have."""
    voice = locales.VOICES[locale]
    words = ssml.to_speech(_safety_ssml(locale, tmp_path))
    raw = content.load(locale).lines["safety"]
    amounts = (("h'VndrI", "hundred"), ("T'aUz@nd", "thousand"))

    def count(text: str) -> int:
        return sum(_espeak_phonemes(text, voice).count(phoneme) for phoneme, _ in amounts)

    intended = sum(said.count(word) for said in SAFETY_SAID[locale] for _, word in amounts)
    assert count(words) == intended
    assert count(raw) > intended  # the plain line, as it was spoken before


def _event(kind: str, locale: str) -> dict[str, Any]:
    if kind == "LaunchRequest":
        request = envelopes.launch_request(locale=locale, timestamp=TIMESTAMP)
    else:
        request = envelopes.intent_request(kind, None, locale=locale, timestamp=TIMESTAMP)
    request["requestId"] = "amzn1.echo-api.request.00000000-0000-4000-8000-000000000002"
    return envelopes.envelope(request, user_id=USER, session_id=SESSION, new=True, attributes=None)


KEY_REQUESTS = {
    "launch": "LaunchRequest",
    "trust_tip": "TrustTipIntent",
    "safety": "SafetyIntent",
    "help": "AMAZON.HelpIntent",
}


@pytest.mark.parametrize("locale", MARKETS)
@pytest.mark.parametrize("name", sorted(KEY_REQUESTS))
def test_golden_per_locale(
    locale: str, name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    event = _event(KEY_REQUESTS[name], locale)
    skill = build_skill(SQLiteAdapter(tmp_path / "golden.sqlite3", merge=merge))
    response = handle_event(skill, event, apology=Apology.from_lines(content.load(locale).lines))
    response.pop("userAgent", None)
    path = GOLDEN / locale / f"{name}.json"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"request": event, "response": response}, indent=2) + "\n")
    stored = json.loads(path.read_text("utf-8"))
    assert stored["request"] == event
    assert stored["response"] == response


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_handle_event_answers_safety_in_the_requests_locale(locale: str, tmp_path: Path) -> None:
    skill = build_skill(SQLiteAdapter(tmp_path / "db.sqlite3", merge=merge))
    apology = Apology.from_lines(content.load().lines)
    speech = speech_of(handle_event(skill, _event("SafetyIntent", locale), apology=apology))
    assert speech is not None
    for number in SAFETY_FACTS[locale]:
        assert number in speech


def test_a_request_in_another_locale_is_answered_in_the_default_with_a_debug_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    skill = build_skill(SQLiteAdapter(tmp_path / "db.sqlite3", merge=merge))
    apology = Apology.from_lines(content.load().lines)
    with caplog.at_level(logging.DEBUG, logger="skill.locales"):
        response = handle_event(skill, _event("SafetyIntent", "en-NZ"), apology=apology)
    speech = speech_of(response)
    assert speech is not None and "1-800-799-7233" in speech
    assert any(r.levelno == logging.DEBUG and "en-NZ" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("en-US", "en-us"),
        ("en-CA", "en-us"),
        ("en-GB", "en-gb"),
        ("en-AU", "en-gb"),
        ("en-IN", "en-gb"),
    ],
)
def test_the_local_voice_follows_the_locale(locale: str, language: str) -> None:
    import argparse

    from skill.hosts.cli import output
    from speech.voice import default_engine, voices

    args = argparse.Namespace(
        locale=locale, voice=None, devices=argparse.Namespace(engine_factory=default_engine)
    )
    chosen = output.voice(args)
    assert chosen is not None
    assert language in next(v.languages for v in voices() if v.id == chosen)


# The markets round of 2026-12-04: the markets engineer's own probes of each kind of failure the
# dev round (dev7) showed, written apart from its rows (none is a dev row or a sample). Every row
# is heard in every market: "<utterance>\t<intent>\t<slots>\t<context>", where {start} starts
# the exercise and {names} starts it and gives the names.
PROBES: dict[str, str] = {
    "an introduction in any order of its words, names as typed": """
myself priya and my husband is karan\tPartnerNamesIntent\tfirst=Priya,second=Karan\t{start}
i'm tom and my missus is jess\tPartnerNamesIntent\tfirst=Tom,second=Jess\t{start}
it's me, sophie, and my partner liam\tPartnerNamesIntent\tfirst=Sophie,second=Liam\t{start}
my name's ethan and my girlfriend's chloe\tPartnerNamesIntent\tfirst=Ethan,second=Chloe\t{start}
my name is anil and my wife's name is kavya\tPartnerNamesIntent\tfirst=Anil,second=Kavya\t{start}
i'm harpreet, my husband is jaspal\tPartnerNamesIntent\tfirst=Harpreet,second=Jaspal\t{start}
""",
    "who goes first, said loosely": """
zoe reckons she'll go first\tFirstSpeakerIntent\tname=Zoe\t{names}
i guess max can start\tFirstSpeakerIntent\tname=Max\t{names}
okay so maybe zoe should begin\tFirstSpeakerIntent\tname=Zoe\t{names}
""",
    "a lead word before a request, a launch without a verb": """
right, stop there\tAMAZON.StopIntent\t\t
righto, give us a tip\tTrustTipIntent\t\t
shush now\tAMAZON.StopIntent\t\t
okay that's enough\tAMAZON.StopIntent\t\t
righto open trust coach mate\tLaunchRequest\t\t
now open trust coach\tLaunchRequest\t\t
the trust coach please\tLaunchRequest\t\t
thank ya\tThanksIntent\t\t
""",
    "reminders: cancel verbs, Indian word order, the half of the day said first": """
bin the reminder\tCancelReminderIntent\t\t
ditch our reminder\tCancelReminderIntent\t\t
knock the reminder on the head\tCancelReminderIntent\t\t
is any reminder there for us\tReminderStatusIntent\t\t
on which day my reminder is\tReminderStatusIntent\t\t
our reminder is set or not\tReminderStatusIntent\t\t
are there any reminders\tReminderStatusIntent\t\t
remind us on saturday arvo at 3\tSetReminderIntent\tday=SA,time=15:00\t
move the reminder to monday nights at 8\tMoveReminderIntent\tday=MO,time=20:00\t
remind us thursday mornings at 9\tSetReminderIntent\tday=TH,time=09:00\t
""",
    "confided in market words": """
my wife is carrying on with a guy from work\tSituationIntent\tsituation=partner_cheated\t
i reckon he's carrying on with someone from the gym\tSituationIntent\tsituation=partner_cheated\t
i got involved with someone else and my husband doesn't know\tSituationIntent\tsituation=i_cheated\t
my girlfriend goes all narky whenever i see my mates\tSituationIntent\tsituation=partner_jealous\t
he gets the hump when i go out with the girls\tSituationIntent\tsituation=partner_jealous\t
been doing couples counselling since summer but it's slow\tSituationIntent\tsituation=in_therapy\t
is it my mistake that he is not trusting me\tSituationIntent\tsituation=my_fault\t
when he doesn't pick up i start thinking so many things\tSituationIntent\tsituation=overthinking\t
i think too much whenever he goes out with friends\tSituationIntent\tsituation=overthinking\t
""",
    "strategies and topics asked for in market words": """
we did half the exercise yesterday, can we complete it\tResumeExerciseIntent\t\t
can we do the rest of the exercise we started\tResumeExerciseIntent\t\t
can you do the patience one\tStrategyIntent\tstrategy=practice_patience\t
let's hear the consistency one\tStrategyIntent\tstrategy=be_consistent\t
i could do with some advice on trust\tTrustTipIntent\t\t
does c. b. t. work for trust problems\tTherapyIntent\t\t
is cbt good for trust issues\tTherapyIntent\t\t
""",
    "safety: 'me' for 'my', threats promised": """
i'm scared of me husband\tSafetyIntent\tpartner=husband\t
me partner hits me when he's had a few\tSafetyIntent\tpartner=partner,harm=hits\t
my boyfriend said he'd hit me if i went out\tSafetyIntent\tpartner=boyfriend,harm=threatens\t
she keeps telling me she'll hurt me if i leave\tSafetyIntent\tpartner=she,harm=threatens\t
my ex sends me death threats\tSafetyIntent\tpartner=ex,harm=threatens\t
""",
}


@pytest.mark.parametrize("locale", MARKETS)
@pytest.mark.parametrize("kind", sorted(PROBES))
def test_each_market_hears_the_probes_of_each_kind(locale: str, kind: str) -> None:
    from interaction_model.resolver import Resolver
    from skill.hosts.local import evaluate
    from skill.hosts.local.conversation import Conversation

    resolver = Resolver.from_locale(locale)
    skill = build_skill(None)
    start = "start the listening exercise"
    rows = PROBES[kind].replace("{names}", f"{start} | it's zoe and max")
    cases = evaluate.parse(rows.replace("{start}", start).strip("\n") + "\n", kind)
    report = evaluate.evaluate(
        cases, resolver, lambda: Conversation(skill, resolver, locale=locale), locale=locale
    )
    assert report.accuracy == 100.0, "\n".join(report.lines()[-12:])


DEV7_FLOORS = {"en-GB": 98.0, "en-CA": 99.0, "en-AU": 97.0, "en-IN": 99.0}
"""Each market's dev7_in_domain.tsv (110 rows written blind on 2026-12-04, TUNED ON by kind the
same day): en-GB 95.5 -> 99.1, en-CA 93.6 -> 100, en-AU 90.0 -> 98.2, en-IN 93.6 -> 100%; the
floors sit about a row under. Their safety sets (40 rows each) are gated on recall, 100% (en-AU
was 97.5% on main: "scared of me husband")."""


@pytest.mark.parametrize("locale", MARKETS)
def test_each_market_keeps_its_dev7_floors(locale: str) -> None:
    from interaction_model.resolver import Resolver
    from skill.hosts.local import evaluate
    from skill.hosts.local.conversation import Conversation

    resolver = Resolver.from_locale(locale)
    skill = build_skill(None)
    figures = {}
    for name in ("dev7_in_domain", "dev7_safety"):
        cases = evaluate.load(Path(__file__).parent / "eval" / locale / f"{name}.tsv")
        assert len(cases) >= 40
        report = evaluate.evaluate(
            cases, resolver, lambda: Conversation(skill, resolver, locale=locale), locale=locale
        )
        recall = 100.0 * sum(o.intent_ok for o in report.outcomes) / report.total
        figures[name] = (report.accuracy, recall, "\n".join(report.lines()[-12:]))
    assert figures["dev7_safety"][1] == 100.0, figures["dev7_safety"][2]
    assert figures["dev7_in_domain"][0] >= DEV7_FLOORS[locale], figures["dev7_in_domain"][2]
