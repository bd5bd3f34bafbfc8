"""Lambda's import graph: the first-party modules the entry point reaches, read from source."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

from skill.deploy.dependencies import RUNTIME_DISTRIBUTIONS, import_names
from skill.deploy.errors import PackageError

FIRST_PARTY = ("skill", "speech", "interaction_model")
"""Top-level packages of this project; the zip takes only the modules Lambda reaches."""

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


def package_dirs(root: Path | None = None) -> dict[str, Path]:
    """Where each first-party package's files are: under root, or where Python finds them.

    Found by spec, not imported: a checkout, an editable install and site-packages all work.
    """
    if root is not None:
        return {top: root / top for top in FIRST_PARTY}
    dirs = {}
    for top in FIRST_PARTY:
        spec = importlib.util.find_spec(top)
        if spec is None or not spec.submodule_search_locations:
            raise PackageError(f"the {top} package is not installed")
        dirs[top] = Path(next(iter(spec.submodule_search_locations)))
    return dirs


def _module_file(module: str, dirs: dict[str, Path]) -> Path | None:
    top, *rest = module.split(".")
    base = dirs[top].joinpath(*rest)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def module_imports(path: Path, module: str) -> tuple[set[str], set[str]]:
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


def lambda_modules(entry: Path, root: Path | None = None) -> dict[str, Path]:
    """The first-party modules `entry` can reach through its imports, with their files.

    Raises PackageError when the graph imports something Lambda will not have.
    """
    dirs = package_dirs(root)
    modules: dict[str, Path] = {}
    third_party: dict[str, str] = {}
    pending = [(entry, "lambda_function")]
    seen: set[str] = set()
    while pending:
        path, name = pending.pop()
        required, optional = module_imports(path, name)
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
                found = _module_file(candidate, dirs)
                if found is None:
                    if depth < len(parts) or imported in required:
                        raise PackageError(f"{name} imports {candidate}, which does not exist")
                    continue
                if candidate not in seen:
                    seen.add(candidate)
                    modules[candidate] = found
                    pending.append((found, candidate))
    bundled = import_names(RUNTIME_DISTRIBUTIONS)
    for top, importer in sorted(third_party.items()):
        if top in FORBIDDEN_TOP_LEVEL - LAMBDA_PROVIDED:
            raise PackageError(f"{importer} imports {top}, which must not run on Lambda")
        if top not in bundled | LAMBDA_PROVIDED | OFF_LAMBDA_IMPORTS:
            raise PackageError(f"{importer} imports {top}, which the package does not bundle")
    return modules
