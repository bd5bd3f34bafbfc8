"""Persistent attributes in a DynamoDB table (used on Lambda); imported only when configured."""

from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Protocol, cast

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from .versioned import (
    DEFAULT_MAX_ATTEMPTS,
    Attributes,
    CorruptRecord,
    MergeFunction,
    VersionedAdapter,
)

_LOGGER = logging.getLogger(__name__)

QUARANTINE_PREFIX = "quarantine#"
"""Unreadable items are kept under this prefix and the user's id."""

_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


class DynamoDBClient(Protocol):
    """The part of a boto3 DynamoDB client the adapter uses (a fake in tests)."""

    def get_item(self, **kwargs: Any) -> dict[str, Any]:
        """Read one item."""

    def put_item(self, **kwargs: Any) -> dict[str, Any]:
        """Write one item, optionally under a condition."""

    def delete_item(self, **kwargs: Any) -> dict[str, Any]:
        """Delete one item."""

    def create_table(self, **kwargs: Any) -> dict[str, Any]:
        """Create a table."""


class DynamoDBAdapter(VersionedAdapter):
    """Stores each user's attributes as one item {"id", "version", "attributes"}."""

    backend_errors = (ClientError, BotoCoreError, TypeError, ValueError, ArithmeticError)

    def __init__(
        self,
        table_name: str,
        client: DynamoDBClient | None = None,
        merge: MergeFunction | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        region: str | None = None,
    ) -> None:
        """Use `table_name`; the boto3 client is created on first use unless one is given."""
        super().__init__(merge=merge, max_attempts=max_attempts)
        self.table_name = table_name
        self._region = region
        self._client = client
        self._client_lock = threading.Lock()

    def describe(self) -> str:
        """Name the table for messages."""
        return f"DynamoDB table {self.table_name}"

    @property
    def client(self) -> DynamoDBClient:
        """The DynamoDB client, created on first use (region from AWS_REGION/AWS_DEFAULT_REGION)."""
        with self._client_lock:
            if self._client is None:
                self._client = _make_client(self._region)
            return self._client

    def create_table(self) -> None:
        """Create the table (on-demand billing, string key "id") and wait until it is active."""
        with self._guard("create the table"):
            self.client.create_table(
                TableName=self.table_name,
                KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
            waiter = getattr(self.client, "get_waiter", None)
            if waiter is not None:
                waiter("table_exists").wait(TableName=self.table_name)

    def _read(self, user_id: str) -> tuple[int, Attributes]:
        """Return the stored (version, attributes), or (0, {}) for a new user."""
        response = self.client.get_item(
            TableName=self.table_name, Key={"id": {"S": user_id}}, ConsistentRead=True
        )
        item = response.get("Item")
        if item is None:
            return 0, {}
        try:
            version = from_dynamo(_DESERIALIZER.deserialize(item["version"]))
            data = from_dynamo(_DESERIALIZER.deserialize(item["attributes"]))
        except (KeyError, TypeError, ValueError, ArithmeticError) as error:
            raise CorruptRecord(
                f"{self.describe()}: the stored item is corrupted: {type(error).__name__}: {error}"
            ) from error
        return self._record(version, data)

    def _write(self, user_id: str, expected_version: int, data: Attributes) -> bool:
        """Put the item if it is absent or still at expected_version."""
        item = {
            "id": {"S": user_id},
            "version": {"N": str(expected_version + 1)},
            "attributes": _SERIALIZER.serialize(to_dynamo(data)),
        }
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item=item,
                ConditionExpression="attribute_not_exists(#id) OR #version = :expected",
                ExpressionAttributeNames={"#id": "id", "#version": "version"},
                ExpressionAttributeValues={":expected": {"N": str(expected_version)}},
            )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def _delete(self, user_id: str) -> None:
        """Delete the user's item and any unreadable copy of it set aside."""
        self.client.delete_item(TableName=self.table_name, Key={"id": {"S": user_id}})
        self.client.delete_item(
            TableName=self.table_name, Key={"id": {"S": f"{QUARANTINE_PREFIX}{user_id}"}}
        )

    def _quarantine(self, user_id: str, reason: str) -> None:
        """Copy the unreadable item under ``quarantine#<user id>``, then delete it."""
        response = self.client.get_item(
            TableName=self.table_name, Key={"id": {"S": user_id}}, ConsistentRead=True
        )
        item = response.get("Item")
        if item is None:
            return
        self.client.put_item(
            TableName=self.table_name,
            Item={
                "id": {"S": f"{QUARANTINE_PREFIX}{user_id}"},
                "item": {"M": item},
                "reason": {"S": reason[:500]},
            },
        )
        self.client.delete_item(TableName=self.table_name, Key={"id": {"S": user_id}})


def to_dynamo(value: Any) -> Any:
    """Convert floats (recursively) to Decimal, which is the only number DynamoDB accepts."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"DynamoDB cannot store the number {value!r}")
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {key: to_dynamo(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_dynamo(item) for item in value]
    return value


def from_dynamo(value: Any) -> Any:
    """Convert DynamoDB's Decimals (recursively) to int, or float when not integral."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: from_dynamo(item) for key, item in value.items()}
    if isinstance(value, list | set | frozenset):
        return [from_dynamo(item) for item in value]
    return value


def _make_client(region: str | None) -> DynamoDBClient:
    """Create a boto3 DynamoDB client with timeouts that fit in Alexa's 8 s answer budget."""
    region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    config = Config(
        connect_timeout=2, read_timeout=3, retries={"mode": "standard", "max_attempts": 3}
    )
    session = boto3.session.Session()
    return cast(DynamoDBClient, session.client("dynamodb", region_name=region, config=config))
