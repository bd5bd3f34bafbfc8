"""The APL screens: documents well formed, every binding filled, within Alexa's size limit, shown
only on devices that render APL, and a touch answered like the words it stands for."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill import content, locales, screens
from skill.builder import build_skill
from skill.conversation.state import merge
from skill.hosts import runtime
from skill.hosts.local import devices, envelopes
from skill.hosts.local.conversation import Conversation, Exchange
from skill.hosts.local.touch import NothingToTouchError, touchables
from skill.persistence import SQLiteAdapter
from skill.screens import datasources, documents
from tests.test_real_envelopes import SHARED

GOLDEN = Path(__file__).parent / "golden"
LOCALES = locales.content_locales()
PRIMITIVES = frozenset(
    {"Container", "Frame", "Text", "ScrollView", "Sequence", "GridSequence", "TouchWrapper"}
)
"""The APL components the documents use (anything else must be one of their layouts)."""
GLOBALS = frozenset(
    {"viewport", "Math", "elapsedTime", "data", "index", "ordinal", "true", "false", "null"}
)
"""Names an APL expression may use without declaring them."""
SCREEN_PLACEHOLDERS = {
    "hint": {"phrase"},
    "tip_heading": {"number", "total"},
    "step_heading": {"routine", "number", "total"},
}


def variants(words: content.Content) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (kind, data) a handler can show in this locale: each strategy, each step."""
    for strategy in words.strategies:
        yield "tip", {"strategy": strategy}
        yield "more", {"strategy": strategy}
    for topic in words.topics:
        yield "topic", {"topic": topic}
        yield "topic_more", {"topic": topic}
    yield "list", {}
    yield "safety", {}
    for routine, steps in (("exercise", words.exercise.steps), ("checkin", _checkin(words))):
        for index in range(len(steps)):
            yield "step", {"steps": steps, "index": index, "routine": routine}


def _checkin(words: content.Content) -> tuple[content.ExerciseStep, ...]:
    routine = words.checkin or content.load().checkin
    assert routine is not None
    return routine.steps


ALL_VARIANTS = [
    (locale, kind, data) for locale in LOCALES for kind, data in variants(content.load(locale))
]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _strings(item)


def _expressions(node: Any) -> Iterator[str]:
    for text in _strings(node):
        yield from re.findall(r"\$\{(.*?)\}", text)


def _names(expression: str) -> set[str]:
    """The first names of the paths an expression reads (string literals left out)."""
    bare = re.sub(r"'[^']*'|\"[^\"]*\"", "", expression)
    return set(re.findall(r"(?<![\w.])([A-Za-z_]\w*)", bare))


def _paths(node: Any, prefix: str) -> set[str]:
    return {found for e in _expressions(node) for found in re.findall(rf"\b{prefix}\.(\w+)", e)}


