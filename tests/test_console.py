"""The test console: its JSON API (Flask's test client), its preview, and the page in Chromium."""

from __future__ import annotations

import io
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill import content, locales
from skill.builder import build_skill
from skill.hosts.cli.console import hearing, hosts_for, speech_span
from skill.hosts.cli.main import build_parser
from skill.hosts.web.console import preview, simulated
from skill.hosts.web.console.app import create_app, host_name
from skill.hosts.web.console.desk import render_wav
from skill.hosts.web.console.views import MAX_UTTERANCE
from skill.persistence import SQLiteAdapter
from speech.errors import SpeechEngineMissing, SpeechError
from speech.render import Text

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)
"""Headless, as root, and nothing that reaches for the network."""
WAIT = 10.0
"""Seconds a browser step may take before the test fails."""


def _wav_seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def _app(
    adapter: SQLiteAdapter,
    renderer: Callable[[str, str], bytes] = render_wav,
    hear: Callable[[bytes, str], str] | None = None,
) -> Flask:
    config = {"ADAPTER": adapter, "SKILL": build_skill(adapter), "RENDERER": renderer}
    return create_app({**config, "HEARING": hear})


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """ "open trust coach" as espeak-ng says it (None: no speech engine)."""
    from speech.voice import WavWriter

    path = tmp_path_factory.mktemp("spoken") / "open-trust-coach.wav"
    try:
        writer = WavWriter(path, "gmw/en-us")
        writer.speak([Text("open trust coach")])
        writer.close()
    except SpeechError:
        return None
    return path


def _hearing() -> Callable[[bytes, str], str]:
    found = hearing()
    if found is None:
        pytest.skip("speech input needs the listen extra (pocketsphinx)")
    return found


@pytest.fixture
def client(adapter: SQLiteAdapter) -> FlaskClient:
    """The console app on this test's SQLite file, through Flask's test client."""
    return _app(adapter).test_client()


def _turn(client: FlaskClient, utterance: str, **settings: str) -> dict[str, Any]:
    answer = client.post("/api/turn", json={"tab": "t1", "utterance": utterance, **settings})
    assert answer.status_code == 200, answer.get_json()
    body: dict[str, Any] = answer.get_json()
    return body


# The JSON API


def test_the_page_and_its_files_are_served_with_a_strict_policy(client: FlaskClient) -> None:
    with client.get("/") as page:
        assert page.status_code == 200
        assert b'<script src="static/console.js"' in page.data
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    for name in ("console.js", "console.css"):
        with client.get(f"/static/{name}") as found:
            assert found.status_code == 200
    # Nothing on the page comes from another host (no CDN).
    for name in ("index.html", "console.js", "console.css"):
        text = (ROOT / "skill/hosts/web/console/static" / name).read_text("utf-8")
        assert "http://" not in text
        assert "https://" not in text


def test_options_offer_every_locale_and_device(client: FlaskClient) -> None:
    options = client.get("/api/options").get_json()
    assert options["locales"] == list(locales.SUPPORTED)
    assert options["locale"] == locales.DEFAULT
    assert [d["name"] for d in options["devices"]] == list(simulated.devices())
    assert options["device"] == "dot"
    assert options["user"] == "local-user"


def test_a_turn_runs_through_the_simulator(client: FlaskClient) -> None:
    turn = _turn(client, "give me a trust tip")
    assert turn["intent"] == "TrustTipIntent"
    assert turn["request"]["request"]["type"] == "IntentRequest"
    assert turn["request"]["session"]["new"] is True
    card = turn["response"]["response"]["card"]
    assert turn["card"] == {"type": "Simple", "title": card["title"], "text": card["content"]}
    assert turn["speech"]
    assert turn["speech"] in turn["response"]["response"]["outputSpeech"]["ssml"]
    assert turn["preview"] is None  # a dot has no screen
    follow = _turn(client, "tell me more")
    assert follow["request"]["session"]["new"] is False
    assert follow["request"]["session"]["sessionId"] == turn["request"]["session"]["sessionId"]


