"""Floods against a real waitress server on 127.0.0.1: idle sockets, a huge body, slow cert URLs.

    PYTHONPATH=. python scripts/load_floods.py

Starts the skill's Flask app on waitress (configured as `trust-coach serve` configures it, its
queue-depth warnings rate-limited the same way) with a verifier trusting a test CA, and a
stand-in certificate server on 127.0.0.1 that serves the good chain at once and makes every
other URL wait 3 s. Prints the valid request's latency (a request whose chain is cached) alone
and during each flood; 1,100 idle sockets (past select()'s 1,024 descriptors and the connection
limit) must not stop the server. The server's log goes to a temporary file, summed up at the
end. Bounded: every phase has a fixed size and timeouts; it stops by itself and talks only to
127.0.0.1.
"""

from __future__ import annotations

import collections
import http.client
import http.server
import os
import re
import select
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from skill.builder import build_skill
from skill.hosts.web.app import create_app
from skill.hosts.web.verifier import RequestVerifier
from tests.web_fakes import CERT_URL, NOW, SKILL_ID, MemoryAdapter, Pki, body_of
from tests.web_fakes import launch_request as _launch

SLOW_SECONDS = 3.0
VALID_REQUESTS = 200
FLOOD_CLIENTS = 16
IDLE_SOCKETS = 200
MANY_IDLE_SOCKETS = 1100
"""More than select() can watch (1,024 descriptors) and more than the connection limit."""
BIG_BODY_LIMIT = 64 * 1024 * 1024
"""At most this much of the "300 MB" body is sent before giving up."""
CLIENT_TIMEOUT = 10.0
PHASE_SECONDS = 30.0
"""Each measuring phase stops after this long even when requests are slow."""


class CertServer(http.server.ThreadingHTTPServer):
    """Serves the good chain at /good; any other path answers 404 after SLOW_SECONDS."""

    daemon_threads = True
    chain = b""


class CertHandler(http.server.BaseHTTPRequestHandler):
    """The stand-in for s3.amazonaws.com."""

    def do_GET(self) -> None:
        """The chain, or a slow 404."""
        if self.path == "/good":
            body = CertServer.chain
            self.send_response(200)
        else:
            time.sleep(SLOW_SECONDS)
            body = b"no"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


class LocalFetcher:
    """The verifier's fetcher hook: Amazon's URL maps to the stand-in on 127.0.0.1."""

    def __init__(self, port: int) -> None:
        """Fetch from the cert server on ``port``."""
        self.port = port

    def fetch(self, url: str) -> bytes:
        """GET the mapped path with a 3 s deadline."""
        path = "/good" if url == CERT_URL else "/slow"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=SLOW_SECONDS + 1)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            data = response.read()
            if response.status != 200:
                raise OSError(f"HTTP {response.status}")
            return data
        finally:
            connection.close()


_STARTED = time.monotonic()


def clock() -> datetime:
    """The test CA's time (its certificates are valid around NOW), moving like the real clock."""
    return NOW + timedelta(seconds=time.monotonic() - _STARTED)


def launch_request() -> dict[str, Any]:
    """A fresh LaunchRequest stamped now (its own id where the helper gives one)."""
    return _launch(timestamp=clock())


def post(port: int, body: bytes, headers: dict[str, str]) -> tuple[int, float]:
    """Status and seconds of one POST (status 0 on a timeout or a closed connection)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("POST", "/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def valid_latencies(port: int, pki: Pki, count: int) -> tuple[list[float], int]:
    """Milliseconds of up to ``count`` valid requests in a row (at most PHASE_SECONDS), not-200s."""
    times: list[float] = []
    failed = 0
    deadline = time.monotonic() + PHASE_SECONDS
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        body = body_of(launch_request())
        status, seconds = post(port, body, pki.headers(body))
        times.append(seconds * 1000)
        failed += status != 200
    return times, failed


def figures(name: str, times: list[float], failed: int) -> None:
    """Print p50/p99/max."""
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(
        f"{name:<34} p50 {statistics.median(ordered):8.1f} ms  p99 {p99:8.1f} ms  "
        f"max {ordered[-1]:8.1f} ms  not-200 {failed}/{len(ordered)}",
        flush=True,
    )


def slow_flood(port: int, pki: Pki, stop: threading.Event, counter: list[int]) -> None:
    """One client sending signed requests whose chain URL is new every time."""
    n = 0
    body = body_of(launch_request())
    headers = pki.headers(body)  # signed once: the URL changes, the body need not
    while not stop.is_set():
        n += 1
        url = CERT_URL.replace("test.pem", f"slow-{threading.get_ident()}-{n}.pem")
        post(port, body, {**headers, "SignatureCertChainUrl": url})
        counter[0] += 1


def idle_flood(port: int, count: int = IDLE_SOCKETS) -> list[socket.socket]:
    """``count`` connections that send POST headers and never the body."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
        sockets.append(sock)
    return sockets


