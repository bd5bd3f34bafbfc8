"""Build what a deploy needs: `lambda.zip` for AWS Lambda and an ASK CLI v2 skill project.

The zip holds `lambda_function.py`, the first-party modules Lambda's import graph reaches
(found by reading their imports, so the CLI, web and voice modules stay out), the locale
content, and the runtime dependencies. boto3 is left out: every Lambda Python runtime has it.
Everything is compiled ahead of time for the target Python, because Lambda cannot write
`__pycache__` into the deployment package and would otherwise compile at every cold start.
"""

from __future__ import annotations

import argparse
import ast
import importlib.metadata
import io
import json
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from skill.errors import TrustCoachError

_LOGGER = logging.getLogger(__name__)

SOURCE_ROOT = Path(__file__).resolve().parents[2]
"""The checkout this module lives in: `lambda/`, `skill/`, `speech/`, `interaction_model/`."""

DEFAULT_TARGET_PYTHON = "3.13"
"""The Lambda runtime `lambda/template.yaml` names (python3.13)."""

DEFAULT_PLATFORMS = ("manylinux2014_aarch64", "manylinux_2_28_aarch64")
"""Wheel platforms for the template's arm64 functions."""

FIRST_PARTY = frozenset({"skill", "speech", "interaction_model"})
"""Top-level packages of this project; the zip takes only the modules Lambda reaches."""

PACKAGE_DATA: Mapping[str, tuple[str, ...]] = {
    "skill": ("locales.json", "content/locales/*/content.toml")
}
"""Data files the packaged modules read at run time, per package (globs, not recursive)."""

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

LAMBDA_PROVIDED = frozenset({"boto3", "botocore"})
"""Imports every Lambda Python runtime already has."""

OFF_LAMBDA_IMPORTS = frozenset({"platformdirs"})
"""Imported lazily only off Lambda (the SQLite file's default place); not packaged."""

FORBIDDEN_TOP_LEVEL = frozenset(
    {
        "flask",
        "werkzeug",
        "waitress",
        "cryptography",
        "pyttsx3",
        "pocketsphinx",
        "sounddevice",
        "hassil",
        "interaction_model",
        "boto3",
        "botocore",
        "moto",
        "tests",
        "pytest",
        "_pytest",
        "mypy",
        "ruff",
    }
)
"""Names that must never reach the zip: web, voice, resolver, AWS SDK, tests and dev tools."""

LAMBDA_TASK_ROOT = "/var/task"
"""Where Lambda unpacks the zip; compiled files name their sources there."""

ZIP_NAME = "lambda.zip"
"""The deployment package's file name in the output folder."""

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_LOCALE_FILE = re.compile(r"^[a-z]{2}-[A-Z]{2}\.json$")
# Installer bookkeeping that differs between installs and is not read at run time.
_DROPPED_METADATA = ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")


class PackageError(TrustCoachError):
    """The deployment package cannot be built."""


class DependencySource(Protocol):
    """Puts distributions (import packages plus their dist-info) into a folder."""

    def install(self, requirements: Sequence[str], target: Path) -> None:
        """Install exactly these `name==version` requirements, without their dependencies."""


@dataclass(frozen=True)
class PipDownload:
    """Install wheels for the Lambda runtime with pip (needs PyPI or a mirror at build time)."""

    python_version: str = DEFAULT_TARGET_PYTHON
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
            raise PackageError(f"pip could not install the dependencies:\n{result.stderr}")


@dataclass(frozen=True)
class InstalledDistributions:
    """Copy distributions from this interpreter's environment (offline; same Python only)."""

    def install(self, requirements: Sequence[str], target: Path) -> None:
        """Copy each distribution's installed files, as its metadata lists them."""
        for requirement in requirements:
            name, _, version = requirement.partition("==")
            distribution = importlib.metadata.distribution(name)
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


@dataclass(frozen=True)
class Target:
    """The Lambda runtime the package is built for."""

    python_version: str = DEFAULT_TARGET_PYTHON
    """Major.minor of the runtime; compiled files only load on this version."""
    interpreter: Path | None = None
    """A Python of that version to compile with; found on PATH (python3.13) when None."""
    compile: bool = True
    """Compile ahead of time; without it, Lambda compiles every module at every cold start."""

    @classmethod
    def running(cls) -> Target:
        """This interpreter's version (what tests and local benchmarks run)."""
        return cls(python_version=f"{sys.version_info.major}.{sys.version_info.minor}")


