"""The zip itself: stage the first-party files, check what is in it, write it reproducibly."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

from skill.deploy.errors import PackageError
from skill.deploy.imports import FORBIDDEN_TOP_LEVEL

ZIP_NAME = "lambda.zip"
"""The deployment package's file name in the output folder."""

PACKAGE_DATA: Mapping[str, tuple[str, ...]] = {
    "skill": ("locales.json", "content/locales/*/content.toml", "screens/documents/*.json")
}
"""Data files the packaged modules read at run time, per package (globs, not recursive)."""

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def stage_first_party(
    stage: Path, modules: Mapping[str, Path], package_dirs: Mapping[str, Path]
) -> None:
    """Copy the reached modules and the data files their packages read into the stage."""
    files: dict[Path, Path] = {}
    for module, path in modules.items():
        top, *rest = module.split(".")
        relative = Path(top, *rest, "__init__.py") if path.name == "__init__.py" else None
        files[relative or Path(top, *rest).with_suffix(".py")] = path
    for package, patterns in PACKAGE_DATA.items():
        if package in modules:
            for pattern in patterns:
                for path in sorted(package_dirs[package].glob(pattern)):
                    if path.is_file():
                        files[Path(package) / path.relative_to(package_dirs[package])] = path
    for relative, path in sorted(files.items()):
        destination = stage / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def entries(stage: Path) -> tuple[str, ...]:
    """Every file name under stage, sorted; fails when a forbidden top-level name is there."""
    names = tuple(sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file()))
    tops = {name.split("/")[0].removesuffix(".py") for name in names}
    forbidden = sorted(tops & FORBIDDEN_TOP_LEVEL)
    if forbidden:
        raise PackageError(f"the package would contain {', '.join(forbidden)}")
    return names


def write_zip(folder: Path, zip_path: Path) -> None:
    """Zip a folder reproducibly: sorted names, fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
            if path.is_file():
                info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_ZIP_DATE)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)
    zip_path.write_bytes(buffer.getvalue())