def test_the_reply_audio_is_a_real_wav_with_its_pauses(client: FlaskClient) -> None:
    turn = _turn(client, "give me a trust tip")
    answer = client.get(f"/api/audio/{turn['audio']}.wav")
    assert answer.status_code == 200
    assert answer.mimetype == "audio/wav"
    assert _wav_seconds(answer.data) > 2


def test_the_rendered_reply_keeps_its_breaks() -> None:
    plain = _wav_seconds(render_wav("<speak>Breathe in. Breathe out.</speak>", "en-US"))
    paused = _wav_seconds(
        render_wav('<speak>Breathe in. <break time="2s"/> Breathe out.</speak>', "en-GB")
    )
    assert paused - plain > 1.9


def test_an_unknown_reply_has_no_audio(client: FlaskClient) -> None:
    assert client.get(f"/api/audio/{'0' * 32}.wav").status_code == 404
    assert client.get("/api/audio/..%2Fsecret.wav").status_code == 404


def test_no_speech_engine_is_a_400_with_the_reason(adapter: SQLiteAdapter) -> None:
    def missing(ssml: str, locale: str) -> bytes:
        raise SpeechEngineMissing("no espeak-ng")

    client = _app(adapter, missing).test_client()
    turn = _turn(client, "give me a trust tip")
    answer = client.get(f"/api/audio/{turn['audio']}.wav")
    assert answer.status_code == 400
    assert "no espeak-ng" in answer.get_json()["error"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"tab": "t1"}, "'utterance' is missing"),
        ({"tab": "t1", "utterance": "   "}, "'utterance' is empty"),
        ({"tab": "t1", "utterance": 7}, "'utterance' must be a string"),
        ({"tab": "t1", "utterance": "x" * (MAX_UTTERANCE + 1)}, "longer than"),
        ({"tab": "t1", "utterance": "hi\x00there"}, "control characters"),
        ({"utterance": "hi"}, "'tab' is missing"),
        ({"tab": "../etc", "utterance": "hi"}, "'tab' must be"),
        ({"tab": "t1", "utterance": "hi", "locale": "fr-FR"}, "no locale 'fr-FR'"),
        ({"tab": "t1", "utterance": "hi", "device": "toaster"}, "no device 'toaster'"),
        ({"tab": "t1", "utterance": "hi", "user": "a b"}, "'user' must be"),
        ({"tab": "t1", "utterance": "hi", "user": ""}, "'user' must be"),
        ({"tab": "t1", "utterance": "hi", "locale": None}, "'locale' is missing"),
        ([1, 2], "a JSON object"),
    ],
)
def test_bad_turns_are_a_400_with_a_reason(client: FlaskClient, body: Any, reason: str) -> None:
    answer = client.post("/api/turn", json=body)
    assert answer.status_code == 400
    assert reason in answer.get_json()["error"]


def test_requests_that_are_not_json_are_refused(client: FlaskClient) -> None:
    # A form another site posts to 127.0.0.1 is not JSON: it never reaches the skill.
    form = client.post("/api/reset", data={"user": "local-user"})
    assert form.status_code == 400
    assert "send JSON" in form.get_json()["error"]
    broken = client.post("/api/turn", data="{", content_type="application/json")
    assert broken.status_code == 400
    assert "JSON object" in broken.get_json()["error"]


