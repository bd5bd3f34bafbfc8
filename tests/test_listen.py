"""Tests for speech.listen: espeak-ng speaks, pocketsphinx listens."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from array import array
from pathlib import Path
from typing import Any

import pytest

from speech import lm
from speech.audio import Audio, read_wav, resample, write_wav
from speech.errors import ListenUnavailable
from speech.listen import (
    NOISE_FLOOR,
    SAMPLE_RATE,
    SHORT_PHRASE_BOOST,
    Commands,
    Heard,
    Hypothesis,
    Recognizer,
    StopAware,
    choose,
    compile_listening_model,
    grammar_from_model,
    listen_microphone,
    phrases_from_model,
    prepare,
    pronunciations,
    recognize_wav,
    require_microphone,
    require_recognizer,
    training_patterns,
    training_sentences,
)
from speech.voice import Synthesizer, engine_available

needs_recognizer = pytest.mark.skipif(
    importlib.util.find_spec("pocketsphinx") is None or not engine_available(),
    reason="needs pocketsphinx (the listen extra) and espeak-ng to make test speech",
)

MODEL: dict[str, Any] = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "trust coach",
            "intents": [
                {"name": "TrustTipIntent", "samples": ["give me a trust tip", "a tip"]},
                {
                    "name": "StrategyIntent",
                    "slots": [
                        {"name": "strategy", "type": "STRATEGY"},
                        {"name": "number", "type": "AMAZON.NUMBER"},
                    ],
                    "samples": ["tell me about {strategy}", "strategy number {number}"],
                },
                {
                    "name": "SearchIntent",
                    "slots": [{"name": "q", "type": "AMAZON.SearchQuery"}],
                    "samples": ["search for {q}"],
                },
                {"name": "OddIntent", "samples": ["frobnicate the qwzx"]},
                {"name": "AMAZON.HelpIntent", "samples": []},
                {"name": "AMAZON.StopIntent", "samples": []},
            ],
            "types": [
                {
                    "name": "STRATEGY",
                    "values": [
                        {
                            "id": "practice_patience",
                            "name": {"value": "practice patience", "synonyms": ["patience"]},
                        },
                        {"id": "be_consistent", "name": {"value": "Be Consistent!"}},
                    ],
                }
            ],
        }
    }
}


def _known(word: str) -> bool:
    return word not in {"frobnicate", "qwzx"}


def test_grammar_expands_samples_slots_synonyms_and_numbers() -> None:
    found = phrases_from_model(MODEL, known=_known)
    assert "give me a trust tip" in found
    assert "tell me about practice patience" in found
    assert "tell me about patience" in found
    assert "tell me about be consistent" in found
    assert "strategy number seven" in found
    assert "strategy number twenty" in found
    assert "help" in found
    assert "stop" in found
    assert "open trust coach" in found


def test_grammar_drops_phrases_with_unknown_words_and_open_slots() -> None:
    found = phrases_from_model(MODEL, known=_known)
    assert not any("frobnicate" in phrase or phrase.startswith("search") for phrase in found)


def test_grammar_without_any_sayable_phrase_raises() -> None:
    odd = {"intents": [{"name": "OddIntent", "samples": ["frobnicate"]}]}
    with pytest.raises(ValueError, match="no phrase"):
        grammar_from_model(odd, known=_known)


def test_grammar_is_jsgf_with_one_rule_per_slot_type() -> None:
    grammar = grammar_from_model(MODEL, known=_known)
    assert grammar.startswith("#JSGF V1.0;\ngrammar skill;\npublic <utterance> = ")
    assert "tell me about <slot_STRATEGY>" in grammar
    assert "<slot_STRATEGY> = practice patience | patience | be consistent;" in grammar
    assert "<slot_AMAZON_NUMBER> = one | two | three" in grammar
    assert "frobnicate" not in grammar
    assert "search" not in grammar


@needs_recognizer
def test_default_dictionary_drops_out_of_vocabulary_words() -> None:
    found = phrases_from_model(MODEL)
    assert "give me a trust tip" in found
    assert not any("qwzx" in phrase for phrase in found)


def _speak_to_wav(path: Path, text: str) -> None:
    audio = Synthesizer(voice="gmw/en-us").synthesize(text, 0.8)
    write_wav(path, audio)


@needs_recognizer
@pytest.mark.parametrize(
    "phrase",
    [
        "give me a trust tip",
        "tell me about practice patience",
        "strategy number three",
        "open trust coach",
        "help",
        "stop",
    ],
)
def test_spoken_phrase_is_recognized(tmp_path: Path, phrase: str) -> None:
    path = tmp_path / "utterance.wav"
    _speak_to_wav(path, phrase)
    assert recognize_wav(path, grammar_from_model(MODEL)) == phrase


@needs_recognizer
def test_44k_stereo_recording_is_recognized(tmp_path: Path) -> None:
    speech = Synthesizer(voice="gmw/en-us").synthesize("give me a trust tip", 0.8)
    upsampled = resample(speech, 44100)
    stereo = array("h")
    for sample in upsampled.samples:
        stereo.extend((sample, sample // 2))
    path = tmp_path / "stereo.wav"
    write_wav(path, Audio(stereo, 44100, 2))
    assert read_wav(path).channels == 2
    assert recognize_wav(path, grammar_from_model(MODEL)) == "give me a trust tip"


@needs_recognizer
def test_unknown_word_in_a_hand_written_grammar_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "utterance.wav"
    _speak_to_wav(path, "help")
    grammar = "#JSGF V1.0;\ngrammar g;\npublic <u> = help | qwzxv;\n"
    with pytest.raises(ValueError, match="cannot use this grammar"):
        recognize_wav(path, grammar)


def test_missing_pocketsphinx_is_listen_unavailable_with_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)
    write_wav(tmp_path / "quiet.wav", Audio(array("h", bytes(3200)), 16000))
    with pytest.raises(ListenUnavailable, match=r"trust-coach\[listen\]"):
        recognize_wav(tmp_path / "quiet.wav", "#JSGF V1.0;\ngrammar g;\npublic <u> = help;\n")


def test_missing_sounddevice_is_listen_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(ListenUnavailable, match="speech input unavailable"):
        listen_microphone(object())  # type: ignore[arg-type]


def test_require_recognizer_without_pocketsphinx_is_listen_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)
    with pytest.raises(ListenUnavailable, match=r"trust-coach\[listen\]"):
        require_recognizer()
    with pytest.raises(ListenUnavailable):
        require_microphone()


def test_require_microphone_without_sounddevice_is_listen_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(ListenUnavailable, match="sounddevice"):
        require_microphone()


def test_training_text_expands_slots_and_weighs_every_intent_alike() -> None:
    sentences = training_sentences(MODEL, {"AMAZON.StopIntent": ["be quiet"]}, known=_known)
    texts = {" ".join(s.words) for s in sentences}
    assert "tell me about practice patience" in texts
    assert "strategy number twenty" in texts
    assert "strategy number fourth" in texts  # ordinals: "the fourth one"
    assert "be quiet" in texts  # the built-ins' usual phrasings
    assert "alexa open trust coach" in texts
    tip = next(s for s in sentences if s.words == tuple(["give", "me", "a", "trust", "tip"]))
    assert ("ask", "trust", "coach", "for") in {head for head, _ in tip.prefixes}
    assert not any("frobnicate" in text or text.startswith("search") for text in texts)
    weight: dict[str, float] = {}
    for sentence in sentences:
        one_shot = sentence.words[1:3] == ("trust", "coach")
        if not one_shot and sentence.words[0] in {"tell", "strategy", "stop", "be"}:
            key = "stop" if sentence.words[0] in {"stop", "be"} else sentence.words[0]
            weight[key] = weight.get(key, 0.0) + sentence.weight
    # StrategyIntent's two samples expand to dozens of phrases, yet weigh no more than stop,
    # whose phrases ("stop", "be quiet") are short and so weigh SHORT_PHRASE_BOOST times more.
    assert (weight["tell"] + weight["strategy"]) * SHORT_PHRASE_BOOST == pytest.approx(
        weight["stop"]
    )


@needs_recognizer
def test_dictionary_has_cmudict_and_accent_variants_numbered_without_repeats() -> None:
    text = pronunciations(["stop", "next", "patience"])
    lines = text.splitlines()
    assert lines[0] == "next N EH K S T"
    assert "stop S T AA P" in lines and "stop(2) S T AO P" in lines and "stop(3) S T AH P" in lines
    assert "next(3) N IH K S T" in lines
    assert not any(line.startswith(("cancel", "help")) for line in lines)  # not asked for
    heads = [line.split(" ", 1)[0] for line in lines]
    assert len(heads) == len(set(heads))


def test_arpa_is_a_normalized_backoff_trigram() -> None:
    text = lm.arpa([lm.Sentence(("stop",)), lm.Sentence(("next", "one")), lm.Sentence(("next",))])
    assert text.startswith("\\data\\\nngram 1=5\n")
    assert "\\3-grams:" in text and text.rstrip().endswith("\\end\\")
    unigrams = text.split("\\1-grams:\n")[1].split("\n\n")[0].splitlines()
    total = sum(10 ** float(line.split("\t")[0]) for line in unigrams if "<s>" not in line)
    assert total == pytest.approx(1.0, abs=1e-3)  # four decimals of log10 each
    bigrams = text.split("\\2-grams:\n")[1].split("\n\n")[0].splitlines()
    after_next = {line.split("\t")[1]: 10 ** float(line.split("\t")[0]) for line in bigrams}
    unigram = {line.split("\t")[1]: 10 ** float(line.split("\t")[0]) for line in unigrams}
    # "next" was followed by "one" once and by the end once; Witten-Bell mixes in the unigram,
    # where the end is likelier (three sentences end, one has "one").
    assert after_next["next one"] > unigram["one"]
    assert after_next["next </s>"] > after_next["next one"]
    assert after_next["next one"] + after_next["next </s>"] == pytest.approx(
        1 - 0.5 * (1 - unigram["one"] - unigram["</s>"]), abs=1e-3
    )


def test_arpa_counts_a_prefixed_sentence_as_the_sentences_written_out() -> None:
    heads = ((("ask", "coach", "for"), 0.25), (("tell", "coach", "to"), 0.5))
    short = (("ask", "coach", "for"), 0.1)
    prefixed = [
        lm.Sentence(("give", "me", "a", "tip"), 1.0, heads),
        lm.Sentence(("stop",), 2.0, (short,)),
        lm.Sentence(("next", "one")),
    ]
    written = [
        lm.Sentence(("give", "me", "a", "tip"), 1.0),
        lm.Sentence(("ask", "coach", "for", "give", "me", "a", "tip"), 0.25),
        lm.Sentence(("tell", "coach", "to", "give", "me", "a", "tip"), 0.5),
        lm.Sentence(("stop",), 2.0),
        lm.Sentence(("ask", "coach", "for", "stop"), 0.1),
        lm.Sentence(("next", "one")),
    ]
    assert lm.arpa(prefixed) == lm.arpa(written)
    assert "ask coach for" in lm.arpa(prefixed)


def test_choose_takes_the_best_reading_the_resolver_understands() -> None:
    heard = Heard((Hypothesis("tip me give", -5), Hypothesis("give me a tip", -9)))
    understood = {"give me a tip": 1.0}
    assert choose(heard, lambda text: understood.get(text, 0.0)) == "give me a tip"
    assert choose(heard, lambda text: 0.0) == ""
    assert choose(Heard(()), lambda text: 1.0) == ""
    # Equal understanding: the acoustically better reading wins.
    assert choose(heard, lambda text: 1.0) == "tip me give"


COMMANDS = Commands.of(["stop", "never mind", "that's enough", "i'm done", "end it", "quit"])


def test_a_plain_command_has_only_filler_words_around_it() -> None:
    for said in ("stop", "alexa stop please", "um never mind actually", "okay that is enough"):
        assert COMMANDS.plain(said), said
    assert COMMANDS.plain("i am done"), "contractions are written out on both sides"
    assert COMMANDS.plain("go never mind"), "'oh' heard as 'go' is a hesitation too"
    assert COMMANDS.plain("okay you can stop now") and COMMANDS.plain("can you stop")
    assert not COMMANDS.plain("quit you"), "a lead-in word comes before the command only"
    for said in ("my give me get end it", "quit i think feelings", "i'm done going", "and a stop"):
        assert not COMMANDS.plain(said), said
    # Leading the utterance, a command may be followed by anything ("i'm done for tonight").
    assert COMMANDS.plain("i'm done for to night", leading=True)
    assert not COMMANDS.plain("i'm done for to night")
    assert not COMMANDS.plain("my give me get end it", leading=True)
    assert not COMMANDS.plain("")


class _Grader:
    """An Understands that knows which readings are stops (as skill.hosts.cli.hearing's)."""

    def __init__(self, grades: dict[str, float], stopping: set[str]) -> None:
        self.grades, self.stopping = grades, stopping

    def __call__(self, words: str) -> float:
        return self.grades.get(words, 0.0)

    def stops(self, words: str) -> bool:
        return words in self.stopping

    def plain(self, words: str, leading: bool) -> bool:
        return COMMANDS.plain(words, leading)


def test_choose_takes_a_stop_only_from_a_reading_that_says_it_plainly() -> None:
    grader = _Grader(
        {"my give me get end it": 1.0, "my name is maria": 0.8, "quit i think feelings": 0.7},
        {"my give me get end it", "quit i think feelings"},
    )
    assert isinstance(grader, StopAware)
    heard = Heard((Hypothesis("my give me get end it", -1), Hypothesis("my name is maria", -2)))
    assert choose(heard, grader) == "my name is maria"
    # Without anything else understood, a stop buried in a request is no answer: say it again.
    buried = Heard(
        (Hypothesis("with i think beating", -1), Hypothesis("quit i think feelings", -2))
    )
    assert choose(buried, grader) == ""
    # A plain stop anywhere in the list is taken; one leading the best reading too.
    plain = _Grader({"what please": 0.6, "stop please": 1.0}, {"stop please"})
    both = Heard((Hypothesis("what please", -1), Hypothesis("stop please", -2)))
    assert choose(both, plain) == "stop please"
    leading = _Grader({"i'm done for to night": 0.9}, {"i'm done for to night"})
    assert choose(Heard((Hypothesis("i'm done for to night", -1),)), leading) != ""
    deeper = Heard((Hypothesis("the one", -1), Hypothesis("i'm done for to night", -2)))
    assert choose(deeper, leading) == ""
    # A plain grader (no stops()) is used as before.
    assert choose(heard, lambda text: 1.0) == "my give me get end it"


@needs_recognizer
def test_listening_model_is_cached_and_rebuilt_when_the_model_changes(tmp_path: Path) -> None:
    first = compile_listening_model(MODEL, {}, tmp_path)
    assert first.lm_path.is_file() and first.dict_path.is_file()
    stamp = first.lm_path.stat().st_mtime_ns
    again = compile_listening_model(MODEL, {}, tmp_path)
    assert again == first and again.lm_path.stat().st_mtime_ns == stamp
    changed = json.loads(json.dumps(MODEL))
    changed["interactionModel"]["languageModel"]["intents"][0]["samples"].append("one more tip")
    other = compile_listening_model(changed, {}, tmp_path)
    assert other.key != first.key and other.lm_path.is_file()
    words = other.dict_path.read_text(encoding="utf-8").split()
    assert "patience" in words and "qwzx" not in words


@needs_recognizer
@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("give me a trust tip", {"give me a trust tip"}),
        ("tell me about practice patience", {"tell me about practice patience"}),
        # Either reading is strategy three to the skill; which one ranks in the n-best list
        # moved with the speech engine's state left by earlier tests (seen once in a full run).
        ("strategy number three", {"strategy number three", "strategy three"}),
        ("stop", {"stop"}),
    ],
)
def test_the_language_model_hears_spoken_phrases(
    tmp_path: Path, phrase: str, expected: set[str]
) -> None:
    recognizer = Recognizer.for_model(MODEL, {}, tmp_path)
    path = tmp_path / "utterance.wav"
    _speak_to_wav(path, phrase)
    heard = recognizer.hear_wav(path)
    assert expected & {h.text for h in heard.hypotheses}