@dataclass(frozen=True)
class PackageResult:
    """What `build_package` wrote."""

    out_dir: Path
    """The output folder: lambda.zip and the ASK CLI project."""
    zip_path: Path
    """The Lambda deployment package."""
    zip_bytes: int
    """Size of lambda.zip."""
    modules: tuple[str, ...]
    """First-party modules in the zip, e.g. "skill.builder"."""
    requirements: tuple[str, ...]
    """Bundled distributions as `name==version`."""
    locales: tuple[str, ...]
    """Locales of the interaction models and of the manifest."""
    compiled_for: str | None
    """The Python version the zip's .pyc files are for, or None when not compiled."""
    entries: tuple[str, ...] = field(repr=False, default=())
    """Every file name in the zip, sorted."""


def build_package(
    out_dir: Path,
    *,
    target: Target | None = None,
    dependencies: DependencySource | None = None,
    source_root: Path = SOURCE_ROOT,
    models_dir: Path | None = None,
    manifest: Mapping[str, Any] | None = None,
    endpoint: str | None = None,
) -> PackageResult:
    """Write `lambda.zip` and the ASK CLI project (ask-resources.json, skill-package/) to out_dir.

    Dependencies come from pip for the target runtime unless another source is given.
    `endpoint` is the function's ARN for the manifest; without it the manifest has none yet.
    """
    target = target or Target()
    dependencies = dependencies or PipDownload(python_version=target.python_version)
    models_dir = models_dir or source_root / "interaction_model"
    manifest = manifest if manifest is not None else load_manifest_data()
    entry = source_root / "lambda" / "lambda_function.py"
    if not entry.is_file():
        raise PackageError(f"{entry} not found: run the build from a source checkout")
    models = interaction_models(models_dir)
    skill_manifest(manifest, tuple(models), endpoint)  # fail before the slow part
    modules = lambda_modules(entry, source_root)
    requirements = pinned(source_root)

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trust-coach-package-") as temp:
        stage = Path(temp)
        dependencies.install(requirements, stage)
        _strip_installer_files(stage)
        shutil.copyfile(entry, stage / entry.name)
        for path in _first_party_files(modules, source_root):
            destination = stage / path.relative_to(source_root)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
        compile_content(stage / "skill" / "content" / "locales")
        compiled_for = compile_tree(stage, target)
        entries = _check_contents(stage)
        zip_path = out_dir / ZIP_NAME
        write_zip(stage, zip_path)
    locales = write_ask_project(out_dir, models_dir, manifest, endpoint)
    result = PackageResult(
        out_dir=out_dir,
        zip_path=zip_path,
        zip_bytes=zip_path.stat().st_size,
        modules=tuple(sorted(modules)),
        requirements=requirements,
        locales=locales,
        compiled_for=compiled_for,
        entries=entries,
    )
    _LOGGER.info("wrote %s (%s bytes)", zip_path, result.zip_bytes)
    return result


def pinned(source_root: Path = SOURCE_ROOT) -> tuple[str, ...]:
    """The `name==version` pins of `lambda/requirements.txt`, checked against ask-sdk's closure.

    The same file constrains the development install (`make install`), so the zip bundles
    exactly the versions the tests ran with.
    """
    path = source_root / "lambda" / "requirements.txt"
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise PackageError(f"cannot read {path}: {error}") from error
    requirements = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        name, separator, version = text.partition("==")
        if not separator or not version.strip():
            raise PackageError(f"{path}: pin every requirement as name==version, not {text!r}")
        requirements.append(f"{name.strip()}=={version.strip()}")
    names = {_normalise(r.partition("==")[0]) for r in requirements}
    expected = {_normalise(name) for name in RUNTIME_DISTRIBUTIONS}
    if names != expected:
        raise PackageError(
            f"{path} must pin exactly ask-sdk-core and what it requires: "
            f"missing {sorted(expected - names)}, extra {sorted(names - expected)}"
        )
    return tuple(requirements)


def _module_file(module: str, source_root: Path) -> Path | None:
    base = source_root.joinpath(*module.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, module: str) -> tuple[set[str], set[str]]:
    """What a module imports, including inside functions: (modules, maybe modules).

    `from a import b` needs module `a`; `a.b` is a module or just a name in `a`.
    """
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    required: set[str] = set()
    optional: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            required.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                prefix = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{prefix}.{base}" if base else prefix
            required.add(base)
            optional.update(f"{base}.{alias.name}" for alias in node.names)
    return required, optional