def test_unknown_paths_methods_and_hosts_are_short_json(client: FlaskClient) -> None:
    assert client.get("/nope").get_json() == {"error": "not found"}
    assert client.get("/api/turn").status_code == 405
    rebound = client.get("/api/options", headers={"Host": "attacker.example:8765"})
    assert rebound.status_code == 400
    assert "answers to" in rebound.get_json()["error"]
    assert client.get("/api/options", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_host_names_and_the_bind_address() -> None:
    assert host_name("[::1]:8765") == "[::1]"
    assert host_name("LocalHost:80") == "localhost"
    assert "192.168.1.5" in hosts_for("192.168.1.5")
    assert "[::1]" in hosts_for("::1")
    assert hosts_for("0.0.0.0") == {"*"}


def test_a_recording_is_heard_and_runs_as_a_turn(
    adapter: SQLiteAdapter, spoken: Path | None
) -> None:
    if spoken is None:
        pytest.skip("no speech engine to record an utterance with")
    client = _app(adapter, hear=_hearing()).test_client()
    assert client.get("/api/options").get_json()["listen"] is True
    answer = client.post(
        "/api/hear?tab=t1&locale=en-US&device=dot",
        data=spoken.read_bytes(),
        content_type="audio/wav",
    )
    assert answer.status_code == 200, answer.get_json()
    heard = answer.get_json()
    assert heard["heard"] == "open trust coach"
    assert heard["turn"]["request"]["request"]["type"] == "LaunchRequest"
    assert heard["turn"]["utterance"] == "open trust coach"


def test_the_quiet_around_a_held_button_is_cut_off(spoken: Path | None) -> None:
    from speech.audio import Audio, concatenate, read_wav, silence

    if spoken is None:
        pytest.skip("no speech engine to record an utterance with")
    pytest.importorskip("pocketsphinx", reason="the endpointer comes with the listen extra")
    words = read_wav(spoken)
    held = concatenate([silence(0.7, words.rate), words, silence(1.2, words.rate)], words.rate)
    cut = speech_span(held)
    assert words.seconds - 0.3 < cut.seconds < words.seconds + 0.5
    assert speech_span(silence(1.0, 16000)).seconds == pytest.approx(1.0)
    assert isinstance(cut, Audio)


def test_a_silent_recording_is_heard_as_nothing(adapter: SQLiteAdapter, tmp_path: Path) -> None:
    from speech.audio import silence, write_wav

    quiet = tmp_path / "quiet.wav"
    write_wav(quiet, silence(1.0, 16000))
    client = _app(adapter, hear=_hearing()).test_client()
    answer = client.post("/api/hear?tab=t1", data=quiet.read_bytes(), content_type="audio/wav")
    assert answer.get_json() == {"heard": "", "turn": None}


@pytest.mark.parametrize(
    ("query", "body", "kind", "reason"),
    [
        ("tab=t1", b"RIFF....WAVEfmt ", "text/plain", "send the recording as audio/wav"),
        ("tab=t1", b"not a wav at all", "audio/wav", "not a WAV file"),
        ("tab=t1", b"RIFF\x10\x00\x00\x00WAVEjunkjunk", "audio/wav", "cannot read the recording"),
        ("", b"RIFF....WAVE", "audio/wav", "'tab' is missing"),
        ("tab=t1&locale=xx-XX", b"RIFF....WAVE", "audio/wav", "no locale 'xx-XX'"),
    ],
)
def test_bad_recordings_are_a_400_with_a_reason(
    adapter: SQLiteAdapter, query: str, body: bytes, kind: str, reason: str
) -> None:
    client = _app(adapter, hear=_hearing()).test_client()
    answer = client.post(f"/api/hear?{query}", data=body, content_type=kind)
    assert answer.status_code == 400
    assert reason in answer.get_json()["error"]


def test_a_console_without_a_recognizer_says_so(client: FlaskClient) -> None:
    assert client.get("/api/options").get_json()["listen"] is False
    answer = client.post("/api/hear?tab=t1", data=b"RIFF", content_type="audio/wav")
    assert answer.status_code == 400
    assert "install the listen extra" in answer.get_json()["error"]


def test_changing_locale_or_user_starts_a_new_session(client: FlaskClient) -> None:
    first = _turn(client, "give me a trust tip")
    british = _turn(client, "give me a trust tip", locale="en-GB")
    assert british["request"]["request"]["locale"] == "en-GB"
    assert british["locale"] == "en-GB"
    assert british["request"]["session"]["new"] is True
    assert british["request"]["session"]["sessionId"] != first["request"]["session"]["sessionId"]
    sam = _turn(client, "give me a trust tip", user="sam", locale="en-GB")
    assert sam["request"]["session"]["user"]["userId"].endswith(".sam")
    assert sam["request"]["session"]["new"] is True
    assert first["request"]["session"]["user"]["userId"].endswith(".local-user")


def test_a_show_sends_its_screen_and_a_dot_does_not(client: FlaskClient) -> None:
    dot = _turn(client, "give me a trust tip")
    assert dot["request"]["context"]["System"]["device"]["supportedInterfaces"] == {}
    assert "Viewport" not in dot["request"]["context"]
    show = _turn(client, "give me a trust tip", device="show")
    assert show["device"] == "show"
    context = show["request"]["context"]
    assert "Alexa.Presentation.APL" in context["System"]["device"]["supportedInterfaces"]
    assert context["Viewport"]["pixelWidth"] == 1280
    assert show["request"]["session"]["new"] is True
    options = client.get("/api/options").get_json()
    screens = {d["name"]: d["screen"] for d in options["devices"]}
    assert screens["dot"] is None
    assert screens["show"] == {"width": 1280, "height": 800, "shape": "RECTANGLE", "apl": True}
    assert screens["spot"]["shape"] == "ROUND"


def test_a_show_previews_the_tip_the_list_and_the_safety_screen(client: FlaskClient) -> None:
    lines = content.load("en-US")
    tip = _turn(client, "give me a trust tip", device="show")
    assert tip["preview"]["title"] == tip["card"]["title"]
    assert tip["preview"]["heading"].startswith("Strategy")
    assert tip["preview"]["texts"]
    listed = _turn(client, "list the strategies", device="show")
    assert listed["preview"]["items"] == [f"{s.number}. {s.title}" for s in lines.strategies]
    assert len(listed["touchable"]) == len(lines.strategies)
    safety = _turn(client, "my partner hits me", device="show")
    number = lines.screen["safety_emergency_number"]
    assert any(number in text for text in safety["preview"]["texts"])
    # A dot never gets a screen, so nothing to preview.
    assert _turn(client, "list the strategies")["preview"] is None


def test_touching_a_listed_strategy_opens_it(client: FlaskClient) -> None:
    fifth = content.load("en-US").strategies[4]
    _turn(client, "list the strategies", device="show")
    answer = client.post(
        "/api/touch", json={"tab": "t1", "device": "show", "target": "5"}
    ).get_json()
    assert answer["request"]["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert fifth.title in answer["speech"]
    assert answer["preview"]["title"] == fifth.title


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"tab": "t1", "device": "show", "target": "99"}, "no '99' on the screen"),
        ({"tab": "t1", "device": "show"}, "'target' is missing"),
        ({"tab": "t1", "device": "show", "target": " "}, "'target' must be"),
        ({"tab": "t1", "target": "1"}, "nothing on the screen"),
        ({"tab": "t2", "device": "show", "target": "1"}, "nothing on the screen"),
    ],
)
def test_bad_touches_are_a_400_with_a_reason(
    client: FlaskClient, body: dict[str, Any], reason: str
) -> None:
    _turn(client, "list the strategies", device="show")
    answer = client.post("/api/touch", json=body)
    assert answer.status_code == 400
    assert reason in answer.get_json()["error"]


