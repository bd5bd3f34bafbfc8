"""Every market through the real hosts: the Flask endpoint over HTTP on 127.0.0.1 (verifying
requests signed with the test certificates) and the Lambda entry point in its own process.

A launch, a tip and the safety message come back in the request's locale (its spelling, its
emergency number and helpline); a locale the skill does not have is answered in en-US with a
DEBUG log, never an error.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill import content, locales
from skill.builder import build_skill
from skill.hosts.local import envelopes
from skill.persistence import SQLiteAdapter
from speech import ssml
from tests.helpers import served_on_loopback
from tests.rules import conversation_problems
from tests.test_markets import SAFETY_FACTS, SAFETY_SAID
from tests.test_real_envelopes import SHARED
from tests.test_web import make_app
from tests.web_fakes import NOW, SKILL_ID, Pki

ROOT = Path(__file__).resolve().parent.parent
TIMESTAMP = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")

# The word each market spells its own way in the "seek professional help" tip (the overlays'
# [spelling]); en-US keeps its own.
COUNSELLOR = {loc: "counsellor" for loc in locales.SUPPORTED} | {"en-US": "counselor"}
UNKNOWN = ("fr-FR", "", None)
"""Locales the skill does not have: another language, empty, and none at all (None)."""


def _event(request: dict[str, Any], locale: str | None, user: str) -> dict[str, Any]:
    if locale is None:
        del request["locale"]
    else:
        request["locale"] = locale
    return envelopes.envelope(
        request,
        user_id=f"amzn1.ask.account.MARKETS-{user}",
        session_id=f"amzn1.echo-api.session.MARKETS-{user}",
        new=True,
        attributes=None,
        skill_id=SKILL_ID,
    )


def _strategy_slot() -> dict[str, Any]:
    authority = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.STRATEGY"
    resolved = {"name": "seek professional help", "id": "seek_professional_help"}
    return {
        "strategy": {
            "name": "strategy",
            "value": "seeking professional help",
            "confirmationStatus": "NONE",
            "resolutions": {
                "resolutionsPerAuthority": [
                    {
                        "authority": authority,
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": resolved}],
                    }
                ]
            },
        }
    }


def requests_for(locale: str | None, user: str) -> dict[str, dict[str, Any]]:
    """A launch, a tip and the safety message, as Alexa sends them from a device in ``locale``."""
    return {
        "launch": _event(
            envelopes.launch_request(locale="en-US", timestamp=TIMESTAMP), locale, user
        ),
        "tip": _event(
            envelopes.intent_request(
                "StrategyIntent", _strategy_slot(), locale="en-US", timestamp=TIMESTAMP
            ),
            locale,
            user,
        ),
        "safety": _event(
            envelopes.intent_request("SafetyIntent", locale="en-US", timestamp=TIMESTAMP),
            locale,
            user,
        ),
    }


def assert_in_its_locale(locale: str, answers: dict[str, dict[str, Any]]) -> None:
    """The three answers are in ``locale``'s words, its spelling and its safety numbers."""
    words = content.load(locale)
    said = {name: answer["response"]["outputSpeech"]["ssml"] for name, answer in answers.items()}
    assert ssml.to_text(said["launch"]) == words.line("welcome")
    tip = ssml.to_text(said["tip"])
    strategy = words.strategy("seek_professional_help")
    assert strategy is not None and strategy.tip in tip
    assert COUNSELLOR[locale] in tip
    assert answers["tip"]["response"]["card"]["content"] == strategy.card
    safety = said["safety"]
    assert ssml.to_text(safety) == words.line("safety")
    for number in SAFETY_FACTS[locale]:
        assert number in safety
    for words_said in SAFETY_SAID[locale]:
        assert words_said in ssml.to_speech(safety)


REAL_LAUNCH = (
    SHARED / "fixtures" / "alexa-requests" / "launch_no_apl_simulator.json" if SHARED else None
)
"""A LaunchRequest recorded from Alexa's simulator (../shared/fixtures), when it is there."""


def real_launch(locale: str | None, user: str) -> dict[str, Any]:
    """The recorded launch, from a device in ``locale``, for this skill and a user of its own."""
    assert REAL_LAUNCH is not None
    event: dict[str, Any] = json.loads(REAL_LAUNCH.read_text("utf-8"))
    event["session"]["application"]["applicationId"] = SKILL_ID
    event["context"]["System"]["application"]["applicationId"] = SKILL_ID
    event["session"]["user"]["userId"] = event["context"]["System"]["user"]["userId"] = (
        f"amzn1.ask.account.MARKETS-real-{user}"
    )
    if locale is None:
        del event["request"]["locale"]
    else:
        event["request"]["locale"] = locale
    return event


def _locale_logs(records: list[logging.LogRecord]) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in records if r.name == "skill.locales"]


# ---- the Flask endpoint, a real HTTP server on 127.0.0.1 ------------------------------------


