"""The request verifier: every rule of Amazon's web-service checklist, offline with a test PKI."""

from __future__ import annotations

import base64
import http.server
import json
import os
import socket
import threading
import time
import urllib.error
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from skill.hosts.web.verifier import (
    FAILED_URL_SECONDS,
    RequestVerifier,
    UrlFetcher,
    VerificationError,
    canonical_cert_url,
    certifi_roots,
    validate_chain,
)
from tests.web_fakes import (
    CERT_URL,
    NOW,
    SKILL_ID,
    FakeFetcher,
    FixedClock,
    Pki,
    body_of,
    launch_request,
)

ROOT = Path(__file__).resolve().parents[1]
AMAZON_CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-7.pem"


def shared_dir() -> Path | None:
    """The shared folder beside the checkout (or TRUST_COACH_SHARED), if it exists."""
    for candidate in (os.environ.get("TRUST_COACH_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "fixtures").is_dir():
            return Path(candidate)
    return None


def make_verifier(pki: Pki, chains: dict[str, bytes | Exception] | None = None) -> RequestVerifier:
    """A verifier trusting ``pki`` at NOW, serving its chain at CERT_URL unless told otherwise."""
    fetcher = FakeFetcher(chains if chains is not None else {CERT_URL: pki.chain_pem()})
    return RequestVerifier(
        trust_roots=[pki.root], fetcher=fetcher, clock=FixedClock(), skill_id=SKILL_ID
    )


def fetcher_of(verifier: RequestVerifier) -> FakeFetcher:
    """The fake fetcher inside a verifier built by make_verifier."""
    fetcher = verifier._fetcher
    assert isinstance(fetcher, FakeFetcher)
    return fetcher


def test_a_signed_request_passes(pki: Pki) -> None:
    body = body_of(launch_request())
    envelope = make_verifier(pki).verify(pki.headers(body), body)
    assert envelope["request"]["type"] == "LaunchRequest"


def test_header_names_are_case_insensitive(pki: Pki) -> None:
    body = body_of(launch_request())
    headers = {name.lower(): value for name, value in pki.headers(body).items()}
    assert make_verifier(pki).verify(headers, body)["version"] == "1.0"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (CERT_URL, CERT_URL),
        ("https://s3.amazonaws.com:443/echo.api/echo-api-cert-test.pem", CERT_URL),
        ("https://S3.AmazonAWS.com/echo.api/echo-api-cert-test.pem", CERT_URL),
        ("HTTPS://s3.amazonaws.com/echo.api/echo-api-cert-test.pem", CERT_URL),
        ("https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-test.pem", CERT_URL),
        ("https://s3.amazonaws.com/echo.api/./echo-api-cert-test.pem", CERT_URL),
        ("https://s3.amazonaws.com//echo.api//echo-api-cert-test.pem", CERT_URL),
        ("https://s3.amazonaws.com/invalid/../echo.api/echo-api-cert-test.pem", CERT_URL),
    ],
)
def test_amazon_urls_are_accepted_in_normal_form(url: str, canonical: str) -> None:
    assert canonical_cert_url(url) == canonical


