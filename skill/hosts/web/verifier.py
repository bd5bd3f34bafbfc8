"""Check that a request really comes from Alexa, following Amazon's rules for web-service skills."""

from __future__ import annotations

import base64
import binascii
import functools
import json
import logging
import ssl
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as X509VerificationError

from skill.errors import TrustCoachError
from skill.hosts import envelope as alexa
from skill.hosts.quietlog import RateLimitedLog, clip

_LOGGER = logging.getLogger(__name__)

CERT_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PATH_PREFIX = "/echo.api/"
CERT_URL_PORT = 443
SIGNING_DOMAIN = "echo-api.amazon.com"
MAX_SKEW_SECONDS = 150
"""Amazon's limit on the distance between the request timestamp and now, either way."""
FETCH_TIMEOUT_SECONDS = 3.0
FETCH_MAX_BYTES = 64 * 1024
"""A real chain is about 6 KiB; anything far bigger is not one."""
MAX_CACHED_CHAINS = 32
"""Amazon rotates its signing certificate rarely; a bounded cache keeps memory flat regardless."""
MAX_FAILED_URLS = 256
"""Certificate URLs whose chain could not be fetched or trusted, remembered (oldest forgotten)."""
FAILED_URL_SECONDS = 60.0
"""How long a failed certificate URL is refused without a new download."""
MAX_CONCURRENT_DOWNLOADS = 2
"""Chain downloads running at once; more are refused at once, so slow URLs cannot hold every
worker thread (a request whose chain is cached never waits for a download)."""
MAX_REMEMBERED_REQUESTS = 100_000
"""Request ids remembered against replays (each for the timestamp window; oldest forgotten)."""
MAX_JSON_DEPTH = 64
"""Alexa's envelopes nest about ten levels deep; far deeper is an attack on the parser."""

Clock = Callable[[], datetime]


class VerificationError(TrustCoachError):
    """A request failed verification; ``reason`` is short and safe to send back."""

    def __init__(self, reason: str) -> None:
        """Keep the reason."""
        super().__init__(reason)
        self.reason = reason


class CertificateFetcher(Protocol):
    """Downloads a certificate chain; raises any exception when it cannot."""

    def fetch(self, url: str) -> bytes:
        """The bytes at ``url``."""
        ...


class HeaderLookup(Protocol):
    """Request headers: a dict, or a framework's case-insensitive headers object."""

    def get(self, key: str, /) -> str | None:
        """The value of a header, if present."""
        ...


def _header(headers: HeaderLookup, name: str) -> str | None:
    """A header's value, by its canonical or its lowercase name."""
    return headers.get(name) or headers.get(name.lower())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: the chain comes from the checked URL and nowhere else."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        """Never follow."""
        return None


class UrlFetcher:
    """Fetches over HTTPS with a deadline, a size limit and no redirects."""

    def __init__(
        self, timeout: float = FETCH_TIMEOUT_SECONDS, max_bytes: int = FETCH_MAX_BYTES
    ) -> None:
        """Set the limits."""
        self.timeout = timeout
        self.max_bytes = max_bytes
        context = ssl.create_default_context(cafile=certifi.where())
        self._opener = urllib.request.build_opener(
            _NoRedirect(), urllib.request.HTTPSHandler(context=context)
        )

    def fetch(self, url: str) -> bytes:
        """The body at ``url``; raises on a non-200, a slow server or an oversized body."""
        deadline = time.monotonic() + self.timeout
        with self._opener.open(url, timeout=self.timeout) as response:
            if response.status != 200:
                raise OSError(f"HTTP {response.status}")
            chunks: list[bytes] = []
            size = 0
            # read1: one receive at a time, so a server that trickles bytes meets the deadline
            # (read(8192) waits for all 8,192 bytes, however long they take).
            while chunk := response.read1(8192):
                size += len(chunk)
                if size > self.max_bytes:
                    raise OSError("certificate chain too large")
                if time.monotonic() > deadline:
                    raise TimeoutError("certificate chain download too slow")
                chunks.append(chunk)
        return b"".join(chunks)


@functools.cache
def certifi_roots() -> tuple[x509.Certificate, ...]:
    """The root certificates certifi ships, loaded once."""
    with open(certifi.where(), "rb") as bundle:
        data = bundle.read()
    # A few long-trusted roots have non-positive serial numbers; they are still roots.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        return tuple(x509.load_pem_x509_certificates(data))


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


@functools.lru_cache(maxsize=64)
def canonical_cert_url(url: str) -> str:
    """The normalized ``SignatureCertChainUrl``; raises VerificationError unless it is Amazon's."""
    if not url or any(ch in url for ch in "\\%") or any(ord(ch) < 33 for ch in url):
        raise VerificationError("certificate URL is malformed")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise VerificationError("certificate URL is malformed") from error
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL must use https")
    if parts.username is not None or parts.password is not None:
        raise VerificationError("certificate URL is malformed")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise VerificationError(f"certificate URL host must be {CERT_URL_HOST}")
    if port is not None and port != CERT_URL_PORT:
        raise VerificationError(f"certificate URL port must be {CERT_URL_PORT}")
    if parts.query or parts.fragment:
        raise VerificationError("certificate URL is malformed")
    path = _remove_dot_segments(parts.path)
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise VerificationError(f"certificate URL path must start with {CERT_URL_PATH_PREFIX}")
    return f"https://{CERT_URL_HOST}{path}"