def test_each_tab_has_its_own_session(client: FlaskClient) -> None:
    one = _turn(client, "give me a trust tip")
    other = client.post("/api/turn", json={"tab": "t2", "utterance": "give me a trust tip"})
    assert other.get_json()["request"]["session"]["new"] is True
    again = _turn(client, "tell me more")
    assert again["request"]["session"]["sessionId"] == one["request"]["session"]["sessionId"]


def test_a_new_session_ends_the_open_one(client: FlaskClient) -> None:
    opened = _turn(client, "open trust coach")
    ended = client.post("/api/session", json={"tab": "t1"}).get_json()["ended"]
    assert ended["request"]["request"]["type"] == "SessionEndedRequest"
    assert ended["request"]["session"]["sessionId"] == opened["request"]["session"]["sessionId"]
    assert ended["speech"] == ""
    assert ended["audio"] is None
    nxt = _turn(client, "give me a trust tip")
    assert nxt["request"]["session"]["new"] is True
    # Nothing open: nothing to end.
    assert client.post("/api/session", json={"tab": "idle"}).get_json() == {"ended": None}
    assert client.post("/api/session", json={}).status_code == 400


def test_reset_forgets_the_user_like_forget(client: FlaskClient, db_path: Path) -> None:
    def stored() -> list[str]:
        with sqlite3.connect(db_path) as connection:
            users = [row[0] for row in connection.execute("SELECT user_id FROM attributes")]
        connection.close()
        return sorted(users)

    _turn(client, "give me a trust tip")
    _turn(client, "give me a trust tip", user="sam")
    assert stored() == ["amzn1.ask.account.local-user", "amzn1.ask.account.sam"]
    answer = client.post("/api/reset", json={"user": "local-user"})
    assert answer.get_json() == {"reset": "local-user"}
    assert stored() == ["amzn1.ask.account.sam"]
    # The reset user's session is gone too: the next turn is a new session.
    assert _turn(client, "tell me more")["request"]["session"]["new"] is True
    assert client.post("/api/reset", json={"user": "no spaces"}).status_code == 400


