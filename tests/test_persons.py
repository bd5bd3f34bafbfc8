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


def test_forget_me_from_a_recognized_person_forgets_only_them(
    skill: CustomSkill, adapter: SQLiteAdapter
) -> None:
    """Sam's "forget me" on a shared speaker: Sam's round and the names go, Alex's round stays."""
    from skill.hosts.local.conversation import Conversation

    sam, alex = "amzn1.ask.person.SAM", "amzn1.ask.person.ALEX"
    for person in (sam, alex, None):
        tip_for(skill, person)
    couple = Conversation(skill, user="couple")
    couple.intent("CheckInIntent")
    couple.intent(
        "PartnerNamesIntent",
        {
            "first": {"name": "first", "value": "Sam", "confirmationStatus": "NONE"},
            "second": {"name": "second", "value": "Alex", "confirmationStatus": "NONE"},
        },
    )
    couple.intent("AMAZON.NextIntent")
    before = adapter.get_attributes(user_envelope(USER))
    assert before["checkin"]["names"] == ["Sam", "Alex"]
    talk = Conversation(skill, user="couple", person_id=sam)
    asked = talk.intent("ForgetMeIntent")
    lines = content.load().lines
    assert asked.speech == lines["forget_person_confirm"] and not asked.end_session
    # "I don't get it" explains what goes and what stays; yes still forgets.
    assert talk.intent("TellMeMoreIntent").speech == lines["forget_person_explain"]
    done = talk.intent("AMAZON.YesIntent")
    assert done.end_session and done.speech == lines["forget_person_done"]
    after = adapter.get_attributes(user_envelope(USER))
    assert set(after["persons"]) == {alex}
    assert after["persons"][alex] == before["persons"][alex]
    assert after["tips"] == before["tips"]
    # The couple's place in the check-in stays, without the names.
    assert after["checkin"]["step"] == before["checkin"]["step"]
    assert "names" not in after["checkin"]


def test_forget_me_from_an_unrecognized_speaker_forgets_the_whole_account(
    skill: CustomSkill, adapter: SQLiteAdapter
) -> None:
    from skill.hosts.local.conversation import Conversation

    tip_for(skill, "amzn1.ask.person.SAM")
    tip_for(skill, None)
    talk = Conversation(skill, user="couple")
    assert talk.intent("ForgetMeIntent").speech == content.load().lines["forget_confirm"]
    assert talk.intent("AMAZON.YesIntent").speech == content.load().lines["forget_done"]
    assert "persons" not in adapter.get_attributes(user_envelope(USER))


def test_forget_me_from_a_person_when_storage_cannot_be_read_says_it_failed(
    db_path: Path,
) -> None:
    """Nothing read, nothing forgotten: the person hears the failure, never "Done"."""
    from skill.builder import build_skill
    from skill.hosts.local.conversation import Conversation
    from tests.test_handlers import BrokenStore

    store = BrokenStore(db_path, fail_read=True, fail_write=False)
    talk = Conversation(build_skill(store), user="couple", person_id="amzn1.ask.person.SAM")
    talk.intent("ForgetMeIntent")
    assert talk.intent("AMAZON.YesIntent").speech == content.load().lines["forget_failed"]