def test_prepare_lays_a_faint_repeatable_noise_floor_under_digital_silence() -> None:
    quiet = Audio(array("h", [0] * SAMPLE_RATE), SAMPLE_RATE)
    raw = prepare(quiet)
    samples = array("h")
    samples.frombytes(raw)
    assert len(samples) == int(1.2 * SAMPLE_RATE)  # 0.1 s of padding either side
    rms = (sum(v * v for v in samples) / len(samples)) ** 0.5
    assert 0.8 * NOISE_FLOOR < rms < 1.2 * NOISE_FLOOR
    assert prepare(quiet) == raw
    # Loud speech is not clipped into wrapping round.
    loud = Audio(array("h", [32767, -32768] * 800), SAMPLE_RATE)
    out = array("h")
    out.frombytes(prepare(loud))
    assert max(out) == 32767 and min(out) == -32768


def test_arpa_counts_many_prefixed_sentences_sharing_first_words_as_written_out() -> None:
    heads = ((("ask", "coach", "for"), 0.2), (("ask", "coach"), 0.1))
    sentences = [("a", "tip"), ("a", "trust", "tip"), ("a",), ("tip", "please", "now")]
    prefixed = [lm.Sentence(words, 0.5, heads) for words in sentences]
    written = [lm.Sentence(words, 0.5) for words in sentences] + [
        lm.Sentence((*head, *words), weight) for words in sentences for head, weight in heads
    ]
    assert lm.arpa(prefixed) == lm.arpa(written)