def test_the_console_subcommand_is_registered() -> None:
    args = build_parser().parse_args(["console"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)
    assert build_parser().parse_args(["console", "--port", "9001"]).port == 9001


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_trust_coach_console_serves_on_loopback(tmp_path: Path) -> None:
    port = _free_port()
    entry = "import sys; from skill.hosts.cli.main import main; sys.exit(main())"
    command = [sys.executable, "-c", entry, "console", "--port", str(port)]
    env = {"TRUST_COACH_DB": str(tmp_path / "db.sqlite3"), "PATH": "/usr/bin:/bin"}
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert f"http://127.0.0.1:{port}/" in line
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/options", timeout=10) as r:
                assert json.loads(r.read())["locale"] == locales.DEFAULT
            busy = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
            )
            assert busy.returncode == 2
            assert busy.stderr.count("\n") == 1
            assert f"cannot listen on 127.0.0.1:{port}" in busy.stderr
        finally:
            process.terminate()
            process.wait(timeout=10)


# The preview


def test_the_preview_reads_titles_texts_items_and_countdowns() -> None:
    directive = {
        "type": preview.RENDER_DOCUMENT,
        "token": "tip",
        "document": {"type": "APL", "mainTemplate": {"items": []}},
        "datasources": {
            "tip": {
                "type": "object",
                "properties": {"number": 4, "title": "Seek Professional Help", "text": "A tip."},
            },
            "step": {
                "hint": "Say next when you are ready.",
                "quietSeconds": 60,
                "quietStartMs": 1500,
                "quietLabel": "Quiet",
                "quietDone": "Done",
                "backgroundUrl": "https://example.invalid/x.png",
                "id": "step_1",
            },
            "list": {"listItems": [{"number": 1, "title": "One"}, {"primaryText": "Two"}, "Three"]},
            "call": {"helpline": "Call", "helplineNumber": "555 0100", "brand": "Coach"},
        },
    }
    response = {"response": {"directives": [{"type": "Dialog.Delegate"}, directive]}}
    assert preview.render_document(response) is directive
    shown = preview.preview(directive).to_json()
    assert shown == {
        "brand": "Coach",
        "heading": None,
        "title": "4. Seek Professional Help",
        "texts": ["A tip.", "Say next when you are ready.", "Call 555 0100"],
        "items": ["1. One", "Two", "Three"],
        "countdown": 60.0,
        "countdown_delay": 1.5,
        "countdown_label": "Quiet",
        "countdown_done": "Done",
    }


def test_a_heading_replaces_the_titles_number() -> None:
    tip = {"heading": "Strategy 4 of 9", "number": 4, "title": "Seek Professional Help"}
    shown = preview.preview({"datasources": {"screen": tip}})
    assert (shown.heading, shown.title) == ("Strategy 4 of 9", "Seek Professional Help")


