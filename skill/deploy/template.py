"""The SAM template: its runtime is the default; the written copy follows --runtime."""

from __future__ import annotations

import re
from pathlib import Path

from skill.deploy.archive import ZIP_NAME
from skill.deploy.errors import PackageError

SOURCE = Path(__file__).resolve().parent / "aws" / "template.yaml"
"""The template, shipped in the wheel; `lambda/template.yaml` in a checkout points here."""

TEMPLATE_NAME = "template.yaml"
"""The written template's name in the output folder, beside lambda.zip."""

_RUNTIME = re.compile(r"^(?P<key>\s+Runtime:[ \t]*)(?P<value>python\S+)[ \t]*$", re.MULTILINE)
_CODE_URI = re.compile(r"^(?P<key>\s+CodeUri:[ \t]*)(?P<value>\S+)[ \t]*$", re.MULTILINE)


def _one(pattern: re.Pattern[str], text: str, what: str) -> re.Match[str]:
    matches = list(pattern.finditer(text))
    if len(matches) != 1:
        raise PackageError(f"{SOURCE.name} must have one {what} line, not {len(matches)}")
    return matches[0]


def default_runtime(text: str | None = None) -> str:
    """The Lambda runtime the template names, e.g. "python3.13"."""
    text = SOURCE.read_text("utf-8") if text is None else text
    return _one(_RUNTIME, text, "Runtime").group("value")


def render(runtime: str, text: str | None = None) -> str:
    """The template for this runtime, with CodeUri naming the lambda.zip beside it."""
    text = SOURCE.read_text("utf-8") if text is None else text
    runtime_line = _one(_RUNTIME, text, "Runtime")
    text = text[: runtime_line.start("value")] + runtime + text[runtime_line.end("value") :]
    code_uri = _one(_CODE_URI, text, "CodeUri")
    return text[: code_uri.start("value")] + ZIP_NAME + text[code_uri.end("value") :]


def write_template(out_dir: Path, runtime: str) -> Path:
    """Write template.yaml for this runtime into out_dir, beside lambda.zip."""
    path = out_dir / TEMPLATE_NAME
    path.write_text(render(runtime), "utf-8")
    return path