BAD_URLS = [
    ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
    ("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
    ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem", "malformed"),
    ("https://s3-eu-west-1.amazonaws.com/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/echo.api", "path"),
    ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
    ("https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem", "port"),
    ("https://s3.amazonaws.com:abc/echo.api/echo-api-cert.pem", "malformed"),
    ("https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem", "malformed"),
    ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid/cert.pem", "malformed"),
    ("https://s3.amazonaws.com/echo.api/cert.pem?x=1", "malformed"),
    ("https://s3.amazonaws.com/echo.api/..\\invalid\\cert.pem", "malformed"),
    ("s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
]


@pytest.mark.parametrize(("url", "word"), BAD_URLS)
def test_bad_certificate_urls_fail_without_a_download(pki: Pki, url: str, word: str) -> None:
    verifier = make_verifier(pki, {url: pki.chain_pem(), CERT_URL: pki.chain_pem()})
    body = body_of(launch_request())
    with pytest.raises(VerificationError) as raised:
        verifier.verify(pki.headers(body, url=url), body)
    assert word in raised.value.reason
    assert fetcher_of(verifier).calls == []


def _signed(envelope: object) -> Callable[[Pki], tuple[dict[str, str], bytes]]:
    """Headers and a correctly signed body for any JSON-ready value."""

    def make(pki: Pki) -> tuple[dict[str, str], bytes]:
        body = json.dumps(envelope).encode()
        return pki.headers(body), body

    return make


def _signed_raw(body: bytes) -> Callable[[Pki], tuple[dict[str, str], bytes]]:
    """Headers and a correctly signed body of arbitrary bytes."""
    return lambda pki: (pki.headers(body), body)


def _with_headers(**changes: str | None) -> Callable[[Pki], tuple[dict[str, str], bytes]]:
    """A valid request with headers replaced (None removes one)."""

    def make(pki: Pki) -> tuple[dict[str, str], bytes]:
        body = body_of(launch_request())
        headers = pki.headers(body)
        for key, value in changes.items():
            name = key.replace("_", "-")
            if value is None:
                headers.pop(name, None)
            else:
                headers[name] = value
        return headers, body

    return make


def _tampered(pki: Pki) -> tuple[dict[str, str], bytes]:
    body = body_of(launch_request())
    headers = pki.headers(body)
    return headers, body.replace(b"LaunchRequest", b"IntentRequest")


def _sha1_only(pki: Pki) -> tuple[dict[str, str], bytes]:
    body = body_of(launch_request())
    headers = pki.headers(body)
    headers["Signature"] = headers.pop("Signature-256")
    return headers, body


def _other_key(pki: Pki) -> tuple[dict[str, str], bytes]:
    body = body_of(launch_request())
    headers = pki.headers(body)
    headers["Signature-256"] = base64.b64encode(bytes(256)).decode()
    return headers, body


def valid(pki: Pki) -> tuple[dict[str, str], bytes]:
    """A fresh signed LaunchRequest (its own request id, so it is no replay)."""
    return _signed(launch_request())(pki)


not_an_envelope_cases = [[], "hello", 42, {}, {"request": "LaunchRequest"}, {"request": {}}]

BAD_REQUESTS: list[tuple[str, Callable[[Pki], tuple[dict[str, str], bytes]], str]] = [
    ("no certificate URL", _with_headers(SignatureCertChainUrl=None), "SignatureCertChainUrl"),
    ("empty certificate URL", _with_headers(SignatureCertChainUrl=""), "SignatureCertChainUrl"),
    ("no signature", _with_headers(Signature_256=None), "Signature-256"),
    ("only the SHA-1 signature", _sha1_only, "Signature-256"),
    ("signature not base64", _with_headers(Signature_256="not base64!"), "base64"),
    ("signature bad padding", _with_headers(Signature_256="abc"), "base64"),
    ("signature by another key", _other_key, "does not match"),
    ("tampered body", _tampered, "does not match"),
    ("body not JSON", _signed_raw(b"{not json"), "not JSON"),
    ("body not UTF-8", _signed_raw(b"\xff\xfe{}"), "not JSON"),
    *[
        (f"JSON not an envelope: {case!r}", _signed(case), "envelope")
        for case in not_an_envelope_cases
    ],
    ("stale timestamp", _signed(launch_request(NOW - timedelta(seconds=151))), "timestamp"),
    ("future timestamp", _signed(launch_request(NOW + timedelta(seconds=151))), "timestamp"),
    ("year-old timestamp", _signed(launch_request(NOW - timedelta(days=365))), "timestamp"),
    (
        "no timestamp",
        _signed({"version": "1.0", "request": {"type": "LaunchRequest"}}),
        "timestamp",
    ),
    (
        "malformed timestamp",
        _signed({"version": "1.0", "request": {"type": "LaunchRequest", "timestamp": "soon"}}),
        "timestamp",
    ),
    ("wrong skill id", _signed(launch_request(skill_id="amzn1.ask.skill.other")), "another skill"),
]


@pytest.mark.parametrize(
    ("make", "word"), [(m, w) for _, m, w in BAD_REQUESTS], ids=[n for n, _, _ in BAD_REQUESTS]
)
def test_bad_requests_fail_with_a_reason(
    pki: Pki, make: Callable[[Pki], tuple[dict[str, str], bytes]], word: str
) -> None:
    headers, body = make(pki)
    with pytest.raises(VerificationError) as raised:
        make_verifier(pki).verify(headers, body)
    assert word in raised.value.reason


def test_timestamps_within_150_seconds_either_way_pass(pki: Pki) -> None:
    verifier = make_verifier(pki)
    for offset in (-150, -1, 0, 1, 150):
        headers, body = _signed(launch_request(NOW + timedelta(seconds=offset)))(pki)
        assert verifier.verify(headers, body)["request"]["type"] == "LaunchRequest"


def test_the_skill_id_is_also_read_from_the_session(pki: Pki) -> None:
    envelope = launch_request()
    del envelope["context"]
    headers, body = _signed(envelope)(pki)
    assert make_verifier(pki).verify(headers, body)["session"]["new"] is True


def test_without_a_skill_id_any_skill_passes(pki: Pki) -> None:
    headers, body = _signed(launch_request(skill_id="amzn1.ask.skill.other"))(pki)
    verifier = make_verifier(pki)
    verifier.skill_id = None
    assert verifier.verify(headers, body)["request"]["type"] == "LaunchRequest"


@pytest.mark.parametrize(
    ("name", "leaf_options", "word"),
    [
        ("wrong SAN", {"dns_name": "evil.example.com"}, "echo-api.amazon.com"),
        ("SAN of a lookalike", {"dns_name": "echo-api.amazon.com.evil.example"}, "echo-api"),
        (
            "expired leaf",
            {"not_before": NOW - timedelta(days=400), "not_after": NOW - timedelta(seconds=1)},
            "expired",
        ),
        (
            "leaf not yet valid",
            {"not_before": NOW + timedelta(seconds=1), "not_after": NOW + timedelta(days=400)},
            "not valid yet",
        ),
    ],
)
def test_bad_signing_certificates_fail(
    pki: Pki, name: str, leaf_options: dict[str, Any], word: str
) -> None:
    verifier = make_verifier(pki, {CERT_URL: pki.chain_pem(pki.leaf(**leaf_options))})
    headers, body = valid(pki)
    with pytest.raises(VerificationError) as raised:
        verifier.verify(headers, body)
    assert word in raised.value.reason, name


def test_a_chain_to_an_untrusted_root_fails(pki: Pki, other_pki: Pki) -> None:
    verifier = make_verifier(pki, {CERT_URL: other_pki.chain_pem()})
    headers, body = valid(other_pki)
    with pytest.raises(VerificationError) as raised:
        verifier.verify(headers, body)
    assert raised.value.reason == "certificate chain is not trusted"


def test_a_leaf_alone_without_its_intermediate_fails(pki: Pki) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    verifier = make_verifier(pki, {CERT_URL: pki.leaf().public_bytes(Encoding.PEM)})
    headers, body = valid(pki)
    with pytest.raises(VerificationError, match="not trusted"):
        verifier.verify(headers, body)


@pytest.mark.parametrize(
    ("served", "word"),
    [
        (b"", "not valid PEM"),
        (b"<html>404</html>", "not valid PEM"),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not valid PEM"),
        (TimeoutError("timed out"), "could not be fetched"),
        (OSError("HTTP 403"), "could not be fetched"),
        (ValueError("anything at all"), "could not be fetched"),
    ],
)
def test_a_bad_download_fails(pki: Pki, served: bytes | Exception, word: str) -> None:
    verifier = make_verifier(pki, {CERT_URL: served})
    headers, body = valid(pki)
    with pytest.raises(VerificationError) as raised:
        verifier.verify(headers, body)
    assert word in raised.value.reason


def test_the_chain_is_fetched_once_for_many_requests(pki: Pki) -> None:
    verifier = make_verifier(pki)
    for _ in range(25):
        headers, body = valid(pki)
        verifier.verify(headers, body)
    # The same file under a different spelling of its URL is the same cache entry.
    headers, body = valid(pki)
    headers["SignatureCertChainUrl"] = (
        "https://S3.amazonaws.com:443/echo.api/./x/../" + (CERT_URL.rsplit("/", 1)[1])
    )
    verifier.verify(headers, body)
    assert fetcher_of(verifier).calls == [CERT_URL]


def test_concurrent_first_requests_fetch_the_chain_once(pki: Pki) -> None:
    verifier = make_verifier(pki)
    requests = [valid(pki) for _ in range(16)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(requests))

    def run(headers: dict[str, str], body: bytes) -> None:
        barrier.wait()
        try:
            verifier.verify(headers, body)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Requests that arrive while the chain downloads are refused at once rather than held.
    assert all(isinstance(e, VerificationError) and "try again" in e.reason for e in errors)
    assert len(errors) < len(requests)
    assert fetcher_of(verifier).calls == [CERT_URL]
    verifier.verify(*valid(pki))
    assert fetcher_of(verifier).calls == [CERT_URL]


class Ticker:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        """Start at 0."""
        self.now = 0.0

    def __call__(self) -> float:
        """The current fake time."""
        return self.now


def test_a_failed_download_is_remembered_then_retried(pki: Pki) -> None:
    ticker = Ticker()
    fetcher = FakeFetcher({CERT_URL: TimeoutError("timed out")})
    verifier = RequestVerifier(
        trust_roots=[pki.root], fetcher=fetcher, clock=FixedClock(), monotonic=ticker
    )
    for _ in range(5):
        with pytest.raises(VerificationError, match="could not be fetched"):
            verifier.verify(*valid(pki))
    assert len(fetcher.calls) == 1
    fetcher.chains[CERT_URL] = pki.chain_pem()
    ticker.now = FAILED_URL_SECONDS + 1
    assert verifier.verify(*valid(pki))["request"]["type"] == "LaunchRequest"
    assert len(fetcher.calls) == 2


def test_the_cache_lasts_until_the_leaf_expires(pki: Pki) -> None:
    short = pki.chain_pem(pki.leaf(not_after=NOW + timedelta(hours=1)))
    fetcher = FakeFetcher({CERT_URL: short})
    clock = FixedClock()
    ticker = Ticker()
    verifier = RequestVerifier(
        trust_roots=[pki.root], fetcher=fetcher, clock=clock, monotonic=ticker
    )
    verifier.verify(*valid(pki))
    clock.now = NOW + timedelta(minutes=59)
    verifier.verify(*_signed(launch_request(clock.now))(pki))
    assert len(fetcher.calls) == 1
    clock.now = NOW + timedelta(hours=2)
    with pytest.raises(VerificationError, match="expired"):
        verifier.verify(*_signed(launch_request(clock.now))(pki))
    fetcher.chains[CERT_URL] = pki.chain_pem()
    ticker.now = FAILED_URL_SECONDS + 1
    assert verifier.verify(*_signed(launch_request(clock.now))(pki))["version"] == "1.0"
    assert len(fetcher.calls) == 3


def test_a_naive_clock_is_read_as_utc(pki: Pki) -> None:
    fetcher = FakeFetcher({CERT_URL: pki.chain_pem()})
    naive = NOW.replace(tzinfo=None)
    verifier = RequestVerifier(trust_roots=[pki.root], fetcher=fetcher, clock=lambda: naive)
    assert verifier.verify(*valid(pki))["version"] == "1.0"


# --- the real fetcher, against servers on 127.0.0.1 -------------------------------------------


@pytest.fixture
def local_server() -> Iterator[Callable[[type[http.server.BaseHTTPRequestHandler]], str]]:
    """Start HTTP servers on 127.0.0.1 with a given handler; yields a starter returning the URL."""
    servers: list[http.server.HTTPServer] = []

    def start(handler: type[http.server.BaseHTTPRequestHandler]) -> str:
        server = http.server.HTTPServer(("127.0.0.1", 0), handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_port}/echo.api/cert.pem"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Big(_Quiet):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"A" * (UrlFetcher().max_bytes + 1))


class _Redirect(_Quiet):
    hits: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        if self.path.startswith("/elsewhere"):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"served from elsewhere")
            return
        self.send_response(302)
        self.send_header("Location", "/elsewhere/cert.pem")
        self.end_headers()


class _Ok(_Quiet):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"chain")


