"""Benchmark: the skill against a minimal ask-sdk-core "hello world" measured in the same run.

Prints, as ratios to the baseline: median warm `lambda_handler` latency for a TrustTipIntent,
cold start (a fresh interpreter importing the entry point and answering one request), and the
resolver's median time per utterance. Run: `python scripts/bench.py [--quick]`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interaction_model.model import load_model  # noqa: E402
from interaction_model.resolver import Resolver  # noqa: E402
from skill import content, locales  # noqa: E402
from skill.builder import build_skill  # noqa: E402
from skill.hosts.local import envelopes  # noqa: E402
from skill.hosts.runtime import Apology, handle_event  # noqa: E402

HELLO_WORLD = textwrap.dedent(
    '''
    """The baseline: ask-sdk-core's hello world, one handler for every request."""
    from ask_sdk_core.dispatch_components import AbstractRequestHandler
    from ask_sdk_core.skill_builder import SkillBuilder


    class Hello(AbstractRequestHandler):
        def can_handle(self, handler_input):
            return True

        def handle(self, handler_input):
            builder = handler_input.response_builder.speak("Hello world!").ask("Say hello.")
            return builder.set_should_end_session(False).response


    sb = SkillBuilder()
    sb.add_request_handler(Hello())
    lambda_handler = sb.lambda_handler()
    '''
)

COLD_CHILD = textwrap.dedent(
    """
    import json, sys, time
    start = time.perf_counter()
    sys.path[:0] = sys.argv[2:]
    import lambda_function
    event = json.loads(sys.stdin.read())
    lambda_function.lambda_handler(event, None)
    print(time.perf_counter() - start)
    """
)


def tip_event(user: str = "bench-user") -> dict[str, Any]:
    """A one-shot TrustTipIntent request envelope."""
    return envelopes.envelope(
        envelopes.intent_request("TrustTipIntent", locale=locales.DEFAULT),
        user_id=envelopes.user_id_for(user),
        session_id=envelopes.new_session_id(),
        new=True,
        attributes=None,
    )


def load_module(name: str, path: Path) -> Any:
    """Import a file as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def interleaved_medians(calls: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median wall time of each call, the calls taking turns so drift hits them all alike."""
    for call in calls:
        for _ in range(20):
            call()
    samples: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for call, own in zip(calls, samples, strict=True):
            start = time.perf_counter()
            call()
            own.append(time.perf_counter() - start)
    return [statistics.median(own) for own in samples]


def cold_starts(folders: list[Path], runs: int, env: dict[str, str]) -> list[float]:
    """Median seconds for a fresh interpreter to import `lambda_function` and answer one request.

    The folders take turns, run by run, so a busy moment on the machine hits them all alike.
    """
    event = json.dumps(tip_event("cold"))
    samples: list[list[float]] = [[] for _ in folders]
    for _ in range(runs):
        for folder, own in zip(folders, samples, strict=True):
            result = subprocess.run(
                [sys.executable, "-c", COLD_CHILD, "x", str(folder), str(ROOT)],
                input=event,
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            own.append(float(result.stdout.strip()))
    return [statistics.median(own) for own in samples]


def resolver_utterances() -> list[str]:
    """Every sample of the model with its slots filled, plus how people really type."""
    model = load_model(locales.DEFAULT)
    utterances = []
    for intent in model.intents:
        for sample in intent.samples:
            text = sample.replace("{strategy}", "boundaries").replace("{number}", "four")
            utterances.append(text)
    utterances += ["Um, what's tip number 4?", "please give me a trust tip", "blah blah pizza"]
    return utterances


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    warm_runs, cold_runs = (200, 5) if args.quick else (2000, 15)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "hello").mkdir()
        (folder / "hello" / "lambda_function.py").write_text(HELLO_WORLD)
        env = {**os.environ, "TRUST_COACH_DB": str(folder / "bench.sqlite3")}
        env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
        os.environ.update(TRUST_COACH_DB=env["TRUST_COACH_DB"])

        hello = load_module("hello_lambda", folder / "hello" / "lambda_function.py")
        ours = load_module("lambda_function", ROOT / "lambda" / "lambda_function.py")
        no_storage = build_skill(None)
        apology = Apology.from_lines(content.load().lines)
        # A request id is served once (a replay is not stored again), so every call gets a new one.
        events = [iter([tip_event() for _ in range(warm_runs + 20)]) for _ in range(3)]
        base_warm, ours_warm, logic_warm = interleaved_medians(
            [
                lambda: hello.lambda_handler(next(events[0]), None),
                lambda: ours.lambda_handler(next(events[1]), None),
                lambda: handle_event(no_storage, next(events[2]), apology=apology),
            ],
            warm_runs,
        )
        base_cold, ours_cold = cold_starts([folder / "hello", ROOT / "lambda"], cold_runs, env)

    resolver = Resolver.from_locale(locales.DEFAULT)
    utterances = resolver_utterances()
    per_utterance = []
    for _ in range(5 if args.quick else 20):
        for utterance in utterances:
            start = time.perf_counter()
            resolver.resolve(utterance)
            per_utterance.append(time.perf_counter() - start)
    resolve_ms = statistics.median(per_utterance) * 1000

    print(
        f"warm lambda_handler, TrustTipIntent: hello world {base_warm * 1000:.3f} ms, "
        f"trust coach {ours_warm * 1000:.3f} ms (SQLite read + write), "
        f"ratio {ours_warm / base_warm:.2f} (target <= 1.3)"
    )
    print(
        f"  the same skill without storage: {logic_warm * 1000:.3f} ms, "
        f"ratio {logic_warm / base_warm:.2f}"
    )
    print(
        f"cold start (import + first request): hello world {base_cold * 1000:.1f} ms, "
        f"trust coach {ours_cold * 1000:.1f} ms, ratio {ours_cold / base_cold:.2f} (target <= 1.3)"
    )
    print(
        f"resolver: median {resolve_ms:.3f} ms per utterance over {len(utterances)} utterances "
        f"(target <= 0.5 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
