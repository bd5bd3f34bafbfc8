"""Tests for the DynamoDB persistence adapter (moto's in-process AWS, and a failing fake)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, cast

import boto3
import pytest
from ask_sdk_core.exceptions import PersistenceException
from botocore.exceptions import ClientError
from moto import mock_aws

from skill.persistence.dynamodb import DynamoDBAdapter, DynamoDBClient, from_dynamo, to_dynamo
from skill.persistence.versioned import VERSION_KEY, Attributes
from tests.helpers import user_envelope

TABLE = "trust-coach-test"
USER = "amzn1.ask.account.TEST-USER"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fake credentials and region, and moto in place of AWS."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_REGION": "eu-west-1",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield


@pytest.fixture
def client(aws: None) -> DynamoDBClient:
    """One moto-backed client shared by the adapters of a test (sessions are slow to build)."""
    return cast(DynamoDBClient, boto3.client("dynamodb", region_name="eu-west-1"))


@pytest.fixture
def table(client: DynamoDBClient) -> str:
    """Create the test table through the adapter's own helper."""
    DynamoDBAdapter(TABLE, client=client).create_table()
    return TABLE


def raw_item(user_id: str = USER) -> dict[str, Any]:
    """Read the stored item with a separate boto3 client."""
    client = boto3.client("dynamodb", region_name="eu-west-1")
    item: dict[str, Any] = client.get_item(TableName=TABLE, Key={"id": {"S": user_id}})["Item"]
    return item


def test_client_is_created_lazily(aws: None) -> None:
    adapter = DynamoDBAdapter(TABLE)
    assert adapter._client is None
    adapter.create_table()
    assert adapter._client is not None


def test_round_trip_and_version_increments(table: str, client: DynamoDBClient) -> None:
    adapter = DynamoDBAdapter(table, client=client)
    attributes = adapter.get_attributes(user_envelope())
    assert attributes == {"_version": 0}
    attributes.update({"visits": 1, "order": [3, 1, 2], "last": "boundaries", "nested": {"a": [1]}})
    adapter.save_attributes(user_envelope(), attributes)
    assert attributes["_version"] == 1

    again = DynamoDBAdapter(table, client=client).get_attributes(user_envelope())
    assert again == {**attributes, "_version": 1}
    again["visits"] = 2
    DynamoDBAdapter(table, client=client).save_attributes(user_envelope(), again)
    assert again["_version"] == 2
    assert raw_item() == {
        "id": {"S": USER},
        "version": {"N": "2"},
        "attributes": {
            "M": {
                "visits": {"N": "2"},
                "order": {"L": [{"N": "3"}, {"N": "1"}, {"N": "2"}]},
                "last": {"S": "boundaries"},
                "nested": {"M": {"a": {"L": [{"N": "1"}]}}},
            }
        },
    }


def test_numbers_come_back_as_int_and_float(table: str, client: DynamoDBClient) -> None:
    adapter = DynamoDBAdapter(table, client=client)
    adapter.save_attributes(
        user_envelope(), {"whole": 3, "half": 0.5, "list": [1.25, 2], "big": 1e20}
    )
    stored = adapter.get_attributes(user_envelope())
    assert stored == {"whole": 3, "half": 0.5, "list": [1.25, 2], "big": 10**20, "_version": 1}
    assert type(stored["whole"]) is int
    assert type(stored["half"]) is float
    assert [type(value) for value in stored["list"]] == [float, int]
    assert raw_item()["attributes"]["M"]["half"] == {"N": "0.5"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, Decimal("0.1")),
        ({"a": [1.5, "x", True, None]}, {"a": [Decimal("1.5"), "x", True, None]}),
        ((2.0,), [Decimal("2.0")]),
        (7, 7),
    ],
)
def test_to_dynamo(value: Any, expected: Any) -> None:
    assert to_dynamo(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("5"), 5),
        (Decimal("1E+2"), 100),
        (Decimal("2.50"), 2.5),
        ({"a": [Decimal("1"), {"b": Decimal("0.25")}]}, {"a": [1, {"b": 0.25}]}),
        ("text", "text"),
    ],
)
def test_from_dynamo(value: Any, expected: Any) -> None:
    result = from_dynamo(value)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e-200, object()])
def test_unstorable_number_becomes_persistence_exception(
    table: str, client: DynamoDBClient, value: object
) -> None:
    with pytest.raises(PersistenceException, match="cannot write attributes"):
        DynamoDBAdapter(table, client=client).save_attributes(user_envelope(), {"bad": value})


def test_two_devices_race_loses_nothing(table: str, client: DynamoDBClient) -> None:
    calls: list[tuple[Attributes, Attributes]] = []

    def merge(ours: Attributes, theirs: Attributes) -> Attributes:
        """Union the "items" lists; record the call."""
        calls.append((dict(ours), dict(theirs)))
        items = list(theirs.get("items", []))
        items += [item for item in ours.get("items", []) if item not in items]
        return {**theirs, **ours, "items": items}

    kitchen = DynamoDBAdapter(table, client=client, merge=merge)
    bedroom = DynamoDBAdapter(table, client=client, merge=merge)
    kitchen.save_attributes(user_envelope(), {"items": ["a"]})
    ours_kitchen = kitchen.get_attributes(user_envelope())
    ours_bedroom = bedroom.get_attributes(user_envelope())
    ours_kitchen["items"] = [*ours_kitchen["items"], "kitchen"]
    ours_bedroom["items"] = [*ours_bedroom["items"], "bedroom"]
    kitchen.save_attributes(user_envelope(), ours_kitchen)
    bedroom.save_attributes(user_envelope(), ours_bedroom)

    assert calls == [({"items": ["a", "bedroom"]}, {"items": ["a", "kitchen"]})]
    stored = DynamoDBAdapter(table, client=client).get_attributes(user_envelope())
    assert stored == {"items": ["a", "kitchen", "bedroom"], "_version": 3}
    assert ours_bedroom == stored


