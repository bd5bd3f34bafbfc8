"""Imports run one way: hosts and deploy → the conversation, content, state → speech, models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each room and the rooms it must never import (directly, at any depth of its own modules).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "speech": ("skill", "interaction_model"),
    "interaction_model": ("skill", "speech"),
    "skill/conversation": ("skill.hosts", "skill.deploy"),
    "skill/content": ("skill.hosts", "skill.deploy", "skill.conversation", "skill.persistence"),
    "skill/persistence": ("skill.hosts", "skill.deploy", "skill.conversation"),
}


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module a file of ``package`` imports (absolute names; relative imports resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _cases() -> list[tuple[str, Path]]:
    return [(room, path) for room in FORBIDDEN for path in sorted((ROOT / room).rglob("*.py"))]


@pytest.mark.parametrize(("room", "path"), _cases(), ids=str)
def test_imports_run_one_way(room: str, path: Path) -> None:
    wrong = sorted(
        name
        for name in imported_modules(path, ".".join(path.relative_to(ROOT).parts[:-1]))
        for banned in FORBIDDEN[room]
        if name == banned or name.startswith(banned + ".")
    )
    assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


def test_the_check_sees_absolute_relative_and_lazy_imports(tmp_path: Path) -> None:
    sample = tmp_path / "probe.py"
    sample.write_text(
        "from skill.hosts import runtime\nfrom ..deploy import package\n"
        "def later() -> None:\n    import skill.hosts.web.app\n",
        "utf-8",
    )
    found = imported_modules(sample, "skill.conversation")
    assert {"skill.hosts.runtime", "skill.deploy.package", "skill.hosts.web.app"} <= found