@pytest.fixture(scope="module")
def endpoint(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web endpoint on a real SQLite file, verifying signatures, served on 127.0.0.1."""
    database = tmp_path_factory.mktemp("web") / "trust-coach.sqlite3"
    app = make_app(pki, SKILL=build_skill(SQLiteAdapter(database), skill_id=SKILL_ID))
    with served_on_loopback(app) as url:
        yield url


def post(url: str, pki: Pki, event: dict[str, Any]) -> dict[str, Any]:
    """POST one signed request envelope; the skill's answer (a 200, or the test fails)."""
    body = json.dumps(event).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers=pki.headers(body))
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.status == 200
        answer: dict[str, Any] = json.loads(response.read())
    assert conversation_problems(event, answer) == []
    return answer


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_the_web_endpoint_answers_in_the_requests_locale(
    endpoint: str, pki: Pki, locale: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="skill.locales"):
        answers = {
            name: post(endpoint, pki, event)
            for name, event in requests_for(locale, f"web-{locale}").items()
        }
    assert_in_its_locale(locale, answers)
    assert not [m for _, m in _locale_logs(caplog.records) if "not supported" in m]


@pytest.mark.parametrize("locale", UNKNOWN, ids=repr)
def test_the_web_endpoint_answers_another_locale_in_en_us_with_a_debug_log(
    endpoint: str, pki: Pki, locale: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="skill.locales"):
        answers = {
            name: post(endpoint, pki, event)
            for name, event in requests_for(locale, f"web-other-{locale}").items()
        }
    assert_in_its_locale(locales.DEFAULT, answers)
    logs = [(level, m) for level, m in _locale_logs(caplog.records) if repr(locale) in m]
    assert logs and {level for level, _ in logs} == {logging.DEBUG}
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


# ---- the Lambda entry point, in a process of its own ----------------------------------------

LAMBDA_SCRIPT = """
import json, logging, sys
logging.basicConfig(stream=sys.stderr, format="LOG %(levelname)s %(name)s %(message)s")
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/lambda")
import lambda_function
events = json.loads(sys.stdin.read())
print(json.dumps([lambda_function.lambda_handler(event, None) for event in events]))
"""


@pytest.fixture(scope="module")
def through_lambda(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str | None, dict[str, dict[str, Any]]], list[str]]:
    """Every market's requests and the unknown locales', answered by lambda_function in one
    process (as one warm container): the answers by locale, and the log lines."""
    asked = {loc: requests_for(loc, f"lambda-{loc}") for loc in (*locales.SUPPORTED, *UNKNOWN)}
    if REAL_LAUNCH is not None:
        for loc, by_name in asked.items():
            by_name["real_launch"] = real_launch(loc, f"lambda-{loc}")
    events = [event for by_name in asked.values() for event in by_name.values()]
    database = tmp_path_factory.mktemp("lambda") / "state.sqlite3"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRUST_COACH_", "AWS_")) and k != "PYTHONPATH"
    }
    env |= {
        "TRUST_COACH_DB": str(database),
        "TRUST_COACH_SKILL_ID": SKILL_ID,
        "TRUST_COACH_LOG_LEVEL": "DEBUG",
    }
    result = subprocess.run(
        [sys.executable, "-I", "-c", LAMBDA_SCRIPT, str(ROOT)],
        input=json.dumps(events),
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    replies = iter(json.loads(result.stdout))
    answers = {loc: {name: next(replies) for name in by_name} for loc, by_name in asked.items()}
    for loc, by_name in asked.items():
        for name, event in by_name.items():
            assert conversation_problems(event, answers[loc][name]) == [], (loc, name)
    logs = [line for line in result.stderr.splitlines() if line.startswith("LOG ")]
    return answers, logs


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_the_lambda_answers_in_the_requests_locale(
    through_lambda: tuple[dict[str | None, dict[str, dict[str, Any]]], list[str]], locale: str
) -> None:
    answers, logs = through_lambda
    assert_in_its_locale(locale, answers[locale])
    assert not [line for line in logs if f"{locale!r} is not supported" in line]


@pytest.mark.skipif(REAL_LAUNCH is None, reason="../shared/fixtures is not beside this checkout")
@pytest.mark.parametrize("locale", [*locales.SUPPORTED, *UNKNOWN], ids=repr)
def test_the_lambda_answers_a_real_launch_envelope_in_its_locale(
    through_lambda: tuple[dict[str | None, dict[str, dict[str, Any]]], list[str]],
    locale: str | None,
) -> None:
    answers, _ = through_lambda
    welcome = content.load(locale if locale in locales.SUPPORTED else locales.DEFAULT).lines
    speech = answers[locale]["real_launch"]["response"]["outputSpeech"]["ssml"]
    assert ssml.to_text(speech) == welcome["welcome"]


@pytest.mark.parametrize("locale", UNKNOWN, ids=repr)
def test_the_lambda_answers_another_locale_in_en_us_with_a_debug_log(
    through_lambda: tuple[dict[str | None, dict[str, dict[str, Any]]], list[str]],
    locale: str | None,
) -> None:
    answers, logs = through_lambda
    assert_in_its_locale(locales.DEFAULT, answers[locale])
    mine = [line for line in logs if "skill.locales" in line and f"{locale!r} is not" in line]
    assert mine and all(line.startswith("LOG DEBUG ") for line in mine)
    assert not [line for line in logs if line.startswith(("LOG WARNING", "LOG ERROR"))], logs
