"""State: the tip plan, visit counters, typed session attributes and the merge of two devices."""

from __future__ import annotations

from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.builder import build_skill
from skill.conversation.state import Session, TipPlan, count_visit, merge, shuffled, visits_total
from skill.hosts.local.conversation import Conversation
from skill.persistence import SQLiteAdapter
from tests.helpers import user_envelope

IDS = [s.id for s in content.load().strategies]


def test_shuffle_is_stable_per_seed_and_avoids_the_last_tip() -> None:
    assert shuffled(IDS, "a:1") == shuffled(IDS, "a:1")
    assert sorted(shuffled(IDS, "a:1")) == sorted(IDS)
    first = shuffled(IDS, "a:2")[0]
    assert shuffled(IDS, "a:2", avoid_first=first)[0] != first


def test_tip_plan_covers_all_nine_then_starts_a_new_round() -> None:
    plan = TipPlan.from_attributes(None, IDS)
    tips = []
    for _ in range(9):
        tip, new_round = plan.next_tip("u", IDS)
        assert not new_round
        plan.mark_heard(tip)
        tips.append(tip)
    assert sorted(tips) == sorted(IDS)
    tip, new_round = plan.next_tip("u", IDS)
    assert new_round and tip != tips[-1] and plan.round == 2


@pytest.mark.parametrize(
    "stored",
    [None, "x", {"order": ["nope"]}, {"order": IDS[:3], "heard": IDS}, {"round": -3, "order": 5}],
)
def test_tip_plan_repairs_malformed_attributes(stored: object) -> None:
    plan = TipPlan.from_attributes(stored, IDS)
    tip, _ = plan.next_tip("u", IDS)
    assert tip in IDS


def test_visit_counters_are_per_device() -> None:
    attributes: dict[str, object] = {}
    count_visit(attributes, "kitchen")
    count_visit(attributes, "kitchen")
    count_visit(attributes, "car")
    assert visits_total(attributes) == 3
    assert visits_total({"visits": "broken"}) == 0


def test_merge_keeps_both_devices_updates() -> None:
    base_tips = {"round": 1, "order": IDS, "heard": IDS[:2]}
    ours = {
        "visits": {"kitchen": 4, "car": 1},
        "tips": {**base_tips, "heard": [*IDS[:2], IDS[2]]},
        "last_strategy": {"id": IDS[2], "at": "2026-11-27T10:00:01+00:00"},
    }
    theirs = {
        "visits": {"kitchen": 3, "car": 2},
        "tips": {**base_tips, "heard": [*IDS[:2], IDS[3]]},
        "last_strategy": {"id": IDS[3], "at": "2026-11-27T10:00:00+00:00"},
        "exercise": {"step": "clarify", "at": "2026-11-27T09:00:00+00:00"},
    }
    merged = merge(ours, theirs)
    assert merged["visits"] == {"kitchen": 4, "car": 2}
    assert sorted(merged["tips"]["heard"]) == sorted(IDS[:4])
    assert merged["last_strategy"]["id"] == IDS[2]
    assert merged["exercise"]["step"] == "clarify"


def test_merge_later_round_wins() -> None:
    ours = {"tips": {"round": 2, "order": IDS, "heard": IDS[:1]}}
    theirs = {"tips": {"round": 1, "order": IDS, "heard": IDS[:8]}}
    assert merge(ours, theirs)["tips"]["round"] == 2
    assert merge(theirs, ours)["tips"]["heard"] == IDS[:1]


def test_session_round_trip_and_schema_reset() -> None:
    session = Session(last_kind="tip", last_id=IDS[0], list_index=2, history=(IDS[0],))
    assert Session.from_attributes(session.to_attributes()) == session
    assert Session.from_attributes({"last_kind": "tip"}) == Session()
    assert Session.from_attributes(None) == Session()


def test_two_interleaved_devices_lose_no_update(db_path: Path, skill: CustomSkill) -> None:
    """Two devices of one user, each answering while the other's write lands in between."""
    kitchen = Conversation(skill, user="pat", device_id="amzn1.ask.device.KITCHEN")
    car = Conversation(skill, user="pat", device_id="amzn1.ask.device.CAR")
    second_skill_on_same_file = Conversation(
        build_skill(SQLiteAdapter(db_path, merge=merge)),
        user="pat",
        device_id="amzn1.ask.device.PHONE",
    )
    heard = []
    for talk in (kitchen, car, second_skill_on_same_file, kitchen, car):
        exchange = talk.intent("TrustTipIntent", new_session=True)
        heard.append(exchange.response["response"]["card"]["title"])
    assert len(set(heard)) == 5

    stored = SQLiteAdapter(db_path, merge=merge)
    envelope = user_envelope("amzn1.ask.account.pat")
    attributes = stored.get_attributes(envelope)
    assert visits_total(attributes) == 5
    assert len(attributes["tips"]["heard"]) == 5


def test_racing_writes_are_merged_not_lost(db_path: Path) -> None:
    """Both devices read version N, then both write: the second write merges, not overwrites."""
    envelope = user_envelope("amzn1.ask.account.race")
    one, two = SQLiteAdapter(db_path, merge=merge), SQLiteAdapter(db_path, merge=merge)
    a = one.get_attributes(envelope)
    b = two.get_attributes(envelope)
    count_visit(a, "kitchen")
    a["tips"] = {"round": 1, "order": IDS, "heard": [IDS[0]]}
    count_visit(b, "car")
    b["tips"] = {"round": 1, "order": IDS, "heard": [IDS[5]]}
    one.save_attributes(envelope, a)
    two.save_attributes(envelope, b)
    final = one.get_attributes(envelope)
    assert final["visits"] == {"kitchen": 1, "car": 1}
    assert sorted(final["tips"]["heard"]) == sorted([IDS[0], IDS[5]])
