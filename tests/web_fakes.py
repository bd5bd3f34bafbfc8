"""Fakes for the web endpoint: a test PKI that signs like Alexa, a certificate fetcher, storage."""

from __future__ import annotations

import base64
import copy
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from skill.hosts.local import envelopes

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


def _key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    """A subject name with one common name."""
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _ca(
    name: str,
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: rsa.RSAPrivateKey,
) -> x509.Certificate:
    """A CA certificate (self-signed when ``issuer`` is None) valid for decades around NOW."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(issuer.subject if issuer else _name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=3650))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class Pki:
    """A root, an intermediate and signing leaves: Amazon's shape, with keys we hold."""

    root_key: rsa.RSAPrivateKey = field(default_factory=_key)
    """The root CA's key."""
    intermediate_key: rsa.RSAPrivateKey = field(default_factory=_key)
    """The intermediate CA's key."""
    leaf_key: rsa.RSAPrivateKey = field(default_factory=_key)
    """The signing key Alexa would hold."""
    name: str = "Test"
    """A prefix for the CA names, so two test PKIs differ."""
    root: x509.Certificate = field(init=False)
    """The self-signed root to trust."""
    intermediate: x509.Certificate = field(init=False)
    """The CA that issues the leaves."""

    def __post_init__(self) -> None:
        """Issue the root and intermediate."""
        self.root = _ca(f"{self.name} Root CA", self.root_key, None, self.root_key)
        self.intermediate = _ca(
            f"{self.name} Intermediate CA", self.intermediate_key, self.root, self.root_key
        )

    def leaf(
        self,
        *,
        dns_name: str = "echo-api.amazon.com",
        not_before: datetime = NOW - timedelta(days=30),
        not_after: datetime = NOW + timedelta(days=300),
    ) -> x509.Certificate:
        """A signing certificate for ``dns_name`` issued by the intermediate."""
        return (
            x509.CertificateBuilder()
            .subject_name(_name(dns_name))
            .issuer_name(self.intermediate.subject)
            .public_key(self.leaf_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(dns_name)]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=True,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    self.intermediate_key.public_key()
                ),
                critical=False,
            )
            .sign(self.intermediate_key, hashes.SHA256())
        )

    def chain_pem(self, leaf: x509.Certificate | None = None) -> bytes:
        """The PEM chain Amazon serves: leaf, intermediate, root."""
        certificates = [leaf or self.leaf(), self.intermediate, self.root]
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)

    def sign(self, body: bytes) -> str:
        """The ``Signature-256`` header value for ``body``."""
        signature = self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")

    def headers(self, body: bytes, url: str = CERT_URL) -> dict[str, str]:
        """Headers as Alexa sends them for ``body``."""
        return {
            "SignatureCertChainUrl": url,
            "Signature-256": self.sign(body),
            "Content-Type": "application/json; charset=utf-8",
        }


class FakeFetcher:
    """Serves certificate chains from a dict and counts downloads."""

    def __init__(self, chains: Mapping[str, bytes | Exception]) -> None:
        """Serve ``chains``; an Exception value is raised instead."""
        self.chains = dict(chains)
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def fetch(self, url: str) -> bytes:
        """The chain at ``url``, or the configured error."""
        with self._lock:
            self.calls.append(url)
        value = self.chains.get(url, OSError("HTTP 404"))
        if isinstance(value, Exception):
            raise value
        return value


class FixedClock:
    """A clock that says what it is told."""

    def __init__(self, now: datetime = NOW) -> None:
        """Start at ``now``."""
        self.now = now

    def __call__(self) -> datetime:
        """The current fake time."""
        return self.now


class MemoryAdapter(AbstractPersistenceAdapter):
    """Persistent attributes in a dict keyed by user id."""

    def __init__(self) -> None:
        """Start empty."""
        self.items: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _user(request_envelope: Any) -> str:
        """The user id of a request envelope."""
        system = getattr(request_envelope.context, "system", None)
        user = getattr(system, "user", None) or getattr(request_envelope.session, "user", None)
        return str(getattr(user, "user_id", None) or "anonymous")

    def get_attributes(self, request_envelope: Any) -> dict[str, Any]:
        """A copy of the user's attributes."""
        with self._lock:
            return copy.deepcopy(self.items.get(self._user(request_envelope), {}))

    def save_attributes(self, request_envelope: Any, attributes: dict[str, Any]) -> None:
        """Keep a copy of the user's attributes."""
        with self._lock:
            self.items[self._user(request_envelope)] = copy.deepcopy(attributes)

    def delete_attributes(self, request_envelope: Any) -> None:
        """Forget the user."""
        with self._lock:
            self.items.pop(self._user(request_envelope), None)


def launch_request(
    timestamp: datetime = NOW, skill_id: str = SKILL_ID, user_id: str = "amzn1.ask.account.TEST"
) -> dict[str, Any]:
    """A LaunchRequest envelope as Alexa sends it to this skill (the project's own builder)."""
    request = envelopes.launch_request(
        locale="en-US", timestamp=timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    request["requestId"] = "amzn1.echo-api.request.TEST"
    return envelopes.envelope(
        request,
        user_id=user_id,
        session_id="amzn1.echo-api.session.TEST",
        new=True,
        attributes=None,
        skill_id=skill_id,
    )


def body_of(envelope: Mapping[str, Any]) -> bytes:
    """The raw body Alexa would POST for an envelope."""
    return json.dumps(envelope, separators=(",", ":")).encode("utf-8")
