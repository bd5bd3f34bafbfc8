"""The size of each kind of screen, as Alexa counts it: bytes of the RenderDocument directive.

For every kind, the largest over every locale and every strategy or step it can show, beside
the largest whole response envelope that carried it in a session on an Echo Show 8 in every
locale (Alexa refuses a response over 24 KB).
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
from tests.test_screens import _walk_everything, directive_bytes, variants  # noqa: E402


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
    responses = _largest_responses()
    print(
        f"{'kind':<10} {'document':>9} {'datasource':>11} {'directive':>10} {'response':>9}"
        f"  (bytes; Alexa's limit {MAX_RESPONSE_BYTES})"
    )
    for kind, (document, datasource, total) in sorted(largest.items()):
        print(f"{kind:<10} {document:>9} {datasource:>11} {total:>10} {responses.get(kind, 0):>9}")
    return 0


def _largest_responses() -> dict[str, int]:
    """The largest whole response envelope carrying each kind, over a session in every locale."""
    import tempfile

    from skill.builder import build_skill
    from skill.hosts.local.conversation import Conversation
    from skill.persistence import SQLiteAdapter

    found: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        skill = build_skill(SQLiteAdapter(Path(folder) / "sizes.sqlite3"))
        for locale in locales.content_locales():
            talk = Conversation(skill, user=f"sizes-{locale}", locale=locale, device="show")
            for exchange in _walk_everything(talk):
                if exchange.screen is None:
                    continue
                kind = exchange.screen["token"].removeprefix(screens.TOKEN_PREFIX)
                size = len(json.dumps(exchange.response, ensure_ascii=False).encode())
                found[kind] = max(found.get(kind, 0), size)
    return found


if __name__ == "__main__":
    sys.exit(main())
