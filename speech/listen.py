"""Offline speech input with pocketsphinx, limited to what the interaction model can mean."""

from __future__ import annotations

import functools
import itertools
import logging
import random
import re
from array import array
from collections.abc import Callable, Mapping
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

_PADDING = 0.3
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


def _slot_values(model: Mapping[str, Any]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {"AMAZON.NUMBER": list(NUMBER_WORDS)}
    for slot_type in model.get("types", []):
        names: list[str] = []
        for value in slot_type.get("values", []):
            name = value.get("name", {})
            names += [name.get("value", ""), *name.get("synonyms", [])]
        values[slot_type["name"]] = [_words(name) for name in names if _words(name)]
    return values


def _expand(sample: str, slots: Mapping[str, list[str]]) -> list[str]:
    parts = _SLOT.split(sample)
    choices: list[list[str]] = []
    for index, part in enumerate(parts):
        if index % 2:
            if part not in slots or not slots[part]:
                return []
            choices.append(slots[part])
        else:
            choices.append([part])
    return [_words(" ".join(combination)) for combination in itertools.product(*choices)]


def grammar_from_model(
    model_json: Mapping[str, Any], known: Callable[[str], bool] | None = None
) -> str:
    """Return a JSGF grammar of every phrase the model accepts, without unknown words.

    Slots are filled with their values and synonyms (AMAZON.NUMBER with one to twenty);
    a phrase with a word `known` rejects (default: not in pocketsphinx's dictionary) is dropped.
    """
    model = model_json.get("interactionModel", model_json).get("languageModel", model_json)
    if known is None:
        known = _dictionary_lookup()
    phrases: list[str] = []
    for intent in model.get("intents", []):
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        type_values = _slot_values(model)
        slots = {name: type_values.get(kind, []) for name, kind in slot_types.items()}
        samples = [*intent.get("samples", []), *BUILT_IN_PHRASES.get(intent["name"], ())]
        for sample in samples:
            for phrase in _expand(sample, slots):
                unknown = [word for word in phrase.split() if not known(word)]
                if unknown:
                    _LOGGER.debug("Dropping %r: %s not in the dictionary", phrase, unknown)
                elif phrase and phrase not in phrases:
                    phrases.append(phrase)
    if not phrases:
        raise ValueError("the interaction model has no phrase the recognizer can say")
    body = "\n    | ".join(phrases)
    return f"#JSGF V1.0;\ngrammar skill;\npublic <utterance> = {body};\n"


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
        import pocketsphinx  # noqa: PLC0415
    except ImportError as error:
        raise ListenUnavailable(f"pocketsphinx is not installed: {error}") from error
    return pocketsphinx


def _decoder(grammar: str) -> Any:
    pocketsphinx = _import_pocketsphinx()
    decoder = pocketsphinx.Decoder(lm=None, samprate=SAMPLE_RATE, loglevel="FATAL")
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


def recognize_audio(audio: Audio, grammar: str) -> str:
    """Return the phrase of grammar heard in audio ("" when nothing matched)."""
    decoder = _decoder(grammar)
    decoder.start_utt()
    decoder.process_raw(prepare(audio), full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return str(hypothesis.hypstr) if hypothesis is not None else ""


def recognize_wav(path: str | Path, grammar: str) -> str:
    """Return the phrase of grammar heard in a WAV file of any common rate and channel count."""
    return recognize_audio(read_wav(path), grammar)


def listen_microphone(grammar: str, timeout: float = 15.0) -> str:
    """Listen on the default microphone until the end of one utterance and return its phrase."""
    pocketsphinx = _import_pocketsphinx()
    try:
        import sounddevice  # noqa: PLC0415
    except (ImportError, OSError) as error:
        raise ListenUnavailable(f"sounddevice or PortAudio missing: {error}") from error
    decoder = _decoder(grammar)
    endpointer = pocketsphinx.Endpointer(sample_rate=SAMPLE_RATE)
    frames = int(endpointer.frame_bytes // 2)
    max_frames = int(timeout / endpointer.frame_length)
    try:
        with sounddevice.RawInputStream(
            samplerate=SAMPLE_RATE, channels=1, dtype="int16", blocksize=frames
        ) as stream:
            return _listen(stream, frames, max_frames, endpointer, decoder)
    except sounddevice.PortAudioError as error:
        raise ListenUnavailable(f"no microphone: {error}") from error


def _listen(stream: Any, frames: int, max_frames: int, endpointer: Any, decoder: Any) -> str:
    for _ in range(max_frames):
        data, _overflowed = stream.read(frames)
        was_speaking = endpointer.in_speech
        speech = endpointer.process(bytes(data))
        if speech is None:
            continue
        if not was_speaking:
            decoder.start_utt()
        decoder.process_raw(speech)
        if not endpointer.in_speech:
            decoder.end_utt()
            hypothesis = decoder.hyp()
            return str(hypothesis.hypstr) if hypothesis is not None else ""
    _LOGGER.info("No complete utterance within the listening time")
    return ""


def phrases(grammar: str) -> list[str]:
    """Return the phrases of a grammar made by grammar_from_model."""
    body = grammar.split("=", 1)[1].rstrip().rstrip(";")
    return [phrase.strip() for phrase in body.split("|")]
