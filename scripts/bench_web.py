"""Load benchmark of the web endpoint on loopback: verification on vs off, in one bounded run.

Two waitress servers run as child processes (same skill, in-memory storage by default), one
verifying Alexa's signature against a test CA injected here (the chain is fetched once, then
cached), one with verification off. Client threads keep HTTP/1.1 connections alive and POST
signed LaunchRequests; the load alternates between the servers in an A-B-B-A order so that
background noise hits both alike. Usage: python scripts/bench_web.py [--seconds 20].
"""

from __future__ import annotations

import argparse
import http.client
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import waitress  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

from skill.builder import build_skill  # noqa: E402
from skill.conversation.state import merge  # noqa: E402
from skill.hosts.web.app import create_app  # noqa: E402
from skill.hosts.web.verifier import RequestVerifier  # noqa: E402
from skill.persistence import SQLiteAdapter  # noqa: E402
from tests.web_fakes import SKILL_ID, MemoryAdapter, Pki, body_of, launch_request  # noqa: E402

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-bench.pem"
TARGET_RATIO = 0.85
POOL = 256
"""Distinct signed requests per segment (users cycle through them)."""


class FileFetcher:
    """Serves the test chain from a file in place of S3 and counts downloads."""

    def __init__(self, chain: Path) -> None:
        """Serve ``chain`` for CERT_URL."""
        self.chain = chain
        self.calls = 0

    def fetch(self, url: str) -> bytes:
        """The chain, for the one URL the benchmark uses."""
        self.calls += 1
        if url != CERT_URL:
            raise OSError("HTTP 404")
        return self.chain.read_bytes()


def run_server(args: argparse.Namespace) -> None:
    """Child process: serve the skill with the test CA trusted (verify on) or no checks."""
    # The queue-depth warnings are expected under a saturating load.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    adapter: Any
    if args.storage == "sqlite":
        adapter = SQLiteAdapter(Path(args.dir) / f"bench-{args.port}.sqlite3", merge=merge)
    else:
        adapter = MemoryAdapter()
    root = x509.load_pem_x509_certificate((Path(args.dir) / "root.pem").read_bytes())
    verify = args.mode == "on"
    config: dict[str, Any] = {
        "SKILL": build_skill(adapter, skill_id=SKILL_ID),
        "SKILL_ID": SKILL_ID,
        "VERIFY": verify,
    }
    if verify:
        config["VERIFIER"] = RequestVerifier(
            trust_roots=[root], fetcher=FileFetcher(Path(args.dir) / "chain.pem"), skill_id=SKILL_ID
        )
    waitress.serve(
        create_app(config), host="127.0.0.1", port=args.port, threads=args.threads, _quiet=True
    )


@dataclass
class Tally:
    """What one mode's load produced."""

    latencies: list[float] = field(default_factory=list)
    """Seconds per successful request."""
    errors: int = 0
    """Requests that failed or were not 200."""
    seconds: float = 0.0
    """Wall time under load."""

    def line(self, name: str) -> str:
        """One row of the report."""
        ordered = sorted(self.latencies)
        count = len(ordered)
        p50 = ordered[count // 2] * 1000 if ordered else float("nan")
        p99 = ordered[min(count - 1, int(count * 0.99))] * 1000 if ordered else float("nan")
        return (
            f"{name:<14} {count / self.seconds:>9.1f} {p50:>9.2f} {p99:>9.2f} "
            f"{self.errors:>7d} {count:>9d} {self.seconds:>6.1f}"
        )

    @property
    def rate(self) -> float:
        """Successful requests per second."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def signed_pool(pki: Pki) -> list[tuple[bytes, dict[str, str]]]:
    """Freshly timestamped, signed LaunchRequests from POOL different users."""
    now = datetime.now(UTC)
    pool = []
    for index in range(POOL):
        body = body_of(launch_request(now, user_id=f"amzn1.ask.account.BENCH{index}"))
        pool.append((body, pki.headers(body, url=CERT_URL)))
    return pool


def load(
    port: int, pool: list[tuple[bytes, dict[str, str]]], seconds: float, clients: int
) -> Tally:
    """Drive one server with keep-alive client threads for ``seconds``."""
    tally = Tally()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies: list[float] = []
        errors = 0
        index = offset
        while time.monotonic() < deadline:
            body, headers = pool[index % len(pool)]
            index += clients
            started = time.perf_counter()
            try:
                connection.request("POST", "/", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()
        with lock:
            tally.latencies.extend(latencies)
            tally.errors += errors

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.seconds = time.monotonic() - started
    return tally


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    args: argparse.Namespace, mode: str, workdir: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """Start a child server and wait for its /healthz."""
    port = free_port()
    command = [
        sys.executable, __file__, "--serve", "--mode", mode, "--port", str(port),
        "--dir", str(workdir), "--threads", str(args.threads), "--storage", args.storage,
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process, port
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the {mode} server did not start")


def main() -> int:
    """Run the benchmark and print the report; exit 1 if the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="load time per mode")
    parser.add_argument(
        "--segment", type=float, default=1.0, help="seconds of load before switching mode"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--storage", choices=["memory", "sqlite"], default="memory")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=["on", "off"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        run_server(args)
        return 0

    pki = Pki(name="Bench")
    with tempfile.TemporaryDirectory(prefix="trust-coach-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "root.pem").write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
        now = datetime.now(UTC)
        leaf = pki.leaf(not_before=now - timedelta(days=1), not_after=now + timedelta(days=30))
        (workdir / "chain.pem").write_bytes(pki.chain_pem(leaf))
        servers = {mode: start_server(args, mode, workdir) for mode in ("off", "on")}
        try:
            tallies = {"off": Tally(), "on": Tally()}
            for mode in ("off", "on"):  # warm-up: first chain fetch, imports, caches
                load(servers[mode][1], signed_pool(pki), 2.0, args.clients)
            # Short alternating segments (A-B-B-A) so bursts of background load hit both modes.
            rounds = max(1, round(args.seconds / (2 * args.segment)))
            for _ in range(rounds):
                pool = signed_pool(pki)
                for mode in ("off", "on", "on", "off"):
                    part = load(servers[mode][1], pool, args.segment, args.clients)
                    tallies[mode].latencies.extend(part.latencies)
                    tallies[mode].errors += part.errors
                    tallies[mode].seconds += part.seconds
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(timeout=10)

    print(
        f"loopback, {args.clients} keep-alive connections, waitress {args.threads} threads, "
        f"storage {args.storage}, {os.cpu_count()} CPUs, python {sys.version.split()[0]}"
    )
    columns = ("req/s", "p50 ms", "p99 ms", "errors", "requests", "s")
    widths = (9, 9, 9, 7, 9, 6)
    print(f"{'mode':<14} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    print(tallies["on"].line("verify on"))
    print(tallies["off"].line("verify off"))
    ratio = tallies["on"].rate / tallies["off"].rate if tallies["off"].rate else 0.0
    errors = tallies["on"].errors + tallies["off"].errors
    ok = ratio >= TARGET_RATIO and errors == 0
    print(f"ratio verified/unverified: {ratio:.3f} (target >= {TARGET_RATIO}, zero errors): "
          f"{'PASS' if ok else 'FAIL'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
