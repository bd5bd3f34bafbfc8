"""The Flask endpoint: verified requests get the answer, everything else a short JSON 4xx."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from skill.builder import build_skill
from skill.hosts import runtime
from skill.hosts.web.app import create_app
from skill.hosts.web.verifier import RequestVerifier
from tests.web_fakes import (
    CERT_URL,
    NOW,
    SKILL_ID,
    FakeFetcher,
    FixedClock,
    MemoryAdapter,
    Pki,
    body_of,
    launch_request,
)

MAX_BODY = 16 * 1024


def make_app(pki: Pki, **config: Any) -> Flask:
    """The endpoint with in-memory storage and a verifier trusting ``pki`` at NOW."""
    fetcher = FakeFetcher({CERT_URL: pki.chain_pem()})
    settings: dict[str, Any] = {
        "SKILL": build_skill(MemoryAdapter(), skill_id=SKILL_ID),
        "SKILL_ID": SKILL_ID,
        "VERIFIER": RequestVerifier(
            trust_roots=[pki.root], fetcher=fetcher, clock=FixedClock(), skill_id=SKILL_ID
        ),
        "MAX_CONTENT_LENGTH": MAX_BODY,
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def client(pki: Pki) -> FlaskClient:
    """A test client of the verifying endpoint."""
    return make_app(pki).test_client()


def post(client: FlaskClient, body: bytes, headers: Mapping[str, str], path: str = "/") -> Any:
    """POST raw bytes."""
    return client.post(path, data=body, headers=dict(headers))


def assert_short_json_error(response: TestResponse, status: int) -> str:
    """The response is ``status`` with a one-field JSON reason and no stack trace; the reason."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    payload = response.get_json()
    assert set(payload) == {"error"}
    reason = payload["error"]
    assert isinstance(reason, str)
    assert 0 < len(reason) < 80
    assert "Traceback" not in response.get_data(as_text=True)
    return reason


def test_a_signed_request_gets_the_skills_answer(pki: Pki, client: FlaskClient) -> None:
    body = body_of(launch_request())
    response = post(client, body, pki.headers(body))
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["version"] == "1.0"
    assert answer["response"]["outputSpeech"]["ssml"].startswith("<speak>")


Request = tuple[bytes, dict[str, str]]


def _valid(pki: Pki, envelope: object | None = None) -> Request:
    body = json.dumps(envelope).encode() if envelope is not None else body_of(launch_request())
    return body, pki.headers(body)


def _header(name: str, value: str | None) -> Callable[[Pki, Pki], Request]:
    def make(pki: Pki, other: Pki) -> Request:
        body, headers = _valid(pki)
        if value is None:
            del headers[name]
        else:
            headers[name] = value
        return body, headers

    return make


def _tampered(pki: Pki, other: Pki) -> Request:
    body, headers = _valid(pki)
    return body.replace(b"LaunchRequest", b"SessionEndedRequest"), headers


def _forged(pki: Pki, other: Pki) -> Request:
    body, headers = _valid(pki)
    headers["Signature-256"] = base64.b64encode(bytes(256)).decode()
    return body, headers


def _signed_by_untrusted_ca(pki: Pki, other: Pki) -> Request:
    body = body_of(launch_request())
    headers = other.headers(body, url=CERT_URL.replace("test.pem", "other.pem"))
    return body, headers


def _envelope(envelope: object) -> Callable[[Pki, Pki], Request]:
    return lambda pki, other: _valid(pki, envelope)


def _raw(body: bytes) -> Callable[[Pki, Pki], Request]:
    return lambda pki, other: (body, pki.headers(body))


BAD: list[tuple[str, Callable[[Pki, Pki], Request]]] = [
    ("no certificate URL", _header("SignatureCertChainUrl", None)),
    ("no signature", _header("Signature-256", None)),
    ("http URL", _header("SignatureCertChainUrl", CERT_URL.replace("https", "http"))),
    ("other host", _header("SignatureCertChainUrl", CERT_URL.replace("s3.", "s4."))),
    ("path case", _header("SignatureCertChainUrl", CERT_URL.replace("echo.api", "Echo.Api"))),
    ("other path", _header("SignatureCertChainUrl", CERT_URL.replace("echo.api", "other"))),
    ("other port", _header("SignatureCertChainUrl", CERT_URL.replace(".com/", ".com:8443/"))),
    ("unknown chain", _header("SignatureCertChainUrl", CERT_URL.replace("test", "nope"))),
    ("signature not base64", _header("Signature-256", "***")),
    ("forged signature", _forged),
    ("tampered body", _tampered),
    ("untrusted root", _signed_by_untrusted_ca),
    ("stale timestamp", _envelope(launch_request(NOW - timedelta(seconds=200)))),
    ("future timestamp", _envelope(launch_request(NOW + timedelta(seconds=200)))),
    ("wrong skill id", _envelope(launch_request(skill_id="amzn1.ask.skill.someone-else"))),
    ("not JSON", _raw(b"hello")),
    ("empty body", _raw(b"")),
    ("JSON list", _envelope([1, 2])),
    ("JSON without request", _envelope({"version": "1.0"})),
    ("request without type", _envelope({"version": "1.0", "request": {"timestamp": "x"}})),
]


