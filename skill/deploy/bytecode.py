"""Bytecode for the Lambda runtime: find a Python of its version and compile the zip's tree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from skill.deploy.errors import PackageError

LAMBDA_TASK_ROOT = "/var/task"
"""Where Lambda unpacks the zip; compiled files name their sources there."""

_RUNTIME = re.compile(r"python(3\.\d+)")
_PROBE = "import sys; print('%d.%d' % sys.version_info[:2])"
# A pyenv shim answers at once when it fails; a real interpreter starts in well under this.
_PROBE_SECONDS = 30


def python_version(runtime: str) -> str:
    """The Python version of a Lambda runtime name: "python3.13" -> "3.13"."""
    match = _RUNTIME.fullmatch(runtime)
    if match is None:
        raise PackageError(f"not a Lambda Python runtime: {runtime!r} (expected e.g. python3.13)")
    return match.group(1)


@dataclass(frozen=True)
class Target:
    """The Lambda runtime the package is built for: the template and the bytecode follow it."""

    runtime: str
    """The Lambda runtime name, e.g. "python3.13"; compiled files only load on its version."""
    interpreter: Path | None = None
    """A Python of that version to compile with; found on PATH (python3.13) when None."""
    compile: bool = True
    """Compile ahead of time; without it, Lambda compiles every module at every cold start."""

    @property
    def python_version(self) -> str:
        """Major.minor of the runtime, e.g. "3.13"."""
        return python_version(self.runtime)

    @classmethod
    def running(cls) -> Target:
        """This interpreter's version (what tests and local benchmarks run)."""
        return cls(runtime=f"python{sys.version_info.major}.{sys.version_info.minor}")


@dataclass(frozen=True)
class Bytecode:
    """What compiling did: the version compiled for, or why nothing was compiled."""

    compiled_for: str | None
    """The Python version of the .pyc files, or None."""
    skipped: str | None = None
    """Why there is no bytecode and what that costs, in one line; None when compiled or asked."""


def _version_of(interpreter: Path) -> str | None:
    """The major.minor an interpreter reports, or None when it does not run (a pyenv shim)."""
    try:
        result = subprocess.run(
            [str(interpreter), "-I", "-c", _PROBE],
            capture_output=True,
            text=True,
            check=False,
            timeout=_PROBE_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    version = result.stdout.strip()
    return version if result.returncode == 0 and version else None


def find_interpreter(target: Target) -> Path | None:
    """A working Python of the target's version, or None; a named interpreter must be right."""
    wanted = target.python_version
    if target.interpreter is not None:
        version = _version_of(target.interpreter)
        if version is None:
            raise PackageError(f"--interpreter {target.interpreter} does not run")
        if version != wanted:
            raise PackageError(
                f"--interpreter {target.interpreter} is Python {version}, not {wanted}"
            )
        return target.interpreter
    if wanted == Target.running().python_version:
        return Path(sys.executable)
    found = shutil.which(f"python{wanted}")
    if found is None or _version_of(Path(found)) != wanted:
        return None
    return Path(found)


def compile_tree(stage: Path, target: Target, interpreter: Path | None = None) -> Bytecode:
    """Compile every module under stage for the target's Python, when such a Python is here.

    `interpreter` is what `find_interpreter` found (looked up here when None).
    """
    if not target.compile:
        return Bytecode(compiled_for=None)
    interpreter = interpreter or find_interpreter(target)
    if interpreter is None:
        wanted = target.python_version
        return Bytecode(
            compiled_for=None,
            skipped=(
                f"no working python{wanted} here, so lambda.zip has no bytecode and every cold "
                f"start compiles every module; pass --interpreter PATH to a Python {wanted}"
            ),
        )
    # A fresh, isolated interpreter with a fixed hash seed writes the same bytes every time;
    # third-party docstrings with invalid escapes only warn, so warnings are silenced.
    command = [str(interpreter), "-s", "-W", "ignore", "-m", "compileall", "-q", "-o", "0"]
    command += ["--invalidation-mode", "unchecked-hash", "-s", str(stage), "-p", LAMBDA_TASK_ROOT]
    result = subprocess.run(
        [*command, str(stage)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONHASHSEED": "0"},
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise PackageError(f"some modules do not compile: {output[-1] if output else '?'}")
    return Bytecode(compiled_for=target.python_version)