def test_arpa_counts_a_pattern_as_its_sentences_written_out() -> None:
    rng = random.Random(12)
    vocabulary = ("a", "b", "c", "d", "e")

    def reading() -> tuple[str, ...]:
        return tuple(rng.choice(vocabulary) for _ in range(rng.choice((1, 1, 2, 3))))

    for _ in range(60):
        patterns = [
            lm.Pattern(
                tuple(
                    tuple(reading() for _ in range(rng.randint(1, 3)))
                    for _ in range(rng.randint(1, 4))
                ),
                rng.choice((1.0, 0.3, 1 / 7)),
                ((("ask", "b"), 0.1), (("c",), 1 / 3)) if rng.random() < 0.5 else (),
            )
            for _ in range(rng.randint(1, 4))
        ]
        written = [sentence for pattern in patterns for sentence in pattern.sentences()]
        assert len(written) == sum(p.size for p in patterns)
        assert lm.arpa(patterns) == lm.arpa(written)


def test_the_skill_model_counted_as_patterns_is_the_model_written_out() -> None:
    from interaction_model.model import load_builtin_samples, load_model_data

    data, builtins = load_model_data("en-US"), load_builtin_samples("en-US")
    patterns = training_patterns(data, builtins)
    sentences = training_sentences(data, builtins)
    # The safety samples alone ("my {partner} {harm} me") are thousands of sentences each.
    assert len(sentences) > 20 * len(patterns)
    assert lm.arpa(patterns) == lm.arpa(sentences)


