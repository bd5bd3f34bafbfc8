"""Split an utterance into how it reaches the skill: launch, one-shot request, or in-session."""

import functools
import re
from typing import Literal

Mode = Literal["launch", "one_shot", "in_session"]

_WAKE = (
    r"(?:(?:(?:um|uh|er|erm|hmm|so)\W*\s+)*(?:hey\s+|ok\s+|okay\s+|hi\s+|g'day\s+)?"
    r"alexa\W*\s*)?"
)
# What people put before a launch verb: "please", "can you", "i want to", "let's".
_POLITE = (
    r"(?:(?:please|kindly|hey|hi|g'day|okay|ok|so|um|uh|right|righto|alright|now)\W*\s+|"
    r"(?:can|could|would|will) you\s+"
    r"(?:please\s+)?|(?:i|we) (?:want|wanna|would like|'d like|need|wish) (?:to\s+)?|"
    r"i'd like to\s+|we'd like to\s+|let's\s+|let us\s+|can (?:i|we)\s+)*"
)
_LAUNCH_VERBS = (
    r"(?:open(?: up)?|start(?: up)?|launch|begin|run|load|fire up|boot up|play|"
    r"(?:talk|speak|chat) (?:to|with)|have a go (?:with|at|on)|use|have|try|go to|get|do)"
)
# What people put after the name: "please", "for me", "mate", "eh", "yaar", "ji", "now".
_TRAILING = (
    r"(?:\W*\s*(?:please|for (?:me|us)|mate|eh|yaar|ji|na|bud|buddy|now|now please|right now|"
    r"again|thanks|cheers|then))*"
)
_ONE_SHOT_VERBS = r"(?:ask|tell)"
_CONNECTORS = r"(?:to|for|about|if|whether|that)"


@functools.cache
def _patterns(invocation_name: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compile the launch and one-shot phrasings around an invocation name."""
    name = r"(?:the\s+)?" + r"\s+".join(re.escape(word) for word in invocation_name.split())
    name += r"(?:\s+(?:skill|app))?"
    flags = re.IGNORECASE
    launch = re.compile(
        # The verb may be left out: "trust coach please".
        rf"\s*{_WAKE}{_POLITE}(?:(?:{_LAUNCH_VERBS}|{_ONE_SHOT_VERBS})\s+)?{name}{_TRAILING}\W*",
        flags,
    )
    ask = re.compile(
        rf"\s*{_WAKE}{_POLITE}{_ONE_SHOT_VERBS}\s+{name}\W*\s+(?:{_CONNECTORS}\s+)?(?P<rest>.+)",
        flags,
    )
    use = re.compile(
        rf"\s*{_WAKE}(?:(?:use|have)\s+{name}\s+to|{_LAUNCH_VERBS}\s+{name}\W*\s+and(?:\s+{_CONNECTORS})?)"
        rf"\s+(?P<rest>.+)",
        flags,
    )
    return launch, ask, use


_NAME_SLIP = 1.25
"""Most a typed slip in one word of the invocation name may cost (interaction_model.fuzzy)."""


def _respell_name(utterance: str, invocation_name: str) -> str:
    """The utterance with a typed slip in the invocation name put right: "open trust coah",
    "ask trsut coach", "start trustcoach" (each word near enough to the name's word)."""
    from interaction_model.fuzzy import typing_cost

    name = invocation_name.lower().split()
    words = utterance.split()
    joined = "".join(name)
    for start in range(len(words)):
        window = [w.lower().strip(".,!?") for w in words[start : start + len(name)]]
        if len(window) == len(name) and window != name:
            costs = [
                typing_cost(want, typed, _NAME_SLIP)
                for want, typed in zip(name, window, strict=True)
            ]
            if all(cost <= _NAME_SLIP for cost in costs) and sum(costs) <= _NAME_SLIP:
                return " ".join([*words[:start], *name, *words[start + len(name) :]])
        single = words[start].lower().strip(".,!?")
        if len(name) > 1 and typing_cost(joined, single, _NAME_SLIP) <= _NAME_SLIP - 0.25:
            return " ".join([*words[:start], *name, *words[start + 1 :]])  # "trustcoach"
    return utterance


_VERB_SLIP = 1.0
"""Most a typed slip in the launch verb said right before the name may cost ("opn")."""
_SLIPPED_VERBS = ("open", "start", "launch", "begin", "load", "ask", "tell")
"""Launch verbs a slip is read as."""


def _respell_verb(utterance: str, invocation_name: str) -> str:
    """The utterance with a typed slip in a launch verb right before the name put right:
    "opn trust coach", "strat trust coach"."""
    from interaction_model.fuzzy import typing_cost

    words = utterance.split()
    name = invocation_name.lower().split()
    for index in range(len(words) - len(name)):
        if [w.lower().strip(".,!?") for w in words[index + 1 : index + 1 + len(name)]] != name:
            continue
        typed = words[index].lower().strip(".,!?")
        costs = sorted(
            (typing_cost(verb, typed, _VERB_SLIP), verb)
            for verb in _SLIPPED_VERBS
            if verb != typed and len(typed) >= 3
        )
        if costs and costs[0][0] <= _VERB_SLIP and (len(costs) == 1 or costs[1][0] > costs[0][0]):
            return " ".join([*words[:index], costs[0][1], *words[index + 1 :]])
    return utterance


# The name said to the skill inside a request: "hey trust coach, give me a tip" is the request;
# "what can trust coach do" asks what the skill ("you") can do.
_AUXILIARIES = {"does": "do", "can": "can", "could": "could", "will": "will", "would": "would"}


def _addressed(text: str, invocation_name: str) -> str:
    """In-session words with the skill's name read as the one addressed."""
    name = r"(?:the\s+)?" + r"\s+".join(re.escape(word) for word in invocation_name.split())
    flags = re.IGNORECASE
    vocative = re.match(
        rf"\s*(?:(?:hey|hi|okay|ok|so)\W*\s+)?{name}\b\W*\s+(?P<rest>\w.*)", text, flags
    )
    if vocative is not None:
        text = vocative.group("rest")
    return re.sub(
        rf"\b({'|'.join(_AUXILIARIES)})\s+{name}\b(?=\s+\w)",
        lambda found: f"{_AUXILIARIES[found.group(1).lower()]} you",
        text,
        flags=flags,
    )


def split_invocation(utterance: str, invocation_name: str) -> tuple[Mode, str | None]:
    """Classify an utterance addressed to the skill called ``invocation_name`` (from its model).

    Returns the kind of request and the part the skill's intents should see. A typed slip in
    the name ("open trust coah") is read as the name.
    """
    launch, ask, use = _patterns(invocation_name)
    if invocation_name.lower() not in utterance.lower():
        utterance = _respell_name(utterance, invocation_name)
    for said in dict.fromkeys((utterance, _respell_verb(utterance, invocation_name))):
        if launch.fullmatch(said):
            return "launch", None
        for pattern in (ask, use):
            found = pattern.fullmatch(said)
            if found is not None:
                return "one_shot", found.group("rest").strip()
    text = re.sub(rf"^\s*{_WAKE}", "", utterance, flags=re.IGNORECASE).strip()
    return "in_session", _addressed(text, invocation_name)