def _components(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "type" in node:
            yield node
        for key, value in node.items():
            if key != "bind":  # a bind's "type" is a value type, not a component
                yield from _components(value)
    elif isinstance(node, list):
        for item in node:
            yield from _components(item)


@pytest.mark.parametrize("name", documents.names())
def test_documents_are_apl_with_a_version_and_a_main_template(name: str) -> None:
    raw = json.loads((documents.DOCUMENTS_DIR / f"{name}.json").read_text("utf-8"))
    assert "mainTemplate" in raw
    document = documents.document(name)
    assert document["type"] == "APL"
    assert re.fullmatch(r"\d+\.\d+", document["version"])
    assert document["mainTemplate"]["parameters"] == ["payload"]
    assert document["mainTemplate"]["items"]


def test_every_kind_has_a_document() -> None:
    assert {screen.document for screen in screens.KINDS.values()} == set(documents.names())


@pytest.mark.parametrize("name", documents.names())
def test_every_component_style_and_resource_a_document_uses_is_defined(name: str) -> None:
    document = documents.document(name)
    layouts = document["layouts"]
    resources: set[str] = set()
    for block in document["resources"]:
        for group in ("colors", "dimensions", "strings"):
            resources |= set(block.get(group, {}))
    for component in _components([document["mainTemplate"], layouts]):
        kind = component["type"]
        if kind in ("SendEvent", "SetValue", "Sequential", "Parallel", "AnimateItem"):
            continue
        assert kind in PRIMITIVES or kind in layouts, f"{name}: unknown component {kind}"
        if "style" in component:
            assert component["style"] in document["styles"], f"{name}: style {component['style']}"
        if kind in layouts:
            assert set(layouts[kind]["parameters"]) <= set(component), f"{name}: {kind} args"
    used = {text[1:] for text in _strings(document) if re.fullmatch(r"@\w+", text)}
    assert used <= resources, f"{name}: undefined resources {used - resources}"


@pytest.mark.parametrize("name", documents.names())
def test_every_resource_has_a_value_on_every_viewport(name: str) -> None:
    # A block with a `when` only overrides: what it alone defined would be missing elsewhere.
    document = documents.document(name)
    always: set[str] = set()
    for block in document["resources"]:
        if "when" not in block:
            for group in ("colors", "dimensions", "strings"):
                always |= set(block.get(group, {}))
    for block in document["resources"]:
        for group in ("colors", "dimensions", "strings"):
            assert set(block.get(group, {})) <= always, block.get("description")


@pytest.mark.parametrize("name", documents.names())
def test_expressions_read_only_declared_names(name: str) -> None:
    document = documents.document(name)
    binds = {b["name"] for c in _components(document["mainTemplate"]) for b in c.get("bind", [])}
    template_names = set(document["mainTemplate"]["parameters"]) | binds | GLOBALS
    for expression in _expressions(document["mainTemplate"]):
        assert _names(expression) <= template_names, f"{name}: {expression}"
    for layout_name, layout in document["layouts"].items():
        allowed = set(layout["parameters"]) | GLOBALS
        for expression in _expressions(layout["items"]):
            assert _names(expression) <= allowed, f"{name}.{layout_name}: {expression}"


@pytest.mark.parametrize(("locale", "kind", "data"), ALL_VARIANTS)
def test_every_field_a_document_binds_is_in_its_datasource(
    locale: str, kind: str, data: dict[str, Any]
) -> None:
    directive = screens.render(kind, content.load(locale), **data)
    document, payload = directive["document"], directive["datasources"][datasources.NAME]
    assert _paths(document, "payload.screen") <= set(payload)
    for component in _components(document["mainTemplate"]):
        if "data" not in component:
            continue
        (array,) = re.findall(r"payload\.screen\.(\w+)", component["data"])
        fields = _paths(component["items"], "data")
        assert payload[array] and all(fields <= set(item) for item in payload[array])
    for value in _strings(payload):
        assert "{" not in value, f"an unfilled placeholder in {value!r}"


def directive_bytes(directive: dict[str, Any]) -> int:
    """What the directive adds to a response, as Alexa counts it (UTF-8 JSON)."""
    return len(json.dumps(directive, ensure_ascii=False).encode("utf-8"))


DIRECTIVE_BUDGET = runtime.MAX_RESPONSE_BYTES // 2
"""A screen may take half the response: speech (up to 8,000 characters), reprompt and card share
the rest of Alexa's 24 KB (runtime.MAX_RESPONSE_BYTES)."""


@pytest.mark.parametrize("locale", LOCALES)
def test_each_directive_stays_within_half_of_alexas_response_limit(locale: str) -> None:
    words = content.load(locale)
    sizes = {
        kind: directive_bytes(screens.render(kind, words, **data)) for kind, data in variants(words)
    }
    assert max(sizes.values()) <= DIRECTIVE_BUDGET, sizes


def test_a_wide_strategy_title_would_break_the_budget_check() -> None:
    words = content.load()
    huge = screens.render("list", words)
    huge["datasources"][datasources.NAME]["strategies"] *= 200
    assert directive_bytes(huge) > DIRECTIVE_BUDGET


@pytest.mark.parametrize("locale", LOCALES)
def test_safety_screen_shows_the_numbers_the_locale_says(locale: str) -> None:
    words = content.load(locale)
    shown = datasources.safety(words)
    spoken = words.line("safety")
    assert shown["emergencyNumber"] and shown["emergencyNumber"] in spoken
    assert shown["helplineNumber"] in spoken
    on_screen = " ".join(shown[k] for k in ("emergencyNumber", "helpline", "helplineNumber"))
    assert set(re.findall(r"\d+", spoken)) <= set(re.findall(r"\d+", on_screen))


@pytest.mark.parametrize("locale", LOCALES)
def test_screen_words_have_their_placeholders_and_none_is_empty(locale: str) -> None:
    words = content.load(locale).screen
    assert set(words) == set(content.load().screen)
    for key, text in words.items():
        names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
        assert names == SCREEN_PLACEHOLDERS.get(key, set()), key
        assert text or key == "safety_helpline_number", key


@pytest.mark.parametrize("locale", locales.SUPPORTED)
@pytest.mark.parametrize(
    ("key", "intent"), [("tip_phrase", "TellMeMoreIntent"), ("more_phrase", "TrustTipIntent")]
)
def test_the_hints_say_something_the_skill_understands(locale: str, key: str, intent: str) -> None:
    phrase = content.load(locale).screen[key]
    assert Resolver.from_locale(locale).resolve(phrase).intent == intent


# --- through the skill -------------------------------------------------------------------------


def _walk_everything(talk: Conversation) -> list[Exchange]:
    """A session that shows every kind: list, a tip, more, safety, a topic, both routines."""
    said = [talk.launch(), talk.intent("ListStrategiesIntent")]
    said.append(talk.intent("StrategyIntent", _strategy_slot(3)))
    said.append(talk.intent("TellMeMoreIntent"))
    said.append(talk.intent("SafetyIntent"))
    said.append(talk.intent("CausesIntent"))
    said.append(talk.intent("TellMeMoreIntent"))
    said.append(talk.intent("ActiveListeningExerciseIntent"))
    while not said[-1].end_session:
        said.append(talk.intent("AMAZON.NextIntent"))
    said.append(talk.intent("CheckInIntent"))
    # The finished check-in may end with a question (the offer of a weekly reminder): its yes is
    # the pending follow-up, so Next alone would go round it for ever.
    for _ in range(MAX_TURNS):
        if said[-1].end_session or _pending(said[-1]) == "reminder_set":
            break
        said.append(talk.intent("AMAZON.NextIntent"))
    else:
        raise AssertionError("the check-in did not finish")
    return said


MAX_TURNS = 40
"""More turns than any routine has steps."""


def _pending(exchange: Exchange) -> object:
    return exchange.response.get("sessionAttributes", {}).get("pending")


def _strategy_slot(number: int) -> dict[str, Any]:
    return {"number": {"name": "number", "value": str(number), "confirmationStatus": "NONE"}}


def _kinds(exchanges: list[Exchange]) -> list[str]:
    return [e.screen["token"].removeprefix(screens.TOKEN_PREFIX) for e in exchanges if e.screen]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_show_gets_every_kind_of_screen_within_the_response_limit(
    skill: CustomSkill, locale: str
) -> None:
    talk = Conversation(skill, user=f"show-{locale}", locale=locale, device="show")
    said = _walk_everything(talk)
    shown = _kinds(said)
    assert set(shown) == set(screens.KINDS)
    steps = len(content.load(locale).exercise.steps) + len(_checkin(content.load(locale)))
    assert shown.count("step") == steps
    for exchange in said:
        size = len(json.dumps(exchange.response, ensure_ascii=False).encode("utf-8"))
        assert size <= runtime.MAX_RESPONSE_BYTES
    # The last step's response ends the session: no screen is sent with a goodbye.
    assert all(e.screen is None for e in said if e.end_session)


@pytest.mark.parametrize("device", ["dot", "old_runtime"])
def test_nothing_is_sent_to_a_device_that_cannot_show_it(skill: CustomSkill, device: str) -> None:
    profile = devices.get("dot")
    if device == "old_runtime":
        show = devices.get("show")
        old = {devices.APL_INTERFACE: {"runtime": {"maxVersion": "1.0"}}}
        profile = devices.Device("old", "an early Echo Show", old, show.viewport)
    talk = Conversation(skill, user=f"voice-{device}", device=profile)
    said = _walk_everything(talk)
    assert len(said) > 10
    assert all("directives" not in e.response.get("response", {}) for e in said)


def test_a_show_without_a_runtime_version_still_gets_screens(skill: CustomSkill) -> None:
    show = devices.get("show")
    bare = devices.Device("bare", "a screen", {devices.APL_INTERFACE: {}}, show.viewport)
    talk = Conversation(skill, user="bare", device=bare)
    assert talk.intent("ListStrategiesIntent").screen is not None


def test_a_screen_that_cannot_be_built_never_costs_the_safety_message(
    skill: CustomSkill, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(words: content.Content) -> dict[str, Any]:
        raise KeyError("safety_title")

    monkeypatch.setitem(screens.KINDS, "safety", screens.Screen("safety", broken))
    answer = Conversation(skill, user="unsafe", device="show").intent("SafetyIntent")
    assert answer.speech == content.load().line("safety")
    assert answer.screen is None
    assert "could not build the safety screen" in caplog.text


def test_touching_strategy_five_answers_like_saying_strategy_five(skill: CustomSkill) -> None:
    resolver = Resolver.from_locale("en-US")
    touched = Conversation(skill, resolver, user="toucher", device="show")
    spoken = Conversation(skill, resolver, user="speaker", device="show")
    for talk in (touched, spoken):
        talk.send("open trust coach")
        talk.send("list the strategies")
    by_touch = touched.touch("5")
    by_voice = spoken.send("strategy five")
    assert by_touch.request["request"]["type"] == envelopes.USER_EVENT
    assert by_touch.request["request"]["arguments"] == ["strategy", "be_consistent"]
    assert by_voice.intent == "StrategyIntent"
    assert by_touch.ssml == by_voice.ssml
    assert by_touch.response["response"] == by_voice.response["response"]
    assert by_touch.response["sessionAttributes"] == by_voice.response["sessionAttributes"]


def test_the_list_offers_nine_touches_in_article_order(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="lister", device="show")
    screen = talk.intent("ListStrategiesIntent").screen
    assert screen is not None
    parts = touchables(screen)
    assert [p.arguments for p in parts] == [("strategy", i) for i in content.load().strategy_ids]


def test_a_touch_no_screen_sends_gets_the_fallback_not_a_crash(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="stray", device="show")
    talk.launch()
    answer = talk.user_event(["volume", "up"])
    assert answer.speech == content.load().line("fallback")
    assert not answer.end_session


@pytest.mark.parametrize(
    "arguments", [["strategy", "no_such_strategy"], ["strategy"], ["strategy", 5], [], None]
)
def test_a_malformed_touch_is_answered_without_a_crash(
    skill: CustomSkill, arguments: list[Any] | None
) -> None:
    talk = Conversation(skill, user="odd", device="show")
    talk.launch()
    answer = talk.user_event(arguments)
    expected = "strategy_unknown" if arguments == ["strategy", "no_such_strategy"] else "fallback"
    assert answer.speech == content.load().line(expected)


def test_touching_a_screen_without_touchable_parts_says_so(skill: CustomSkill) -> None:
    talk = Conversation(skill, user="tipper", device="show")
    talk.intent("TrustTipIntent")
    with pytest.raises(NothingToTouchError, match="nothing on the screen"):
        talk.touch("5")
    with pytest.raises(NothingToTouchError, match="no screen"):
        Conversation(skill, user="dotty").touch("1")


# --- golden files: what an Echo Show 8 gets --------------------------------------------------

GOLDEN_CASES = {"show_tip": "TrustTipIntent", "show_list": "ListStrategiesIntent"}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_show(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    inner = envelopes.intent_request(
        GOLDEN_CASES[name], locale=locales.DEFAULT, timestamp="2026-11-27T10:00:00Z"
    )
    inner["requestId"] = "amzn1.echo-api.request.00000000-0000-4000-8000-000000000003"
    event = envelopes.envelope(
        inner,
        user_id="amzn1.ask.account.GOLDEN-USER",
        session_id="amzn1.echo-api.session.00000000-0000-4000-8000-000000000004",
        new=True,
        attributes=None,
        device=devices.get("show"),
    )
    skill = build_skill(SQLiteAdapter(tmp_path / "golden.sqlite3", merge=merge))
    apology = runtime.Apology.from_lines(content.load().lines)
    response = runtime.handle_event(skill, event, apology=apology)
    response.pop("userAgent", None)
    path = GOLDEN / f"{name}.json"
    if request.config.getoption("--update-golden"):
        path.write_text(json.dumps({"request": event, "response": response}, indent=2) + "\n")
    stored = json.loads(path.read_text("utf-8"))
    assert stored["request"] == event, "the case changed: run with --update-golden and review"
    assert stored["response"] == response


# --- layouts per viewport: which `when` holds on each simulated device ----------------------


def _viewport(name: str) -> SimpleNamespace:
    """APL's ``viewport`` for a device profile: sizes in dp, shape and mode in lower case."""
    port = devices.get(name).viewport
    assert port is not None
    scale = 160 / port["dpi"]
    return SimpleNamespace(
        width=port["pixelWidth"] * scale,
        height=port["pixelHeight"] * scale,
        shape=port["shape"].lower(),
        mode=port["mode"].lower(),
    )


def _holds(condition: str, viewport: SimpleNamespace) -> bool:
    """A viewport condition of the documents, read as Python (they use only && || ! == != < >=)."""
    body = condition.removeprefix("${").removesuffix("}")
    python = body.replace("&&", " and ").replace("||", " or ").replace("!(", " not (")
    return bool(eval(python, {"__builtins__": {}}, {"viewport": viewport}))


def _sizes(name: str) -> dict[str, str]:
    resources: dict[str, str] = {}
    for block in documents.document("tip")["resources"]:
        if "when" not in block or _holds(block["when"], _viewport(name)):
            resources.update(block.get("dimensions", {}))
    return resources


@pytest.mark.parametrize(
    ("name", "title_size"),
    [("show", "44dp"), ("show5", "30dp"), ("spot", "24dp"), ("tv", "40dp")],
)
def test_each_device_gets_the_sizes_of_its_viewport(name: str, title_size: str) -> None:
    assert _sizes(name)["titleSize"] == title_size


@pytest.mark.parametrize(
    ("name", "grid"), [("show", True), ("tv", True), ("show5", False), ("spot", False)]
)
def test_the_list_is_a_grid_on_wide_screens_and_one_column_elsewhere(name: str, grid: bool) -> None:
    items = documents.document("list")["mainTemplate"]["items"][0]["item"]["items"]
    shown = [
        item["type"]
        for item in items
        if "when" not in item or _holds(item["when"], _viewport(name))
    ]
    assert shown == ["Header", "GridSequence" if grid else "Sequence", "Text"]


# --- property names: a typo in a document is caught here, not on a device -----------------

_BASE = {
    "type", "id", "when", "description", "bind", "style", "inheritParentState", "display",
    "opacity", "accessibilityLabel", "onMount", "handleTick", "width", "height", "minWidth",
    "maxWidth", "minHeight", "maxHeight", "paddingLeft", "paddingRight", "paddingTop",
    "paddingBottom", "grow", "shrink", "alignSelf", "spacing", "position",
}  # fmt: skip
_CHILDREN = {"item", "items", "data", "firstItem", "lastItem", "numbered"}
PROPERTIES: dict[str, set[str]] = {
    "Container": _BASE | _CHILDREN | {"direction", "alignItems", "justifyContent", "wrap"},
    "Frame": _BASE | {"item", "items", "backgroundColor", "borderRadius", "borderColor",
                      "borderWidth"},
    "Text": _BASE | {"text", "color", "fontSize", "fontWeight", "fontFamily", "textAlign",
                     "textAlignVertical", "maxLines", "lineHeight"},
    "ScrollView": _BASE | {"item", "items"},
    "Sequence": _BASE | _CHILDREN | {"scrollDirection"},
    "GridSequence": _BASE | _CHILDREN | {"scrollDirection", "childWidth", "childHeight"},
    "TouchWrapper": _BASE | {"item", "items", "onPress"},
    "SendEvent": {"type", "description", "when", "delay", "arguments", "components"},
    "SetValue": {"type", "description", "when", "delay", "componentId", "property", "value"},
}  # fmt: skip
"""The APL properties each component or command the documents use may have."""
TICK_HANDLER = {"description", "when", "minimumDelay", "commands"}
STYLED = {"fontSize", "color", "fontWeight", "textAlign", "backgroundColor"}
"""Style values the documents set (each must be a property of a component that uses the style)."""


@pytest.mark.parametrize("name", documents.names())
def test_every_property_is_one_apl_knows(name: str) -> None:
    document = documents.document(name)
    layouts = document["layouts"]
    for component in _components([document["mainTemplate"], layouts]):
        kind = component["type"]
        known = PROPERTIES.get(kind) or {"type", "when", *layouts[kind]["parameters"]}
        assert set(component) <= known, f"{name}: {kind} has {set(component) - known}"
        for handler in component.get("handleTick", []):
            assert set(handler) <= TICK_HANDLER, f"{name}: a tick handler has {set(handler)}"
    assert set(document) <= {"type", "version", "theme", "description", "resources", "styles",
                             "layouts", "mainTemplate"}  # fmt: skip
    for style in document["styles"].values():
        for values in style["values"]:
            assert set(values) - {"when"} <= STYLED, values


@pytest.mark.skipif(SHARED is None, reason="the shared fixtures are not beside this checkout")
@pytest.mark.parametrize(("max_version", "shown"), [("1.3", False), ("2024.2", True)])
def test_a_real_echo_show_request_gets_the_list_only_at_a_runtime_that_renders_it(
    skill: CustomSkill, max_version: str, shown: bool
) -> None:
    assert SHARED is not None
    path = SHARED / "fixtures" / "alexa-requests" / "launch_apl_echo_show.json"
    event = json.loads(path.read_text("utf-8"))
    apl = event["context"]["System"]["device"]["supportedInterfaces"][devices.APL_INTERFACE]
    assert apl["runtime"]["maxVersion"] == "1.3"  # as captured
    apl["runtime"]["maxVersion"] = max_version
    event["request"] = envelopes.intent_request("ListStrategiesIntent", locale="en-US")
    apology = runtime.Apology.from_lines(content.load().lines)
    response = runtime.handle_event(skill, event, apology=apology)
    directives = response["response"].get("directives", [])
    assert [d["token"] for d in directives] == (["trustCoach.list"] if shown else [])
