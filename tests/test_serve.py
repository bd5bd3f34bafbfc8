"""The real server: `python -m skill.hosts.web.serve` on waitress, over HTTP on 127.0.0.1."""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.hosts.web.serve import add_serve_parser, cmd_serve
from tests.web_fakes import SKILL_ID, body_of, launch_request

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 30.0


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def http(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, Any]]:
    """Status and JSON body of one request."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def status_of(method: str, url: str, body: bytes | None = None) -> int:
    """The status of one request (for answers from waitress itself, which are not JSON)."""
    request = urllib.request.Request(url, data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Callable[..., tuple[str, Path]]]:
    """Start `python -m skill.hosts.web.serve` with options; yields a starter giving (URL, log)."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(*options: str) -> tuple[str, Path]:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        env = {**os.environ, "TRUST_COACH_DB": str(tmp_path / "serve.sqlite3")}
        env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
        env.pop("TRUST_COACH_SKILL_ID", None)
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "skill.hosts.web.serve", "--port", str(port), *options],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if http("GET", f"{base}/healthz")[0] == 200:
                    return base, log
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.1)

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_real_server_answers_over_http(server: Callable[..., tuple[str, Path]]) -> None:
    base, log = server("--no-verify", "--path", "/alexa")
    status, answer = http(
        "POST", f"{base}/alexa", body_of(launch_request()), {"Content-Type": "application/json"}
    )
    assert status == 200
    assert answer["response"]["outputSpeech"]["ssml"].startswith("<speak>")
    assert http("GET", f"{base}/alexa") == (405, {"error": "method not allowed"})
    assert http("POST", f"{base}/alexa", b"not json")[0] == 400
    assert status_of("POST", f"{base}/alexa", b" " * (1024 * 1024)) == 413
    assert "verification is OFF" in log.read_text()


def test_the_real_server_verifies_by_default(server: Callable[..., tuple[str, Path]]) -> None:
    base, log = server("--skill-id", SKILL_ID)
    status, answer = http("POST", f"{base}/", body_of(launch_request()))
    assert status == 400
    assert "SignatureCertChainUrl" in answer["error"]
    assert "verification is OFF" not in log.read_text()


def test_the_serve_subcommand_parses_its_options() -> None:
    parser = argparse.ArgumentParser(prog="trust-coach")
    add_serve_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["serve", "--host", "0.0.0.0", "--port", "8443", "--no-verify"])
    assert (args.host, args.port, args.path, args.verify) == ("0.0.0.0", 8443, "/", False)
    assert args.run is cmd_serve
    defaults = parser.parse_args(["serve"])
    assert (defaults.host, defaults.verify) == ("127.0.0.1", True)


def test_idle_sockets_and_huge_bodies_do_not_shut_anyone_out(
    server: Callable[..., tuple[str, Path]],
) -> None:
    base, _ = server("--no-verify")
    port = int(base.rsplit(":", 1)[1])
    idle: list[socket.socket] = []
    try:
        for _ in range(200):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
            idle.append(sock)
        started = time.monotonic()
        status, _answer = http("POST", f"{base}/", body_of(launch_request()))
        assert status == 200
        assert time.monotonic() - started < 5
        # A body announced as 300 MB is refused from its Content-Length, before it is sent.
        with socket.create_connection(("127.0.0.1", port), timeout=5) as big:
            big.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n")
            assert b" 413 " in big.recv(200)
    finally:
        for sock in idle:
            sock.close()


