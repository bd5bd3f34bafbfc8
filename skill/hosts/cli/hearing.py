"""Speech in: the locale's recognizer and which of its readings the skill acts on (`say --wav`,
`chat --listen` and the console's microphone)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from skill import locales
from skill.hosts.cli.errors import UsageError

if TYPE_CHECKING:
    from speech.listen import Heard, Recognizer


@functools.cache
def recognizer(locale: str) -> Recognizer:
    """The locale's recognizer, its language model compiled into the user cache on first use."""
    from interaction_model.model import load_builtin_samples, load_model_data
    from speech.listen import Recognizer, require_recognizer

    locales.check(locale)
    require_recognizer()
    return Recognizer.for_model(load_model_data(locale), load_builtin_samples(locale))


def understands(locale: str) -> Callable[[str], float]:
    """How well the resolver understands words: 1 for an intent, 0 for the fallback."""
    from interaction_model.invocation import split_invocation
    from interaction_model.resolver import FALLBACK_INTENT, Resolver

    resolver = Resolver.from_locale(locale)

    def grade(words: str) -> float:
        kind, rest = split_invocation(words, resolver.model.invocation_name)
        if kind == "launch" or (kind == "one_shot" and not rest):
            return 1.0
        resolution = resolver.resolve(rest or "")
        if resolution.intent == FALLBACK_INTENT:
            return 0.0
        # A resolver that grades its matches (confidence 0 to 1) ranks readings more finely.
        confidence = getattr(resolution, "confidence", None)
        return float(confidence) if isinstance(confidence, int | float) else 1.0

    return grade


def words_of(heard: Heard | str, locale: str) -> str:
    """The reading to act on ("" when the resolver understands none of them)."""
    if isinstance(heard, str):
        return heard
    from speech.listen import choose

    return choose(heard, understands(locale))


def recognize_file(path: Path, hearer: Recognizer, locale: str = "en-US") -> str:
    """The words of a recorded utterance (a file that is not a PCM WAV: a UsageError)."""
    import wave

    try:
        return words_of(hearer.hear_wav(path), locale)
    except (wave.Error, EOFError) as error:
        raise UsageError(f"{path} is not a PCM WAV file ({error})") from error
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from error
