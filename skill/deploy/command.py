"""`trust-coach package` and `python -m skill.deploy`: the options, the build, one-line errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from skill.deploy import template
from skill.deploy.build import build_package
from skill.deploy.bytecode import Target, python_version
from skill.deploy.dependencies import DependencySource, InstalledDistributions, PipDownload
from skill.deploy.errors import PackageError

DESCRIPTION = (
    "Build lambda.zip (only what Lambda runs, compiled for the runtime), the SAM template for "
    "that runtime and the ASK CLI project."
)
PROG = "trust-coach package"


def _runtime(text: str) -> str:
    try:
        python_version(text)
    except PackageError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The package command's options."""
    default = template.default_runtime()
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (build)")
    parser.add_argument(
        "--runtime",
        type=_runtime,
        default=default,
        help=f"the Lambda runtime; the template and the bytecode follow it ({default})",
    )
    parser.add_argument(
        "--interpreter", type=Path, help="a Python of the runtime's version to compile with"
    )
    parser.add_argument(
        "--no-compile", action="store_true", help="skip compiling ahead of time (slower cold start)"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--from-installed",
        action="store_true",
        help="copy dependencies from this environment instead of pip (offline; same Python)",
    )
    source.add_argument(
        "--from-folder",
        type=Path,
        metavar="DIR",
        help="copy dependencies from a `pip install --target DIR` folder (offline)",
    )
    parser.add_argument("--endpoint", help="the Lambda function's ARN for skill.json")


def add_package_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add `package [--out DIR] ...` to a command line; it sets `run` to `run_package`."""
    parser = subparsers.add_parser(
        "package", help="build lambda.zip for a deploy", description=DESCRIPTION
    )
    add_arguments(parser)
    parser.set_defaults(run=run_package)
    return parser


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def run_package(args: argparse.Namespace) -> int:
    """Build the package from parsed arguments and say what was written."""
    target = Target(runtime=args.runtime, interpreter=args.interpreter, compile=not args.no_compile)
    source: DependencySource = PipDownload(python_version=target.python_version)
    if args.from_installed:
        running = Target.running()
        if target.python_version != running.python_version:
            return _fail(
                "--from-installed copies this interpreter's packages, "
                f"so it needs --runtime {running.runtime}",
                2,
            )
        source = InstalledDistributions()
    elif args.from_folder is not None:
        if not args.from_folder.is_dir():
            return _fail(f"--from-folder {args.from_folder} is not a folder", 2)
        source = InstalledDistributions(folder=args.from_folder)
    try:
        result = build_package(args.out, target=target, dependencies=source, endpoint=args.endpoint)
    except PackageError as error:
        return _fail(str(error), 1)
    if result.not_compiled:
        print(f"{PROG}: warning: {result.not_compiled}", file=sys.stderr)
    compiled = f"compiled for Python {result.compiled_for}" if result.compiled_for else "uncompiled"
    print(f"{result.zip_path}: {result.zip_bytes / 1e6:.1f} MB, {compiled}")
    print(f"{result.template_path}: SAM template for {result.runtime}")
    print(f"ASK CLI project in {result.out_dir} for {', '.join(result.locales)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m skill.deploy`: the same as `trust-coach package`."""
    parser = argparse.ArgumentParser(prog="python -m skill.deploy", description=DESCRIPTION)
    add_arguments(parser)
    return run_package(parser.parse_args(argv))
