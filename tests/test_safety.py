"""Tests for interaction_model.safety: the families, the figures of speech, the readings.

The figures on the evaluation sets are gated in tests/test_eval.py (safety.tsv held out once,
since tuned on; safety_dev.tsv the safety engineer's development set, tuned on); this file holds
the checks that are about the check itself and the model's safety samples.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from interaction_model import safety
from interaction_model.common_words import COMMON_WORDS
from interaction_model.model import load_model
from interaction_model.resolver import Resolution, Resolver
from interaction_model.text import normalize_tokens
from skill import locales
from skill.content import load as load_content
from skill.hosts.cli.main import main
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
        # Someone else hurt now (a friend, a sister), and control said by people in the plural.
        "my cousin's husband keeps hurting her",
        "my sister says her girlfriend is abusing her",
        "his parents control who i can see",
        "they control all the money and where i go",
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
        # The speaker's own hurt of someone, and a plural "control" of things, are no safety.
        "i cheated on my wife and hurt her",
        "they control the remote",
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


# The dev3 sets: written blind on 2026-12-03 (measured once on main: en-US 116/120, en-GB 33/35,
# en-CA 34/35, en-AU 34/35, en-IN 33/35; 5 of 40 negatives triggered safety), then handed over as
# TUNING sets. Their 100% is a floor, not a held-out figure.
DEV3_LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
MAX_OVER_TRIGGER = 2.5
"""Most of the dev3 negatives (percent) that may reach safety: 0 of 40 now; an over-trigger costs
one sentence, so one row of slack is left for recall."""


@pytest.mark.parametrize("name", ["safety_dev3", "safety_dev4"])
@pytest.mark.parametrize("locale", DEV3_LOCALES)
def test_every_blind_round_safety_row_reaches_safety_through_the_locales_resolver(
    locale: str, name: str
) -> None:
    resolver = Resolver.from_locale(locale)
    cases = evaluate.load(EVAL / locale / f"{name}.tsv")
    assert len(cases) >= 35
    assert {c.intent for c in cases} == {"SafetyIntent"}
    missed = [c.utterance for c in cases if resolver.resolve(c.utterance).intent != "SafetyIntent"]
    assert missed == []


@pytest.mark.parametrize(
    "name", ["safety_dev3", "safety_dev4", "blind3_safety", "blind4_safety", "safety_probes"]
)
@pytest.mark.parametrize("locale", DEV3_LOCALES)
def test_every_blind_round_safety_row_gets_the_locales_safety_message_through_the_cli(
    locale: str,
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("TRUST_COACH_DB", str(tmp_path / "db.sqlite3"))
    rows = [case.utterance for case in evaluate.load(EVAL / locale / f"{name}.tsv")]
    turns = [f"ask trust coach {row}" for row in rows]
    assert main(["say", "--json", "--text", "--locale", locale, *turns]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == len(rows)
    assert [r["utterance"] for r in records if r["intent"] != "SafetyIntent"] == []
    # The locale's own message, with its own emergency number.
    number = re.findall(r"please call (\d+)", load_content(locale).lines["safety"])
    assert number
    assert all(number[0] in r["speech"] for r in records)


@pytest.mark.parametrize("locale", DEV3_LOCALES)
def test_few_dev3_negatives_reach_safety(locale: str) -> None:
    resolver = Resolver.from_locale(locale)
    cases = evaluate.load(EVAL / "en-US" / "safety_negative_dev3.tsv")
    assert len(cases) >= 40
    triggered = [
        c.utterance for c in cases if resolver.resolve(c.utterance).intent == "SafetyIntent"
    ]
    rate = 100 * len(triggered) / len(cases)
    assert rate <= MAX_OVER_TRIGGER, f"{rate:.1f}% of the negatives reached safety: {triggered}"


@pytest.mark.parametrize(
    "text",
    [
        # One of each kind added with the dev3 round (the dev sets hold many more).
        "i'm scared of how she'll react if i say no",
        "i lock myself in the bathroom when he's been drinking",
        "i ended up in the er last night",
        "i had to go to a&e after he went for me",
        "my ex keeps parking across the road from my mum's place",
        "he put his hands round my neck and squeezed",
        "i've got scars from what she did",
        "i have to hide money from my husband",
        "my ex said he'd set my house on fire",
        "he keeps me up all night screaming at me",
        "my stepdad hits her",
        "she poked holes in the condoms",
        "he told me i'd regret it",
        "my jeth beats me",
    ],
)
def test_each_kind_of_the_dev3_round_is_caught(text: str) -> None:
    assert _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "can we push our date night back a week",
        "it hit me like a ton of bricks that he lied",
        "kids who were hurt as children often struggle with trust",
        "i was so hurt by my ex that now i can't trust anyone",
        "i'm afraid to be open with her",
        "the thought of losing her terrifies me",
        "she threw me a surprise party",
        "my wife asked me to book a table",
    ],
)
def test_the_figures_of_speech_of_the_dev3_round_are_not_safety(text: str) -> None:
    assert Resolver.from_locale("en-US").resolve(text).intent != "SafetyIntent"


def test_every_phrase_starts_at_a_word_so_the_search_may_try_word_starts_only() -> None:
    # The search is anchored at the starts of words; a phrase that could start inside a word
    # would be missed there.
    assert all(re.match(r"(?:\(\?<!\\b\w+ \))*\\b", p) for p in safety._PHRASES)
    assert safety.is_safety(normalize_tokens("okay so basically he hit me"))


@pytest.mark.parametrize(
    ("harm", "figure"),
    [
        # Each mask is as narrow as its figure of speech: the harm said nearby still counts.
        ("he beat me in the kitchen", "she beat me in every game we play"),
        ("he threw me off the balcony", "that question threw me off"),
        ("he tied me down to the bed", "i don't want anyone to tie me down"),
        ("i was locked out by my husband", "we got locked out of the car"),
        ("he kicks off if i go out", "let's kick off the exercise"),
        ("he smashed it against the wall", "she is smashing the gym"),
        ("he threw a bottle and it hit me when i was holding the baby", "it hit me that he lied"),
        # The confide round's near-misses (own phrasings): buttons pushed, trust abused, words
        # that cut deep, a silence that "kills me", a confession forced, punished for an ex.
        (
            "she pushes me into the wall when she's angry",
            "he knows how to push every one of my buttons",
        ),
        ("he abuses me when he drinks", "she's been abusing my trust for months, hiding texts"),
        ("he cut me with a knife last night", "what she said about my family cut me so deep"),
        ("he cut me deep with a broken bottle", "his lies cut me to the core"),
        (
            "he says he will kill me with his bare hands",
            "my wife is killing me with the silent treatment",
        ),
        (
            "he forced me to have sex when i said no",
            "he forced me to admit i had been reading his texts",
        ),
        (
            "he stabbed me in the back",
            "she stabbed me in the back by telling her friends my secrets",
        ),
        ("she threw me against the wall", "he threw me under the bus in front of his family"),
        (
            "my husband hit me with the car",
            "my girlfriend hit me with the news that she kissed someone",
        ),
        ("he slapped me with his open hand", "she slapped me with a guilt trip over nothing"),
        ("i'm trapped in the house by my husband", "i feel trapped by my own overthinking"),
        ("she attacked me with a knife", "my girlfriend attacks me with questions every time"),
        ("he smothered me with a pillow", "she's smothering me with all her worrying"),
        (
            "he punishes me when i talk to my friends",
            "it's like i'm being punished for what her last boyfriend did",
        ),
    ],
)
def test_a_figure_of_speech_masks_only_itself(harm: str, figure: str) -> None:
    resolver = Resolver.from_locale("en-US")
    assert resolver.resolve(harm).intent == "SafetyIntent"
    assert resolver.resolve(figure).intent != "SafetyIntent"


@pytest.mark.parametrize(
    ("threat", "regret"),
    [
        # A threat of what will come, with no harm word (own phrasings, confide round).
        ("he says he's going to make me regret it and i believe him", "i regret cheating on her"),
        ("she said she would make me regret the day i met her", "she made me regret asking"),
    ],
)
def test_a_threat_to_make_me_regret_it_is_safety(threat: str, regret: str) -> None:
    resolver = Resolver.from_locale("en-US")
    assert resolver.resolve(threat).intent == "SafetyIntent"
    assert resolver.resolve(regret).intent != "SafetyIntent"


# The dev4 sets: written blind on 2026-12-03 by a second writer (measured once on main: en-US
# 145/150, en-GB 37/40, en-CA 38/40, en-AU 37/40, en-IN 39/40; 4 of 60 non-disclosures reached
# safety), then handed over as TUNING sets. Their 100% is a floor, not a held-out figure.
DEV4_MAX_OVER_TRIGGER = 2.0
"""Most of the dev4 non-disclosures (percent) that may reach safety: 0 of 60 now; one row of slack
is left for recall (an over-trigger costs one sentence)."""


def _not_safety_dev4() -> list[str]:
    lines = (EVAL / "en-US" / "not_safety_dev4.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("locale", DEV3_LOCALES)
def test_few_dev4_non_disclosures_reach_safety(locale: str) -> None:
    resolver = Resolver.from_locale(locale)
    lines = _not_safety_dev4()
    assert len(lines) >= 60
    triggered = [line for line in lines if resolver.resolve(line).intent == "SafetyIntent"]
    rate = 100 * len(triggered) / len(lines)
    assert rate <= DEV4_MAX_OVER_TRIGGER, f"{rate:.1f}% reached safety: {triggered}"


@pytest.mark.parametrize(
    "text",
    [
        # One of each kind added with the dev4 round (safety_dev.tsv's twelfth batch holds more).
        "he got a bit rough with me",
        "i'm scared to leave because of what she might do",
        "he says he'll call immigration on me",
        "if i don't do what he says he hurts me",
        "she said she'd put my nudes online",
        "what do you do when your husband hits you",
        "he'll kill himself if i leave",
        "she said she'd top herself if i go",
        "he chucked a glass at my head",
        "i ended up in emerg because of him",
        "he texted me that he's watching",
        "i'm stashing cash so i can get out",
        "i think it's dv",
    ],
)
def test_each_kind_of_the_dev4_round_is_caught(text: str) -> None:
    assert Resolver.from_locale("en-US").resolve(text).intent == "SafetyIntent"


@pytest.mark.parametrize(
    "text",
    [
        "waiting for him to choose a film is torture",
        "i got hit by a wave of nostalgia",
        "she threatened to make me watch every episode again",
        "he's killing me with these puns",
        "my dad is a bit handy with tools",
        "he said he's watching the game tonight",
        "i'm saving up so i can leave my job",
    ],
)
def test_the_figures_of_speech_of_the_dev4_round_are_not_safety(text: str) -> None:
    assert Resolver.from_locale("en-US").resolve(text).intent != "SafetyIntent"


# The dev5 sets (tests/eval/<locale>/dev5_safety.tsv, written blind on 2026-12-03, TUNING sets)
# and the safety engineer's own set by kind (safety_kinds.tsv, written before the samples were
# read, tuned on) label the partner and harm slots. Before the slots were read offline they
# scored en-US 5/100, en-GB 1/30, en-CA 1/30, en-AU 2/30, en-IN 1/30 and 16/196 with slots
# compared; the floors sit a row under the figures reached (80/100, 30, 30, 29, 27 of 30, 185/196;
# 286/297 with safety_kinds' second batch, whose labels the reader proposed and a person checked).
# The en-US writer left a harm out where the model's HARM type lists it ("slapped", "shoved",
# "raped": hits, pushes, forces), so en-US stays lower by that choice.
# 2026-12-04: en-US dev5 moves from 79 to 76. A harm told in the future is now read as a threat
# ("he said he'll hurt me if i talk to you": threatens), as the model's HARM type lists "said he
# would kill" and "threatens to hurt", safety_kinds' header labels "says he'll kill me", and the
# dev7 writers label five such rows in four markets; the dev5 writer labelled three rows of that
# kind by the harm word (hurts) or left it out, so those three now differ (77/100, floor a row
# under). The safety_probes floors sit a row under the figures reached (their labels were
# revised once after the reader's first run; see each file's header).
SLOT_FLOORS = {
    ("en-US", "dev5_safety"): 76,
    ("en-US", "safety_kinds"): 285,
    ("en-US", "dev7_safety"): 90,
    ("en-US", "safety_probes"): 258,
    ("en-GB", "safety_probes"): 49,
    ("en-CA", "safety_probes"): 39,
    ("en-AU", "safety_probes"): 39,
    ("en-IN", "safety_probes"): 39,
    ("en-GB", "dev5_safety"): 29,
    ("en-CA", "dev5_safety"): 29,
    ("en-AU", "dev5_safety"): 28,
    ("en-IN", "dev5_safety"): 26,
}


@pytest.mark.parametrize(("locale", "name"), sorted(SLOT_FLOORS))
def test_every_labelled_safety_row_is_heard_and_most_name_who_and_what(
    locale: str, name: str
) -> None:
    resolver = Resolver.from_locale(locale)
    cases = evaluate.load(EVAL / locale / f"{name}.tsv")
    assert len(cases) >= 30
    report = evaluate.evaluate(cases, resolver)
    assert [o.case.utterance for o in report.outcomes if not o.intent_ok] == []
    assert report.correct >= SLOT_FLOORS[(locale, name)], "\n".join(report.lines()[-25:])


@pytest.mark.parametrize(("locale", "name"), sorted(SLOT_FLOORS))
def test_every_labelled_safety_row_gets_the_safety_message_and_the_way_back_through_the_cli(
    locale: str,
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("TRUST_COACH_DB", str(tmp_path / "db.sqlite3"))
    cases = evaluate.load(EVAL / locale / f"{name}.tsv")
    turns = [f"ask trust coach {case.utterance}" for case in cases]
    assert main(["say", "--json", "--text", "--locale", locale, *turns]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == len(cases)
    assert [r["utterance"] for r in records if r["intent"] != "SafetyIntent"] == []
    message = load_content(locale).lines["safety"]
    assert all(r["speech"] == records[0]["speech"] for r in records)
    # The gentle way back closes the message; only the offer to repeat the number follows it.
    sentences = re.split(r"(?<=[.?!])\s+", records[0]["speech"].strip())
    assert "talk about trust" in sentences[-2], message
    assert sentences[-1].endswith("?")
    # The slots travel in the request as Alexa sends them: words said, resolved to an id.
    first = {c.utterance: dict(c.slots) for c in cases}
    for record in records:
        wanted = first[record["utterance"].removeprefix("ask trust coach ")]
        got = {k: v["id"] for k, v in record["slots"].items() if v.get("id")}
        assert set(got) <= {"partner", "harm"}
        if wanted == got and got:
            slots = record["request"]["request"]["intent"]["slots"]
            assert all(slots[k]["value"] for k in got)


def _who_and_what(text: str, partner: str | None, harm: str | None) -> Resolution:
    """The en-US resolution of a safety phrasing, its partner and harm slots checked."""
    resolution = Resolver.from_locale("en-US").resolve(text)
    assert resolution.intent == "SafetyIntent"
    assert resolution.slots["partner"].resolution_id == partner
    assert resolution.slots["harm"].resolution_id == harm
    return resolution


@pytest.mark.parametrize(
    ("text", "partner", "harm"),
    [
        ("my husband hits me", "husband", "hits"),
        ("he's been strangling me", "he", "chokes"),  # a form the type does not list
        ("my ex husband keeps threatening me", "ex", "threatens"),
        ("my kids' dad shoved me", "co_parent", "pushes"),
        ("my son's father won't let me leave", "co_parent", "controls"),
        ("my partner's family have been pushing me around", "family", "pushes"),
        ("the bloke i share a flat with hurts me", "housemate", "hurts"),
        # A parent's partner is family (was "boyfriend" before 2026-12-04: the dev7 writer
        # labels "my mom's new husband pushes me around" family).
        ("my mom's boyfriend hits her", "family", "hits"),
        ("my partner said he'd kill me", "partner", "threatens"),  # "he" is the partner
        ("i'm scared of him", "he", None),  # a fear is not a harm
        ("he has never hit me but he chokes me", "he", "chokes"),  # a denied harm is skipped
        ("it's not like he hits me he just pushes me", "he", "pushes"),
        ("if i don't answer she hurts me", "she", "hurts"),  # another clause's denial
        ("my wife pushed me and i hit my head", "wife", "pushes"),  # the speaker's own act
        ("he put his hands round my neck", "he", "chokes"),
        ("my husbnad slaped me", "husband", "hits"),  # typed typos
        ("i'm being abused", None, None),  # abuse is every harm: no one kind
        ("he's not a bad man he only hits me", "he", "hits"),  # "man" is a partner after "my"
    ],
)
def test_the_safety_slots_name_who_and_what(
    text: str, partner: str | None, harm: str | None
) -> None:
    resolution = _who_and_what(text, partner, harm)
    for slot in resolution.slots.values():
        assert (slot.value is None) == (slot.resolution_id is None)
        assert (slot.status == "ER_SUCCESS_MATCH") == (slot.resolution_id is not None)


@pytest.mark.parametrize(
    "text",
    [
        "he has never hit me",
        "my husband would never hurt me",
        "she's never laid a hand on me",
        "i choked on my coffee when he told me",
        "she threatens to leave me every time we fight",
        "he forced me to watch a horror film",
        "my husband took my car to work",
        "he's a huge hit with my friends",
        "my ex hurt me so bad emotionally that i can't let anyone in now",
        "he hurt my feelings but he would never hit me",
        "he's never hit me but he might cheat",
    ],
)
def test_a_denied_harm_and_the_figures_of_safety_kinds_are_not_safety(text: str) -> None:
    assert Resolver.from_locale("en-US").resolve(text).intent != "SafetyIntent"


@pytest.mark.parametrize(
    "text",
    [
        "he has never hit me but i'm scared he will",
        "he's never hit me but he says he will if i leave",
        "he's never hit me before but he said he would",
        "he has never hit me but he came close",
        "he's never hit me but he reckons he will if i leave",
        "he doesn't hit me anymore",
        "he hasn't hit me again since march",
        "she threatens to leave and take the kids",
        "i need to get out",
        "is it normal for a boyfriend to hit you",
        "i'm just tired of being scared all the time of my husband",
        "i can't go anywhere without him",
        "i'm staying at a friend's because of him",
        "how do i leave without him finding out",
        "is there a shelter near me",
    ],
)
def test_what_is_said_around_a_denial_or_a_figure_still_counts(text: str) -> None:
    assert Resolver.from_locale("en-US").resolve(text).intent == "SafetyIntent"


NOT_SAFETY_CEILINGS = {
    "dev5_not_safety": 1,
    "not_safety_kinds": 3,
    "dev7_not_safety": 1,
    "blind4_not_safety": 9,
}
"""Most rows of the hard negative sets (en-US) that may reach safety: 0 of 50 and 3 of 62 now (the
three are when-in-doubt cases: "afraid to go home and tell him", "walking on eggshells around his
mom's opinions", "locked me out by accident"); dev7_not_safety 6 of 50 on main, 0 of 50 after the
confide round (one row of slack left for recall); blind4_not_safety 9 of 50 at the start and the end
of its held-out round (2026-12-04), a regression ceiling."""


@pytest.mark.parametrize("locale", locales.SUPPORTED)
@pytest.mark.parametrize(("name", "ceiling"), sorted(NOT_SAFETY_CEILINGS.items()))
def test_few_hard_negatives_reach_safety(locale: str, name: str, ceiling: int) -> None:
    resolver = Resolver.from_locale(locale)
    cases = evaluate.load(EVAL / "en-US" / f"{name}.tsv")
    assert len(cases) >= 50
    triggered = [
        c.utterance for c in cases if resolver.resolve(c.utterance).intent == "SafetyIntent"
    ]
    assert len(triggered) <= ceiling, triggered


# The safety engineer's probe sets (tests/eval/<locale>/safety_probes.tsv, 2026-12-04): written
# from the space of kinds before being measured (every relation, every harm, tenses, euphemisms,
# fear, long sentences, typos, each market's idiom). First run: en-US 248/259 heard, en-GB 49/50,
# en-CA 38/40, en-AU 37/40, en-IN 38/40; fixed by kind. TUNING sets: their 100% is a floor.
PROBE_LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")


@pytest.mark.parametrize("locale", PROBE_LOCALES)
@pytest.mark.parametrize("probes", PROBE_LOCALES)
def test_every_probe_of_every_market_reaches_safety_in_every_locale(
    locale: str, probes: str
) -> None:
    resolver = Resolver.from_locale(locale)
    cases = evaluate.load(EVAL / probes / "safety_probes.tsv")
    assert len(cases) >= (250 if probes == "en-US" else 40)
    missed = [c.utterance for c in cases if resolver.resolve(c.utterance).intent != "SafetyIntent"]
    assert missed == []


GRID_PERSONS = {
    "partner": ("my partner", "my spouse", "my other half", "the guy i'm seeing"),
    "husband": ("my husband", "my hubby"),
    "wife": ("my wife", "my wifey"),
    "boyfriend": ("my boyfriend", "my bf"),
    "girlfriend": ("my girlfriend", "my gf"),
    "fiance": ("my fiance", "my fiancee"),
    "ex": ("my ex", "my ex husband", "my ex-girlfriend", "my former partner"),
    "co_parent": ("my baby daddy", "my kids' dad", "the mother of my children", "my co-parent"),
    "family": (
        "my mother in law",
        "my father-in-law",
        "my husband's family",
        "my stepdad",
        "my brother",
        "my mom's boyfriend",
    ),
    "housemate": ("my roommate", "my flatmate", "the man i live with", "the woman i live with"),
    "he": ("he",),
    "she": ("she",),
    "they": ("they",),
}
"""Who, by the PARTNER id each way of naming them resolves to."""
GRID_HARMS = {
    "hits": ("hits me", "punched me", "slapped me", "beat me up", "kicked me in the stomach"),
    "hurts": ("hurts me", "burned me with a cigarette", "stabbed me", "keeps hurting me"),
    "pushes": ("pushed me", "shoved me", "threw me against the wall", "pinned me down"),
    "chokes": ("choked me", "is strangling me", "grabbed me by the throat", "squeezed my neck"),
    "threatens": (
        "threatened to kill me",
        "threatens to take the kids",
        "threatened to kill my dog",
        "keeps threatening me",
    ),
    "controls": (
        "won't let me leave the house",
        "takes my paycheck",
        "locked me in the bedroom",
        "keeps me locked in the house",
        "tracks my phone",
        "isolates me from my family",
    ),
    "forces": (
        "forces me to have sex",
        "raped me",
        "pressures me into sex",
        "forced himself on me",
    ),
}
"""What, by the HARM id each way of saying it resolves to."""


@pytest.mark.parametrize("locale", PROBE_LOCALES)
def test_every_person_with_every_harm_is_heard_and_named_in_every_locale(locale: str) -> None:
    """The whole grid of who and what, said plainly and inside a longer sentence: every row is
    heard, and (en-US, whose types the grid follows) both slots are named right."""
    resolver = Resolver.from_locale(locale)
    missed: list[str] = []
    wrong: list[str] = []
    for partner, persons in GRID_PERSONS.items():
        for harm, harms in GRID_HARMS.items():
            for person, said in itertools.product(persons, harms):
                for text in (f"{person} {said}", f"i don't know what to do, {person} {said} again"):
                    resolution = resolver.resolve(text)
                    if resolution.intent != "SafetyIntent":
                        missed.append(text)
                        continue
                    got = tuple(resolution.slots[k].resolution_id for k in ("partner", "harm"))
                    if got != (partner, harm):
                        wrong.append(f"{text}: {got}")
    assert missed == []
    if locale == "en-US":
        assert wrong == []


@pytest.mark.parametrize(
    ("text", "partner", "harm"),
    [
        # The kinds fixed with the probes and the dev7 round (2026-12-04), one of each.
        ("me partner reckons he'll hurt me if i don't do what he says", "partner", "threatens"),
        ("they said they'd hurt my dog if i told anyone", "they", "threatens"),
        ("my ex keeps rocking up at my place making threats", "ex", "threatens"),
        ("he says he's going to make me regret it", "he", "threatens"),
        ("he said he'd take the kids and i'd never see them again", "he", "threatens"),
        ("i'm not allowed to see my family and he takes my whole paycheque", "he", "controls"),
        (
            "my girlfriend and i argued about her ex and she grabbed me by the throat",
            "girlfriend",
            "chokes",
        ),
        ("my mom's new husband pushes me around", "family", "pushes"),
        ("he keeps me locked in the house while he's at work", "he", "controls"),
        ("he punches the walls and i'm terrified of him", "he", None),
        ("my boyfriend gets rough with me and it scares me", "boyfriend", None),
        ("my fiancee forcs me to give her my pin number", "fiance", "forces"),
        ("he tells me who i can see and won't let me work", "he", "controls"),
        ("he cut me off from all my friends", "he", "controls"),
        ("the guy i rent a room from keeps coming into my room at night", "housemate", None),
        ("i'm scared he will hit me again", "he", "hits"),  # a harm feared is no threat
    ],
)
def test_the_kinds_of_the_probe_round_name_who_and_what(
    text: str, partner: str | None, harm: str | None
) -> None:
    _who_and_what(text, partner, harm)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en-AU", "i'm scared of me husband when he's been on the grog"),
        ("en-AU", "he gets stuck into me when he's drunk"),
        ("en-AU", "he's been dogging me everywhere i go"),
        ("en-AU", "is there a refuge near me"),
        ("en-GB", "i'm bricking it about going home"),
        ("en-IN", "i am fearing to go home"),
        ("en-IN", "my pati maarta hai"),
        ("en-CA", "he won't let me apply for my pr unless i do what he says"),
        ("en-CA", "my husband makes me account for every loonie i spend"),
        ("en-US", "i fear for my life"),
        ("en-US", "he held me under the water in the bath"),
        ("en-US", "he jumped me outside my house"),
        ("en-US", "she says she'll tell immigration about me"),
        ("en-US", "please help he's outside the door"),
        ("en-US", "he put an app on my phone to read my messages"),
        ("en-US", "getting hit is normal in my house"),
    ],
)
def test_the_local_idiom_and_the_kinds_of_the_probe_round_are_heard(locale: str, text: str) -> None:
    assert Resolver.from_locale(locale).resolve(text).intent == "SafetyIntent"


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-CA", "en-AU", "en-IN"])
@pytest.mark.parametrize(
    "utterance",
    [
        # Someone of mine no list of persons names, a blow aimed at me (written by the lead
        # after reading the two held-out misses of 2026-12-04, by kind, not the rows).
        "my missus punched me",
        "our lodger kicked me last night",
        "my bae slapped me in front of everyone",
        "my step mum smacked me",
        "my hubs shoved me into the door",
        "my flatmate's mate punched me",
    ],
)
def test_a_blow_from_anyone_of_mine_is_heard(locale: str, utterance: str) -> None:
    assert Resolver.from_locale(locale).resolve(utterance).intent == "SafetyIntent"
