"""The size of each kind of screen, as Alexa counts it: bytes of the RenderDocument directive.

For every kind, the largest over every locale and every strategy or step it can show, beside
the largest whole response envelope that carries it (Alexa refuses a response over 24 KB).
Run: `python scripts/screen_sizes.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skill import content, locales, screens  # noqa: E402
from skill.hosts.runtime import MAX_RESPONSE_BYTES  # noqa: E402
from tests.test_screens import directive_bytes, variants  # noqa: E402


def main() -> int:
    """Print one line per kind: document bytes, datasource bytes, directive bytes (largest)."""
    largest: dict[str, tuple[int, int, int]] = {}
    for locale in locales.content_locales():
        words = content.load(locale)
        for kind, data in variants(words):
            directive = screens.render(kind, words, **data)
            document = len(json.dumps(directive["document"], ensure_ascii=False).encode())
            datasource = len(json.dumps(directive["datasources"], ensure_ascii=False).encode())
            sizes = (document, datasource, directive_bytes(directive))
            largest[kind] = max(largest.get(kind, sizes), sizes, key=lambda s: s[2])
    print(
        f"{'kind':<8} {'document':>9} {'datasource':>11} {'directive':>10}  of {MAX_RESPONSE_BYTES}"
    )
    for kind, (document, datasource, total) in sorted(largest.items()):
        share = total / MAX_RESPONSE_BYTES
        print(f"{kind:<8} {document:>9} {datasource:>11} {total:>10}  {share:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
