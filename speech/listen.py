"""Offline speech input with pocketsphinx, limited to what the interaction model can mean."""

from __future__ import annotations

import functools
import itertools
import logging
import random
import re
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from speech import numbers
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
_DITHER = 8
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
        words = _dictionary_words()
    except ListenUnavailable:
        return lambda word: True
    return words.__contains__


@functools.cache
def _dictionary_words() -> frozenset[str]:
    pocketsphinx = _import_pocketsphinx()
    path = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.split(" ", 1)[0] for line in handle if line.strip())


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


def prepare(audio: Audio) -> bytes:
    """Return audio as 16 kHz mono bytes, padded and with faint dither for the recognizer."""
    padded = concatenate(
        [silence(_PADDING, SAMPLE_RATE), audio, silence(_PADDING, SAMPLE_RATE)], SAMPLE_RATE
    )
    # Digital silence (what TTS and our padding produce) has no energy at all, which throws
    # pocketsphinx's feature normalization off; real microphones always hiss a little.
    noise = random.Random(0)
    dithered = array(
        "h",
        (max(-32768, min(32767, v + noise.randint(-_DITHER, _DITHER))) for v in padded.samples),
    )
    return Audio(dithered, SAMPLE_RATE).to_bytes()


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
    raw = prepare(audio)
    return _second_pass(_decode(_jsgf_of(grammar), raw), raw, grammar)


def recognize_wav(path: str | Path, grammar: str | Grammar) -> str:
    """Return the phrase of grammar heard in a WAV file of any common rate and channel count."""
    return recognize_audio(read_wav(path), grammar)


def listen_microphone(grammar: str | Grammar, timeout: float = 15.0) -> str:
    """Listen on the default microphone until the end of one utterance and return its phrase."""
    pocketsphinx = _import_pocketsphinx()
    try:
        import sounddevice
    except (ImportError, OSError) as error:
        raise ListenUnavailable(f"sounddevice or PortAudio missing: {error}") from error
    decoder = _decoder(_jsgf_of(grammar))
    endpointer = pocketsphinx.Endpointer(sample_rate=SAMPLE_RATE)
    frames = int(endpointer.frame_bytes // 2)
    max_frames = int(timeout / endpointer.frame_length)
    try:
        with sounddevice.RawInputStream(
            samplerate=SAMPLE_RATE, channels=1, dtype="int16", blocksize=frames
        ) as stream:
            heard, raw = _listen(stream, frames, max_frames, endpointer, decoder)
    except sounddevice.PortAudioError as error:
        raise ListenUnavailable(f"no microphone: {error}") from error
    return _second_pass(heard, raw, grammar) if raw else heard


def _listen(
    stream: Any, frames: int, max_frames: int, endpointer: Any, decoder: Any
) -> tuple[str, bytes]:
    """Feed the microphone to the decoder until the endpointer hears the utterance end."""
    speech_bytes = bytearray()
    for _ in range(max_frames):
        data, _overflowed = stream.read(frames)
        was_speaking = endpointer.in_speech
        speech = endpointer.process(bytes(data))
        if speech is None:
            continue
        if not was_speaking:
            decoder.start_utt()
        decoder.process_raw(speech)
        speech_bytes += speech
        if not endpointer.in_speech:
            decoder.end_utt()
            hypothesis = decoder.hyp()
            return (str(hypothesis.hypstr) if hypothesis is not None else ""), bytes(speech_bytes)
    _LOGGER.info("No complete utterance within the listening time")
    return "", b""