class _Trickle(_Quiet):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        for _ in range(60):  # a byte every 0.1 s: each receive is in time, the whole is not
            self.wfile.write(b"A")
            self.wfile.flush()
            time.sleep(0.1)


def test_the_real_fetcher_keeps_its_deadline_against_a_trickle(
    local_server: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
) -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="too slow"):
        UrlFetcher(timeout=0.5).fetch(local_server(_Trickle))
    # The trickle lasts 6 s; the deadline is 0.5 s (a second of slack for a busy machine).
    assert time.monotonic() - started < 3


def test_the_real_fetcher_reads_a_small_body(
    local_server: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
) -> None:
    assert UrlFetcher(timeout=2).fetch(local_server(_Ok)) == b"chain"


def test_the_real_fetcher_refuses_a_large_body(
    local_server: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
) -> None:
    with pytest.raises(OSError, match="too large"):
        UrlFetcher(timeout=2).fetch(local_server(_Big))


def test_the_real_fetcher_does_not_follow_redirects(
    local_server: Callable[[type[http.server.BaseHTTPRequestHandler]], str],
) -> None:
    _Redirect.hits = []
    with pytest.raises(urllib.error.HTTPError, match="302"):
        UrlFetcher(timeout=2).fetch(local_server(_Redirect))
    assert _Redirect.hits == ["/echo.api/cert.pem"]