@needs_recognizer
def test_cmudict_is_sorted_so_a_word_is_found_by_bisection() -> None:
    import re

    from speech import listen

    dictionary = listen._cmudict()
    heads = [listen._head(line) for line in dictionary.lines]
    assert heads == sorted(heads)  # what the bisection relies on (a new pocketsphinx may not)
    everything: dict[str, list[tuple[str, str]]] = {}
    for word, phones in listen._ENTRY.findall("\n".join(dictionary.lines)):
        everything.setdefault(word, []).append((word, phones))
    for word in list(everything)[::50]:
        assert dictionary.entries(word) == tuple(everything[word])
    for word in ("stop", "patience", "a", "zywicki", "'bout"):
        assert dictionary.entries(word) == tuple(everything.get(word, ()))
    assert not dictionary.knows("qwzx") and not dictionary.knows("") and dictionary.knows("stop")
    assert re.fullmatch(r"stop S T AA P\n(stop\(\d\) [A-Z ]+\n)+", pronunciations(["stop"]))
    # A dictionary out of order is read whole rather than bisected wrongly.
    shuffled = sorted(dictionary.lines[:3000], key=lambda line: line[::-1])
    unsorted = listen._Cmudict("\n".join(shuffled) + "\n")
    for line in shuffled[::100]:
        word, phones = listen._ENTRY.findall(line)[0]
        assert (word, phones) in unsorted.entries(word)
    assert not unsorted.knows("qwzx")