@pytest.mark.parametrize("make", [m for _, m in BAD], ids=[n for n, _ in BAD])
def test_bad_requests_get_400_with_a_reason(
    pki: Pki, other_pki: Pki, make: Callable[[Pki, Pki], Request]
) -> None:
    fetcher = FakeFetcher(
        {
            CERT_URL: pki.chain_pem(),
            CERT_URL.replace("test.pem", "other.pem"): other_pki.chain_pem(),
        }
    )
    verifier = RequestVerifier(
        trust_roots=[pki.root], fetcher=fetcher, clock=FixedClock(), skill_id=SKILL_ID
    )
    client = make_app(pki, VERIFIER=verifier).test_client()
    body, headers = make(pki, other_pki)
    assert_short_json_error(post(client, body, headers), 400)


def test_an_oversized_body_gets_413(pki: Pki, client: FlaskClient) -> None:
    body = b" " * (MAX_BODY + 1)
    reason = assert_short_json_error(post(client, body, pki.headers(body)), 413)
    assert "large" in reason


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_anything_but_post_gets_405(client: FlaskClient, method: str) -> None:
    response = client.open("/", method=method)
    assert_short_json_error(response, 405)
    assert response.headers["Allow"] == "POST"


def test_unknown_paths_get_404(pki: Pki, client: FlaskClient) -> None:
    body, headers = _valid(pki)
    assert_short_json_error(post(client, body, headers, path="/other"), 404)


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_the_endpoint_path_is_configurable(pki: Pki) -> None:
    client = make_app(pki, ENDPOINT_PATH="/alexa").test_client()
    body, headers = _valid(pki)
    assert post(client, body, headers, path="/alexa").status_code == 200
    assert_short_json_error(post(client, body, headers, path="/"), 404)


@pytest.mark.parametrize("path", ["alexa", "/healthz"])
def test_an_unusable_endpoint_path_is_refused(pki: Pki, path: str) -> None:
    with pytest.raises(ValueError, match="endpoint path"):
        make_app(pki, ENDPOINT_PATH=path)


def test_a_failing_skill_still_answers_with_an_apology(
    pki: Pki, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> dict[str, Any]:
        raise RuntimeError("storage exploded")

    monkeypatch.setattr(runtime, "handle_event", broken)
    body, headers = _valid(pki)
    response = post(client, body, headers)
    assert response.status_code == 200
    assert "storage exploded" not in response.get_data(as_text=True)
    assert response.get_json()["response"]["shouldEndSession"] is False


def test_a_skill_that_cannot_even_apologise_gets_400(
    pki: Pki, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> dict[str, Any]:
        raise RuntimeError("everything exploded")

    monkeypatch.setattr(runtime, "handle_event", broken)
    monkeypatch.setattr(runtime, "apology_response", broken)
    body, headers = _valid(pki)
    response = post(client, body, headers)
    assert "exploded" not in assert_short_json_error(response, 400)


class ExplodingVerifier:
    """A verifier with a bug in it."""

    def verify(self, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
        """Fail in a way nobody planned for."""
        raise KeyError("bug")


def test_an_unexpected_error_is_a_400_not_a_500(pki: Pki) -> None:
    client = make_app(pki, VERIFIER=ExplodingVerifier()).test_client()
    body, headers = _valid(pki)
    assert_short_json_error(post(client, body, headers), 400)


def test_without_verification_unsigned_requests_are_answered(
    pki: Pki, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="skill.hosts.web.app"):
        client = make_app(pki, VERIFY=False).test_client()
    assert "verification is OFF" in caplog.text
    body = body_of(launch_request(NOW - timedelta(days=1000)))
    response = client.post("/", data=body)
    assert response.status_code == 200
    assert response.get_json()["response"]["outputSpeech"]["type"] == "SSML"


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[]",
        body_of(launch_request(skill_id="amzn1.ask.skill.someone-else")),
    ],
)
def test_without_verification_bad_bodies_and_other_skills_still_get_400(
    pki: Pki, body: bytes
) -> None:
    client = make_app(pki, VERIFY=False).test_client()
    assert_short_json_error(client.post("/", data=body), 400)


def test_verification_is_on_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TRUST_COACH_DB", str(tmp_path / "web.sqlite3"))
    monkeypatch.delenv("TRUST_COACH_DYNAMODB_TABLE", raising=False)
    monkeypatch.delenv("TRUST_COACH_SKILL_ID", raising=False)
    with caplog.at_level(logging.WARNING, logger="skill.hosts.web.app"):
        client = create_app().test_client()
    assert "OFF" not in caplog.text
    reason = assert_short_json_error(client.post("/", data=body_of(launch_request())), 400)
    assert "SignatureCertChainUrl" in reason


def test_the_environments_storage_is_used_when_none_is_injected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "web.sqlite3"
    monkeypatch.setenv("TRUST_COACH_DB", str(db))
    monkeypatch.delenv("TRUST_COACH_DYNAMODB_TABLE", raising=False)
    monkeypatch.delenv("TRUST_COACH_SKILL_ID", raising=False)
    client = create_app({"VERIFY": False}).test_client()
    response = client.post("/", data=body_of(launch_request()))
    assert response.status_code == 200
    assert db.is_file()