def big_body(port: int) -> tuple[int, float, str]:
    """Announce 300 MB; send until the server answers or BIG_BODY_LIMIT is reached."""
    started = time.perf_counter()
    sent = 0
    answer = ""
    with socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n")
        chunk = b"\0" * 65536
        while sent < BIG_BODY_LIMIT:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                answer = sock.recv(100).decode("latin-1").split("\r\n", 1)[0]
                break
            try:
                sock.sendall(chunk)
            except OSError:
                break
            sent += len(chunk)
        if not answer:
            readable, _, _ = select.select([sock], [], [], CLIENT_TIMEOUT)
            if readable:
                answer = sock.recv(100).decode("latin-1").split("\r\n", 1)[0]
    return sent, time.perf_counter() - started, answer or "(no answer)"


def run_server(pki: Pki, ports: Any, log_path: str) -> None:
    """The child process: the stand-in cert server and the skill on waitress; reports the port."""
    import logging

    import waitress.server

    # The server's log goes to a file (summed up at the end), not between the figures.
    logging.basicConfig(
        filename=log_path, level=logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        from skill.hosts.web.serve import quiet_queue_log, waitress_options
    except ImportError:  # an older checkout: waitress's defaults, as it used to run
        options: dict[str, Any] = {"threads": 8}
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    else:
        options = waitress_options(256 * 1024, 8)
        quiet_queue_log()  # as `trust-coach serve` does: one queue-depth line a minute
    CertServer.chain = pki.chain_pem()
    certs = CertServer(("127.0.0.1", 0), CertHandler)
    threading.Thread(target=certs.serve_forever, daemon=True).start()
    verifier = RequestVerifier(
        trust_roots=[pki.root],
        fetcher=LocalFetcher(certs.server_address[1]),
        clock=clock,
        skill_id=SKILL_ID,
    )
    app = create_app(
        {
            "SKILL": build_skill(MemoryAdapter(), skill_id=SKILL_ID),
            "SKILL_ID": SKILL_ID,
            "VERIFIER": verifier,
        }
    )
    server = waitress.server.create_server(app, host="127.0.0.1", port=0, **options)
    ports.put((int(server.effective_port), options))  # type: ignore[union-attr]
    server.run()


def _room_for_sockets(needed: int) -> None:
    """Raise this process's open-file limit so it can hold the idle sockets (when allowed)."""
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def main() -> int:
    """Start the server in its own process (its own interpreter lock), run the phases, print."""
    import multiprocessing

    _room_for_sockets(MANY_IDLE_SOCKETS + 200)
    pki = Pki()
    context = multiprocessing.get_context("fork")
    ports = context.Queue()
    handle, log_name = tempfile.mkstemp(prefix="load-floods-", suffix=".log")
    os.close(handle)
    child = context.Process(target=run_server, args=(pki, ports, log_name), daemon=True)
    child.start()
    try:
        port, options = ports.get(timeout=30)
        print(f"waitress options: {options}")
        return phases(port, pki)
    finally:
        child.terminate()
        child.join(timeout=10)
        log_summary(Path(log_name))
        Path(log_name).unlink(missing_ok=True)


def log_summary(path: Path) -> None:
    """How many lines the server logged, by kind (numbers and quoted text left out)."""
    lines = path.read_text("utf-8", "replace").splitlines() if path.exists() else []
    kinds = collections.Counter(re.sub(r"'[^']*'|\\d+", "_", line)[:90] for line in lines)
    print(f"server log: {len(lines)} lines")
    for kind, count in kinds.most_common(6):
        print(f"  {count:5d}  {kind}")


def phases(port: int, pki: Pki) -> int:
    """The valid request alone, then during each flood."""

    valid_latencies(port, pki, 5)  # the chain is now cached
    figures("valid request, alone", *valid_latencies(port, pki, VALID_REQUESTS))

    stop = threading.Event()
    counter = [0]
    flooders = [
        threading.Thread(target=slow_flood, args=(port, pki, stop, counter), daemon=True)
        for _ in range(FLOOD_CLIENTS)
    ]
    for thread in flooders:
        thread.start()
    time.sleep(0.5)
    figures(f"valid, {FLOOD_CLIENTS} slow-URL clients", *valid_latencies(port, pki, VALID_REQUESTS))
    stop.set()
    for thread in flooders:
        thread.join(timeout=CLIENT_TIMEOUT + SLOW_SECONDS)
    print(f"  (slow-URL requests sent during the phase: {counter[0]})")

    sockets = idle_flood(port)
    figures(f"valid, {IDLE_SOCKETS} idle sockets open", *valid_latencies(port, pki, 5))
    for sock in sockets:
        sock.close()

    many = idle_flood(port, MANY_IDLE_SOCKETS)
    time.sleep(1.0)
    figures(f"valid, {MANY_IDLE_SOCKETS} idle sockets open", *valid_latencies(port, pki, 1))
    for sock in many:
        sock.close()
    time.sleep(0.5)
    figures(f"valid, after {MANY_IDLE_SOCKETS} idle closed", *valid_latencies(port, pki, 5))

    sent, seconds, answer = big_body(port)
    print(
        f"{'300 MB body announced':<34} answer {answer!r} after {sent / 1e6:.1f} MB sent, "
        f"{seconds * 1000:.0f} ms",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
