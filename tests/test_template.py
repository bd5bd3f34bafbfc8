"""The SAM template: cfn-lint is clean and the function, trigger, table and policy are right."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import cfn_yaml

TEMPLATE = Path(__file__).resolve().parent.parent / "skill" / "deploy" / "aws" / "template.yaml"

# Lambda waits for the function; Alexa gives up on a skill after 8 seconds.
ALEXA_TIMEOUT_SECONDS = 8


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    """The template parsed with cfn-lint's loader, which understands !Ref and !GetAtt."""
    loaded: dict[str, Any] = cfn_yaml.load(str(TEMPLATE))
    return loaded


def _function(template: dict[str, Any]) -> dict[str, Any]:
    functions = [
        resource
        for resource in template["Resources"].values()
        if resource["Type"] == "AWS::Serverless::Function"
    ]
    assert len(functions) == 1
    properties: dict[str, Any] = functions[0]["Properties"]
    return properties


def _table_name(template: dict[str, Any]) -> str:
    tables = [
        name
        for name, resource in template["Resources"].items()
        if resource["Type"] == "AWS::DynamoDB::Table"
    ]
    assert len(tables) == 1
    return str(tables[0])


def test_cfn_lint_is_clean() -> None:
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run(
        [str(cfn_lint), str(TEMPLATE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_function_runs_the_lambda_handler_well_within_alexas_limit(
    template: dict[str, Any],
) -> None:
    function = _function(template)
    assert function["Handler"] == "lambda_function.lambda_handler"
    assert function["Runtime"] in {"python3.12", "python3.13"}
    assert function["Timeout"] <= ALEXA_TIMEOUT_SECONDS - 3
    assert function["MemorySize"] >= 256
    assert function["CodeUri"].endswith("lambda.zip")


def test_function_is_configured_for_dynamodb_and_the_skill_id(template: dict[str, Any]) -> None:
    variables = _function(template)["Environment"]["Variables"]
    assert variables["TRUST_COACH_DYNAMODB_TABLE"] == {"Ref": _table_name(template)}
    assert variables["TRUST_COACH_SKILL_ID"] == {"Ref": "SkillId"}


def test_only_the_skill_can_trigger_the_function(template: dict[str, Any]) -> None:
    events = list(_function(template)["Events"].values())
    assert events == [{"Type": "AlexaSkill", "Properties": {"SkillId": {"Ref": "SkillId"}}}]
    assert template["Parameters"]["SkillId"]["Type"] == "String"
    assert "Default" not in template["Parameters"]["SkillId"]


def test_table_is_on_demand_keyed_by_id_and_protected(template: dict[str, Any]) -> None:
    table = template["Resources"][_table_name(template)]
    properties = table["Properties"]
    assert properties["BillingMode"] == "PAY_PER_REQUEST"
    assert properties["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert properties["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert properties["SSESpecification"] == {"SSEEnabled": True}
    assert table["DeletionPolicy"] == "Retain"


def _statements(template: dict[str, Any]) -> list[dict[str, Any]]:
    policies = _function(template)["Policies"]
    # Only inline statements: SAM's managed templates (DynamoDBCrudPolicy) grant Scan, Query, ...
    assert all(isinstance(policy, dict) and "Statement" in policy for policy in policies)
    return [statement for policy in policies for statement in policy["Statement"]]


def test_policy_grants_single_item_access_to_the_table_only(template: dict[str, Any]) -> None:
    statements = _statements(template)
    assert all(statement["Effect"] == "Allow" for statement in statements)
    assert {action for statement in statements for action in statement["Action"]} == {
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:DeleteItem",
    }
    table_arn = {"Fn::GetAtt": [_table_name(template), "Arn"]}
    assert all(statement["Resource"] == table_arn for statement in statements)


def _client_calls(source: str) -> set[str]:
    """Names of methods called on a `client` attribute or variable in Python source."""
    calls = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name == "client":
                calls.add(node.func.attr)
    return calls


def test_policy_covers_every_item_operation_the_adapter_calls(template: dict[str, Any]) -> None:
    try:
        spec = importlib.util.find_spec("skill.persistence.dynamodb")
    except ModuleNotFoundError:
        spec = None
    if spec is None or spec.origin is None:
        pytest.skip("the DynamoDB adapter is not in this checkout")
    calls = _client_calls(Path(spec.origin).read_text(encoding="utf-8"))
    # create_table and its waiter are for local set-up and tests, never called on Lambda.
    item_calls = calls - {"create_table", "get_waiter"}
    assert item_calls
    granted = {action for statement in _statements(template) for action in statement["Action"]}
    needed = {"dynamodb:" + call.title().replace("_", "") for call in item_calls}
    assert needed <= granted
