"""Offline speech input with pocketsphinx, limited to what the interaction model can mean."""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import itertools
import json
import logging
import math
import os
import random
import re
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from speech import lm, numbers
from speech.audio import Audio, concatenate, read_wav, silence
from speech.errors import ListenUnavailable

_LOGGER = logging.getLogger(__name__)

SAMPLE_RATE = 16000
"""pocketsphinx's acoustic model expects 16 kHz mono."""
NUMBER_WORDS = tuple(numbers.cardinal(n).replace("-", " ") for n in range(1, 21))
"""What AMAZON.NUMBER slots can be in the grammar: one to twenty."""
BUILT_IN_PHRASES: Mapping[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": ("help", "what can i say"),
    "AMAZON.StopIntent": ("stop",),
    "AMAZON.CancelIntent": ("cancel",),
    "AMAZON.YesIntent": ("yes",),
    "AMAZON.NoIntent": ("no",),
    "AMAZON.NextIntent": ("next",),
    "AMAZON.PreviousIntent": ("previous", "go back"),
    "AMAZON.RepeatIntent": ("repeat", "say that again"),
    "AMAZON.StartOverIntent": ("start over",),
    "AMAZON.PauseIntent": ("pause",),
    "AMAZON.ResumeIntent": ("resume",),
    "AMAZON.NavigateHomeIntent": ("go home",),
}
"""Phrases for Alexa's built-in intents, which carry no samples of their own."""
LAUNCH_VERBS = ("open", "start", "launch", "talk to")
"""Verbs before the invocation name that open the skill ("open trust coach")."""

# Measured on the round trip: 0.1 s recognized 53 of 64 phrases, 0.3 s only 47, 1 s 33.
_PADDING = 0.1
# pocketsphinx's default silence probability (0.005) let short commands lose to longer paths;
# 0.1 with the second pass below took the round trip from 56 to 62 of 64 (and 107 to 112 of
# 116 on phrases it was not tuned on).
_SILENCE_PROBABILITY = 0.1
SHORT_PHRASE_WORDS = 2
"""Phrases this short get a second, small grammar when the first pass ends off the grammar."""
NOISE_FLOOR = 150.0
"""RMS (in 16-bit sample units, about -47 dBFS) of the pink noise prepare() mixes in.

Recordings with digital silence around them (text-to-speech, or our own padding) scored worse
clean than with pink noise at 20 dB SNR (63% against 79% on the spoken development set): the
acoustic model was trained on microphones, which always hiss, and exact zeros make the silence
frames' features extreme. A faint pink floor (100-200 measured alike, 78-79%; docs/listening.md)
closed most of that gap; a real microphone's own hiss is about as loud, so it changes little there.
"""
_NOISE_SECONDS = 3.0
_GRAMMAR_NOISE_FLOOR = 5.0
"""The grammar (comparison only) keeps the faint dither it was measured with."""
_SLOT = re.compile(r"\{(\w+)\}")
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")


def _words(text: str) -> str:
    """Lowercase, digits as words, punctuation dropped."""
    text = _NOT_WORD.sub(" ", text.lower().replace("-", " "))
    spoken = [
        numbers.cardinal(int(word)).replace("-", " ")
        if word.isdigit() and int(word) <= numbers.MAX_NUMBER
        else word
        for word in text.split()
    ]
    return " ".join(spoken)


def _language_model(model_json: Mapping[str, Any]) -> Mapping[str, Any]:
    model: Mapping[str, Any] = model_json.get("interactionModel", model_json)
    language_model: Mapping[str, Any] = model.get("languageModel", model)
    return language_model


MAX_GRAMMAR_SYNONYMS = 150
"""Most synonyms a slot type may bring into the listening grammar before only names are used."""


def _slot_values(model: Mapping[str, Any], known: Callable[[str], bool]) -> dict[str, list[str]]:
    """Spoken values per slot type, without values that have unknown words."""
    values: dict[str, list[str]] = {"AMAZON.NUMBER": list(NUMBER_WORDS)}
    for slot_type in model.get("types", []):
        names: list[str] = []
        # A type with hundreds of phrasings (SITUATION) would make decoding minutes slow:
        # the recognizer then listens for each value's name only.
        many = sum(len(v.get("name", {}).get("synonyms", [])) for v in slot_type.get("values", []))
        for value in slot_type.get("values", []):
            name = value.get("name", {})
            synonyms = () if many > MAX_GRAMMAR_SYNONYMS else name.get("synonyms", [])
            for spoken in (name.get("value", ""), *synonyms):
                words = _words(spoken)
                if words and words not in names and _all_known(words, known):
                    names.append(words)
        values[slot_type["name"]] = names
    return values


def _all_known(phrase: str, known: Callable[[str], bool]) -> bool:
    unknown = [word for word in phrase.split() if not known(word)]
    if unknown:
        _LOGGER.debug("Dropping %r: %s not in the dictionary", phrase, unknown)
    return not unknown


def _rule_name(slot_type: str) -> str:
    return "slot_" + re.sub(r"\W", "_", slot_type)


