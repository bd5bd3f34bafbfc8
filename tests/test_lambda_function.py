"""The Lambda entry point imports only what a request needs."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

NEVER_ON_LAMBDA = ("flask", "werkzeug", "pyttsx3", "pocketsphinx", "sounddevice", "hassil")
NOT_WITHOUT_DYNAMODB = ("boto3", "botocore", "platformdirs")
NOT_FIRST_PARTY = (
    "interaction_model",
    "skill.hosts.cli.main",
    "skill.hosts.web.app",
    "skill.deploy.command",
    "skill.deploy.build",
)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("skill") is None
    or not (ROOT / "skill" / "persistence" / "__init__.py").is_file(),
    reason="lambda_function needs the persistence package in this checkout",
)

SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/lambda")
import lambda_function
print(json.dumps(sorted(sys.modules)))
"""


def _imported(env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-I", "-c", SCRIPT, str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


@pytest.fixture(scope="module")
def imported_without_dynamodb(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Modules loaded by importing lambda_function with SQLite at a given path."""
    database = tmp_path_factory.mktemp("db") / "state.sqlite3"
    return _imported({"TRUST_COACH_DB": str(database)})


@pytest.mark.parametrize("name", NEVER_ON_LAMBDA + NOT_WITHOUT_DYNAMODB + NOT_FIRST_PARTY)
def test_import_without_dynamodb_leaves_out(imported_without_dynamodb: set[str], name: str) -> None:
    assert name not in imported_without_dynamodb
    assert not any(module.startswith(name + ".") for module in imported_without_dynamodb)


def test_import_loads_the_skill(imported_without_dynamodb: set[str]) -> None:
    assert {"lambda_function", "skill.builder", "ask_sdk_core.skill"} <= imported_without_dynamodb


@pytest.fixture(scope="module")
def imported_with_dynamodb() -> set[str]:
    """Modules loaded by importing lambda_function with a DynamoDB table configured."""
    return _imported(
        {
            "TRUST_COACH_DYNAMODB_TABLE": "trust-coach-test",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
        }
    )


def test_import_with_dynamodb_loads_boto3(imported_with_dynamodb: set[str]) -> None:
    assert "boto3" in imported_with_dynamodb


@pytest.mark.parametrize("name", NEVER_ON_LAMBDA + NOT_FIRST_PARTY)
def test_import_with_dynamodb_still_leaves_out(imported_with_dynamodb: set[str], name: str) -> None:
    assert name not in imported_with_dynamodb
