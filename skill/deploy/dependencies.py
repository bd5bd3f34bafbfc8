"""The Lambda function's third-party distributions: their pins and where their files come from."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from skill.deploy.errors import PackageError

REQUIREMENTS = Path(__file__).resolve().parent / "aws" / "requirements.txt"
"""The pins, shipped in the wheel; `lambda/requirements.txt` in a checkout points here."""

DEFAULT_PLATFORMS = ("manylinux2014_aarch64", "manylinux_2_28_aarch64")
"""Wheel platforms for the template's arm64 function."""

RUNTIME_DISTRIBUTIONS = (
    "ask-sdk-core",
    "ask-sdk-model",
    "ask-sdk-runtime",
    "python-dateutil",
    "six",
    "requests",
    "urllib3",
    "idna",
    "charset-normalizer",
    "certifi",
)
"""ask-sdk-core and everything it requires; tests check this against the installed metadata."""

# Installer bookkeeping that differs between installs and is not read at run time.
_DROPPED_METADATA = ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")


class DependencySource(Protocol):
    """Puts distributions (import packages plus their dist-info) into a folder."""

    def install(self, requirements: Sequence[str], target: Path) -> None:
        """Install exactly these `name==version` requirements, without their dependencies."""


@dataclass(frozen=True)
class PipDownload:
    """Install wheels for the Lambda runtime with pip (needs PyPI or a mirror at build time)."""

    python_version: str
    """The Lambda runtime's Python, e.g. "3.13"."""
    platforms: tuple[str, ...] = DEFAULT_PLATFORMS
    """Wheel platform tags that run on the Lambda architecture."""

    def install(self, requirements: Sequence[str], target: Path) -> None:
        """Run `pip install --target` with binary wheels for the target platform only."""
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile"]
        command += ["--target", str(target), "--only-binary=:all:", "--implementation", "cp"]
        command += ["--python-version", self.python_version]
        for platform in self.platforms:
            command += ["--platform", platform]
        result = subprocess.run(
            [*command, *requirements], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
            reason = errors[0] if errors else f"exit code {result.returncode}"
            raise PackageError(f"pip could not install the dependencies: {reason}")


@dataclass(frozen=True)
class InstalledDistributions:
    """Copy installed distributions (offline): this environment's, or a `pip --target` folder's."""

    folder: Path | None = None
    """Where to look; None: this interpreter's environment (then only right for its Python)."""

    def install(self, requirements: Sequence[str], target: Path) -> None:
        """Copy each distribution's installed files, as its metadata lists them."""
        where = [str(self.folder)] if self.folder is not None else sys.path
        for requirement in requirements:
            name, _, version = requirement.partition("==")
            found = list(importlib.metadata.distributions(name=name, path=where))
            if not found:
                raise PackageError(f"{name} is not installed in {self.folder or sys.prefix}")
            distribution = found[0]
            if version and distribution.version != version:
                raise PackageError(f"{name} {distribution.version} is installed, not {version}")
            for file in distribution.files or ():
                relative = Path(str(file))
                if ".." in relative.parts or "__pycache__" in relative.parts:
                    continue
                source = Path(str(distribution.locate_file(file)))
                if source.is_file():
                    destination = target / relative
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, destination)


def pinned(path: Path = REQUIREMENTS) -> tuple[str, ...]:
    """The `name==version` pins of requirements.txt, checked against ask-sdk's closure.

    The same file constrains the development install (`make install`), so the zip bundles
    exactly the versions the tests ran with.
    """
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise PackageError(f"cannot read {path}: {error.strerror}") from error
    requirements = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        name, separator, version = text.partition("==")
        if not separator or not version.strip():
            raise PackageError(f"{path}: pin every requirement as name==version, not {text!r}")
        requirements.append(f"{name.strip()}=={version.strip()}")
    names = {normalise(r.partition("==")[0]) for r in requirements}
    expected = {normalise(name) for name in RUNTIME_DISTRIBUTIONS}
    if names != expected:
        raise PackageError(
            f"{path} must pin exactly ask-sdk-core and what it requires: "
            f"missing {sorted(expected - names)}, extra {sorted(names - expected)}"
        )
    return tuple(requirements)


def import_names(distributions: Iterable[str]) -> set[str]:
    """Top-level import names the given installed distributions provide."""
    wanted = {normalise(d) for d in distributions}
    return {
        name
        for name, providers in importlib.metadata.packages_distributions().items()
        if any(normalise(p) in wanted for p in providers)
    }


def normalise(name: str) -> str:
    """A distribution name in its canonical form (PEP 503): lower case, runs of -_. as -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def strip_installer_files(stage: Path) -> None:
    """Drop what pip adds for itself: scripts, caches, per-install metadata."""
    for scripts in ("bin", "Scripts"):
        shutil.rmtree(stage / scripts, ignore_errors=True)
    for cache in list(stage.rglob("__pycache__")):
        shutil.rmtree(cache)
    for name in _DROPPED_METADATA:
        for path in stage.glob(f"*.dist-info/{name}"):
            path.unlink()
