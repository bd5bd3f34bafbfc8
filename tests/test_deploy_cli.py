"""`python -m skill.deploy` as a user runs it: no interpreter, bad --out; one line, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from skill.deploy.dependencies import InstalledDistributions, pinned

ROOT = Path(__file__).resolve().parent.parent
OTHER_RUNTIME = "python3.99"
"""A runtime no machine has an interpreter for."""


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skill.deploy", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
    )


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="module")
def wheels_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pinned distributions in a `pip install --target` layout, copied from this venv."""
    folder = tmp_path_factory.mktemp("target")
    InstalledDistributions().install(pinned(), folder)
    return folder


def test_no_interpreter_for_the_runtime_builds_without_bytecode_and_says_so(
    wheels_folder: Path, tmp_path: Path
) -> None:
    shims = tmp_path / "shims"
    shims.mkdir()
    # Like a pyenv shim for a version that is not selected: it exists and fails.
    shim = shims / OTHER_RUNTIME
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.99: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = tmp_path / "out"
    result = _run(
        "--out", str(out), "--runtime", OTHER_RUNTIME, "--from-folder", str(wheels_folder), env=env
    )
    assert result.returncode == 0, result.stderr
    line = _one_line(result.stderr)
    assert "every cold start compiles every module" in line
    assert "--interpreter PATH" in line
    assert "uncompiled" in result.stdout
    with zipfile.ZipFile(out / "lambda.zip") as archive:
        assert not [name for name in archive.namelist() if name.endswith(".pyc")]
    assert f"Runtime: {OTHER_RUNTIME}" in (out / "template.yaml").read_text("utf-8")


def test_a_named_interpreter_of_the_wrong_version_is_one_line(tmp_path: Path) -> None:
    result = _run(
        "--out", str(tmp_path), "--runtime", OTHER_RUNTIME, "--interpreter", sys.executable
    )
    assert result.returncode == 1
    assert "not 3.99" in _one_line(result.stderr)
    assert not (tmp_path / "lambda.zip").exists()


def test_out_is_a_file(tmp_path: Path) -> None:
    file = tmp_path / "build"
    file.write_text("not a folder")
    result = _run("--out", str(file), "--from-installed", "--runtime", _running())
    assert result.returncode == 1
    assert "is a file" in _one_line(result.stderr)
    assert file.read_text() == "not a folder"


def test_out_is_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        # root writes anyway; /proc takes no new folders from anyone.
        folder = Path("/proc/trust-coach-package")
        if not Path("/proc").is_dir():
            pytest.skip("no read-only folder to try (running as root without /proc)")
    result = _run("--out", str(folder / "build"), "--from-installed", "--runtime", _running())
    assert result.returncode == 1
    assert "cannot write" in _one_line(result.stderr)


def test_a_bad_runtime_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("--out", str(tmp_path), "--runtime", "nodejs20.x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "not a Lambda Python runtime" in result.stderr


def _running() -> str:
    return f"python{sys.version_info.major}.{sys.version_info.minor}"
