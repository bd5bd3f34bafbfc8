"""Typed slips of every kind, made from the evaluation sets, and how the resolver reads them.

Each row of a locale's in-domain sets that the resolver gets right as written is typed again
with one slip of each kind (seeded, so a run is repeatable): a letter dropped, doubled, swapped
with the next, hit on the key beside it, a space lost between two words or one typed inside a
word, a word spelt as it sounds, and (with pyspellchecker's English word list installed) a word
replaced by a real word one letter away, as autocorrect does ("trust top"). The out-of-domain
rows get the same slips and must stay AMAZON.FallbackIntent; the safety rows must still reach
SafetyIntent. Prints accuracy by kind and locale. A developer tool, not a test:

    python scripts/typo_slips.py [--seed N] [--sets in_domain,dev] [--misses KIND]

Rows are taken from tests/eval/<locale>/*.tsv; ``--sets`` picks the file names (without
``.tsv``) to use as the in-domain source, so one seed and set can be tuned on and another
measured.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interaction_model.resolver import FALLBACK_INTENT, SAFETY_INTENT, Resolver  # noqa: E402
from skill.builder import build_skill  # noqa: E402
from skill.hosts.local import evaluate  # noqa: E402
from skill.hosts.local.conversation import Conversation  # noqa: E402

EVAL = ROOT / "tests" / "eval"
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS: dict[str, str] = {}
"""The keys beside each letter on a QWERTY keyboard."""
for _row_index, _row in enumerate(_ROWS):
    for _col, _key in enumerate(_row):
        near = {_row[c] for c in (_col - 1, _col + 1) if 0 <= c < len(_row)}
        for other in (_row_index - 1, _row_index + 1):
            if 0 <= other < len(_ROWS):
                near |= {_ROWS[other][c] for c in (_col - 1, _col) if 0 <= c < len(_ROWS[other])}
        NEIGHBOURS[_key] = "".join(sorted(near))
PHONETIC = (
    ("ph", "f"),
    ("tion", "shun"),
    ("ea", "ee"),
    ("ie", "ei"),
    ("ei", "ie"),
    ("ou", "ow"),
    ("ck", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("ght", "t"),
    ("ay", "ai"),
    ("ee", "ea"),
    ("er", "ur"),
    ("ir", "ur"),
    ("al", "el"),
    ("ent", "ant"),
    ("ance", "ence"),
    ("ous", "us"),
    ("y", "ie"),
    ("c", "k"),
    ("s", "z"),
)
"""Spellings people type for a sound they are unsure of (tried in turn)."""


def _drop(word: str, rng: random.Random) -> str | None:
    if len(word) < 4:
        return None
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


def _double(word: str, rng: random.Random) -> str | None:
    if len(word) < 3:
        return None
    i = rng.randrange(len(word))
    return word[: i + 1] + word[i] + word[i + 1 :]


def _swap(word: str, rng: random.Random) -> str | None:
    spots = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
    if len(word) < 3 or not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _adjacent(word: str, rng: random.Random) -> str | None:
    if len(word) < 4:
        return None
    i = rng.randrange(1, len(word))
    if word[i] not in NEIGHBOURS:
        return None
    return word[:i] + rng.choice(NEIGHBOURS[word[i]]) + word[i + 1 :]


def _split(word: str, rng: random.Random) -> str | None:
    if len(word) < 6:
        return None
    i = rng.randrange(2, len(word) - 1)
    return word[:i] + " " + word[i:]


def _phonetic(word: str, rng: random.Random) -> str | None:
    for sound, spelling in PHONETIC:
        if sound in word[1:] or (sound in word and len(sound) > 1):
            return word.replace(sound, spelling, 1)
    return None


WordSlip = Callable[[str, random.Random], str | None]
WORD_SLIPS: dict[str, WordSlip] = {
    "drop": _drop,
    "double": _double,
    "swap": _swap,
    "adjacent": _adjacent,
    "split": _split,
    "phonetic": _phonetic,
}


def _english() -> dict[str, int] | None:
    """pyspellchecker's English word frequencies, if it is installed."""
    try:
        from spellchecker import SpellChecker  # type: ignore[import-not-found]
    except ImportError:
        return None
    return dict(SpellChecker().word_frequency.dictionary)


