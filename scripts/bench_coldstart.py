"""Cold start of the packaged skill as a ratio to a hello-world ask-sdk skill, measured together.

Both run from unpacked zips with the same dependencies, compiled the same way, each in a
fresh `python -I -S` (no site-packages: the zip is all there is). A run times importing
`lambda_function` and answering one LaunchRequest; interpreter start-up, the same for both,
is reported separately as wall time. Runs alternate between the two so drift hits both alike.

With DynamoDB, each child starts moto's in-process mock and creates the table *before* its
clock starts (moto[server] is not installed, so no out-of-process table): the mock imports
boto3, so neither skill pays the boto3 import inside the timed part. The table is created
through a boto3 session of its own, so neither skill finds a warm session or loaded service
model: both pay for creating their client, as on Lambda. On Lambda that import is
real, and it is paid only when the table is configured. The baseline then is a hello world that
reads and writes one item through boto3, the usual ask-sdk persistence, so the ratio compares
like with like.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from skill import locales
from skill.deploy.build import build_package
from skill.deploy.bytecode import Target, compile_tree
from skill.deploy.dependencies import InstalledDistributions

TABLE = "trust-coach-bench"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000bench"
FIRST_PARTY_ENTRIES = ("lambda_function.py", "skill", "speech", "__pycache__")

HELLO_WORLD = '''\
"""The smallest ask-sdk-core skill: one LaunchRequest handler."""
import os

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type

TABLE = os.environ.get("TRUST_COACH_DYNAMODB_TABLE")
CLIENT = None
if TABLE:
    import boto3

    CLIENT = boto3.client("dynamodb")


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        if CLIENT is not None:
            key = {"id": {"S": handler_input.request_envelope.context.system.user.user_id}}
            item = CLIENT.get_item(TableName=TABLE, Key=key).get("Item", {})
            visits = int(item.get("visits", {}).get("N", "0")) + 1
            CLIENT.put_item(TableName=TABLE, Item={**key, "visits": {"N": str(visits)}})
        builder = handler_input.response_builder
        return builder.speak("Hello world!").set_should_end_session(True).response


sb = SkillBuilder()
sb.add_request_handler(LaunchHandler())
lambda_handler = sb.lambda_handler()
'''

CHILD = """
import json, os, sys, time
sys.path[:0] = [sys.argv[1]]
sys.path.extend(json.loads(sys.argv[3]))
if os.environ.get("TRUST_COACH_DYNAMODB_TABLE"):
    import boto3
    from moto import mock_aws
    mock_aws().start()
    # A session of its own, so the default session both skills may use stays cold.
    boto3.session.Session().client("dynamodb").create_table(
        TableName=os.environ["TRUST_COACH_DYNAMODB_TABLE"],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
started = time.perf_counter()
import lambda_function
reply = lambda_function.lambda_handler(json.loads(sys.argv[2]), None)
elapsed = time.perf_counter() - started
assert reply["response"]["outputSpeech"]["ssml"], reply
print(json.dumps({"seconds": elapsed}))
"""


def launch_request(user_id: str) -> dict[str, Any]:
    """A LaunchRequest from a new user."""
    application = {"applicationId": SKILL_ID}
    user = {"userId": user_id}
    return {
        "version": "1.0",
        "session": {
            "new": True,
            "sessionId": f"amzn1.echo-api.session.{user_id}",
            "application": application,
            "user": user,
        },
        "context": {"System": {"application": application, "user": user, "device": {}}},
        "request": {
            "type": "LaunchRequest",
            "requestId": f"amzn1.echo-api.request.{user_id}",
            "timestamp": "2025-01-01T12:00:00Z",
            "locale": locales.DEFAULT,
        },
    }


def prepare(workdir: Path) -> tuple[Path, Path, int]:
    """Build and unpack our zip, and a hello world beside it with the same dependencies."""
    target = Target.running()
    result = build_package(workdir / "out", target=target, dependencies=InstalledDistributions())
    ours = workdir / "ours"
    with zipfile.ZipFile(result.zip_path) as archive:
        archive.extractall(ours)
    hello = workdir / "hello"
    shutil.copytree(ours, hello, ignore=shutil.ignore_patterns(*FIRST_PARTY_ENTRIES))
    (hello / "lambda_function.py").write_text(HELLO_WORLD, encoding="utf-8")
    compile_tree(hello, target)
    return ours, hello, result.zip_bytes


def run_once(root: Path, env: Mapping[str, str], extra_path: list[str]) -> tuple[float, float]:
    """One cold start: (import + first request, whole process) in seconds."""
    event = launch_request(f"amzn1.ask.account.{uuid.uuid4().hex}")
    command = [sys.executable, "-I", "-S", "-c", CHILD, str(root), json.dumps(event)]
    started = time.perf_counter()
    result = subprocess.run(
        [*command, json.dumps(extra_path)],
        capture_output=True,
        text=True,
        check=False,
        env=dict(env),
        cwd=root,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"cold start in {root} failed:\n{result.stderr}")
    return float(json.loads(result.stdout)["seconds"]), wall


def compare(
    ours: Path, hello: Path, env: Mapping[str, str], runs: int, extra_path: list[str]
) -> dict[str, float]:
    """Median cold starts of both, runs alternating, and their ratios."""
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "hello": []}
    for _ in range(runs):
        times["hello"].append(run_once(hello, env, extra_path))
        times["ours"].append(run_once(ours, env, extra_path))
    figures: dict[str, float] = {}
    for name, pairs in times.items():
        figures[f"{name}_ms"] = round(statistics.median(p[0] for p in pairs) * 1000, 1)
        figures[f"{name}_wall_ms"] = round(statistics.median(p[1] for p in pairs) * 1000, 1)
    figures["ratio"] = round(figures["ours_ms"] / figures["hello_ms"], 2)
    figures["wall_ratio"] = round(figures["ours_wall_ms"] / figures["hello_wall_ms"], 2)
    return figures


AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "TRUST_COACH_DYNAMODB_TABLE": TABLE,
}
"""What the children need to reach the mocked table."""


def _moto_path() -> list[str]:
    """Where boto3 and moto live here; Lambda's runtime provides boto3 outside the zip too."""
    return [sysconfig.get_paths()["purelib"]]


def coldstart_figures(runs: int = 15, *, dynamodb: bool = True) -> dict[str, Any]:
    """Build, unpack and time both skills: with SQLite (no DynamoDB) and with mocked DynamoDB."""
    with tempfile.TemporaryDirectory(prefix="trust-coach-bench-") as temp:
        workdir = Path(temp)
        ours, hello, zip_bytes = prepare(workdir)
        base_env = {"TRUST_COACH_SKILL_ID": SKILL_ID, "PATH": os.environ.get("PATH", "")}
        sqlite_env = {**base_env, "TRUST_COACH_DB": str(workdir / "state.sqlite3")}
        figures: dict[str, Any] = {
            "python": Target.running().python_version,
            "runs": runs,
            "zip_bytes": zip_bytes,
            "without_dynamodb": compare(ours, hello, sqlite_env, runs, []),
        }
        if dynamodb:
            figures["with_dynamodb"] = compare(
                ours, hello, {**base_env, **AWS_ENV}, runs, _moto_path()
            )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the cold-start figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="cold starts per skill (15)")
    parser.add_argument("--no-dynamodb", action="store_true", help="skip the moto DynamoDB runs")
    args = parser.parse_args(argv)
    figures = coldstart_figures(args.runs, dynamodb=not args.no_dynamodb)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
