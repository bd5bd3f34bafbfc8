"""`build_package`: lambda.zip, the SAM template for its runtime, and the ASK CLI project."""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from skill.deploy import archive, manifest, template
from skill.deploy.bytecode import Target, compile_tree, find_interpreter
from skill.deploy.content import compile_content
from skill.deploy.dependencies import (
    DependencySource,
    PipDownload,
    pinned,
    strip_installer_files,
)
from skill.deploy.errors import PackageError
from skill.deploy.imports import lambda_modules, package_dirs

_LOGGER = logging.getLogger(__name__)

ENTRY = Path(__file__).resolve().parent / "aws" / "lambda_function.py"
"""The zip's lambda_function.py (the template's Handler), shipped in the wheel."""


@dataclass(frozen=True)
class PackageResult:
    """What `build_package` wrote."""

    out_dir: Path
    """The output folder: lambda.zip, template.yaml and the ASK CLI project."""
    zip_path: Path
    """The Lambda deployment package."""
    zip_bytes: int
    """Size of lambda.zip."""
    template_path: Path
    """The SAM template for the target runtime, its CodeUri naming lambda.zip."""
    runtime: str
    """The Lambda runtime the template names, e.g. "python3.13"."""
    modules: tuple[str, ...]
    """First-party modules in the zip, e.g. "skill.builder"."""
    requirements: tuple[str, ...]
    """Bundled distributions as `name==version`."""
    locales: tuple[str, ...]
    """Locales of the interaction models and of the manifest."""
    compiled_for: str | None
    """The Python version the zip's .pyc files are for, or None when not compiled."""
    not_compiled: str | None = None
    """Why there is no bytecode and what it costs (one line), when a compile was wanted."""
    entries: tuple[str, ...] = field(repr=False, default=())
    """Every file name in the zip, sorted."""


def _writable(out_dir: Path) -> None:
    """Fail early, in one line, when out_dir cannot be a folder we write into."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except FileExistsError:
        raise PackageError(f"--out {out_dir} is a file, not a folder") from None
    except OSError as error:
        raise PackageError(f"cannot write into --out {out_dir}: {error.strerror}") from None


def build_package(
    out_dir: Path,
    *,
    target: Target | None = None,
    dependencies: DependencySource | None = None,
    endpoint: str | None = None,
) -> PackageResult:
    """Write lambda.zip, template.yaml and the ASK CLI project (ask-resources.json, skill-package/).

    Dependencies come from pip for the target runtime unless another source is given.
    `endpoint` is the function's ARN for the manifest; without it the manifest has none yet.
    """
    target = target or Target(template.default_runtime())
    dependencies = dependencies or PipDownload(python_version=target.python_version)
    dirs = package_dirs()
    models = manifest.interaction_models(dirs["interaction_model"])
    skill_json = manifest.skill_manifest(
        manifest.load_shared(), manifest.load_store_texts(), endpoint
    )  # fail before the slow part
    modules = lambda_modules(ENTRY)
    requirements = pinned()
    interpreter = find_interpreter(target) if target.compile else None
    _writable(out_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="trust-coach-package-") as temp:
            stage = Path(temp)
            dependencies.install(requirements, stage)
            strip_installer_files(stage)
            shutil.copyfile(ENTRY, stage / ENTRY.name)
            archive.stage_first_party(stage, modules, dirs)
            compile_content(stage / "skill" / "content" / "locales")
            bytecode = compile_tree(stage, target, interpreter)
            entries = archive.entries(stage)
            zip_path = out_dir / archive.ZIP_NAME
            archive.write_zip(stage, zip_path)
        template_path = template.write_template(out_dir, target.runtime)
        locales = manifest.write_ask_project(out_dir, models, skill_json)
    except OSError as error:
        raise PackageError(f"cannot write {error.filename or out_dir}: {error.strerror}") from None
    result = PackageResult(
        out_dir=out_dir,
        zip_path=zip_path,
        zip_bytes=zip_path.stat().st_size,
        template_path=template_path,
        runtime=target.runtime,
        modules=tuple(sorted(modules)),
        requirements=requirements,
        locales=locales,
        compiled_for=bytecode.compiled_for,
        not_compiled=bytecode.skipped,
        entries=entries,
    )
    _LOGGER.info("wrote %s (%s bytes)", zip_path, result.zip_bytes)
    return result
