"""State: the tip plan, visit counters, typed session attributes and the merge of two devices."""

from __future__ import annotations

from pathlib import Path

import pytest
from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.builder import build_skill
from skill.conversation.state import (
    SESSION_SCHEMA,
    Answer,
    FollowUp,
    Said,
    Session,
    TipPlan,
    UserState,
    merge,
    shuffled,
)
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
    state = UserState.from_attributes({})
    state.count_visit("kitchen")
    state.count_visit("kitchen")
    state.count_visit("car")
    assert state.visits_total == 3
    assert state.to_attributes()["visits"] == {"kitchen": 2, "car": 1}
    assert UserState.from_attributes({"visits": "broken"}).visits_total == 0


def test_user_state_knows_when_it_changed() -> None:
    stored = {"visits": {"kitchen": 1}, "tips": {"round": 1, "order": IDS, "heard": []}}
    state = UserState.from_attributes(stored, IDS)
    assert not state.changed
    state.tips.mark_heard(IDS[4])
    assert state.changed
    assert state.to_attributes()["tips"]["heard"] == [IDS[4]]


def test_user_state_repairs_drops_retired_keys_and_keeps_unknown_ones() -> None:
    stored = {
        "visits": {"kitchen": -4, "car": "x"},
        "tips": {"order": ["nope"]},
        "exercise": {"step": "clarify"},
        "exercise_finished": "yesterday",
        "last_strategy": {"id": IDS[0], "at": "2026-11-27T10:00:00+00:00"},
        "from_a_newer_version": [1, 2],
        "_version": 7,
    }
    attributes = UserState.from_attributes(stored, IDS).to_attributes()
    assert attributes == {
        "visits": {"kitchen": 0, "car": 0},
        "exercise": {"step": "clarify", "at": ""},
        "from_a_newer_version": [1, 2],
        "_version": 7,
    }


def test_follow_ups_read_back_and_unknown_names_mean_nothing() -> None:
    session = Session(pending=FollowUp.MORE, declined=FollowUp.ANOTHER)
    assert Session.from_attributes(session.to_attributes()) == session
    attributes = {**session.to_attributes(), "pending": "launch_missiles"}
    assert Session.from_attributes(attributes).pending is None


def test_merge_keeps_both_devices_updates() -> None:
    base_tips = {"round": 1, "order": IDS, "heard": IDS[:2]}
    ours = {
        "visits": {"kitchen": 4, "car": 1},
        "tips": {**base_tips, "heard": [*IDS[:2], IDS[2]]},
        "exercise_finished": {"at": "2026-11-27T10:00:01+00:00", "mentioned": True},
    }
    theirs = {
        "visits": {"kitchen": 3, "car": 2},
        "tips": {**base_tips, "heard": [*IDS[:2], IDS[3]]},
        "exercise_finished": {"at": "2026-11-27T10:00:00+00:00", "mentioned": False},
        "exercise": {"step": "clarify", "at": "2026-11-27T09:00:00+00:00"},
    }
    merged = merge(ours, theirs)
    assert merged["visits"] == {"kitchen": 4, "car": 2}
    assert sorted(merged["tips"]["heard"]) == sorted(IDS[:4])
    assert merged["exercise_finished"]["mentioned"] is True
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


def test_session_keeps_the_last_answer_typed_and_reads_past_raw_speech() -> None:
    said = Said(Answer.STEP, step=2, routine="checkin")
    session = Session(said=said, exercise_step=2, routine="checkin")
    attributes = session.to_attributes()
    assert attributes["said"] == {"kind": "step", "step": 2, "routine": "checkin"}
    assert Session.from_attributes(attributes) == session
    old = {"_schema": SESSION_SCHEMA, "last_ssml": "<speak>x</speak>", "last_reprompt": "y"}
    assert Session.from_attributes(old) == Session()
    assert "last_ssml" not in Session.from_attributes(old).to_attributes()


