"""A second skill through the same machinery: resolver, envelopes, Conversation, handle_event."""

from __future__ import annotations

import pytest

from interaction_model.resolver import Resolver
from skill.hosts import runtime
from skill.hosts.local import envelopes
from skill.hosts.local.conversation import Conversation
from tests.pizza.skill import APOLOGY, LINES, MODEL, build_pizza_skill


@pytest.fixture
def pizza() -> Conversation:
    """A conversation with pizza bot, understood through its own model only."""
    return Conversation(build_pizza_skill(), Resolver.from_path(MODEL), apology=APOLOGY)


def test_the_model_gives_the_invocation_name_and_the_locale(pizza: Conversation) -> None:
    assert pizza.resolver is not None
    assert pizza.resolver.model.invocation_name == "pizza bot"
    assert pizza.locale == "en-US"


def test_one_shot_order(pizza: Conversation) -> None:
    exchange = pizza.send("ask pizza bot for a large pizza")
    assert exchange.intent == "OrderPizzaIntent"
    assert exchange.slots == {"size": {"value": "large", "id": "large"}}
    assert exchange.request["session"]["new"] is True
    assert exchange.speech == LINES["ordered"].format(size="large", count=1)


def test_multi_turn_order_carries_the_session(pizza: Conversation) -> None:
    opened = pizza.send("open pizza bot")
    assert opened.intent is None and opened.request["request"]["type"] == "LaunchRequest"
    assert opened.speech == LINES["welcome"] and not opened.end_session
    first = pizza.send("a big pizza")
    assert first.slots["size"]["id"] == "large"
    second = pizza.send("small")
    assert second.request["session"]["new"] is False
    assert second.request["session"]["attributes"] == {"pizzas": ["large"]}
    assert second.speech == LINES["ordered"].format(size="small", count=2)
    assert second.request["session"]["sessionId"] == first.request["session"]["sessionId"]
    done = pizza.send("that's all")
    assert done.intent == "AMAZON.StopIntent" and done.end_session
    assert done.speech == LINES["done"].format(count=2)
    assert not pizza.in_session


def test_open_trust_coach_does_not_open_pizza_bot(pizza: Conversation) -> None:
    exchange = pizza.send("open trust coach")
    assert exchange.request["request"]["type"] == "IntentRequest"
    assert exchange.intent == "AMAZON.FallbackIntent"
    assert exchange.speech == LINES["fallback"]


def test_trust_coach_words_are_not_pizza_bots(pizza: Conversation) -> None:
    assert pizza.send("give me a trust tip").intent == "AMAZON.FallbackIntent"


def test_an_unreadable_envelope_gets_pizza_bots_own_apology() -> None:
    response = runtime.handle_event(build_pizza_skill(), {"no": "request"}, apology=APOLOGY)
    assert response["response"]["outputSpeech"]["ssml"] == f"<speak>{LINES['sorry']}</speak>"
    assert response["response"]["shouldEndSession"] is False


def test_envelopes_carry_the_conversations_locale() -> None:
    request = envelopes.intent_request("OrderPizzaIntent", locale="en-GB")
    assert request["locale"] == "en-GB"
