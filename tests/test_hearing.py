"""Tests for skill.hosts.cli.hearing: which reading of an utterance the skill acts on."""

from __future__ import annotations

from skill.hosts.cli.hearing import understands
from speech.listen import Heard, Hypothesis, StopAware, choose


def test_understanding_grades_readings_and_knows_the_stops() -> None:
    grade = understands("en-US")
    assert isinstance(grade, StopAware)
    assert grade("give me a tip") > 0.5
    assert grade("zebra quantum") == 0.0
    assert grade("open trust coach") == 1.0
    assert grade.stops("stop") and grade.stops("never mind") and grade.stops("exit trust coach")
    assert not grade.stops("give me a tip")


def test_a_stop_is_plain_with_fillers_or_after_the_invocation() -> None:
    grade = understands("en-US")
    for said in ("stop please", "alexa never mind", "okay that's enough for now", "cancel it"):
        assert grade.plain(said, leading=False), said
    assert grade.plain("alexa ask trust coach to stop", leading=False)
    assert not grade.plain("my give me get end it", leading=True)


def test_a_stop_the_resolver_finds_inside_a_misheard_request_is_not_acted_on() -> None:
    grade = understands("en-US")
    # A request misheard with "end it" in it: the request wins over the stop.
    heard = Heard((Hypothesis("my give me get end it", -1.0), Hypothesis("give me a tip", -1.1)))
    assert grade.stops("my give me get end it")
    assert choose(heard, grade) == "give me a tip"
    # Alone, it is no answer: the skill asks again rather than stop.
    assert choose(Heard((Hypothesis("my give me get end it", -1.0),)), grade) == ""
    assert choose(Heard((Hypothesis("stop please", -1.0),)), grade) == "stop please"
