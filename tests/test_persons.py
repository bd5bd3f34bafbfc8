"""Two partners on one speaker: a recognized person (context.System.person) has their own tips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ask_sdk_core.skill import CustomSkill

from skill import content
from skill.conversation.state import UserState, merge
from skill.hosts import runtime
from skill.hosts.local import envelopes
from skill.hosts.runtime import Apology
from skill.persistence import SQLiteAdapter
from tests.helpers import run_cli, user_envelope

IDS = {s.title: s.id for s in content.load().strategies}
"""Strategy ids by card title."""
USER = envelopes.user_id_for("couple")
APOLOGY = Apology.from_lines(content.load().lines)


def tip_for(skill: CustomSkill, person: str | None) -> str:
    """The id of the tip heard in a new session as ``person`` (None: unrecognized)."""
    event: dict[str, Any] = envelopes.envelope(
        envelopes.intent_request("TrustTipIntent", locale="en-US"),
        user_id=USER,
        session_id=envelopes.new_session_id(),
        new=True,
        attributes=None,
    )
    if person is not None:
        event["context"]["System"]["person"] = {"personId": person, "accessToken": "t"}
    response = runtime.handle_event(skill, event, apology=APOLOGY)
    title = response["response"]["card"]["title"]
    return IDS[title]


def test_each_person_hears_all_nine_before_a_repeat_and_rounds_stay_apart(
    skill: CustomSkill, adapter: SQLiteAdapter
) -> None:
    sam, alex = "amzn1.ask.person.SAM", "amzn1.ask.person.ALEX"
    heard: dict[str | None, list[str]] = {sam: [], alex: [], None: []}
    for _ in range(9):
        for person in (sam, alex):
            heard[person].append(tip_for(skill, person))
    heard[None].append(tip_for(skill, None))
    assert len(set(heard[sam])) == 9 and len(set(heard[alex])) == 9
    # The account's round is untouched by the two persons' eighteen tips: it is at its first.
    assert len(heard[None]) == 1
    # A tenth tip starts a new round for Sam only (never with the tip Sam heard last).
    assert tip_for(skill, sam) != heard[sam][-1]
    stored = adapter.get_attributes(user_envelope(USER))
    assert set(stored["persons"]) == {sam, alex}
    assert stored["persons"][alex]["round"] == 1 and len(stored["persons"][alex]["heard"]) == 9
    assert stored["persons"][sam]["round"] == 2 and len(stored["persons"][sam]["heard"]) == 1
    assert stored["tips"]["heard"] == heard[None]


def test_persons_are_read_repaired_and_merged() -> None:
    plan = {"round": 1, "order": ["a", "b"], "heard": ["a"]}
    ours = {"persons": {"p1": plan, "p2": {"round": 2, "order": ["b", "a"], "heard": []}}}
    theirs = {"persons": {"p1": {"round": 1, "order": ["a", "b"], "heard": ["b"]}, "p3": plan}}
    merged = merge(ours, theirs)["persons"]
    assert merged["p1"]["heard"] == ["b", "a"]
    assert merged["p2"]["round"] == 2 and merged["p3"] == plan
    state = UserState.from_attributes({"persons": {"p1": "junk", "": plan}}, ("a", "b"))
    assert set(state.persons) == {"p1"} and state.persons["p1"].order == []


def test_the_local_mode_simulates_a_recognized_speaker(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    person = "amzn1.ask.person.LOCAL"
    result = run_cli(["say", "--json", "--text", "--person", person, "give me a trust tip"], db)
    assert result.returncode == 0, result.stderr
    turn = json.loads(result.stdout.splitlines()[-1])
    assert turn["request"]["context"]["System"]["person"] == {"personId": person}
    stored = SQLiteAdapter(db).get_attributes(user_envelope(envelopes.user_id_for("local-user")))
    assert list(stored["persons"]) == [person] and "tips" not in stored