def _templates(
    model: Mapping[str, Any], known: Callable[[str], bool], values: Mapping[str, list[str]]
) -> list[tuple[list[str], dict[str, str]]]:
    """Each sayable sample as text/slot parts, with the slot type of each slot name."""
    templates: list[tuple[list[str], dict[str, str]]] = []
    for intent in model.get("intents", []):
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for sample in (*intent.get("samples", []), *BUILT_IN_PHRASES.get(intent["name"], ())):
            parts = _SLOT.split(sample)
            texts = [_words(part) for part in parts[::2]]
            slots = parts[1::2]
            if any(not values.get(slot_types.get(slot, ""), []) for slot in slots):
                continue  # open slots (AMAZON.SearchQuery ...) cannot be written as a grammar
            if all(_all_known(text, known) for text in texts):
                parts[::2] = texts
                templates.append((parts, slot_types))
    return templates


def _launch_phrases(model: Mapping[str, Any], known: Callable[[str], bool]) -> list[str]:
    """ "open trust coach" and friends, when the model has a sayable invocation name."""
    name = _words(str(model.get("invocationName", "")))
    if not name or not _all_known(name, known):
        return []
    return [f"{verb} {name}" for verb in LAUNCH_VERBS]


def phrases_from_model(
    model_json: Mapping[str, Any], known: Callable[[str], bool] | None = None
) -> list[str]:
    """Return every phrase the grammar of the model accepts, slots filled in."""
    model = _language_model(model_json)
    known = known or _dictionary_lookup()
    values = _slot_values(model, known)
    found: list[str] = _launch_phrases(model, known)
    for parts, slot_types in _templates(model, known, values):
        choices = [
            values[slot_types[part]] if index % 2 else [part] for index, part in enumerate(parts)
        ]
        for combination in itertools.product(*choices):
            phrase = " ".join(word for word in combination if word)
            if phrase and phrase not in found:
                found.append(phrase)
    return found


def _jsgf(alternatives: list[str], rules: list[str] | None = None) -> str:
    """A JSGF grammar whose one public rule is any of the alternatives."""
    lines = ["#JSGF V1.0;", "grammar skill;"]
    lines.append("public <utterance> = " + "\n    | ".join(alternatives) + ";")
    lines.extend(rules or [])
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Grammar:
    """What the recognizer listens for: the model's grammar, and its short phrases for a retry."""

    jsgf: str
    """The whole model as JSGF (see grammar_from_model)."""
    phrases: frozenset[str]
    """Every phrase the grammar accepts, slots filled in."""
    short_jsgf: str
    """Only the phrases of at most SHORT_PHRASE_WORDS words."""


def listening_grammar(
    model_json: Mapping[str, Any], known: Callable[[str], bool] | None = None
) -> Grammar:
    """The grammar to listen with: the model's, plus its short phrases for a second pass."""
    known = known or _dictionary_lookup()
    phrases = phrases_from_model(model_json, known)
    short = sorted(p for p in phrases if len(p.split()) <= SHORT_PHRASE_WORDS) or phrases[:1]
    return Grammar(grammar_from_model(model_json, known), frozenset(phrases), _jsgf(short))


def grammar_from_model(
    model_json: Mapping[str, Any], known: Callable[[str], bool] | None = None
) -> str:
    """Return a JSGF grammar of what the model accepts, without words the recognizer lacks.

    Slots become rules listing their values and synonyms (AMAZON.NUMBER: one to twenty), so
    the grammar stays small; a sample or value with a word `known` rejects (default: not in
    pocketsphinx's dictionary) is dropped. "open <invocation name>" and the like open the skill;
    one-shot phrasings ("ask trust coach for ...") are left out: the optional prefix made
    recognition several times slower.
    """
    model = _language_model(model_json)
    known = known or _dictionary_lookup()
    values = _slot_values(model, known)
    alternatives: list[str] = _launch_phrases(model, known)
    used: set[str] = set()
    for parts, slot_types in _templates(model, known, values):
        pieces = []
        for index, part in enumerate(parts):
            if index % 2:
                used.add(slot_types[part])
                pieces.append(f"<{_rule_name(slot_types[part])}>")
            elif part:
                pieces.append(part)
        alternative = " ".join(pieces)
        if alternative and alternative not in alternatives:
            alternatives.append(alternative)
    if not alternatives:
        raise ValueError("the interaction model has no phrase the recognizer can say")
    rules = [
        f"<{_rule_name(slot_type)}> = " + " | ".join(values[slot_type]) + ";"
        for slot_type in sorted(used)
    ]
    return _jsgf(alternatives, rules)


def _dictionary_lookup() -> Callable[[str], bool]:
    try:
        dictionary = _cmudict()
    except ListenUnavailable:
        return lambda word: True
    return dictionary.knows


_ENTRY = re.compile(r"^([^ (\n]+)(?:\(\d+\))? +([^\n]*?) *$", re.MULTILINE)
"""A cmudict line: the word, an optional "(2)", its phones."""


def _head(line: str) -> str:
    """The word a cmudict line is for ("word(2) W ER D" → "word")."""
    return line.split(" ", 1)[0].split("(", 1)[0]


