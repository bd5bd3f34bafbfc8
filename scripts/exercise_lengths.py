"""Print each exercise step's estimated spoken length (words at 150 per minute plus pauses)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from skill import content
from skill.conversation.exercise import step_ssml
from speech import ssml


def main() -> int:
    """Print one line per step and the total."""
    total = 0.0
    print(f"{'step':<20} {'words':>5} {'pauses':>7} {'seconds':>8}")
    for step in content.load().exercise.steps:
        speech = f"<speak>{step_ssml(step)}</speak>"
        seconds = ssml.estimate_seconds(speech)
        words = len(ssml.to_text(speech).split())
        total += seconds
        print(f"{step.id:<20} {words:>5} {step.wait_seconds:>6}s {seconds:>7.1f}s")
    print(f"{'total':<20} {'':>5} {'':>7} {total:>7.1f}s ({total / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
