"""Requests to the device, not talk for the coach: "call my mom", "find my phone", "plan a trip
for us", "read my text messages".

A request opens with a bare verb of something a phone, a shop or the device does. One table of
those verbs serves every reader that must tell a request from a confidence or a description: the
resolver's situation tiers (a request confides nothing, though "he texts my sister" does) and
its nearest-sample tier ("read my texts" asks; "he reads my texts" tells), and the description
reader (interaction_model.concepts: "plan a trip for us" describes no strategy).
"""

from __future__ import annotations

from collections.abc import Sequence

PHONE = "phone"
"""Only a phone or a shop does it: said first, the words are a request ("call my mom")."""
DEVICE = "device"
"""The device does it, yet people say it of themselves too ("find it hard", "set boundaries"):
a request when it is of something of mine or nearby ("find my phone", "search near me")."""

COMMAND_VERBS: dict[str, str] = {
    **dict.fromkeys(("call", "phone", "ring", "dial", "facetime", "text", "email"), PHONE),
    **dict.fromkeys(("book", "order", "buy", "locate", "navigate", "google"), PHONE),
    **dict.fromkeys(("find", "search", "plan", "set", "play", "add", "turn", "send"), DEVICE),
    **dict.fromkeys(("open", "schedule", "show", "put", "remind"), DEVICE),
}
"""First words of a request to the device, each with when it is one."""

_ASKING = frozenset({"please", "can", "could", "would", "will", "you", "alexa"})
_NEARBY = (("near", "me"), ("in", "my", "area"), ("nearby",), ("around", "here"))


def is_command(word: str) -> bool:
    """Whether a request to the device may open with the word ("plan", "call", "find")."""
    return word in COMMAND_VERBS


def asks_device(tokens: Sequence[str]) -> bool:
    """Whether the words ask the device to do something rather than tell of a situation: "call
    my mom", "find my phone", "find a marriage counselor in my area" (polite openers aside)."""
    words = list(tokens)
    while words[:1] and words[0] in _ASKING:
        words = words[1:]  # "please", "can you", "could you"
    kind = COMMAND_VERBS.get(words[0]) if words else None
    if kind == PHONE:
        return True
    if kind is None:
        return False
    joined = f" {' '.join(words)} "
    return words[1:2] == ["my"] or any(f" {' '.join(near)} " in joined for near in _NEARBY)