def _remove_dot_segments(path: str) -> str:
    """The path with ``.``/``..`` resolved and empty segments dropped (never above the root)."""
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(segment)
    trailing = "/" if path.endswith(("/", "/.", "/..")) and segments else ""
    return "/" + "/".join(segments) + trailing


def validate_chain(
    pem: bytes, roots: Sequence[x509.Certificate], now: datetime
) -> list[x509.Certificate]:
    """The verified chain (leaf first) for Alexa's signing certificate; raises VerificationError."""
    try:
        certificates = x509.load_pem_x509_certificates(pem)
    except ValueError as error:
        raise VerificationError("certificate chain is not valid PEM") from error
    leaf, intermediates = certificates[0], certificates[1:]
    if now < leaf.not_valid_before_utc:
        raise VerificationError("signing certificate is not valid yet")
    if now > leaf.not_valid_after_utc:
        raise VerificationError("signing certificate has expired")
    if SIGNING_DOMAIN not in _dns_names(leaf):
        raise VerificationError(f"signing certificate is not for {SIGNING_DOMAIN}")
    if not isinstance(leaf.public_key(), rsa.RSAPublicKey):
        raise VerificationError("signing certificate has no RSA key")
    verifier = (
        PolicyBuilder()
        .store(Store(list(roots)))
        .time(now)
        .build_server_verifier(x509.DNSName(SIGNING_DOMAIN))
    )
    try:
        return verifier.verify(leaf, intermediates)
    except X509VerificationError as error:
        _LOGGER.debug("certificate chain rejected: %s", error)
        raise VerificationError("certificate chain is not trusted") from error


def _dns_names(certificate: x509.Certificate) -> list[str]:
    """The DNS subject alternative names of a certificate."""
    try:
        extension = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return []
    return [name.lower() for name in extension.value.get_values_for_type(x509.DNSName)]


def parse_envelope(body: bytes) -> dict[str, Any]:
    """The body as an Alexa request envelope; raises VerificationError if it is not one."""
    try:
        envelope = json.loads(body)
    except RecursionError as error:
        raise VerificationError("body is nested too deeply") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise VerificationError("body is not JSON") from error
    if _depth_over(envelope, MAX_JSON_DEPTH):
        raise VerificationError("body is nested too deeply")
    problem = alexa.shape_problem(envelope)
    if problem in (None, "request has no requestId"):
        request_time(envelope)  # a malformed timestamp is the clearer reason
    if problem is not None:
        raise VerificationError(problem)
    return cast(dict[str, Any], envelope)


def _depth_over(value: object, limit: int) -> bool:
    """Whether JSON data nests deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[object]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def request_time(envelope: Mapping[str, Any]) -> datetime:
    """The envelope's ``request.timestamp`` as an aware UTC datetime; raises VerificationError."""
    stamp = envelope["request"].get("timestamp")
    if not isinstance(stamp, str):
        raise VerificationError("request timestamp is missing")
    try:
        moment = datetime.fromisoformat(stamp)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise VerificationError("request timestamp is malformed") from error


