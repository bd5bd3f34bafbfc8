"""The locale content as Lambda reads it: each content.toml turned into the same data as JSON."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path


def compile_content(locales_dir: Path) -> None:
    """Replace each locale's TOML content with the same data as JSON (faster to load)."""
    for source in sorted(locales_dir.glob("*/content.toml")):
        data = tomllib.loads(source.read_text("utf-8"))
        source.with_suffix(".json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
        source.unlink()