class _Cmudict:
    """pocketsphinx's cmudict, looked up a word at a time.

    The file's lines are sorted by their word (test_listen checks it), so a word's lines are
    found by bisection: parsing all 134 000 lines was most of the dictionary's share of the
    first-use start-up, and a model needs fewer than a thousand words of it.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.removesuffix("\n").split("\n")
        self._found: dict[str, tuple[tuple[str, str], ...]] = {}
        # A thousand lines spread over the file are in order, or it is parsed whole (another
        # pocketsphinx's dictionary might not be sorted; bisecting it would lose words).
        step = max(1, len(self.lines) // 1000)
        spread = [_head(line) for line in self.lines[::step]]
        self._complete = spread != sorted(spread)
        """Every word is in _found already (the file was parsed whole)."""
        if self._complete:
            _LOGGER.info("cmudict is not sorted by word: reading all of it")
            grouped: dict[str, list[tuple[str, str]]] = {}
            for word, phones in _ENTRY.findall(text):
                grouped.setdefault(word, []).append((word, phones))
            self._found = {word: tuple(entries) for word, entries in grouped.items()}

    def entries(self, word: str) -> tuple[tuple[str, str], ...]:
        """(word, phones) for each of the word's lines, in the file's order."""
        found = self._found.get(word)
        if found is None and self._complete:
            return ()
        if found is None:
            lines = self.lines
            index = bisect.bisect_left(lines, word, key=_head)
            matches = []
            while index < len(lines) and _head(lines[index]) == word:
                match = _ENTRY.match(lines[index])
                if match:
                    matches.append((match[1], match[2]))
                index += 1
            found = self._found[word] = tuple(matches)
        return found

    def knows(self, word: str) -> bool:
        """Whether cmudict has the word."""
        return bool(self.entries(word))


@functools.cache
def _cmudict() -> _Cmudict:
    pocketsphinx = _import_pocketsphinx()
    path = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
    return _Cmudict(path.read_text(encoding="utf-8"))


def _import_pocketsphinx() -> Any:
    try:
        import pocketsphinx
    except ImportError as error:
        raise ListenUnavailable(f"pocketsphinx is not installed: {error}") from error
    return pocketsphinx


def require_recognizer() -> None:
    """Raise ListenUnavailable (with the install hint) unless pocketsphinx can be imported."""
    _import_pocketsphinx()


def require_microphone() -> None:
    """Raise ListenUnavailable unless sounddevice, PortAudio and an input device exist."""
    require_recognizer()
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        raise ListenUnavailable(f"sounddevice or PortAudio missing: {error}") from error
    try:
        sounddevice.query_devices(kind="input")
    except sounddevice.PortAudioError as error:
        raise ListenUnavailable(
            f"no microphone: {error}", "connect one, or use --wav FILE with a recording"
        ) from error


@functools.lru_cache(maxsize=4)
def _decoder(grammar: str) -> Any:
    """Build (once per grammar: compiling a large JSGF takes seconds) a decoder for grammar."""
    pocketsphinx = _import_pocketsphinx()
    decoder = pocketsphinx.Decoder(
        lm=None, samprate=SAMPLE_RATE, silprob=_SILENCE_PROBABILITY, loglevel="FATAL"
    )
    try:
        decoder.add_jsgf_string("skill", grammar)
    except ValueError as error:
        raise ValueError(f"pocketsphinx cannot use this grammar: {error}") from error
    decoder.activate_search("skill")
    return decoder


@functools.cache
def _pink_noise() -> tuple[float, ...]:
    """A few seconds of seeded pink noise at RMS 1 (Paul Kellet's economy filter on white)."""
    white = random.Random(0)
    b0 = b1 = b2 = 0.0
    samples = []
    for _ in range(int(_NOISE_SECONDS * SAMPLE_RATE)):
        w = white.gauss(0.0, 1.0)
        b0 = 0.99765 * b0 + w * 0.0990460
        b1 = 0.96300 * b1 + w * 0.2965164
        b2 = 0.57000 * b2 + w * 1.0526913
        samples.append(b0 + b1 + b2 + w * 0.1848)
    rms = (sum(x * x for x in samples) / len(samples)) ** 0.5
    return tuple(x / rms for x in samples)


def prepare(audio: Audio, noise_floor: float = NOISE_FLOOR) -> bytes:
    """Return audio as 16 kHz mono bytes, padded, with a faint pink noise floor (NOISE_FLOOR)."""
    padded = concatenate(
        [silence(_PADDING, SAMPLE_RATE), audio, silence(_PADDING, SAMPLE_RATE)], SAMPLE_RATE
    )
    noise = _pink_noise()
    period = len(noise)
    floored = array(
        "h",
        (
            max(-32768, min(32767, round(v + noise_floor * noise[i % period])))
            for i, v in enumerate(padded.samples)
        ),
    )
    return Audio(floored, SAMPLE_RATE).to_bytes()


def _decode(grammar: str, raw: bytes) -> str:
    """Decode one whole utterance of 16 kHz mono PCM with the grammar."""
    decoder = _decoder(grammar)
    decoder.start_utt()
    decoder.process_raw(raw, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return str(hypothesis.hypstr) if hypothesis is not None else ""


def _second_pass(heard: str, raw: bytes, grammar: str | Grammar) -> str:
    """When the first pass ended off the grammar, try the short phrases alone."""
    if not isinstance(grammar, Grammar) or heard in grammar.phrases:
        return heard
    # pocketsphinx returns a partial path ("do the" for "help") when no final state was
    # reached, which short commands in a large grammar cause.
    retry = _decode(grammar.short_jsgf, raw)
    _LOGGER.debug("first pass heard %r off the grammar; short phrases heard %r", heard, retry)
    return retry if retry in grammar.phrases else heard


def _jsgf_of(grammar: str | Grammar) -> str:
    return grammar.jsgf if isinstance(grammar, Grammar) else grammar


def recognize_audio(audio: Audio, grammar: str | Grammar) -> str:
    """Return the phrase of grammar heard in audio ("" when nothing matched)."""
    raw = prepare(audio, _GRAMMAR_NOISE_FLOOR)
    return _second_pass(_decode(_jsgf_of(grammar), raw), raw, grammar)


def recognize_wav(path: str | Path, grammar: str | Grammar) -> str:
    """Return the phrase of grammar heard in a WAV file of any common rate and channel count."""
    return recognize_audio(read_wav(path), grammar)


END_OF_SPEECH = 0.8
"""Seconds of quiet that end an utterance: long enough for a pause to think, not to wait."""


def listen_microphone(
    recognizer: Recognizer,
    timeout: float = 15.0,
    on_listening: Callable[[], None] | None = None,
) -> Heard:
    """Listen on the default microphone until one utterance ends (END_OF_SPEECH of quiet)."""
    pocketsphinx = _import_pocketsphinx()
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        raise ListenUnavailable(f"sounddevice or PortAudio missing: {error}") from error
    endpointer = pocketsphinx.Endpointer(window=END_OF_SPEECH, sample_rate=SAMPLE_RATE)
    frames = int(endpointer.frame_bytes // 2)
    max_frames = int(timeout / endpointer.frame_length)
    try:
        with sounddevice.RawInputStream(
            samplerate=SAMPLE_RATE, channels=1, dtype="int16", blocksize=frames
        ) as stream:
            if on_listening is not None:
                on_listening()
            return recognizer.stream(_utterance(stream, frames, max_frames, endpointer))
    except sounddevice.PortAudioError as error:
        raise ListenUnavailable(f"no microphone: {error}") from error


def _utterance(stream: Any, frames: int, max_frames: int, endpointer: Any) -> Iterable[bytes]:
    """The speech frames of one utterance, as the endpointer passes them."""
    for _ in range(max_frames):
        data, _overflowed = stream.read(frames)
        was_speaking = endpointer.in_speech
        speech = endpointer.process(bytes(data))
        if speech is not None:
            yield speech
        if was_speaking and not endpointer.in_speech:
            return
    _LOGGER.info("No complete utterance within the listening time")


# --- The statistical language model: what the recognizer listens with by default -------------

LM_VERSION = "3"
"""Part of the cache key: bump when the training text or the model's format changes."""
ORDINAL_WORDS = tuple(numbers.ordinal(n).replace("-", " ") for n in range(1, 21))
"""Ordinals the resolver reads as numbers ("the fourth one")."""
WAKE_WORD = "alexa"
ONE_SHOT = ("ask {name}", "ask {name} to", "ask {name} for", "ask {name} about", "tell {name} to")
"""How a one-shot request starts ("ask trust coach for a tip"): kept apart from the samples."""
INTENT_WEIGHT = 20.0
"""What each intent's samples weigh together in the training text."""
_ONE_SHOT_WEIGHT = 0.2
_WAKE_WEIGHT = 0.3
SHORT_PHRASE_BOOST = 3.0
"""Extra weight of the training phrases of at most SHORT_PHRASE_WORDS words ("stop", "next one").

One- and two-word commands were the trigram's weak spot (heard as "the", "that", "open"); on the
spoken development set (tests/eval/en-US/spoken_dev.tsv, docs/listening.md) weighing them three
times took 68% to 70% with the n-best of 20 (stop, cancel and safety 64% to 67%)."""
PRONUNCIATIONS = Path(__file__).resolve().parent / "pronunciations.dict"
"""Accent variants (British, Scottish, Caribbean vowels) added to cmudict's for the model."""


def _sample_patterns(
    model: Mapping[str, Any],
    known: Callable[[str], bool],
    builtin_samples: Mapping[str, Iterable[str]],
) -> list[lm.Pattern]:
    """Every sample with its slots' values; each sample weighs 1 in all, spread over its
    sentences (the pattern's weight is each sentence's)."""
    values = _slot_values(model, known)
    values["AMAZON.NUMBER"] = [*NUMBER_WORDS, *ORDINAL_WORDS]
    readings: dict[str, tuple[tuple[str, ...], ...]] = defaultdict(tuple)
    for slot_type, spoken in values.items():
        words = (tuple(value.split()) for value in spoken)
        readings[slot_type] = tuple(w for w in words if all(map(known, w)))
    patterns: list[lm.Pattern] = []
    for intent in model.get("intents", []):
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        samples = [
            *intent.get("samples", []),
            *BUILT_IN_PHRASES.get(intent["name"], ()),
            *builtin_samples.get(intent["name"], ()),
        ]
        intent_patterns: list[lm.Pattern] = []
        for sample in dict.fromkeys(samples):
            parts = _SLOT.split(sample)
            # Each part's readings as word tuples, without any that has a word the recognizer
            # lacks (a combination is sayable when all its parts are); text parts without
            # words ("" before a leading slot) add nothing to a sentence and are left out.
            # A slot type's readings are one tuple for every sample (counting knows it again).
            choices = [
                readings[slot_types.get(part, "")]
                if index % 2
                else tuple(
                    words for words in (tuple(_words(part).split()),) if all(map(known, words))
                )
                for index, part in enumerate(parts)
                if index % 2 or _words(part)
            ]
            pattern = lm.Pattern(tuple(choices))
            if pattern.size:
                intent_patterns.append(lm.Pattern(pattern.parts, 1.0 / pattern.size))
        # Every intent weighs the same in all: "stop" (a dozen phrasings) is as likely a thing
        # to say as a tip (fifty), or short commands lose to the long samples' words. (The
        # sum runs over every sentence's weight in turn, as when they were written out.)
        total = sum(
            itertools.chain.from_iterable(
                itertools.repeat(p.weight, p.size) for p in intent_patterns
            )
        )
        if total:
            scale = INTENT_WEIGHT / total
            patterns.extend(lm.Pattern(p.parts, p.weight * scale) for p in intent_patterns)
    return patterns


def _split(pattern: lm.Pattern) -> list[lm.Pattern]:
    """The pattern as patterns whose sentences agree on what training_patterns weighs by: at
    most SHORT_PHRASE_WORDS words or not, and starting with the wake word or not."""

    def kind(index: int, words: tuple[str, ...]) -> tuple[bool, int]:
        wake = index == 0 and words[0] == WAKE_WORD
        short = len(pattern.parts) <= SHORT_PHRASE_WORDS
        return wake, min(len(words), SHORT_PHRASE_WORDS + 1) if short else 0

    groups = []
    for index, part in enumerate(pattern.parts):
        kinds: dict[tuple[bool, int], list[tuple[str, ...]]] = {}
        for words in part:
            kinds.setdefault(kind(index, words), []).append(words)
        groups.append([tuple(readings) for readings in kinds.values()])
    if len(groups) == 1 and len(groups[0]) == 1:
        return [pattern]
    return [
        lm.Pattern(parts, pattern.weight, pattern.prefixes) for parts in itertools.product(*groups)
    ]


def _is_short(pattern: lm.Pattern) -> bool:
    """Whether the (split) pattern's sentences have at most SHORT_PHRASE_WORDS words."""
    return sum(len(part[0]) for part in pattern.parts) <= SHORT_PHRASE_WORDS


def training_patterns(
    model_json: Mapping[str, Any],
    builtin_samples: Mapping[str, Iterable[str]] | None = None,
    known: Callable[[str], bool] | None = None,
) -> list[lm.Pattern]:
    """The language model's training text: samples, built-in phrasings, launch and one-shot.

    Each sample weighs 1 whatever its slot expansions; launch phrases ("open trust coach")
    weigh 1 each, with "alexa" before them less; a one-shot prefix ("ask trust coach for")
    before any sample weighs a little, spread over the samples (a sentence's `prefixes`).
    Samples stay patterns (lm.Pattern), their slots' values not multiplied out.
    """
    model = _language_model(model_json)
    known = known or _dictionary_lookup()
    patterns = [
        piece
        for pattern in _sample_patterns(model, known, builtin_samples or {})
        for piece in _split(pattern)
    ]
    name = _words(str(model.get("invocationName", "")))
    if name and _all_known(name, known):
        for phrase in _launch_phrases(model, known):
            words = tuple(phrase.split())
            patterns.append(lm.Pattern(((words,),)))
            for extra in ((WAKE_WORD, *words), (*words, "please")):
                if all(known(word) for word in extra):
                    patterns.append(lm.Pattern(((extra,),), _WAKE_WEIGHT))
        requests = [i for i, p in enumerate(patterns) if p.parts and p.parts[0][0][0] != WAKE_WORD]
        heads = [tuple(prefix.format(name=name).split()) for prefix in ONE_SHOT]
        heads = [head for head in heads if all(known(word) for word in head)]
        share = _ONE_SHOT_WEIGHT / len(ONE_SHOT) / max(1, sum(patterns[i].size for i in requests))
        for index in requests:
            p = patterns[index]
            prefixes = tuple(zip(heads, itertools.repeat(share * p.weight)))
            patterns[index] = lm.Pattern(p.parts, p.weight, prefixes)
    # Every sentence is of known words by now: the samples' parts were checked as they were
    # expanded, the launch phrases above.
    return [
        lm.Pattern(p.parts, p.weight * SHORT_PHRASE_BOOST, p.prefixes) if _is_short(p) else p
        for p in patterns
    ]


def training_sentences(
    model_json: Mapping[str, Any],
    builtin_samples: Mapping[str, Iterable[str]] | None = None,
    known: Callable[[str], bool] | None = None,
) -> list[lm.Sentence]:
    """The training text written out, one sentence per combination of slot values (what the
    patterns of training_patterns count as; for tests and inspection: slow on a real model)."""
    patterns = training_patterns(model_json, builtin_samples, known)
    return [sentence for pattern in patterns for sentence in pattern.sentences()]


@dataclass(frozen=True)
class ListeningModel:
    """Everything the recognizer needs from an interaction model, and the key to cache it by."""

    key: str
    """Digest of the inputs: the same key means the same files."""
    arpa: str
    """The trigram model as ARPA text."""
    dictionary: str
    """Pronunciations of the model's words (cmudict lines)."""
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    """The words the model knows."""


def model_key(model_json: Mapping[str, Any], builtin_samples: Mapping[str, Iterable[str]]) -> str:
    """A digest of what the listening model is built from (and of pocketsphinx's version)."""
    try:
        version = str(_import_pocketsphinx().__version__)
    except (ListenUnavailable, AttributeError):
        version = "none"
    variants = PRONUNCIATIONS.read_text(encoding="utf-8") if PRONUNCIATIONS.is_file() else ""
    data = json.dumps(
        [
            LM_VERSION,
            version,
            model_json,
            {k: list(v) for k, v in builtin_samples.items()},
            variants,
        ],
        sort_keys=True,
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def pronunciations(words: Iterable[str]) -> str:
    """cmudict lines for the words (with their variants "word(2)"), then the accent variants.

    An accent variant of a word cmudict already has is numbered after cmudict's own ones, and
    one that repeats a pronunciation cmudict has is left out.
    """
    wanted = set(words)
    lines = []
    count: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    variants = _ENTRY.findall("\n".join(_variant_lines()))
    dictionary = _cmudict()
    found = (entry for word in sorted(wanted) for entry in dictionary.entries(word))
    for base, written in (*found, *variants):
        if base not in wanted:
            continue
        phones = " ".join(written.split())
        if (base, phones) in seen:
            continue
        seen.add((base, phones))
        count[base] = count.get(base, 0) + 1
        name = base if count[base] == 1 else f"{base}({count[base]})"
        lines.append(f"{name} {phones}\n")
    return "".join(lines)


def _variant_lines() -> tuple[str, ...]:
    """The accent variants' lines (comments and blank lines skipped)."""
    if not PRONUNCIATIONS.is_file():
        return ()
    text = PRONUNCIATIONS.read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def build_listening_model(
    model_json: Mapping[str, Any], builtin_samples: Mapping[str, Iterable[str]] | None = None
) -> ListeningModel:
    """Build the trigram model and pronunciation list of an interaction model (no cache)."""
    builtin_samples = builtin_samples or {}
    patterns = training_patterns(model_json, builtin_samples)
    if not patterns:
        raise ValueError("the interaction model has no phrase the recognizer can say")
    heads = {head for p in patterns for head, _ in p.prefixes}
    vocabulary = frozenset().union(*(p.words for p in patterns), *heads)
    return ListeningModel(
        model_key(model_json, builtin_samples),
        lm.arpa(patterns),
        pronunciations(vocabulary),
        vocabulary,
    )


def cache_directory() -> Path:
    """Where compiled listening models are kept: the user cache dir (TRUST_COACH_CACHE wins)."""
    override = os.environ.get("TRUST_COACH_CACHE")
    if override:
        return Path(override) / "listen"
    import platformdirs

    return Path(platformdirs.user_cache_dir("trust-coach", appauthor=False)) / "listen"


@dataclass(frozen=True)
class CompiledModel:
    """A listening model's files on disk, ready for pocketsphinx."""

    key: str
    """The model key (the directory's name)."""
    lm_path: Path
    """The trigram model in pocketsphinx's binary format."""
    dict_path: Path
    """The pronunciation dictionary."""


def compile_listening_model(
    model_json: Mapping[str, Any],
    builtin_samples: Mapping[str, Iterable[str]] | None = None,
    directory: Path | None = None,
) -> CompiledModel:
    """The cached files for an interaction model, built and written first if missing or stale."""
    builtin_samples = builtin_samples or {}
    key = model_key(model_json, builtin_samples)
    target = (directory or cache_directory()) / key
    compiled = CompiledModel(key, target / "model.lm.bin", target / "words.dict")
    if compiled.lm_path.is_file() and compiled.dict_path.is_file():
        return compiled
    started = time.perf_counter()
    # Building allocates a few hundred thousand tuples and frees none: the cycle collector
    # would only walk them again and again (about a tenth of the build).
    collecting = gc.isenabled()
    gc.disable()
    try:
        built = build_listening_model(model_json, builtin_samples)
    finally:
        if collecting:
            gc.enable()
    pocketsphinx = _import_pocketsphinx()
    target.mkdir(parents=True, exist_ok=True)
    partial = target / f"tmp-{os.getpid()}"
    partial.mkdir(exist_ok=True)
    (partial / "model.arpa").write_text(built.arpa, encoding="utf-8")
    (partial / "words.dict").write_text(built.dictionary, encoding="utf-8")
    config = pocketsphinx.Config(lm=None, loglevel="FATAL")
    ngram = pocketsphinx.NGramModel(config, pocketsphinx.LogMath(), str(partial / "model.arpa"))
    ngram.write(str(partial / "model.lm.bin"), pocketsphinx.NGramModel.str_to_type("bin"))
    # Rename into place last, so a reader never sees half a model (and racing writers agree).
    os.replace(partial / "words.dict", compiled.dict_path)
    os.replace(partial / "model.lm.bin", compiled.lm_path)
    (partial / "model.arpa").unlink()
    partial.rmdir()
    _LOGGER.info("Compiled the listening model in %.2f s", time.perf_counter() - started)
    return compiled


# Measured on the development set and the round trip (docs/listening.md).
_LM_WEIGHT = 6.5
_WORD_PENALTY = 0.2
_NBEST = 20
WARP = 0.88
"""Vocal tract length normalisation: pocketsphinx's inverse-linear frequency warp (the mel
filters read at f / WARP). espeak-ng's voices sit off the acoustic model's training speakers;
on every spoken set the tests render, 0.88 heard more than no warp (docs/listening.md, "Vocal
tract length"). 1.0 turns it off."""


@functools.lru_cache(maxsize=4)
def _lm_decoder(lm_path: str, dict_path: str) -> Any:
    pocketsphinx = _import_pocketsphinx()
    return pocketsphinx.Decoder(
        lm=lm_path,
        dict=dict_path,
        samprate=SAMPLE_RATE,
        lw=_LM_WEIGHT,
        wip=_WORD_PENALTY,
        bestpath=True,
        loglevel="FATAL",
        **({} if WARP == 1.0 else {"warp_type": "inverse_linear", "warp_params": str(WARP)}),
    )


@dataclass(frozen=True)
class Hypothesis:
    """One reading of an utterance."""

    text: str
    """The words."""
    score: float
    """The reading's path score from pocketsphinx's n-best search, as a natural log (higher is
    better; 0.0 when unknown). Only differences between readings of one utterance mean anything:
    a runner-up close to the best reading is a close call."""


@dataclass(frozen=True)
class Heard:
    """What the recognizer heard in one utterance: its best reading, and the runners-up."""

    hypotheses: tuple[Hypothesis, ...]
    """Distinct readings, best first (empty when nothing was heard)."""
    posterior: float = 0.0
    """The best reading's posterior probability (0 to 1) from the word lattice (pocketsphinx
    hands it over already exponentiated)."""
    seconds: float = 0.0
    """Decoding time after the last audio arrived."""

    @property
    def text(self) -> str:
        """The best reading ("" when nothing was heard)."""
        return self.hypotheses[0].text if self.hypotheses else ""


Understands = Callable[[str], float]
"""How well the resolver understands words: 0 (not at all) to 1 (a sample, every slot resolved)."""

COMMAND_FILLERS = frozenset(
    {
        *("alexa", "trust", "coach", "please", "okay", "ok", "yeah", "hey", "so", "well"),
        *("oh", "um", "uh", "er", "hmm", "actually", "just", "right", "then"),
        *("now", "for", "all", "today", "i", "am", "go"),
    }
)
"""Words that may stand around a stop or cancel command without making it something else: the
wake word and the skill's name, politeness, hesitation and time words ("okay, stop please",
"um never mind actually", "that's all for now"), and what the recognizer makes of a hesitation
("um" heard as "i'm", "oh" as "go")."""
COMMAND_LEAD_INS = frozenset(
    {"you", "can", "could", "would", "will", "let's", "let", "us", "want", "to", "like"}
)
"""Words that may come before a command but not after it: "you can stop now", "can you stop",
"i want to cancel" ("quit you" is no stop)."""
_CONTRACTIONS = {"that's": "that is", "i'm": "i am", "we're": "we are", "it's": "it is"}


def _expanded(words: str) -> tuple[str, ...]:
    """Words with the contractions written out ("that's enough" is "that is enough")."""
    return tuple(" ".join(_CONTRACTIONS.get(w, w) for w in words.split()).split())


@dataclass(frozen=True)
class Commands:
    """The stop and cancel phrasings of a model, to tell a plain command from one the resolver
    found inside a misheard request ("my name is ... end it", "quit i think feelings")."""

    phrases: frozenset[tuple[str, ...]]
    """Each stop or cancel phrasing as words, contractions written out."""
    fillers: frozenset[str] = COMMAND_FILLERS
    """Words allowed around a phrasing."""
    lead_ins: frozenset[str] = COMMAND_LEAD_INS
    """Words allowed before a phrasing only."""

    @classmethod
    def of(cls, phrasings: Iterable[str]) -> Commands:
        """The commands of the phrasings (samples and built-in phrasings, as written)."""
        return cls(frozenset(w for w in map(_expanded, map(_words, phrasings)) if w))

    def plain(self, words: str, leading: bool = False) -> bool:
        """Whether the words are a stop or cancel phrasing with only filler words around it.

        With `leading`, any words may follow the command ("i'm done for tonight", "stop, i have
        to go"): people lead with the command. choose() allows that for the best reading only."""
        said = _expanded(words)
        for phrase in self.phrases:
            size = len(phrase)
            for start in range(len(said) - size + 1):
                if said[start : start + size] != phrase:
                    continue
                before = said[:start]
                after = () if leading else said[start + size :]
                if all(w in self.fillers or w in self.lead_ins for w in before) and all(
                    w in self.fillers for w in after
                ):
                    return True
        return False


@runtime_checkable
class StopAware(Protocol):
    """An Understands that also says which readings the skill would hear as stop or cancel."""

    def __call__(self, words: str) -> float:
        """How well the resolver understands the words (as Understands)."""

    def stops(self, words: str) -> bool:
        """Whether the words resolve to stop or cancel."""

    def plain(self, words: str, leading: bool) -> bool:
        """Whether the words say the stop or cancel plainly (Commands.plain)."""


def choose(heard: Heard, understands: Understands, floor: float = 0.5) -> str:
    """The reading to act on: the best-scored one the resolver understands at least `floor`.

    The acoustic order decides between readings the resolver understands equally well; when
    none reaches the floor the answer is "" (the caller asks the user to say it again).

    A stop or cancel is only taken from a reading that says it plainly (`StopAware`
    understands; docs/listening.md, "Plain stops"): the command with filler words around it,
    and in the best reading any words after it. The resolver finds "end it" inside "my give me
    get end it" and "quit" inside "quit i think feelings"; acted on, such readings cut people
    off mid-request (14 of 296 recordings of the third blind set before this rule, 3 after).
    """
    aware = understands if isinstance(understands, StopAware) else None
    best, best_score = "", floor
    for rank, hypothesis in enumerate(heard.hypotheses):
        score = understands(hypothesis.text)
        if (
            aware is not None
            and score > 0.0
            and aware.stops(hypothesis.text)
            and not aware.plain(hypothesis.text, leading=rank == 0)
        ):
            score = 0.0
        if score > best_score or (score >= best_score and not best):
            best, best_score = hypothesis.text, score
        if best_score >= 1.0:
            break
    return best


def _log(value: float) -> float:
    """pocketsphinx's Python API hands scores over exponentiated; their log (-inf for 0)."""
    return math.log(value) if value > 0 else -math.inf


def _hypotheses(decoder: Any, limit: int = _NBEST) -> tuple[tuple[Hypothesis, ...], float]:
    best = decoder.hyp()
    if best is None or not str(best.hypstr).strip():
        return (), 0.0
    text = str(best.hypstr)
    found: dict[str, float] = {}
    try:
        for index, alternative in enumerate(decoder.nbest()):
            if index >= limit * 4 or len(found) >= limit:
                break
            if alternative is None:
                continue
            words = " ".join(str(alternative.hypstr).split())
            if words and words not in found:
                found[words] = _log(float(alternative.score))
    except (RuntimeError, AssertionError):  # no lattice (an utterance too short)
        pass
    # The best path comes first whatever the n-best search made of it; its score is the n-best's
    # for the same words, or the best score there when the n-best lacks them.
    first = found.pop(text, max(found.values(), default=0.0))
    hypotheses = (Hypothesis(text, first), *(Hypothesis(w, v) for w, v in found.items()))
    return hypotheses[:limit], float(best.prob)


class Recognizer:
    """Free-form recognition with the interaction model's trigram model; n-best for the resolver."""

    def __init__(self, compiled: CompiledModel) -> None:
        """Load (once per process and model) the decoder for the compiled model."""
        self.compiled = compiled
        self._decoder = _lm_decoder(str(compiled.lm_path), str(compiled.dict_path))

    @classmethod
    def for_model(
        cls,
        model_json: Mapping[str, Any],
        builtin_samples: Mapping[str, Iterable[str]] | None = None,
        directory: Path | None = None,
    ) -> Recognizer:
        """The recognizer of an interaction model, compiled into the cache on first use."""
        return cls(compile_listening_model(model_json, builtin_samples, directory))

    def decode(self, raw: bytes) -> Heard:
        """Decode one utterance of 16 kHz mono PCM bytes."""
        decoder = self._decoder
        decoder.start_utt()
        decoder.process_raw(raw, full_utt=True)
        started = time.perf_counter()
        decoder.end_utt()
        hypotheses, posterior = _hypotheses(decoder)
        return Heard(hypotheses, posterior, time.perf_counter() - started)

    def hear(self, audio: Audio) -> Heard:
        """Decode audio of any rate and channel count."""
        return self.decode(prepare(audio))

    def hear_wav(self, path: str | Path) -> Heard:
        """Decode a PCM WAV file of any rate and channel count."""
        return self.hear(read_wav(path))

    def stream(self, chunks: Iterable[bytes]) -> Heard:
        """Decode 16 kHz mono chunks as they arrive; the time counts from the last chunk."""
        decoder = self._decoder
        decoder.start_utt()
        for chunk in chunks:
            decoder.process_raw(chunk)
        started = time.perf_counter()
        decoder.end_utt()
        hypotheses, posterior = _hypotheses(decoder)
        return Heard(hypotheses, posterior, time.perf_counter() - started)


def grammar_hypotheses(audio: Audio, grammar: Grammar) -> Heard:
    """The grammar's reading of audio with its n-best list (for the comparison benchmark)."""
    raw = prepare(audio, _GRAMMAR_NOISE_FLOOR)
    decoder = _decoder(grammar.jsgf)
    decoder.start_utt()
    decoder.process_raw(raw, full_utt=True)
    started = time.perf_counter()
    decoder.end_utt()
    hypotheses, posterior = _hypotheses(decoder)
    if not hypotheses or hypotheses[0].text not in grammar.phrases:
        retry = _second_pass(hypotheses[0].text if hypotheses else "", raw, grammar)
        if retry:
            hypotheses = (Hypothesis(retry, 0), *hypotheses)
    return Heard(hypotheses, posterior, time.perf_counter() - started)


def generic_recognizer() -> Any:
    """pocketsphinx's own general English trigram model and full dictionary (comparison only)."""
    pocketsphinx = _import_pocketsphinx()
    return pocketsphinx.Decoder(samprate=SAMPLE_RATE, bestpath=True, loglevel="FATAL")


def decode_with(decoder: Any, audio: Audio) -> Heard:
    """Decode audio with any pocketsphinx decoder (comparison only)."""
    decoder.start_utt()
    decoder.process_raw(prepare(audio), full_utt=True)
    started = time.perf_counter()
    decoder.end_utt()
    hypotheses, posterior = _hypotheses(decoder)
    return Heard(hypotheses, posterior, time.perf_counter() - started)
