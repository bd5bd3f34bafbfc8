"""Compile every locale's listening model into the user cache ahead of first use.

Run: `python scripts/precompile_listening.py` (`make install` does). A script, not part of
`speech`: the speech package does not import the interaction model or the skill (test_layers).
Building the trigram model from the interaction model is the part of first use that cannot be
made fast enough on a small machine (about a second of Python counting per locale); done at
install time, the first `chat --listen` only loads the compiled files. Without pocketsphinx
there is nothing to compile, and the command says so and succeeds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interaction_model.model import load_builtin_samples, load_model_data
from skill import locales
from speech.errors import ListenUnavailable
from speech.listen import (
    cache_directory,
    compile_listening_model,
    require_recognizer,
)


def main() -> int:
    """Compile each supported locale's model; print one line per locale."""
    try:
        require_recognizer()
    except ListenUnavailable as error:
        print(f"listening models not compiled: {error}")
        return 0
    directory = cache_directory()
    for locale in locales.SUPPORTED:
        started = time.perf_counter()
        compiled = compile_listening_model(
            load_model_data(locale), load_builtin_samples(locale), directory
        )
        seconds = time.perf_counter() - started
        print(f"listening model for {locale}: {compiled.lm_path.parent} ({seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
