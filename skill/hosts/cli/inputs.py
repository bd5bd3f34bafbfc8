"""`say`'s turns in command-line order: typed utterances, --wav files and --touch targets."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

TEXT = "text"
"""A typed turn: the words are sent as they are."""
WAV = "wav"
"""A recorded turn: the value is the path of a WAV file."""


class Inputs(argparse.Action):
    """Collects turns into ``namespace.inputs`` as (kind, value) entries, in the order given."""

    kind = TEXT
    """The kind of turn each value becomes."""

    def entry(self, value: str) -> tuple[str, str]:
        """The turn one value on the command line becomes."""
        return (self.kind, value)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        """Append an entry for each value."""
        found = list(getattr(namespace, "inputs", None) or [])
        items = [values] if isinstance(values, str) else list(values or [])
        found.extend(self.entry(str(item)) for item in items)
        namespace.inputs = found


class WavInputs(Inputs):
    """--wav FILE: a recorded utterance."""

    kind = WAV