@pytest.mark.parametrize("when", ["SU 19:00", "FR 07:30"])
def test_a_reminder_answer_keeps_the_time_it_named(when: str) -> None:
    said = Said(Answer.REMINDER, ref="set_done", when=when)
    attributes = Session(said=said).to_attributes()
    assert attributes["said"] == {"kind": "reminder", "ref": "set_done", "when": when}
    assert Session.from_attributes(attributes).said == said


@pytest.mark.parametrize("when", ["sunday", "SU 7pm", "XX 19:00", 1900, ["SU 19:00"]])
def test_a_malformed_reminder_time_drops_the_record(when: object) -> None:
    attributes = {"_schema": SESSION_SCHEMA, "said": {"kind": "reminder", "ref": "x", "when": when}}
    assert Session.from_attributes(attributes).said is None


@pytest.mark.parametrize(
    "value", ["x" * 100_000, "a\udc80", "<speak>", "Tip", "_private", 7, ["tip"]]
)
def test_session_strings_sent_back_to_alexa_are_ids_or_dropped(value: object) -> None:
    attributes = {"_schema": SESSION_SCHEMA, "last_kind": value, "last_id": value, "routine": value}
    attributes["history"] = [value, IDS[0]]
    attributes["said"] = {"kind": "tip", "ref": value}
    session = Session.from_attributes(attributes)
    assert (session.last_kind, session.last_id, session.routine) == (None, None, None)
    assert session.said is None
    assert session.history == (IDS[0],)


def test_two_interleaved_devices_lose_no_update(db_path: Path, skill: CustomSkill) -> None:
    """Two devices of one user, each answering while the other's write lands in between."""
    kitchen = Conversation(skill, user="pat", device_id="amzn1.ask.device.KITCHEN")
    car = Conversation(skill, user="pat", device_id="amzn1.ask.device.CAR")
    second_skill_on_same_file = Conversation(
        build_skill(SQLiteAdapter(db_path)),
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
    assert UserState.from_attributes(attributes).visits_total == 5
    assert len(attributes["tips"]["heard"]) == 5


def test_racing_writes_are_merged_not_lost(db_path: Path) -> None:
    """Both devices read version N, then both write: the second write merges, not overwrites."""
    envelope = user_envelope("amzn1.ask.account.race")
    one, two = SQLiteAdapter(db_path, merge=merge), SQLiteAdapter(db_path, merge=merge)
    a = one.get_attributes(envelope)
    b = two.get_attributes(envelope)
    a["visits"] = {"kitchen": 1}
    a["tips"] = {"round": 1, "order": IDS, "heard": [IDS[0]]}
    b["visits"] = {"car": 1}
    b["tips"] = {"round": 1, "order": IDS, "heard": [IDS[5]]}
    one.save_attributes(envelope, a)
    two.save_attributes(envelope, b)
    final = one.get_attributes(envelope)
    assert final["visits"] == {"kitchen": 1, "car": 1}
    assert sorted(final["tips"]["heard"]) == sorted([IDS[0], IDS[5]])


def test_the_builder_gives_every_versioned_adapter_the_skills_merge(db_path: Path) -> None:
    """A host that forgets the merge still gets it: two skills on one file lose no update."""
    envelope = user_envelope("amzn1.ask.account.policy")
    first, second = SQLiteAdapter(db_path), SQLiteAdapter(db_path)
    build_skill(first), build_skill(second)
    a, b = first.get_attributes(envelope), second.get_attributes(envelope)
    a["visits"], b["visits"] = {"kitchen": 1}, {"car": 1}
    first.save_attributes(envelope, a)
    second.save_attributes(envelope, b)
    assert first.get_attributes(envelope)["visits"] == {"kitchen": 1, "car": 1}


def test_the_later_no_to_a_reminder_wins_a_merge() -> None:
    ours = UserState(reminder_declined="2026-12-03T10:00:00Z")
    theirs = UserState(reminder_declined="2026-12-04T10:00:00Z")
    assert ours.merged_with(theirs).reminder_declined == "2026-12-04T10:00:00Z"
    assert ours.merged_with(UserState()).reminder_declined == "2026-12-03T10:00:00Z"
    assert UserState.from_attributes({"reminder_declined": 5}).reminder_declined is None
