"""The wheel ships every package and every data file of the source tree (a pip install works)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("skill", "speech", "interaction_model")
NOT_SHIPPED = ("__pycache__",)


def _source_files() -> set[str]:
    """Every file under the packages, as the wheel would name it (caches aside)."""
    files = set()
    for top in PACKAGES:
        for path in (ROOT / top).rglob("*"):
            relative = path.relative_to(ROOT)
            if path.is_file() and not set(relative.parts) & set(NOT_SHIPPED):
                files.add(relative.as_posix())
    return files


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """File names in a wheel built from a copy of this checkout, once for the module."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to copy")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    # A copy without build/ or egg-info leftovers, as a fresh clone has.
    tracked = (
        subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "ls-files",
                "--cached",
                "--others",
                "--exclude-standard",
                "-z",
            ],
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        path = ROOT / name
        if path.is_file() and not path.is_symlink():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, source / name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(work / "dist"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=source,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line.lower()]
    assert warnings == [], "\n".join(warnings)
    (wheel,) = (work / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_holds_every_module_and_data_file(wheel_names: set[str]) -> None:
    missing = sorted(_source_files() - wheel_names)
    assert missing == []


def test_wheel_holds_what_the_code_reads(wheel_names: set[str]) -> None:
    read_at_run_time = {
        "skill/locales.json",
        "skill/content/locales/en-US/content.toml",
        "skill/content/locales/en-US/manifest.toml",
        "skill/deploy/manifest.toml",
        "skill/deploy/aws/lambda_function.py",
        "skill/deploy/aws/requirements.txt",
        "skill/deploy/aws/template.yaml",
        "interaction_model/en-US.json",
        "interaction_model/builtins/en-US.json",
        "skill/persistence/__init__.py",
        "skill/hosts/aws.py",
    }
    assert read_at_run_time <= wheel_names


def test_wheel_has_the_licence_and_nothing_outside_the_packages(wheel_names: set[str]) -> None:
    tops = {name.split("/")[0] for name in wheel_names}
    assert {top for top in tops if not top.endswith(".dist-info")} == set(PACKAGES)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in wheel_names)
