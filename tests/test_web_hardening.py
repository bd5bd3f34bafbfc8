"""The endpoint under attack: cheap checks first, bounded downloads, replays, odd inputs."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import pytest

from skill.builder import build_skill
from skill.hosts.quietlog import RateLimitedLog, clip
from skill.hosts.web.app import create_app
from skill.hosts.web.verifier import ReplayCache, RequestVerifier, VerificationError
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


def _verifier(pki: Pki, fetcher: Any = None, **options: Any) -> RequestVerifier:
    return RequestVerifier(
        trust_roots=[pki.root],
        fetcher=fetcher or FakeFetcher({CERT_URL: pki.chain_pem()}),
        clock=FixedClock(),
        skill_id=SKILL_ID,
        **options,
    )


def _app(pki: Pki, verifier: Any = None, **config: Any) -> Any:
    settings: dict[str, Any] = {
        "SKILL": build_skill(MemoryAdapter(), skill_id=SKILL_ID),
        "SKILL_ID": SKILL_ID,
        "VERIFIER": verifier or _verifier(pki),
    }
    settings.update(config)
    return create_app(settings).test_client()


def _deep(depth: int) -> bytes:
    return b'{"version":"1.0","request":' + b"[" * depth + b"]" * depth + b"}"


OVERFLOWING = {**launch_request(), "request": {**launch_request()["request"]}}
OVERFLOWING["request"]["timestamp"] = "9999-12-31T23:59:59-12:00"


@pytest.mark.parametrize("verify", [True, False])
@pytest.mark.parametrize(
    ("body", "word"),
    [
        (_deep(100_000), "nested"),
        (_deep(200), "nested"),
        (body_of(OVERFLOWING), "timestamp"),
    ],
    ids=["recursion", "deep", "overflow"],
)
def test_parser_and_calendar_attacks_are_a_clear_400_without_an_error_log(
    pki: Pki, verify: bool, body: bytes, word: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = _app(pki, VERIFY=verify) if verify else _app(pki, VERIFY=False)
    with caplog.at_level(logging.INFO):
        response = client.post("/", data=body, headers=pki.headers(body))
    assert response.status_code == 400
    assert word in response.get_json()["error"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("envelope", "word"),
    [
        ({"request": {"type": "Nope"}}, "version"),
        ({"version": "1.0", "request": {"type": "Nope"}}, "timestamp"),
        (
            {"version": "1.0", "request": {"type": "Nope", "timestamp": "2025-06-01T12:00:00Z"}},
            "requestId",
        ),
    ],
)
def test_without_verification_what_is_not_an_alexa_request_is_a_400(
    pki: Pki, envelope: dict[str, Any], word: str
) -> None:
    response = _app(pki, VERIFY=False).post("/", data=json.dumps(envelope))
    assert response.status_code == 400
    assert word in response.get_json()["error"]


def test_a_replayed_request_is_refused_and_changes_nothing(pki: Pki) -> None:
    adapter = MemoryAdapter()
    client = _app(pki, SKILL=build_skill(adapter, skill_id=SKILL_ID))
    body = body_of(launch_request())
    assert client.post("/", data=body, headers=pki.headers(body)).status_code == 200
    saved = json.dumps(adapter.items, sort_keys=True)
    for _ in range(2):
        response = client.post("/", data=body, headers=pki.headers(body))
        assert response.status_code == 400
        assert response.get_json() == {"error": "request was already served"}
    assert json.dumps(adapter.items, sort_keys=True) == saved


def test_the_replay_cache_forgets_after_the_window_and_stays_bounded() -> None:
    from datetime import timedelta

    cache = ReplayCache(timedelta(seconds=150), max_entries=100)
    assert cache.claim("a", NOW, NOW)
    assert not cache.claim("a", NOW, NOW + timedelta(seconds=149))
    assert cache.claim("a", NOW, NOW + timedelta(seconds=151))
    for n in range(1000):
        cache.claim(f"id-{n}", NOW, NOW)
    assert len(cache) == 100


def test_the_skill_id_is_read_from_the_session_when_context_is_absent(pki: Pki) -> None:
    envelope = launch_request()
    del envelope["context"]
    body = body_of(envelope)
    response = _app(pki).post("/", data=body, headers=pki.headers(body))
    assert response.status_code == 200, response.get_json()
    assert "outputSpeech" in response.get_json()["response"]


def test_cheap_checks_come_before_any_download(pki: Pki) -> None:
    fetcher = FakeFetcher({})
    client = _app(pki, _verifier(pki, fetcher))
    stale = body_of(launch_request(NOW.replace(year=2020)))
    for n in range(300):
        url = CERT_URL.replace("test.pem", f"flood-{n}.pem")
        for body in (b"garbage", b'{"request": {}}', stale):
            headers = {**pki.headers(body), "SignatureCertChainUrl": url}
            assert client.post("/", data=body, headers=headers).status_code == 400
    assert fetcher.calls == []


def test_a_failed_url_is_fetched_once(pki: Pki, caplog: pytest.LogCaptureFixture) -> None:
    fetcher = FakeFetcher({})
    client = _app(pki, _verifier(pki, fetcher))
    url = CERT_URL.replace("test.pem", "missing.pem")
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            body = body_of(launch_request())
            headers = {**pki.headers(body), "SignatureCertChainUrl": url}
            assert client.post("/", data=body, headers=headers).status_code == 400
    assert fetcher.calls == [url]


def test_logs_of_stranger_text_are_clipped_and_rate_limited(
    pki: Pki, caplog: pytest.LogCaptureFixture
) -> None:
    fetcher = FakeFetcher({})
    verifier = _verifier(pki, fetcher)
    with caplog.at_level(logging.WARNING, logger="skill.hosts.web.verifier"):
        for n in range(200):
            body = body_of(launch_request())
            url = CERT_URL.replace("test.pem", f"{'x' * 5000}-{n}.pem")
            with pytest.raises(VerificationError):
                verifier.verify({**pki.headers(body), "SignatureCertChainUrl": url}, body)
    lines = [r.getMessage() for r in caplog.records]
    assert 1 <= len(lines) <= 10
    assert all(len(line) < 400 for line in lines)


def test_the_rate_limited_log_counts_what_it_left_out(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    log = RateLimitedLog(logging.getLogger("t"), logging.WARNING, lines=2, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="t"):
        for _ in range(5):
            log("x %s", 1)
        now[0] = 61.0
        log("x %s", 2)
    assert [r.getMessage() for r in caplog.records] == [
        "x 1",
        "x 1",
        "x 2 (and 3 more like it not logged)",
    ]
    assert clip("a\nb" * 100).startswith("'a\\nb")
    assert len(clip("z" * 10_000)) < 130


class SlowFetcher:
    """A fetcher whose downloads hang until released, counting those running at once."""

    def __init__(self, chain: bytes) -> None:
        """Serve ``chain`` at CERT_URL at once; every other URL hangs."""
        self.chain = chain
        self.release = threading.Event()
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def fetch(self, url: str) -> bytes:
        """The chain, or a hang then a failure."""
        if url == CERT_URL:
            return self.chain
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            self.release.wait(10)
            raise TimeoutError("too slow")
        finally:
            with self._lock:
                self.running -= 1


def test_slow_urls_hold_at_most_two_threads_and_cached_chains_are_served(pki: Pki) -> None:
    fetcher = SlowFetcher(pki.chain_pem())
    verifier = _verifier(pki, fetcher)
    body, headers = _signed(pki)
    verifier.verify(headers, body)  # the good chain is cached
    refused: list[str] = []

    def slow(n: int) -> None:
        body = body_of(launch_request())
        url = CERT_URL.replace("test.pem", f"slow-{n}.pem")
        try:
            verifier.verify({**pki.headers(body), "SignatureCertChainUrl": url}, body)
        except VerificationError as error:
            refused.append(error.reason)

    threads = [threading.Thread(target=slow, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for _ in range(20):
        body, headers = _signed(pki)
        assert verifier.verify(headers, body)["request"]["type"] == "LaunchRequest"
    fetcher.release.set()
    for thread in threads:
        thread.join()
    assert fetcher.most <= 2
    assert len(refused) == 16
    assert sum("try again" in reason for reason in refused) >= 14


def _signed(pki: Pki) -> tuple[bytes, dict[str, str]]:
    body = body_of(launch_request())
    return body, pki.headers(body)