def test_the_real_fetcher_gives_up_on_a_silent_server() -> None:
    # A listening socket that never answers: the connection is accepted by the kernel, no reply.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(OSError, match="timed out"):
            UrlFetcher(timeout=0.2).fetch(f"http://127.0.0.1:{port}/echo.api/cert.pem")


def test_a_hanging_download_becomes_a_verification_error(pki: Pki) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]

        class ToLocalhost(UrlFetcher):
            """The real fetcher, sent to the silent local socket instead of S3."""

            def fetch(self, url: str) -> bytes:
                return super().fetch(f"http://127.0.0.1:{port}/echo.api/cert.pem")

        verifier = RequestVerifier(
            trust_roots=[pki.root], fetcher=ToLocalhost(timeout=0.2), clock=FixedClock()
        )
        with pytest.raises(VerificationError, match="could not be fetched"):
            verifier.verify(*valid(pki))


# --- Amazon's real signing chain --------------------------------------------------------------

SHARED = shared_dir()
AMAZON_CHAIN = SHARED / "fixtures" / "amazon-echo-api-cert-chain.pem" if SHARED else None
needs_amazon_chain = pytest.mark.skipif(
    AMAZON_CHAIN is None or not AMAZON_CHAIN.is_file(),
    reason="../shared/fixtures/amazon-echo-api-cert-chain.pem is absent "
    "(set TRUST_COACH_SHARED to the shared folder to run this test)",
)