@pytest.mark.parametrize(
    "response",
    [{}, {"response": None}, {"response": {"directives": "x"}}, {"response": {"directives": [1]}}],
)
def test_a_response_without_a_document_has_no_preview(response: dict[str, Any]) -> None:
    assert preview.render_document(response) is None


def test_the_preview_survives_odd_datasources() -> None:
    deep: dict[str, Any] = {"title": "too deep"}
    for _ in range(50):
        deep = {"next": deep}
    odd = {"datasources": {"a": deep, "b": {"durationMs": 1500, "text": ""}, "c": [None, 3]}}
    shown = preview.preview(odd)
    assert shown.title is None
    assert shown.countdown == 1.5
    assert preview.preview({"datasources": "no"}).to_json()["texts"] == []


# In the browser


@pytest.fixture(scope="module")
def console_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console on a real HTTP server on 127.0.0.1 (in this process, so every response the
    browser triggers is checked against the conversation rules too)."""
    from werkzeug.serving import make_server

    adapter = SQLiteAdapter(tmp_path_factory.mktemp("console") / "db.sqlite3")
    server = make_server("127.0.0.1", 0, _app(adapter, hear=hearing()), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, spoken: Path | None) -> Iterator[WebDriver]:
    """Debian's headless Chromium through its own chromedriver (same version, same package);
    its microphone plays the spoken phrase once per recording."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(
            f"browser tests need Debian's chromium and chromium-driver ({CHROMIUM}, "
            f"{CHROMEDRIVER}): apt-get install chromium chromium-driver (.ci/run does)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    if spoken is not None:
        options.add_argument("--use-fake-ui-for-media-stream")
        options.add_argument("--use-fake-device-for-media-stream")
        options.add_argument(f"--use-file-for-fake-audio-capture={spoken}%noloop")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(browser: WebDriver, script: str, *args: Any) -> Any:
    """Poll a JavaScript expression until it is truthy; its value."""
    deadline = time.monotonic() + WAIT
    while True:
        value = browser.execute_script(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            said = browser.execute_script("return document.getElementById('status').textContent")
            raise AssertionError(f"the page never satisfied: {script} (status: {said!r})")
        time.sleep(0.05)


def _open(browser: WebDriver, url: str) -> None:
    browser.get(url)
    _wait(browser, "return document.body.dataset.ready === '1'")


def _no_script_errors(browser: WebDriver) -> None:
    """The page's JavaScript raised nothing since the last look (Chromium's console log)."""
    errors = [
        entry["message"]
        for entry in browser.get_log("browser")  # type: ignore[no-untyped-call]  # selenium: untyped
        if entry.get("source") == "javascript" and entry.get("level") == "SEVERE"
    ]
    assert errors == []


def _say(browser: WebDriver, words: str) -> dict[str, Any]:
    """Type words and press Enter; the turn as the page shows it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(browser.find_elements(By.CSS_SELECTOR, "#transcript .turn"))
    box = browser.find_element(By.ID, "utterance")
    box.send_keys(words, Keys.ENTER)
    _wait(
        browser,
        "return document.querySelectorAll('#transcript .turn').length > arguments[0]",
        before,
    )
    turn = browser.find_elements(By.CSS_SELECTOR, "#transcript .turn")[-1]
    response = turn.find_element(By.CSS_SELECTOR, "details.response")
    response.find_element(By.TAG_NAME, "summary").click()
    shown: dict[str, Any] = {
        "you": turn.find_element(By.CSS_SELECTOR, ".you .words").text,
        "speech": turn.find_element(By.CSS_SELECTOR, ".speech").text,
        "response": json.loads(response.find_element(By.TAG_NAME, "pre").text),
    }
    return shown


def _screenshot(browser: WebDriver, request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    shot = tmp_path / "console.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    also = request.config.getoption("--console-screenshot")
    if also:
        shutil.copyfile(shot, ROOT / also if not Path(also).is_absolute() else Path(also))
    return shot


def test_a_tip_in_the_browser(
    browser: WebDriver, console_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, console_url)
    turn = _say(browser, "give me a trust tip")
    assert turn["you"] == "give me a trust tip"
    ssml = turn["response"]["response"]["outputSpeech"]["ssml"]
    assert turn["speech"].startswith("Here's strategy")
    assert turn["speech"].split(":")[0] in ssml
    # The reply's audio loads and lasts (the WAV the local voice mode renders).
    duration = _wait(
        browser,
        "const a = [...document.querySelectorAll('#transcript audio')].pop();"
        "return a && a.readyState >= 1 && a.duration > 0 && a.duration;",
    )
    assert duration > 2
    card = turn["response"]["response"]["card"]
    assert browser.find_element(By.ID, "card-title").text == card["title"]
    assert browser.find_element(By.ID, "card-text").text == card["content"]
    assert "No screen on this device" in browser.find_element(By.ID, "screen").text
    _screenshot(browser, request, tmp_path)
    _no_script_errors(browser)


def test_the_show_previews_its_screen_and_takes_a_touch(
    browser: WebDriver, console_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    _open(browser, console_url)
    Select(browser.find_element(By.ID, "device")).select_by_value("show")
    _say(browser, "list the strategies")
    items = browser.find_elements(By.CSS_SELECTOR, "#screen .items button.touch")
    assert len(items) == len(content.load("en-US").strategies)
    before = len(browser.find_elements(By.CSS_SELECTOR, "#transcript .turn"))
    items[2].click()
    _wait(
        browser,
        "return document.querySelectorAll('#transcript .turn').length > arguments[0]",
        before,
    )
    third = content.load("en-US").strategies[2]
    touched = browser.find_elements(By.CSS_SELECTOR, "#transcript .turn")[-1]
    assert third.title in touched.find_element(By.CSS_SELECTOR, ".speech").text
    assert "Alexa.Presentation.APL.UserEvent" in touched.find_element(By.CSS_SELECTOR, ".meta").text
    _say(browser, "start the active listening exercise")
    _say(browser, "next")
    clock = browser.find_element(By.CSS_SELECTOR, "#screen .countdown").text
    assert clock.startswith(content.load("en-US").screen["quiet_label"])
    turn = _say(browser, "give me a trust tip")
    directive = preview.render_document(turn["response"])
    if directive is None:
        pytest.skip("the skill sends no APL document to a show")
    expected = preview.preview(directive)
    screen = browser.find_element(By.ID, "screen")
    assert screen.get_attribute("data-preview") == "apl"
    assert "preview" in browser.find_element(By.ID, "screen-panel").text.lower()
    assert expected.title
    assert screen.find_element(By.CSS_SELECTOR, ".title").text == expected.title
    assert [p.text for p in screen.find_elements(By.CSS_SELECTOR, ".text")] == expected.texts
    heading = screen.find_element(By.CSS_SELECTOR, ".heading").text
    assert expected.heading
    assert expected.heading.lower() in heading.lower()
    _screenshot(browser, request, tmp_path)
    _no_script_errors(browser)


def test_hold_to_speak_in_the_browser(
    browser: WebDriver, console_url: str, spoken: Path | None
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    if spoken is None:
        pytest.skip("no speech engine to record an utterance with")
    _open(browser, console_url)
    speak = browser.find_element(By.ID, "speak")
    if not speak.is_displayed():
        pytest.skip("the console cannot listen here (no listen extra)")
    seconds = _wav_seconds(spoken.read_bytes())
    ActionChains(browser).click_and_hold(speak).pause(seconds + 0.3).release().perform()
    _wait(browser, "return document.querySelector('#transcript .turn')")
    turn = browser.find_elements(By.CSS_SELECTOR, "#transcript .turn")[-1]
    assert turn.find_element(By.CSS_SELECTOR, ".you .who").text.lower() == "you (heard)"
    assert turn.find_element(By.CSS_SELECTOR, ".you .words").text == "open trust coach"
    assert turn.find_element(By.CSS_SELECTOR, ".speech").text
    assert "LaunchRequest" in turn.find_element(By.CSS_SELECTOR, ".meta").text
    _no_script_errors(browser)
