"""Speech in: the locale's recognizer and which of its readings the skill acts on (`say --wav`,
`chat --listen` and the console's microphone)."""

from __future__ import annotations

import functools
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


STOPPING = ("AMAZON.StopIntent", "AMAZON.CancelIntent")
"""Intents that end or cancel: taken only from a reading that says them plainly (listen.choose)."""


class Understanding:
    """How well the resolver understands words (speech.listen.Understands), and which readings
    it hears as stop or cancel (speech.listen.StopAware)."""

    def __init__(self, locale: str) -> None:
        """The locale's resolver, and its stop and cancel phrasings."""
        from interaction_model.model import load_builtin_samples
        from interaction_model.resolver import Resolver
        from speech.listen import BUILT_IN_PHRASES, Commands

        self.resolver = Resolver.from_locale(locale)
        builtins = load_builtin_samples(locale)
        samples = {i.name: i.samples for i in self.resolver.model.intents}
        self.commands = Commands.of(
            phrase
            for name in STOPPING
            for phrase in (*samples.get(name, ()), *builtins.get(name, ()), *BUILT_IN_PHRASES[name])
        )
        self._graded: dict[str, tuple[float, str, str]] = {}

    def _grade(self, words: str) -> tuple[float, str, str]:
        """The grade, the intent, and the words the intents see ("ask trust coach to stop": "stop")
        (memoized: choose asks about each reading twice)."""
        from interaction_model.invocation import split_invocation
        from interaction_model.resolver import FALLBACK_INTENT

        found = self._graded.get(words)
        if found is not None:
            return found
        kind, rest = split_invocation(words, self.resolver.model.invocation_name)
        if kind == "launch" or (kind == "one_shot" and not rest):
            found = (1.0, "LaunchRequest", "")
        else:
            resolution = self.resolver.resolve(rest or "")
            # A resolver that grades its matches (confidence 0 to 1) ranks readings more finely.
            confidence = getattr(resolution, "confidence", None)
            grade = float(confidence) if isinstance(confidence, int | float) else 1.0
            understood = 0.0 if resolution.intent == FALLBACK_INTENT else grade
            found = (understood, resolution.intent, rest or "")
        if len(self._graded) > 4096:  # one utterance's readings at a time matter
            self._graded.clear()
        self._graded[words] = found
        return found

    def __call__(self, words: str) -> float:
        """0 for the fallback, else the resolver's confidence (1 for a sample or a launch)."""
        return self._grade(words)[0]

    def stops(self, words: str) -> bool:
        """Whether the words resolve to stop or cancel."""
        return self._grade(words)[1] in STOPPING

    def plain(self, words: str, leading: bool) -> bool:
        """Whether the words (after the invocation: "ask trust coach to stop") are a plain stop or
        cancel phrasing (speech.listen.Commands.plain)."""
        return self.commands.plain(words, leading) or self.commands.plain(
            self._grade(words)[2], leading
        )


def understands(locale: str) -> Understanding:
    """How well the resolver understands words: 1 for an intent, 0 for the fallback (with the
    stop and cancel phrasings speech.listen.choose checks a stop reading against)."""
    return Understanding(locale)


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