def test_gives_up_when_a_rival_always_wins(table: str, client: DynamoDBClient) -> None:
    rival = DynamoDBAdapter(table, client=client)

    def merge_while_the_rival_writes(ours: Attributes, theirs: Attributes) -> Attributes:
        """Let the rival save again each time we merge, so every attempt conflicts."""
        rival.save_attributes(user_envelope(), rival.get_attributes(user_envelope()))
        return {**theirs, **ours}

    adapter = DynamoDBAdapter(
        table, client=client, merge=merge_while_the_rival_writes, max_attempts=3
    )
    rival.save_attributes(user_envelope(), {"rival": True})
    with pytest.raises(PersistenceException, match="3 times in a row"):
        adapter.save_attributes(user_envelope(), {"mine": True, "_version": 0})
    assert "mine" not in adapter.get_attributes(user_envelope())


def test_session_user_and_delete(table: str, client: DynamoDBClient) -> None:
    adapter = DynamoDBAdapter(table, client=client)
    adapter.save_attributes(user_envelope(context_user=None, session_user="other"), {"b": 2})
    adapter.save_attributes(user_envelope(), {"a": 1})
    adapter.delete_attributes(user_envelope())
    assert adapter.get_attributes(user_envelope()) == {"_version": 0}
    assert adapter.get_attributes(user_envelope(context_user="other")) == {"b": 2, "_version": 1}


def test_missing_user_id_becomes_persistence_exception(table: str, client: DynamoDBClient) -> None:
    with pytest.raises(PersistenceException, match="no user id"):
        DynamoDBAdapter(table, client=client).get_attributes(user_envelope(context_user=None))


def test_missing_table_becomes_persistence_exception(client: DynamoDBClient) -> None:
    with pytest.raises(PersistenceException, match="DynamoDB table absent: cannot read") as caught:
        DynamoDBAdapter("absent", client=client).get_attributes(user_envelope())
    assert isinstance(caught.value.__cause__, ClientError)


@pytest.mark.parametrize(
    "item",
    [
        {"id": {"S": USER}, "version": {"N": "1"}},
        {"id": {"S": USER}, "version": {"S": "one"}, "attributes": {"M": {}}},
        {"id": {"S": USER}, "version": {"N": "1"}, "attributes": {"L": []}},
    ],
)
def test_an_unreadable_item_is_set_aside_and_the_user_starts_fresh(
    table: str, client: DynamoDBClient, item: dict[str, Any]
) -> None:
    raw = boto3.client("dynamodb", region_name="eu-west-1")
    raw.put_item(TableName=table, Item=item)
    adapter = DynamoDBAdapter(table, client=client)
    assert adapter.get_attributes(user_envelope()) == {VERSION_KEY: 0}
    adapter.save_attributes(user_envelope(), {"visits": {"d": 1}, VERSION_KEY: 0})
    assert adapter.get_attributes(user_envelope())[VERSION_KEY] == 1
    kept = raw.get_item(TableName=table, Key={"id": {"S": f"quarantine#{USER}"}})["Item"]
    assert kept["item"]["M"] == item
    # Forgetting the user forgets the copy set aside too.
    adapter.delete_attributes(user_envelope())
    assert "Item" not in raw.get_item(TableName=table, Key={"id": {"S": f"quarantine#{USER}"}})
    assert adapter.get_attributes(user_envelope()) == {VERSION_KEY: 0}


class ThrottledClient:
    """A DynamoDB client whose table is always over its provisioned throughput."""

    def __init__(self) -> None:
        """Count nothing yet."""
        self.calls: list[str] = []

    def _throttle(self, operation: str) -> dict[str, Any]:
        self.calls.append(operation)
        raise ClientError(
            {
                "Error": {
                    "Code": "ProvisionedThroughputExceededException",
                    "Message": "The level of configured provisioned throughput was exceeded",
                }
            },
            operation,
        )

    def get_item(self, **kwargs: Any) -> dict[str, Any]:
        """Refuse to read."""
        return self._throttle("GetItem")

    def put_item(self, **kwargs: Any) -> dict[str, Any]:
        """Refuse to write."""
        return self._throttle("PutItem")

    def delete_item(self, **kwargs: Any) -> dict[str, Any]:
        """Refuse to delete."""
        return self._throttle("DeleteItem")

    def create_table(self, **kwargs: Any) -> dict[str, Any]:
        """Refuse to create."""
        return self._throttle("CreateTable")


@pytest.mark.parametrize(
    ("use", "operation"),
    [
        (lambda adapter: adapter.get_attributes(user_envelope()), "GetItem"),
        (lambda adapter: adapter.save_attributes(user_envelope(), {"a": 1}), "PutItem"),
        (lambda adapter: adapter.delete_attributes(user_envelope()), "DeleteItem"),
        (DynamoDBAdapter.create_table, "CreateTable"),
    ],
)
def test_throttling_becomes_persistence_exception(
    use: Any, operation: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = ThrottledClient()
    with pytest.raises(PersistenceException, match="ProvisionedThroughputExceeded") as caught:
        use(DynamoDBAdapter(TABLE, client=client))
    assert isinstance(caught.value.__cause__, ClientError)
    assert client.calls == [operation]
    assert [record.levelname for record in caplog.records] == ["WARNING"]
