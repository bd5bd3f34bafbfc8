"""Reading a document's touchable parts the way a device inflates them."""

from __future__ import annotations

from typing import Any

import pytest

from skill.hosts.local.touch import NothingToTouchError, evaluate, find, touchables


def _directive(items: list[dict[str, Any]], layouts: dict[str, Any] | None = None) -> Any:
    return {
        "document": {
            "type": "APL",
            "layouts": layouts or {},
            "mainTemplate": {"parameters": ["payload"], "items": items},
        },
        "datasources": {"list": {"rows": [{"key": "a"}, {"key": "b"}]}},
    }


def test_evaluate_fills_paths_and_leaves_other_expressions() -> None:
    context = {"data": {"id": "x", "n": 3}}
    assert evaluate("${data.n}", context) == 3
    assert evaluate("row-${data.id}", context) == "row-x"
    assert evaluate(["go", "${data.id}"], context) == ["go", "x"]
    assert evaluate("${data.n + 1}", context) == "${data.n + 1}"


def test_data_arrays_and_layout_parameters_are_inflated() -> None:
    layout = {
        "Row": {
            "parameters": ["rowKey"],
            "items": [
                {
                    "type": "TouchWrapper",
                    "id": "${rowKey}",
                    "onPress": {"type": "SendEvent", "arguments": ["pick", "${rowKey}", 1]},
                }
            ],
        }
    }
    sequence = {
        "type": "Sequence",
        "data": "${payload.list.rows}",
        "items": [{"type": "Row", "rowKey": "${data.key}"}],
    }
    # The same part in two `when` branches (round and landscape) is one part.
    parts = touchables(_directive([sequence, {**sequence, "when": "${false}"}], layout))
    assert [(p.id, p.arguments) for p in parts] == [
        ("a", ("pick", "a", 1)),
        ("b", ("pick", "b", 1)),
    ]
    assert parts[0].source == {"type": "TouchWrapper", "handler": "Press", "id": "a"}
    assert find(_directive([sequence], layout), "2").id == "b"
    assert find(_directive([sequence], layout), "a").id == "a"


def test_a_part_that_is_not_there_names_the_ones_that_are() -> None:
    button = {"type": "TouchWrapper", "id": "ok", "onPress": [{"type": "SendEvent"}]}
    with pytest.raises(NothingToTouchError, match="touch 1 to 1, or ok"):
        find(_directive([button]), "7")
    with pytest.raises(NothingToTouchError, match="nothing on the screen"):
        find(_directive([{"type": "Text", "text": "hi"}]), "1")
    with pytest.raises(NothingToTouchError, match="nothing on the screen"):
        find(None, "1")