def _real_word(english: dict[str, int]) -> WordSlip:
    """A word replaced by a frequent real word one substitution away ("tip" -> "top")."""

    def slip(word: str, rng: random.Random) -> str | None:
        if len(word) < 3:
            return None
        found = sorted(
            {
                word[:i] + c + word[i + 1 :]
                for i in range(len(word))
                for c in NEIGHBOURS.get(word[i], "") + "aeiou"
                if c != word[i] and english.get(word[:i] + c + word[i + 1 :], 0) > 50_000
            }
        )
        return rng.choice(found) if found else None

    return slip


def slipped(utterance: str, kind: str, slip: WordSlip | None, seed: int) -> str | None:
    """The utterance typed with one slip of a kind, or None if no word takes it."""
    rng = random.Random(f"{seed}:{kind}:{utterance}")
    words = utterance.split()
    if kind == "join":
        if len(words) < 2:
            return None
        i = rng.randrange(len(words) - 1)
        return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])
    assert slip is not None
    spots = [i for i, w in enumerate(words) if w.isalpha()]
    rng.shuffle(spots)
    # Longer words first: a slip lands on the words people type, not on "a".
    spots.sort(key=lambda i: -min(len(words[i]), 5))
    for i in spots:
        typed = slip(words[i], rng)
        if typed is not None and typed != words[i]:
            return " ".join([*words[:i], typed, *words[i + 1 :]])
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sets", default="in_domain", help="in-domain file names, comma-separated")
    parser.add_argument("--locales", default=",".join(LOCALES))
    parser.add_argument("--misses", default="", help="print the misses of these kinds (or all)")
    args = parser.parse_args(argv)
    slips: dict[str, WordSlip | None] = {**WORD_SLIPS, "join": None}
    english = _english()
    if english is not None:
        slips["real_word"] = _real_word(english)
    skill = build_skill(None)
    show = set(args.misses.split(",")) if args.misses else set()
    for locale in args.locales.split(","):
        resolver = Resolver.from_locale(locale)
        folder = EVAL / locale
        groups: dict[str, list[evaluate.Case]] = {
            "in": [c for name in args.sets.split(",") for c in _cases(folder / f"{name}.tsv")],
            "ood": [
                c
                for path in sorted(folder.glob("*out_of_domain*.tsv"))
                for c in evaluate.load(path)
                if c.intent == FALLBACK_INTENT
            ],
            "safety": [
                c
                for path in sorted(folder.glob("*safety*.tsv"))
                if "negative" not in path.name and path.name != "safety_dev.tsv"
                for c in evaluate.load(path)
                if c.intent == SAFETY_INTENT
            ],
        }

        def run(cases: list[evaluate.Case], resolver: Resolver = resolver) -> evaluate.Report:
            return evaluate.evaluate(cases, resolver, lambda: Conversation(skill, resolver))

        line = [locale]
        for group, cases in groups.items():
            if not cases:
                continue
            clean = [o.case for o in run(cases).outcomes if o.ok]
            totals = [0, 0]
            parts = []
            for kind, slip in slips.items():
                typed = []
                for case in clean:
                    text = slipped(case.utterance, kind, slip, args.seed)
                    if text is not None:
                        typed.append(
                            evaluate.Case(case.line, text, case.intent, case.slots, case.context)
                        )
                report = run(typed)
                totals[0] += report.correct
                totals[1] += report.total
                parts.append(f"{kind} {report.accuracy:.0f}%")
                if kind in show or "all" in show:
                    for miss in report.misses:
                        print(
                            f"  {locale} {group} {kind}: {miss.case.utterance!r} "
                            f"{miss.case.intent} {miss.case.slots} -> {miss.intent} {miss.slots}"
                        )
            share = 100.0 * totals[0] / totals[1] if totals[1] else 100.0
            line.append(f"{group} {share:.1f}% of {totals[1]} ({', '.join(parts)})")
        print("\n  ".join(line), flush=True)
    return 0


def _cases(path: Path) -> list[evaluate.Case]:
    return evaluate.load(path) if path.exists() else []


if __name__ == "__main__":
    raise SystemExit(main())