def test_serve_refuses_to_start_without_a_skill_id(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRUST_COACH_SKILL_ID"}
    result = subprocess.run(
        [sys.executable, "-m", "skill.hosts.web.serve", "--port", str(free_port())],
        cwd=ROOT,
        env={**env, "TRUST_COACH_DB": str(tmp_path / "db.sqlite3")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "TRUST_COACH_SKILL_ID" in result.stderr


PAST_SELECT = r"""
import http.client, resource, socket, sys, threading, time
import waitress.server
from skill.builder import build_skill
from skill.hosts.web.app import create_app
from skill.hosts.web.serve import waitress_options
from tests.web_fakes import MemoryAdapter, body_of, launch_request

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
app = create_app({"SKILL": build_skill(MemoryAdapter()), "VERIFY": False})
options = waitress_options(256 * 1024, 4)
server = waitress.server.create_server(app, host="127.0.0.1", port=0, **options)
loop = threading.Thread(target=server.run, daemon=True)
loop.start()
port = server.effective_port
idle = []
for _ in range(1100):
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")
    idle.append(sock)
time.sleep(1.0)
print("highest descriptor", max(s.fileno() for s in idle))
print("loop alive", loop.is_alive())
for sock in idle:
    sock.close()
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
connection.request("POST", "/", body=body_of(launch_request()))
print("status", connection.getresponse().status)
"""


def test_past_1024_descriptors_the_server_keeps_serving() -> None:
    import resource

    if resource.getrlimit(resource.RLIMIT_NOFILE)[1] < 2600:
        pytest.skip("the hard limit on open files is too low to hold 2,200 sockets")
    # Clients and server in one process, so the server's descriptors pass 1,023 for certain;
    # waitress's default select() loop died there (1,100 idle sockets stopped `serve`).
    result = subprocess.run(
        [sys.executable, "-c", PAST_SELECT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "highest descriptor" in result.stdout, result.stderr
    highest = int(result.stdout.split("highest descriptor")[1].split()[0])
    assert highest > 1024
    assert "loop alive True" in result.stdout, result.stderr
    assert "status 200" in result.stdout, result.stderr


LOW_FILE_LIMIT = r"""
import resource
from skill.hosts.web.serve import RESERVED_FILES, connection_limit
resource.setrlimit(resource.RLIMIT_NOFILE, (300, 5000))
print(connection_limit(), resource.getrlimit(resource.RLIMIT_NOFILE)[0])
resource.setrlimit(resource.RLIMIT_NOFILE, (300, 300))
print(connection_limit(), 300 - RESERVED_FILES)
"""


def test_the_connection_limit_fits_under_the_file_limit() -> None:
    # Past the file limit waitress's accept() fails over and over, a traceback each time.
    result = subprocess.run(
        [sys.executable, "-c", LOW_FILE_LIMIT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    room, capped = result.stdout.splitlines()
    raised, soft = room.split()
    assert raised == "1000" and int(soft) >= 1000 + 128  # the soft limit is raised to fit
    limit, expected = capped.split()
    assert limit == expected  # a hard limit of 300 leaves room for 172 connections


def test_waitress_watches_its_sockets_with_poll() -> None:
    from skill.hosts.web.serve import waitress_options

    options = waitress_options(256 * 1024, 8)
    assert options["asyncore_use_poll"] is True
    assert options["max_request_body_size"] == 256 * 1024
    # Past the connection limit a new client waits for idle ones to be closed: under 8 s.
    assert options["channel_timeout"] + options["cleanup_interval"] < 8


def test_queue_depth_warnings_are_rate_limited() -> None:
    from skill.hosts.web.serve import QueueDepthFilter

    now = [0.0]
    quiet = QueueDepthFilter(period=60.0, clock=lambda: now[0])

    def record(depth: int) -> logging.LogRecord:
        return logging.LogRecord(
            "waitress.queue", logging.WARNING, __file__, 1, "Task queue depth is %d", (depth,), None
        )

    passed = [quiet.filter(r) for r in (record(d) for d in range(1, 101))]
    assert passed == [True] + [False] * 99
    now[0] = 61.0
    later = record(5)
    assert quiet.filter(later)
    assert later.getMessage() == "Task queue depth is 5 (99 more such lines not logged)"


@pytest.mark.parametrize(
    ("value", "level", "warned"),
    [
        ("", logging.INFO, False),
        ("debug", logging.DEBUG, False),
        (" Error ", logging.ERROR, False),
        ("15", 15, False),
        ("bogus", logging.INFO, True),
        ("-1", logging.INFO, True),
    ],
)
def test_a_log_level_typo_is_one_warning_not_a_crash(value: str, level: int, warned: bool) -> None:
    from skill.hosts.quietlog import level_from_env

    found, problem = level_from_env({"TRUST_COACH_LOG_LEVEL": value}, "INFO")
    assert found == level
    assert (problem is not None) == warned


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "skill", "say", "--text", "help"],
        ["-m", "skill.hosts.web.serve", "--help"],
        ["-c", "import sys; sys.path.insert(0, 'skill/deploy/aws'); import lambda_function"],
    ],
    ids=["cli", "serve", "lambda"],
)
def test_every_host_starts_with_a_bad_log_level(tmp_path: Path, command: list[str]) -> None:
    env = {**os.environ, "TRUST_COACH_LOG_LEVEL": "bogus", "TRUST_COACH_DB": str(tmp_path / "d")}
    env.pop("TRUST_COACH_DYNAMODB_TABLE", None)
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