def lambda_modules(entry: Path, source_root: Path = SOURCE_ROOT) -> dict[str, Path]:
    """The first-party modules `entry` can reach through its imports, with their files.

    Raises PackageError when the graph imports something Lambda will not have.
    """
    modules: dict[str, Path] = {}
    third_party: dict[str, str] = {}
    pending = [(entry, "lambda_function")]
    seen: set[str] = set()
    while pending:
        path, name = pending.pop()
        required, optional = _imports(path, name)
        for imported in sorted(required | optional):
            top = imported.partition(".")[0]
            if top not in FIRST_PARTY:
                if top not in sys.stdlib_module_names and imported in required:
                    third_party.setdefault(top, name)
                continue
            parts = imported.split(".")
            # Every enclosing package's __init__ runs on import, so it is reached too.
            for depth in range(1, len(parts) + 1):
                candidate = ".".join(parts[:depth])
                found = _module_file(candidate, source_root)
                if found is None:
                    if depth < len(parts) or imported in required:
                        raise PackageError(
                            f"{name} imports {candidate}, which is not in {source_root}"
                        )
                    continue
                if candidate not in seen:
                    seen.add(candidate)
                    modules[candidate] = found
                    pending.append((found, candidate))
    bundled = _import_names(RUNTIME_DISTRIBUTIONS)
    for top, importer in sorted(third_party.items()):
        if top in FORBIDDEN_TOP_LEVEL - LAMBDA_PROVIDED:
            raise PackageError(f"{importer} imports {top}, which must not run on Lambda")
        if top not in bundled | LAMBDA_PROVIDED | OFF_LAMBDA_IMPORTS:
            raise PackageError(f"{importer} imports {top}, which the package does not bundle")
    return modules


def _import_names(distributions: Iterable[str]) -> set[str]:
    """Top-level import names the given installed distributions provide."""
    names: set[str] = set()
    for name, providers in importlib.metadata.packages_distributions().items():
        if any(_normalise(p) in {_normalise(d) for d in distributions} for p in providers):
            names.add(name)
    return names


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def compile_content(data_dir: Path) -> None:
    """Replace each locale's TOML content with the same data as JSON (faster to load)."""
    import tomllib

    for source in sorted(data_dir.glob("*/content.toml")):
        data = tomllib.loads(source.read_text("utf-8"))
        source.with_suffix(".json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
        source.unlink()


def _first_party_files(modules: Mapping[str, Path], source_root: Path) -> list[Path]:
    files = set(modules.values())
    for package, patterns in PACKAGE_DATA.items():
        if package in modules:
            for pattern in patterns:
                files.update(p for p in (source_root / package).glob(pattern) if p.is_file())
    return sorted(files)


def _strip_installer_files(stage: Path) -> None:
    """Drop what pip adds for itself: scripts, caches, per-install metadata."""
    for scripts in ("bin", "Scripts"):
        shutil.rmtree(stage / scripts, ignore_errors=True)
    for cache in list(stage.rglob("__pycache__")):
        shutil.rmtree(cache)
    for name in _DROPPED_METADATA:
        for path in stage.glob(f"*.dist-info/{name}"):
            path.unlink()


def compile_tree(stage: Path, target: Target) -> str | None:
    """Compile every module for the target Python; return that version, or None if skipped."""
    if not target.compile:
        _LOGGER.warning("not compiling: Lambda will compile every module at every cold start")
        return None
    interpreter = target.interpreter
    if interpreter is None:
        if target.python_version == Target.running().python_version:
            interpreter = Path(sys.executable)
        else:
            found = shutil.which(f"python{target.python_version}")
            if found is None:
                raise PackageError(
                    f"compiling for Python {target.python_version} needs that interpreter: "
                    "pass its path, or build without compiling"
                )
            interpreter = Path(found)
    version = subprocess.run(
        [str(interpreter), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if version != target.python_version:
        raise PackageError(f"{interpreter} is Python {version}, not {target.python_version}")
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
        raise PackageError(f"some modules do not compile:\n{result.stdout}{result.stderr}")
    return version


def _check_contents(stage: Path) -> tuple[str, ...]:
    entries = tuple(
        sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
    )
    tops = {entry.split("/")[0].removesuffix(".py") for entry in entries}
    forbidden = sorted(tops & FORBIDDEN_TOP_LEVEL)
    if forbidden:
        raise PackageError(f"the package would contain {', '.join(forbidden)}")
    return entries


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


def load_manifest_data() -> dict[str, Any]:
    """The store texts and answers from skill/deploy/manifest.toml."""
    text = resources.files("skill.deploy").joinpath("manifest.toml").read_text("utf-8")
    return tomllib.loads(text)


def interaction_models(models_dir: Path) -> dict[str, Path]:
    """The interaction model file of each locale in a folder (`en-US.json`, ...), by locale."""
    models = {
        path.stem: path
        for path in sorted(models_dir.glob("*.json"))
        if _LOCALE_FILE.match(path.name)
    }
    if not models:
        raise PackageError(f"no interaction models (<locale>.json) in {models_dir}")
    return models


def skill_manifest(
    data: Mapping[str, Any], locales: Sequence[str], endpoint: str | None = None
) -> dict[str, Any]:
    """skill.json for the ASK CLI: store texts and privacy answers for every model locale."""
    texts: Mapping[str, Any] = data["locales"]
    missing = sorted(set(locales) - set(texts))
    if missing:
        raise PackageError(f"skill.toml has no store texts for {', '.join(missing)}")
    privacy = data["privacy"]
    custom: dict[str, Any] = {}
    if endpoint:
        custom["endpoint"] = {"uri": endpoint}
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": {
                    locale: {
                        "name": texts[locale]["name"],
                        "summary": texts[locale]["summary"],
                        "description": texts[locale]["description"],
                        "examplePhrases": list(texts[locale]["example_phrases"]),
                        "keywords": list(texts[locale]["keywords"]),
                    }
                    for locale in locales
                },
                "category": data["category"],
                "distributionCountries": list(data["distribution_countries"]),
                "isAvailableWorldwide": data["is_available_worldwide"],
                "testingInstructions": data["testing_instructions"],
            },
            "privacyAndCompliance": {
                "allowsPurchases": privacy["allows_purchases"],
                "usesPersonalInfo": privacy["uses_personal_info"],
                "isChildDirected": privacy["is_child_directed"],
                "isExportCompliant": privacy["is_export_compliant"],
                "containsAds": privacy["contains_ads"],
            },
            "apis": {"custom": custom},
        }
    }


