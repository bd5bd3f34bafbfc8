"""One user on many devices at once: every visit counted, no tip twice in a round, no replays."""

from __future__ import annotations

import collections
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import boto3
import pytest
from ask_sdk_core.skill import CustomSkill
from moto import mock_aws

from skill import content
from skill.builder import build_skill
from skill.conversation.state import UserState
from skill.hosts import runtime
from skill.hosts.local import envelopes
from skill.persistence import SQLiteAdapter
from skill.persistence.dynamodb import DynamoDBAdapter, DynamoDBClient
from tests.helpers import ROOT

PARALLEL = 20
TIP = re.compile(r"strategy (\d)")

APOLOGY = runtime.Apology.from_lines(content.load().lines)


def _tip_counts_are_rounds(tips: list[str]) -> None:
    """20 tips over rounds of nine: each tip twice, two of them a third time."""
    counts = collections.Counter(tips)
    assert len(tips) == PARALLEL
    assert sorted(counts.values()) == [2] * 7 + [3] * 2, counts


def test_twenty_processes_for_one_user_count_twenty_visits(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    SQLiteAdapter(db).check()  # the file exists before the race (as after a first use)
    env = {**os.environ, "TRUST_COACH_DB": str(db), "PYTHONPATH": str(ROOT)}
    env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
    command = [sys.executable, "-m", "skill", "say", "--text", "--user", "alice", "give me a tip"]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(PARALLEL)
    ]
    tips: list[str] = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        tips.extend(TIP.findall(out)[:1])
    _tip_counts_are_rounds(tips)
    adapter = SQLiteAdapter(db)
    stored = adapter.get_attributes(_envelope("amzn1.ask.account.alice"))
    assert UserState.from_attributes(stored).visits_total == PARALLEL


def _envelope(user_id: str) -> Any:
    from tests.helpers import user_envelope

    return user_envelope(user_id)


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch) -> Iterator[DynamoDBClient]:
    """moto's DynamoDB with the skill's table."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    with mock_aws():
        client = cast(DynamoDBClient, boto3.client("dynamodb", region_name="eu-west-1"))
        DynamoDBAdapter("trust-coach", client=client).create_table()
        yield client


def _tip_request(user: str) -> dict[str, Any]:
    return envelopes.envelope(
        envelopes.intent_request("TrustTipIntent", locale="en-US"),
        user_id=user,
        session_id=None,
        new=True,
        attributes=None,
    )


def _race(skill: CustomSkill) -> list[str]:
    tips: list[str] = []
    barrier = threading.Barrier(PARALLEL)
    lock = threading.Lock()

    def one() -> None:
        barrier.wait()
        speech = runtime.speech_of(
            runtime.handle_event(skill, _tip_request("amzn1.ask.account.bob"), apology=APOLOGY)
        )
        with lock:
            tips.extend(TIP.findall(speech or "")[:1])

    threads = [threading.Thread(target=one) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tips


class _AtomicWrites:
    """moto's table checks a write's condition and stores it in two steps, so two threads can
    both pass the same condition; DynamoDB does both at once. One lock gives the fake that
    guarantee (everything else is moto's own)."""

    def __init__(self, client: DynamoDBClient) -> None:
        self._client = client
        self._lock = threading.Lock()

    def put_item(self, **kwargs: Any) -> Any:
        """A conditional put, atomic like DynamoDB's."""
        with self._lock:
            return self._client.put_item(**kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def test_twenty_threads_on_dynamodb_count_twenty_visits(dynamodb: DynamoDBClient) -> None:
    adapter = DynamoDBAdapter("trust-coach", client=cast(DynamoDBClient, _AtomicWrites(dynamodb)))
    _tip_counts_are_rounds(_race(build_skill(adapter)))
    stored = adapter.get_attributes(_envelope("amzn1.ask.account.bob"))
    assert UserState.from_attributes(stored).visits_total == PARALLEL


def test_twenty_threads_on_sqlite_count_twenty_visits(tmp_path: Path) -> None:
    adapter = SQLiteAdapter(tmp_path / "threads.sqlite3")
    _tip_counts_are_rounds(_race(build_skill(adapter)))
    stored = adapter.get_attributes(_envelope("amzn1.ask.account.bob"))
    assert UserState.from_attributes(stored).visits_total == PARALLEL


def test_a_request_applied_twice_changes_state_once(tmp_path: Path) -> None:
    adapter = SQLiteAdapter(tmp_path / "replay.sqlite3")
    skill = build_skill(adapter)
    request = _tip_request("amzn1.ask.account.carol")
    first = runtime.speech_of(runtime.handle_event(skill, request, apology=APOLOGY))
    saved = adapter.get_attributes(_envelope("amzn1.ask.account.carol"))
    for _ in range(3):
        runtime.handle_event(skill, request, apology=APOLOGY)
    assert adapter.get_attributes(_envelope("amzn1.ask.account.carol")) == saved
    assert first
