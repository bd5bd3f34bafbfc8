"""Smoke test of an installed `trust-coach` (a wheel in a fresh venv), run outside the checkout.

Usage: VENV/bin/python scripts/smoke_installed.py VENV/bin/trust-coach WORKDIR
Runs --version, say --text, say --json, serve --no-verify answering one real LaunchRequest
envelope on 127.0.0.1, and package --out (offline, from the installed distributions).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000smoke"


def run(*args: str, cwd: Path) -> str:
    """Run the command; fail loudly with its output when it fails."""
    result = subprocess.run(args, capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode != 0 or "Traceback" in result.stderr:
        sys.exit(f"FAILED: {' '.join(args)}\n{result.stdout}{result.stderr}")
    print(f"ok: {' '.join(args[1:])}")
    return result.stdout


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def launch_request() -> dict[str, object]:
    """A LaunchRequest envelope shaped exactly like Alexa's."""
    application = {"applicationId": SKILL_ID}
    user = {"userId": "amzn1.ask.account.SMOKE"}
    return {
        "version": "1.0",
        "session": {
            "new": True,
            "sessionId": "amzn1.echo-api.session.smoke",
            "application": application,
            "attributes": {},
            "user": user,
        },
        "context": {
            "System": {
                "application": application,
                "user": user,
                "device": {"deviceId": "amzn1.ask.device.SMOKE", "supportedInterfaces": {}},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": {
            "type": "LaunchRequest",
            "requestId": "amzn1.echo-api.request.smoke",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "locale": "en-US",
        },
    }


def serve_once(command: str, cwd: Path) -> None:
    """Start `serve --no-verify`, POST one LaunchRequest, check the 200 and the JSON, stop."""
    port = free_port()
    server = subprocess.Popen(
        [command, "serve", "--no-verify", "--host", "127.0.0.1", "--port", str(port)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = json.dumps(launch_request()).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", body, {"Content-Type": "application/json"}
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    status, reply = response.status, json.loads(response.read())
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert status == 200, status
        assert reply["version"] == "1.0", reply
        assert "Trust Coach" in reply["response"]["outputSpeech"]["ssml"], reply
        print("ok: serve --no-verify answered a LaunchRequest (200, JSON)")
    finally:
        server.terminate()
        server.wait(timeout=10)


def console_once(command: str, cwd: Path) -> None:
    """Start `console`, load its page and script from the wheel, run one turn, stop."""
    port = free_port()
    server = subprocess.Popen(
        [command, "console", "--port", str(port)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=10) as response:
                    page = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert "Trust Coach" in page, page[:200]
        with urllib.request.urlopen(f"{base}/static/console.js", timeout=10) as response:
            assert b"api/turn" in response.read()
        body = json.dumps({"tab": "smoke", "utterance": "give me a trust tip"}).encode()
        turn = urllib.request.Request(
            f"{base}/api/turn", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(turn, timeout=30) as response:
            reply = json.loads(response.read())
        assert reply["intent"] == "TrustTipIntent", reply
        print("ok: console served its page from the wheel and ran a turn")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    """Run every check; exit non-zero on the first failure."""
    command, workdir = sys.argv[1], Path(sys.argv[2])
    workdir.mkdir(parents=True, exist_ok=True)
    assert run(command, "--version", cwd=workdir).startswith("trust-coach ")
    tip = run(command, "say", "give me a trust tip", "--text", cwd=workdir)
    assert "strategy" in tip.lower(), tip
    turns = [
        json.loads(line)
        for line in run(
            command, "say", "--json", "open trust coach", "give me a trust tip", cwd=workdir
        ).splitlines()
    ]
    assert [turn["intent"] for turn in turns][1] == "TrustTipIntent", turns
    serve_once(command, workdir)
    console_once(command, workdir)
    runtime = f"python{sys.version_info.major}.{sys.version_info.minor}"
    out = workdir / "build"
    run(
        command, "package", "--out", str(out), "--from-installed", "--runtime", runtime, cwd=workdir
    )
    with zipfile.ZipFile(out / "lambda.zip") as archive:
        names = set(archive.namelist())
    assert {"lambda_function.py", "skill/hosts/aws.py"} <= names, sorted(names)[:20]
    assert f"Runtime: {runtime}" in (out / "template.yaml").read_text("utf-8")
    print("smoke test of the installed command: all ok")


if __name__ == "__main__":
    main()
