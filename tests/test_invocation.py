"""Tests for interaction_model.invocation."""

import pytest

from interaction_model.invocation import split_invocation


@pytest.mark.parametrize(
    "utterance",
    [
        "open trust coach",
        "Open Trust Coach.",
        "alexa, open trust coach",
        "Alexa open trust coach please",
        "start trust coach",
        "launch trust coach",
        "begin trust coach",
        "talk to trust coach",
        "run trust coach",
        "ask trust coach",
        "kindly open trust coach",
        "can you start trust coach for me",
        "i want to talk to trust coach",
        "let's chat with trust coach",
        "fire up trust coach",
        "open trust coach mate",
        "start trust coach eh",
        "um alexa open trust coach",
        "uh alexa can you start trust coach",
        "let's do trust coach",
    ],
)
def test_launch(utterance: str) -> None:
    assert split_invocation(utterance, "trust coach") == ("launch", None)


@pytest.mark.parametrize(
    ("utterance", "rest"),
    [
        ("ask trust coach to give me a trust tip", "give me a trust tip"),
        ("Alexa, ask trust coach to give me a trust tip", "give me a trust tip"),
        ("ask trust coach for a tip", "a tip"),
        ("ask trust coach about boundaries", "boundaries"),
        ("ask trust coach if therapy helps", "therapy helps"),
        ("ask trust coach whether therapy helps", "therapy helps"),
        ("ask trust coach give me a tip", "give me a tip"),
        ("tell trust coach I feel unsafe", "I feel unsafe"),
        ("tell trust coach to start the exercise", "start the exercise"),
        ("use trust coach to start the exercise", "start the exercise"),
        ("open trust coach and give me a tip", "give me a tip"),
    ],
)
def test_one_shot(utterance: str, rest: str) -> None:
    assert split_invocation(utterance, "trust coach") == ("one_shot", rest)


@pytest.mark.parametrize(
    ("utterance", "rest"),
    [
        ("give me a tip", "give me a tip"),
        ("alexa, stop", "stop"),
        ("start the exercise", "start the exercise"),
        ("tell me about trust", "tell me about trust"),
        ("open the exercise", "open the exercise"),
        # The skill addressed by its name: the request is what follows it.
        ("hey trust coach give me a tip", "give me a tip"),
        ("trust coach, what's strategy three", "what's strategy three"),
        ("what can trust coach do", "what can you do"),
        ("how does trust coach work", "how do you work"),
        ("thanks trust coach", "thanks trust coach"),
    ],
)
def test_in_session(utterance: str, rest: str) -> None:
    assert split_invocation(utterance, "trust coach") == ("in_session", rest)


@pytest.mark.parametrize(
    ("utterance", "kind", "rest"),
    [
        ("open trust coah", "launch", None),
        ("start trustcoach", "launch", None),
        ("launch tust coach", "launch", None),
        # A slip in the launch verb, too.
        ("opne trust coach", "launch", None),
        ("strat trust coach", "launch", None),
        ("ask trsut coach for a tip", "one_shot", "a tip"),
        # Words near the name that are not the name stay as they are.
        ("i trust my coach", "in_session", "i trust my coach"),
        ("trust issues coach", "in_session", "trust issues coach"),
    ],
)
def test_a_typed_slip_in_the_name_is_read_as_the_name(
    utterance: str, kind: str, rest: str | None
) -> None:
    assert split_invocation(utterance, "trust coach") == (kind, rest)
