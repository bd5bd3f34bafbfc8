"""Imports run one way: hosts and deploy → the conversation, content, state → speech, models."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.deploy.imports import module_imports

ROOT = Path(__file__).resolve().parent.parent

# Each room and the rooms it must never import (directly, at any depth of its own modules).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "speech": ("skill", "interaction_model"),
    "interaction_model": ("skill", "speech"),
    "skill/conversation": ("skill.hosts", "skill.deploy"),
    "skill/content": ("skill.hosts", "skill.deploy", "skill.conversation", "skill.persistence"),
    "skill/persistence": ("skill.hosts", "skill.deploy", "skill.conversation"),
    "skill/screens": ("skill.hosts", "skill.deploy", "skill.conversation", "skill.persistence"),
}


def imported_modules(path: Path, module: str) -> set[str]:
    """Every module (or module-or-name) a file imports: the deploy's own import walker."""
    required, maybe = module_imports(path, module)
    return required | maybe


def _module_name(path: Path) -> str:
    """``skill/persistence/__init__.py`` → ``skill.persistence``; other files by their path."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _cases() -> list[tuple[str, Path]]:
    return [(room, path) for room in FORBIDDEN for path in sorted((ROOT / room).rglob("*.py"))]


@pytest.mark.parametrize(("room", "path"), _cases(), ids=str)
def test_imports_run_one_way(room: str, path: Path) -> None:
    wrong = sorted(
        name
        for name in imported_modules(path, _module_name(path))
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
    found = imported_modules(sample, "skill.conversation.probe")
    assert {"skill.hosts.runtime", "skill.deploy.package", "skill.hosts.web.app"} <= found
