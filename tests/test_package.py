"""The deployment package: a self-contained, small, reproducible lambda.zip and the ASK project."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from skill.deploy import dependencies, manifest, template
from skill.deploy.build import PackageResult, build_package
from skill.deploy.bytecode import Target
from skill.deploy.dependencies import InstalledDistributions
from skill.deploy.errors import PackageError
from skill.deploy.imports import FORBIDDEN_TOP_LEVEL, lambda_modules
from skill.hosts.local import envelopes
from skill.locales import SUPPORTED

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "interaction_model"
ALEXA_LIMIT_BYTES = 8_000_000
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


needs_full_skill = pytest.mark.skipif(
    not _has_module("skill.persistence") or not any(MODELS.glob("*-*.json")),
    reason="needs the persistence package and an interaction model in this checkout",
)


def envelope(request: dict[str, Any], *, new: bool = True) -> dict[str, Any]:
    """A request envelope for this skill, as Alexa sends it (the project's own builder)."""
    request["requestId"] = "amzn1.echo-api.request.package-test"
    return envelopes.envelope(
        request,
        user_id="amzn1.ask.account.PACKAGE-TEST",
        session_id="amzn1.echo-api.session.package-test",
        new=new,
        attributes={},
        skill_id=SKILL_ID,
    )


LAUNCH = envelope(envelopes.launch_request(locale="en-US", timestamp="2025-01-01T12:00:00Z"))
TRUST_TIP = envelope(
    envelopes.intent_request("TrustTipIntent", locale="en-US", timestamp="2025-01-01T12:00:01Z"),
    new=False,
)

# Runs in `python -I -S`: no site-packages, no PYTHONPATH, no current directory on the path.
ISOLATED_SCRIPT = """
import json, sys
root = sys.argv[1]
sys.path.insert(0, root)
import lambda_function
replies = [lambda_function.lambda_handler(event, None) for event in json.loads(sys.argv[2])]
allowed = (root, sys.base_prefix, sys.base_exec_prefix)
files = {name: getattr(module, "__file__", None) for name, module in list(sys.modules.items())}
outside = sorted(name for name, file in files.items() if file and not file.startswith(allowed))
print(json.dumps({"replies": replies, "modules": sorted(files), "outside": outside}))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> PackageResult:
    """The package built once, offline, for this interpreter, from this environment."""
    return build_package(
        tmp_path_factory.mktemp("out"),
        target=Target.running(),
        dependencies=InstalledDistributions(),
    )


@pytest.fixture(scope="module")
def unpacked(built: PackageResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """lambda.zip unpacked into an empty folder."""
    folder = tmp_path_factory.mktemp("task")
    with zipfile.ZipFile(built.zip_path) as archive:
        archive.extractall(folder)
    return folder


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@needs_full_skill
def test_unpacked_zip_answers_launch_and_a_tip_with_nothing_but_the_stdlib(
    unpacked: Path, tmp_path: Path
) -> None:
    before = _files(unpacked)
    events = [LAUNCH, TRUST_TIP]
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", ISOLATED_SCRIPT, str(unpacked), json.dumps(events)],
        capture_output=True,
        text=True,
        check=False,
        env={"TRUST_COACH_DB": str(tmp_path / "state.sqlite3"), "TRUST_COACH_SKILL_ID": SKILL_ID},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    launch, tip = report["replies"]
    assert "Trust Coach" in launch["response"]["outputSpeech"]["ssml"]
    assert launch["response"]["shouldEndSession"] is False
    assert "strategy" in tip["response"]["outputSpeech"]["ssml"].lower()
    assert report["outside"] == []
    assert "skill.hosts.aws" in report["modules"]
    loaded_tops = {name.partition(".")[0] for name in report["modules"]}
    assert not loaded_tops & FORBIDDEN_TOP_LEVEL
    # Precompiled: the interpreter found a valid .pyc for every module and wrote none.
    assert _files(unpacked) == before


@needs_full_skill
def test_unpacked_zip_shows_the_list_on_an_echo_show_and_answers_a_touch(
    unpacked: Path, tmp_path: Path
) -> None:
    from skill.hosts.local import devices

    show = devices.get("show")
    listing = envelopes.envelope(
        envelopes.intent_request("ListStrategiesIntent", locale="en-US"),
        user_id="amzn1.ask.account.PACKAGE-SHOW",
        session_id="amzn1.echo-api.session.package-show",
        new=True,
        attributes=None,
        skill_id=SKILL_ID,
        device=show,
    )
    touch = envelopes.envelope(
        envelopes.user_event(
            ["strategy", "be_consistent"], locale="en-US", token="trustCoach.list"
        ),
        user_id="amzn1.ask.account.PACKAGE-SHOW",
        session_id="amzn1.echo-api.session.package-show",
        new=False,
        attributes={},
        skill_id=SKILL_ID,
        device=show,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            ISOLATED_SCRIPT,
            str(unpacked),
            json.dumps([listing, touch]),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"TRUST_COACH_DB": str(tmp_path / "state.sqlite3"), "TRUST_COACH_SKILL_ID": SKILL_ID},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    shown, touched = json.loads(result.stdout)["replies"]
    (directive,) = shown["response"]["directives"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert len(directive["datasources"]["screen"]["strategies"]) == 9
    assert "Be Consistent" in touched["response"]["outputSpeech"]["ssml"]


@needs_full_skill
def test_zip_is_under_the_size_limit(built: PackageResult) -> None:
    assert built.zip_bytes < ALEXA_LIMIT_BYTES
    assert built.zip_path.stat().st_size == built.zip_bytes


@needs_full_skill
@pytest.mark.parametrize("name", sorted(FORBIDDEN_TOP_LEVEL | {"platformdirs", "package"}))
def test_zip_leaves_out_what_lambda_does_not_run(built: PackageResult, name: str) -> None:
    tops = {entry.split("/")[0].removesuffix(".py") for entry in built.entries}
    assert name not in tops
    assert f"skill/{name}.py" not in built.entries


@needs_full_skill
@pytest.mark.parametrize("name", ["cli", "web", "verifier", "serve", "local", "package"])
def test_zip_leaves_out_host_and_build_modules(built: PackageResult, name: str) -> None:
    assert f"skill.{name}" not in built.modules
    assert f"skill/{name}.py" not in built.entries


@needs_full_skill
def test_zip_holds_the_entry_point_content_and_compiled_modules(built: PackageResult) -> None:
    tag = sys.implementation.cache_tag
    assert "lambda_function.py" in built.entries
    assert "skill/content/locales/en-US/content.json" in built.entries
    assert f"skill/__pycache__/builder.{tag}.pyc" in built.entries
    assert f"ask_sdk_core/__pycache__/skill.{tag}.pyc" in built.entries
    assert built.compiled_for == Target.running().python_version
    assert not any(entry.endswith("dist-info/RECORD") for entry in built.entries)


@needs_full_skill
def test_template_and_bytecode_follow_the_runtime(built: PackageResult) -> None:
    runtime = Target.running().runtime
    assert built.runtime == runtime
    assert template.default_runtime(built.template_path.read_text("utf-8")) == runtime
    assert "CodeUri: lambda.zip" in built.template_path.read_text("utf-8")
    tag = f"cpython-{runtime.removeprefix('python').replace('.', '')}"
    compiled = [entry for entry in built.entries if entry.endswith(".pyc")]
    assert compiled and all(f".{tag}.pyc" in entry for entry in compiled)
    with zipfile.ZipFile(built.zip_path) as archive:
        magic = {archive.read(entry)[:4] for entry in compiled}
    assert magic == {importlib.util.MAGIC_NUMBER}


def test_default_runtime_is_the_templates() -> None:
    text = template.SOURCE.read_text("utf-8")
    assert f"Runtime: {template.default_runtime()}" in text
    rendered = template.render("python3.12")
    assert template.default_runtime(rendered) == "python3.12"
    assert (
        rendered.replace("python3.12", template.default_runtime()).replace(
            "CodeUri: lambda.zip", "CodeUri: ../build/lambda.zip"
        )
        == text
    )


@needs_full_skill
def test_zip_is_reproducible(built: PackageResult, tmp_path: Path) -> None:
    again = build_package(tmp_path, target=Target.running(), dependencies=InstalledDistributions())
    assert again.zip_path.read_bytes() == built.zip_path.read_bytes()


@needs_full_skill
def test_zip_entries_have_fixed_timestamps(built: PackageResult) -> None:
    with zipfile.ZipFile(built.zip_path) as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)


@needs_full_skill
def test_manifest_locales_match_the_interaction_models(built: PackageResult) -> None:
    manifest = json.loads((built.out_dir / "skill-package" / "skill.json").read_text("utf-8"))
    locales = set(manifest["manifest"]["publishingInformation"]["locales"])
    assert locales == set(SUPPORTED) == set(built.locales)
    custom = built.out_dir / "skill-package" / "interactionModels" / "custom"
    for locale in locales:
        assert (custom / f"{locale}.json").read_bytes() == (MODELS / f"{locale}.json").read_bytes()


def test_runtime_distributions_are_ask_sdk_core_and_its_requirements() -> None:
    closure: set[str] = set()
    pending = ["ask-sdk-core"]
    while pending:
        name = pending.pop()
        if name in closure:
            continue
        closure.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(dependencies.normalise(requirement.name))
    assert {dependencies.normalise(name) for name in dependencies.RUNTIME_DISTRIBUTIONS} == closure


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def source_tree(tmp_path: Path) -> Path:
    """A tiny checkout: the entry imports skill.core, which lazily imports skill.lazy."""
    _write(tmp_path / "lambda" / "lambda_function.py", "from skill.core import answer\n")
    _write(tmp_path / "skill" / "__init__.py", "")
    _write(
        tmp_path / "skill" / "core.py",
        "import json\nfrom . import helper\n\ndef answer():\n    from .lazy import later\n",
    )
    _write(tmp_path / "skill" / "helper.py", "from ask_sdk_core.skill import CustomSkill\n")
    _write(tmp_path / "skill" / "lazy.py", "import boto3\n")
    _write(tmp_path / "skill" / "web.py", "import flask\n")
    _write(tmp_path / "speech" / "__init__.py", "")
    _write(tmp_path / "speech" / "voice.py", "import pyttsx3\n")
    return tmp_path


def test_import_graph_takes_reached_modules_only(source_tree: Path) -> None:
    modules = lambda_modules(source_tree / "lambda" / "lambda_function.py", source_tree)
    assert all(path.is_relative_to(source_tree) for path in modules.values())
    assert sorted(modules) == ["skill", "skill.core", "skill.helper", "skill.lazy"]


@pytest.mark.parametrize(
    ("module", "imported", "message"),
    [
        ("helper", "import flask", "must not run on Lambda"),
        ("helper", "import pyttsx3", "must not run on Lambda"),
        ("helper", "import yaml", "does not bundle"),
        ("lazy", "from skill.missing import thing", "does not exist"),
    ],
)
def test_import_graph_rejects_what_lambda_cannot_import(
    source_tree: Path, module: str, imported: str, message: str
) -> None:
    _write(source_tree / "skill" / f"{module}.py", imported + "\n")
    with pytest.raises(PackageError, match=message):
        lambda_modules(source_tree / "lambda" / "lambda_function.py", source_tree)


def _model(invocation: str) -> str:
    model = {"interactionModel": {"languageModel": {"invocationName": invocation, "intents": []}}}
    return json.dumps(model, indent=4) + "\n"


def _texts(*locales: str) -> dict[str, dict[str, Any]]:
    english = manifest.load_store_texts(["en-US"])["en-US"]
    return {locale: english for locale in locales}


def test_ask_project_has_one_manifest_locale_per_model(tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    for locale in ("en-US", "en-GB"):
        _write(models_dir / f"{locale}.json", _model("trust coach"))
    _write(models_dir / "builtins" / "x.json", "{}")
    out = tmp_path / "out"
    _write(out / "skill-package" / "interactionModels" / "custom" / "de-DE.json", "{}")
    models = manifest.interaction_models(models_dir, ["en-US", "en-GB"])
    skill_json = manifest.skill_manifest(manifest.load_shared(), _texts("en-US", "en-GB"))
    locales = manifest.write_ask_project(out, models, skill_json)
    assert locales == ("en-GB", "en-US")
    written = json.loads((out / "skill-package" / "skill.json").read_text("utf-8"))
    assert set(written["manifest"]["publishingInformation"]["locales"]) == {"en-GB", "en-US"}
    custom = out / "skill-package" / "interactionModels" / "custom"
    assert sorted(p.name for p in custom.iterdir()) == ["en-GB.json", "en-US.json"]
    assert (custom / "en-GB.json").read_bytes() == (models_dir / "en-GB.json").read_bytes()
    resources = json.loads((out / "ask-resources.json").read_text("utf-8"))
    assert resources["profiles"]["default"]["skillMetadata"] == {"src": "./skill-package"}


def test_store_texts_are_looked_up_per_supported_locale(tmp_path: Path) -> None:
    texts = manifest.load_store_texts()
    assert tuple(texts) == SUPPORTED
    with pytest.raises(PackageError, match="fr-FR"):
        manifest.load_store_texts(["fr-FR"], tmp_path)


def test_ask_project_needs_an_interaction_model_per_locale(tmp_path: Path) -> None:
    _write(tmp_path / "en-US.json", _model("trust coach"))
    with pytest.raises(PackageError, match="fr-FR"):
        manifest.interaction_models(tmp_path, ["en-US", "fr-FR"])


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        (None, {}),
        (
            "arn:aws:lambda:us-east-1:123456789012:function:trust-coach",
            {"endpoint": {"uri": "arn:aws:lambda:us-east-1:123456789012:function:trust-coach"}},
        ),
    ],
)
def test_manifest_endpoint_is_set_only_when_known(endpoint: str | None, expected: object) -> None:
    skill_json = manifest.skill_manifest(manifest.load_shared(), _texts("en-US"), endpoint)
    custom = skill_json["manifest"]["apis"]["custom"]
    assert {key: value for key, value in custom.items() if key != "interfaces"} == expected


def test_manifest_answers_the_store_and_privacy_questions() -> None:
    skill_json = manifest.skill_manifest(manifest.load_shared(), manifest.load_store_texts())
    publishing = skill_json["manifest"]["publishingInformation"]
    english = publishing["locales"]["en-US"]
    assert english["name"] == "Trust Coach"
    assert english["examplePhrases"][0].startswith("Alexa, ")
    assert all("trust coach" in phrase for phrase in english["examplePhrases"])
    assert len(english["examplePhrases"]) <= 3
    assert len(english["summary"]) <= 160
    assert publishing["category"] == "HEALTH_AND_FITNESS"
    assert publishing["isAvailableWorldwide"] is False
    assert skill_json["manifest"]["privacyAndCompliance"] == {
        "allowsPurchases": False,
        "usesPersonalInfo": False,
        "isChildDirected": False,
        "isExportCompliant": True,
        "containsAds": False,
    }


WRONG_PYTHON_OFFLINE = ("--runtime", "python3.1", "--from-installed")


def test_module_entry_refuses_installed_packages_for_another_python(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "skill.deploy",
            "--out",
            str(tmp_path),
            *WRONG_PYTHON_OFFLINE,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "--from-installed" in result.stderr
    assert not (tmp_path / "lambda.zip").exists()


def test_requirements_file_pins_what_the_zip_bundles(built: PackageResult) -> None:
    assert built.requirements == dependencies.pinned()
    for requirement in built.requirements:
        name, _, version = requirement.partition("==")
        assert importlib.metadata.version(name) == version, "run make install to match the pins"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("ask-sdk-core\n", "pin every requirement"),
        ("ask-sdk-core==1.19.0\n", "missing"),
        ("".join(f"{n}==1\n" for n in dependencies.RUNTIME_DISTRIBUTIONS) + "flask==3\n", "extra"),
    ],
)
def test_requirements_file_problems_are_clear(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "requirements.txt").write_text(text)
    with pytest.raises(PackageError, match=problem):
        dependencies.pinned(tmp_path / "requirements.txt")


def test_content_ships_as_json_with_the_same_words(built: PackageResult) -> None:
    from skill import content

    with zipfile.ZipFile(built.zip_path) as archive:
        names = set(archive.namelist())
        shipped = json.loads(archive.read("skill/content/locales/en-US/content.json"))
    assert "skill/content/locales/en-US/content.toml" not in names
    assert content.Content.from_dict("en-US", shipped) == content.load("en-US")


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`trust-coach package` as a user runs it (offline: this environment's packages), from
    this checkout (`python -m skill` is the console script's main)."""
    out = tmp_path_factory.mktemp("packaged")
    runtime = f"python{sys.version_info.major}.{sys.version_info.minor}"
    command = [sys.executable, "-m", "skill", "package", "--out", str(out), "--from-installed"]
    command.append("--no-compile")
    result = subprocess.run(
        [*command, "--runtime", runtime], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert ", ".join(sorted(SUPPORTED)) in result.stdout + result.stderr
    return out


def _generated_models() -> dict[str, str]:
    """Each locale's model as scripts/build_locale_models.py makes it now (en-US: the source)."""
    spec = importlib.util.spec_from_file_location(
        "build_locale_models", ROOT / "scripts" / "build_locale_models.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # its dataclasses look their module up
    spec.loader.exec_module(script)
    generated = {
        path.name.removesuffix(".json"): text
        for built in script.build_all()
        for path, text in script.outputs(built).items()
        if path.parent == MODELS
    }
    return {**generated, "en-US": (MODELS / "en-US.json").read_text("utf-8")}


@needs_full_skill
def test_package_writes_one_generated_model_per_locale(packaged: Path) -> None:
    custom = packaged / "skill-package" / "interactionModels" / "custom"
    assert sorted(p.stem for p in custom.glob("*.json")) == sorted(SUPPORTED)
    generated = _generated_models()
    assert set(generated) == set(SUPPORTED)
    for locale in SUPPORTED:
        written = (custom / f"{locale}.json").read_text("utf-8")
        assert written == generated[locale] == (MODELS / f"{locale}.json").read_text("utf-8")
        name = json.loads(written)["interactionModel"]["languageModel"]["invocationName"]
        assert name == "trust coach"


@needs_full_skill
def test_package_lists_each_locale_with_its_own_store_texts(packaged: Path) -> None:
    skill_json = json.loads((packaged / "skill-package" / "skill.json").read_text("utf-8"))
    publishing = skill_json["manifest"]["publishingInformation"]
    listed = publishing["locales"]
    assert list(listed) == list(SUPPORTED)
    for locale in SUPPORTED:
        own = tomllib.loads(
            (ROOT / "skill" / "content" / "locales" / locale / "manifest.toml").read_text("utf-8")
        )
        assert listed[locale] == {
            "name": own["name"],
            "summary": own["summary"],
            "description": own["description"],
            "examplePhrases": own["example_phrases"],
            "keywords": own["keywords"],
        }
    # Each market's listing is its own: no two descriptions or example-phrase lists alike.
    assert len({entry["description"] for entry in listed.values()}) == len(SUPPORTED)
    assert len({tuple(entry["examplePhrases"]) for entry in listed.values()}) == len(SUPPORTED)
    # ... and the skill is offered in each market's country (en-GB: GB).
    countries = set(publishing["distributionCountries"])
    assert {locale.partition("-")[2] for locale in SUPPORTED} <= countries