def _amazon_verifier(when: datetime) -> RequestVerifier:
    """A verifier with certifi's roots, the real chain and a clock at ``when``."""
    assert AMAZON_CHAIN is not None
    fetcher = FakeFetcher({AMAZON_CHAIN_URL: AMAZON_CHAIN.read_bytes()})
    return RequestVerifier(fetcher=fetcher, clock=lambda: when)


@needs_amazon_chain
@pytest.mark.parametrize(
    "when", [datetime(2019, 6, 1, tzinfo=UTC), datetime(2020, 5, 14, tzinfo=UTC)]
)
def test_amazons_real_chain_validates_with_certifi_inside_its_window(when: datetime) -> None:
    key = _amazon_verifier(when).signing_key(AMAZON_CHAIN_URL)
    assert key.key_size >= 2048


@needs_amazon_chain
@pytest.mark.parametrize(
    ("when", "word"),
    [
        (datetime(2019, 5, 1, tzinfo=UTC), "not valid yet"),
        (datetime(2020, 5, 16, tzinfo=UTC), "expired"),
        (datetime(2026, 1, 1, tzinfo=UTC), "expired"),
    ],
)
def test_amazons_real_chain_is_rejected_outside_its_window(when: datetime, word: str) -> None:
    with pytest.raises(VerificationError, match=word):
        _amazon_verifier(when).signing_key(AMAZON_CHAIN_URL)


@needs_amazon_chain
def test_amazons_real_chain_is_not_trusted_without_certifi(pki: Pki) -> None:
    assert AMAZON_CHAIN is not None
    with pytest.raises(VerificationError, match="not trusted"):
        validate_chain(AMAZON_CHAIN.read_bytes(), [pki.root], datetime(2019, 6, 1, tzinfo=UTC))


@needs_amazon_chain
def test_a_request_with_the_real_chain_but_a_forged_signature_fails() -> None:
    body = body_of(launch_request(datetime(2019, 6, 1, tzinfo=UTC)))
    headers = {
        "SignatureCertChainUrl": AMAZON_CHAIN_URL,
        "Signature-256": base64.b64encode(bytes(256)).decode(),
    }
    with pytest.raises(VerificationError, match="does not match"):
        _amazon_verifier(datetime(2019, 6, 1, tzinfo=UTC)).verify(headers, body)


def test_certifi_roots_load_without_warnings() -> None:
    roots = certifi_roots()
    assert all(isinstance(root, x509.Certificate) for root in roots)
    assert len(roots) > 50


@pytest.mark.parametrize(
    ("stamp", "reason"),
    [(None, "request timestamp is missing"), (1733300000000, "request timestamp is malformed")],
)
def test_a_timestamp_that_is_there_but_not_text_is_malformed_not_missing(
    stamp: object, reason: str
) -> None:
    from skill.hosts.web.verifier import parse_envelope

    request: dict[str, Any] = {"type": "LaunchRequest", "requestId": "r1", "locale": "en-US"}
    if stamp is not None:
        request["timestamp"] = stamp
    body = json.dumps({"version": "1.0", "request": request}).encode()
    with pytest.raises(VerificationError, match=f"^{reason}$"):
        parse_envelope(body)