def _precompile_script() -> Any:
    """scripts/precompile_listening.py, loaded as a module."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "precompile_listening.py"
    spec = importlib.util.spec_from_file_location("precompile_listening", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


@needs_recognizer
def test_precompile_fills_the_cache_so_first_use_only_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from interaction_model.model import load_builtin_samples, load_model_data
    from skill import locales

    precompile = _precompile_script()

    monkeypatch.setenv("TRUST_COACH_CACHE", str(tmp_path))
    monkeypatch.setattr(locales, "SUPPORTED", ("en-US",))
    assert precompile.main() == 0
    assert "listening model for en-US" in capsys.readouterr().out
    compiled = compile_listening_model(
        load_model_data("en-US"), load_builtin_samples("en-US"), tmp_path / "listen"
    )
    assert compiled.lm_path.is_file()
    stamp = compiled.lm_path.stat().st_mtime_ns
    Recognizer.for_model(load_model_data("en-US"), load_builtin_samples("en-US"))
    assert compiled.lm_path.stat().st_mtime_ns == stamp


def test_precompile_without_pocketsphinx_says_so_and_succeeds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    precompile = _precompile_script()

    def missing() -> None:
        raise ListenUnavailable("pocketsphinx is not installed")

    monkeypatch.setattr(precompile, "require_recognizer", missing)
    assert precompile.main() == 0
    assert "not compiled" in capsys.readouterr().out


@needs_recognizer
def test_readings_carry_real_log_scores_and_a_lattice_posterior(tmp_path: Path) -> None:
    """pocketsphinx's Python API hands scores over exponentiated: int() of them was always 0,
    and the posterior was exponentiated twice (always about 1)."""
    recognizer = Recognizer.for_model(MODEL, {}, tmp_path)
    path = tmp_path / "utterance.wav"
    _speak_to_wav(path, "give me a trust tip")
    heard = recognizer.hear_wav(path)
    scores = [h.score for h in heard.hypotheses]
    assert len(scores) >= 2 and len(set(scores)) > 1, scores
    assert all(score < 0 for score in scores)
    assert 0.0 < heard.posterior < 1.0