def write_ask_project(
    out_dir: Path,
    models_dir: Path,
    manifest: Mapping[str, Any] | None = None,
    endpoint: str | None = None,
) -> tuple[str, ...]:
    """Write ask-resources.json and skill-package/ (manifest, models); return the locales.

    Only the skill's metadata is deployed with the ASK CLI; the function and table go with SAM.
    """
    models = interaction_models(models_dir)
    manifest = manifest if manifest is not None else load_manifest_data()
    skill_json = skill_manifest(manifest, tuple(models), endpoint)
    resources_json = {
        "askcliResourcesVersion": "2020-03-31",
        "profiles": {"default": {"skillMetadata": {"src": "./skill-package"}}},
    }
    _write_json(out_dir / "ask-resources.json", resources_json)
    package = out_dir / "skill-package"
    _write_json(package / "skill.json", skill_json)
    custom = package / "interactionModels" / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    for stale in custom.glob("*.json"):
        if stale.stem not in models:
            stale.unlink()
    for locale, path in models.items():
        shutil.copyfile(path, custom / f"{locale}.json")
    return tuple(models)


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def add_package_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add `package [--out DIR] ...` to a command line; it sets `func` to `run_package`."""
    parser = subparsers.add_parser(
        "package",
        help="build lambda.zip and the ASK CLI project for a deploy",
        description=__doc__,
    )
    _add_arguments(parser)
    parser.set_defaults(func=run_package)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (build)")
    parser.add_argument(
        "--python",
        default=DEFAULT_TARGET_PYTHON,
        help=f"the Lambda runtime's Python version ({DEFAULT_TARGET_PYTHON})",
    )
    parser.add_argument(
        "--interpreter", type=Path, help="a Python of that version to compile with (PATH lookup)"
    )
    parser.add_argument(
        "--no-compile", action="store_true", help="skip compiling ahead of time (slower cold start)"
    )
    parser.add_argument(
        "--from-installed",
        action="store_true",
        help="copy dependencies from this environment instead of pip (offline; same Python)",
    )
    parser.add_argument("--endpoint", help="the Lambda function's ARN for skill.json")


def run_package(args: argparse.Namespace) -> int:
    """Build the package from parsed arguments and say what was written."""
    target = Target(
        python_version=args.python, interpreter=args.interpreter, compile=not args.no_compile
    )
    source: DependencySource = PipDownload(python_version=target.python_version)
    if args.from_installed:
        if target.python_version != Target.running().python_version:
            print(
                "trust-coach package: --from-installed copies this interpreter's packages, "
                f"so it needs --python {Target.running().python_version}",
                file=sys.stderr,
            )
            return 2
        source = InstalledDistributions()
    try:
        result = build_package(args.out, target=target, dependencies=source, endpoint=args.endpoint)
    except PackageError as error:
        print(f"trust-coach package: {error}", file=sys.stderr)
        return 1
    compiled = f"compiled for Python {result.compiled_for}" if result.compiled_for else "uncompiled"
    print(f"{result.zip_path}: {result.zip_bytes / 1e6:.1f} MB, {compiled}")
    print(f"ASK CLI project in {result.out_dir} for {', '.join(result.locales)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m skill.deploy.package`: the same as `trust-coach package`."""
    parser = argparse.ArgumentParser(prog="python -m skill.deploy.package", description=__doc__)
    _add_arguments(parser)
    return run_package(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