application_id = alexa.application_id
"""The skill id a request is addressed to: the same reading as the runtime's."""


def check_skill_id(envelope: Mapping[str, Any], skill_id: str | None) -> None:
    """Raise VerificationError when ``skill_id`` is set and the request is for another skill."""
    if skill_id is not None and application_id(envelope) != skill_id:
        raise VerificationError("request is for another skill")


@dataclass(frozen=True)
class _CachedChain:
    """A validated chain's signing key and the window in which every certificate is valid."""

    key: rsa.RSAPublicKey
    """The leaf's public key, which signs the requests."""
    not_before: datetime
    """The latest start of validity in the chain."""
    not_after: datetime
    """The earliest end of validity in the chain: the cache entry's expiry."""


class ReplayCache:
    """Request ids already served, each kept until its timestamp leaves the window (bounded)."""

    def __init__(self, window: timedelta, max_entries: int = MAX_REMEMBERED_REQUESTS) -> None:
        """Remember ids for ``window`` past their request timestamp, at most ``max_entries``."""
        self._window = window
        self._max_entries = max_entries
        self._seen: OrderedDict[str, datetime] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many ids are remembered."""
        return len(self._seen)

    def claim(self, request_id: str, stamp: datetime, now: datetime) -> bool:
        """Record ``request_id``; False when it was already served within the window."""
        with self._lock:
            while self._seen:
                oldest, expiry = next(iter(self._seen.items()))
                if expiry >= now:
                    break
                del self._seen[oldest]
            seen_until = self._seen.get(request_id)
            if seen_until is not None and seen_until >= now:
                return False
            self._seen[request_id] = stamp + self._window
            self._seen.move_to_end(request_id)
            while len(self._seen) > self._max_entries:
                self._seen.popitem(last=False)
            return True


class RequestVerifier:
    """Verifies Alexa's signature, certificate chain, timestamp and skill id on one request.

    The cheap checks (headers, certificate URL rules, the body as an Alexa request, the timestamp
    window, the skill id) come before anything that may download; downloads are bounded in number,
    and failed URLs are remembered for a while, so strangers cannot make the server fetch at will.
    """

    def __init__(
        self,
        trust_roots: Iterable[x509.Certificate] | None = None,
        fetcher: CertificateFetcher | None = None,
        clock: Clock = utc_now,
        skill_id: str | None = None,
        max_skew: float = MAX_SKEW_SECONDS,
        *,
        max_downloads: int = MAX_CONCURRENT_DOWNLOADS,
        failed_url_seconds: float = FAILED_URL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Use certifi's roots and an HTTPS fetcher unless given others."""
        self._roots = tuple(trust_roots) if trust_roots is not None else certifi_roots()
        self._fetcher = fetcher if fetcher is not None else UrlFetcher()
        self._clock = clock
        self.skill_id = skill_id
        self._max_skew = timedelta(seconds=max_skew)
        self._cache: dict[str, _CachedChain] = {}
        self._failed: OrderedDict[str, float] = OrderedDict()
        self._failed_seconds = failed_url_seconds
        self._monotonic = monotonic
        self._downloading: set[str] = set()
        self._downloads = threading.BoundedSemaphore(max_downloads)
        self._lock = threading.Lock()
        self.replays = ReplayCache(self._max_skew)
        self._log_fetch_failure = RateLimitedLog(_LOGGER, logging.WARNING)
        self._log_untrusted = RateLimitedLog(_LOGGER, logging.WARNING)

    def verify(self, headers: HeaderLookup, body: bytes) -> dict[str, Any]:
        """The request envelope, once every check passed; raises VerificationError otherwise.

        ``headers`` is a mapping (any case for Werkzeug's headers; as sent or lowercase for a dict).
        """
        now = self._now()
        url = _header(headers, CERT_URL_HEADER)
        encoded = _header(headers, SIGNATURE_HEADER)
        if not url:
            raise VerificationError(f"{CERT_URL_HEADER} header is missing")
        if not encoded:
            raise VerificationError(f"{SIGNATURE_HEADER} header is missing")
        signature = _decode_signature(encoded)
        canonical = canonical_cert_url(url)
        envelope = parse_envelope(body)
        stamp = request_time(envelope)
        if abs(stamp - now) > self._max_skew:
            raise VerificationError("request timestamp is too far from now")
        check_skill_id(envelope, self.skill_id)
        key = self.signing_key(canonical, now)
        try:
            key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as error:
            raise VerificationError("signature does not match the body") from error
        request_id = alexa.request_id(envelope)
        if request_id is None or not self.replays.claim(request_id, stamp, now):
            raise VerificationError("request was already served")
        return envelope

    def signing_key(self, url: str, now: datetime | None = None) -> rsa.RSAPublicKey:
        """The validated signing key behind a certificate URL, from the cache or fetched once.

        A URL that failed recently, a URL already being fetched, or a fetch while every download
        slot is busy is refused at once (VerificationError) instead of waiting.
        """
        now = now or self._now()
        canonical = canonical_cert_url(url)
        cached = self._cached(canonical, now)
        if cached is not None:
            return cached.key
        with self._lock:
            failed_until = self._failed.get(canonical)
            if failed_until is not None:
                if self._monotonic() < failed_until:
                    raise VerificationError("certificate chain could not be fetched")
                del self._failed[canonical]
            if canonical in self._downloading:
                raise VerificationError("certificate chain is being fetched; try again")
            if not self._downloads.acquire(blocking=False):
                raise VerificationError("too many certificate chains being fetched; try again")
            self._downloading.add(canonical)
        try:
            cached = self._cached(canonical, now)
            if cached is None:
                cached = self._load_remembering_failure(canonical, now)
                with self._lock:
                    if len(self._cache) >= MAX_CACHED_CHAINS:
                        self._cache.clear()
                    self._cache[canonical] = cached
        finally:
            with self._lock:
                self._downloading.discard(canonical)
            self._downloads.release()
        return cached.key

    def _cached(self, url: str, now: datetime) -> _CachedChain | None:
        """The cache entry for ``url`` if it is still valid at ``now``."""
        # No lock on the hot path: a dict read is atomic, and taking a lock on every request
        # lets a preempted holder stall all worker threads (measured: -20 % throughput).
        cached = self._cache.get(url)
        if cached is None or cached.not_before <= now <= cached.not_after:
            return cached
        with self._lock:
            if self._cache.get(url) is cached:
                del self._cache[url]
        return None

    def _load_remembering_failure(self, url: str, now: datetime) -> _CachedChain:
        """``_load``, remembering the URL as failed (bounded) when it raises."""
        try:
            return self._load(url, now)
        except VerificationError:
            with self._lock:
                self._failed[url] = self._monotonic() + self._failed_seconds
                self._failed.move_to_end(url)
                while len(self._failed) > MAX_FAILED_URLS:
                    self._failed.popitem(last=False)
            raise

    def _load(self, url: str, now: datetime) -> _CachedChain:
        """Fetch and validate the chain at ``url``."""
        try:
            pem = self._fetcher.fetch(url)
        except Exception as error:  # every fetch failure is the same 400
            self._log_fetch_failure(
                "could not fetch the certificate chain %s: %s", clip(url), clip(error)
            )
            raise VerificationError("certificate chain could not be fetched") from error
        try:
            chain = validate_chain(pem, self._roots, now)
        except VerificationError as error:
            self._log_untrusted("certificate chain %s refused: %s", clip(url), error.reason)
            raise
        key = chain[0].public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationError("signing certificate has no RSA key")
        _LOGGER.info("certificate chain %s validated", clip(url))
        return _CachedChain(
            key=key,
            not_before=max(c.not_valid_before_utc for c in chain),
            not_after=min(c.not_valid_after_utc for c in chain),
        )

    def _now(self) -> datetime:
        """The clock's time as an aware UTC datetime."""
        now = self._clock()
        return now.replace(tzinfo=UTC) if now.tzinfo is None else now


def _decode_signature(encoded: str) -> bytes:
    """The raw signature from its base64 header value; raises VerificationError."""
    try:
        return base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise VerificationError(f"{SIGNATURE_HEADER} is not base64") from error
