"""The test console: its JSON API (Flask's test client), its preview, and the page in Chromium."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill import content, locales, screens
from skill.builder import build_skill
from skill.hosts.cli.console import hearing, hosts_for, speech_span
from skill.hosts.cli.main import build_parser
from skill.hosts.local import devices
from skill.hosts.web.console import preview, simulated
from skill.hosts.web.console.app import create_app, host_name
from skill.hosts.web.console.desk import render_wav
from skill.hosts.web.console.views import MAX_UTTERANCE
from skill.persistence import SQLiteAdapter
from skill.screens import datasources
from speech.errors import SpeechEngineMissing, SpeechError
from speech.render import Text
from tests.helpers import served_on_loopback

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
    for name in ("console.js", "apl.js", "console.css"):
        with client.get(f"/static/{name}") as found:
            assert found.status_code == 200
    # Nothing on the page comes from another host (no CDN).
    for name in ("index.html", "console.js", "apl.js", "console.css"):
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
    assert turn["screen"] is None  # a dot has no screen
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


def test_a_show_gets_the_document_to_draw_and_its_viewport(client: FlaskClient) -> None:
    lines = content.load("en-US")
    tip = _turn(client, "give me a trust tip", device="show")
    directive = preview.render_document(tip["response"])
    assert directive is not None
    assert tip["screen"] == {
        "token": directive["token"],
        "document": directive["document"],
        "datasources": directive["datasources"],
        "viewport": tip["request"]["context"]["Viewport"],
        "sent": True,
    }
    assert tip["screen"]["datasources"]["screen"]["title"] == tip["card"]["title"]
    listed = _turn(client, "list the strategies", device="show")
    assert listed["screen"]["token"] == "trustCoach.list"
    assert listed["touchable"] == [s.id for s in lines.strategies]
    safety = _turn(client, "my partner hits me", device="spot")
    assert safety["screen"]["viewport"]["shape"] == "ROUND"
    number = lines.screen["safety_emergency_number"]
    assert safety["screen"]["datasources"]["screen"]["emergencyNumber"] == number
    # A dot never gets a screen, so nothing to draw.
    assert _turn(client, "list the strategies")["screen"] is None


def test_the_screen_stays_until_a_new_document_or_the_end(client: FlaskClient) -> None:
    listed = _turn(client, "list the strategies", device="show")
    helped = _turn(client, "help", device="show")
    assert preview.render_document(helped["response"]) is None
    assert helped["screen"] is not None
    assert helped["screen"]["sent"] is False
    assert helped["screen"]["token"] == listed["screen"]["token"] == "trustCoach.list"
    assert helped["touchable"] == listed["touchable"]
    touched = client.post("/api/touch", json={"tab": "t1", "device": "show", "target": "2"})
    assert touched.status_code == 200
    assert touched.get_json()["screen"]["sent"] is True
    ended = _turn(client, "stop", device="show")
    assert ended["end_session"] is True
    assert ended["screen"] is None


def test_touching_a_listed_strategy_opens_it(client: FlaskClient) -> None:
    fifth = content.load("en-US").strategies[4]
    _turn(client, "list the strategies", device="show")
    answer = client.post(
        "/api/touch", json={"tab": "t1", "device": "show", "target": "5"}
    ).get_json()
    assert answer["request"]["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert fifth.title in answer["speech"]
    assert answer["screen"]["datasources"]["screen"]["title"] == fifth.title


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


@pytest.mark.parametrize(
    "response",
    [{}, {"response": None}, {"response": {"directives": "x"}}, {"response": {"directives": [1]}}],
)
def test_a_response_without_a_document_has_no_preview(response: dict[str, Any]) -> None:
    assert preview.render_document(response) is None


def test_a_document_without_a_viewport_is_not_drawn() -> None:
    directive = {"type": preview.RENDER_DOCUMENT, "token": "t", "document": {}, "datasources": {}}
    response = {"response": {"directives": [directive]}}
    request = {"context": {"Viewport": {"pixelWidth": 9}}}
    assert preview.screen({"context": {}}, directive, sent=True) is None
    assert preview.screen(request, None, sent=False) is None
    drawn = preview.screen(request, preview.render_document(response), sent=False)
    assert drawn == {
        "token": "t",
        "document": {},
        "datasources": {},
        "viewport": {"pixelWidth": 9},
        "sent": False,
    }


# In the browser


@pytest.fixture(scope="module")
def console_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite file of the console the browser tests drive."""
    return tmp_path_factory.mktemp("console") / "db.sqlite3"


@pytest.fixture(scope="module")
def console_url(console_db: Path) -> Iterator[str]:
    """The console on a real HTTP server on 127.0.0.1 (in this process, so every response the
    browser triggers is checked against the conversation rules too)."""
    with served_on_loopback(_app(SQLiteAdapter(console_db), hear=hearing())) as url:
        yield url


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
    response.find_element(By.TAG_NAME, "summary").click()  # closed again: the page stays readable
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


def _last_turn(browser: WebDriver, before: int) -> Any:
    from selenium.webdriver.common.by import By

    _wait(
        browser,
        "return document.querySelectorAll('#transcript .turn').length > arguments[0]",
        before,
    )
    return browser.find_elements(By.CSS_SELECTOR, "#transcript .turn")[-1]


def _turns(browser: WebDriver) -> int:
    from selenium.webdriver.common.by import By

    return len(browser.find_elements(By.CSS_SELECTOR, "#transcript .turn"))


def test_the_show_draws_its_apl_screen_and_takes_a_touch(
    browser: WebDriver, console_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    words = content.load("en-US")
    _open(browser, console_url)
    Select(browser.find_element(By.ID, "device")).select_by_value("show")
    listed = _say(browser, "list the strategies")
    assert preview.render_document(listed["response"]) is not None
    screen = browser.find_element(By.ID, "screen")
    assert screen.get_attribute("data-preview") == "apl"
    assert screen.get_attribute("data-token") == "trustCoach.list"
    assert "preview" in browser.find_element(By.ID, "screen-panel").text.lower()
    # The document's own TouchWrappers, one per strategy, drawn at the Echo Show's 1280 x 800.
    parts = screen.find_elements(By.CSS_SELECTOR, "button.apl-TouchWrapper")
    assert [p.get_attribute("data-apl-id") for p in parts] == [s.id for s in words.strategies]
    drawn = screen.find_element(By.CSS_SELECTOR, ".apl-screen")
    assert (drawn.get_attribute("style") or "").startswith("width: 1280px; height: 800px;")
    assert "GridSequence" in {
        e.get_attribute("data-apl-type") for e in screen.find_elements(By.CSS_SELECTOR, ".apl")
    }
    # The card style's pressed-or-focused colour: a remote's focus lights the card (state).
    frame = "return arguments[0].querySelector('.apl-Frame').style.backgroundColor"
    resting = browser.execute_script(frame, parts[-1])
    browser.execute_script("arguments[0].focus()", parts[-1])
    assert browser.execute_script(frame, parts[-1]) == "rgb(74, 88, 120)" != resting
    # Bringing a part into view (find in page, a screen reader) must not scroll the drawing
    # inside its scaled stage.
    browser.execute_script("arguments[0].scrollIntoView()", parts[-1])
    stage = "const s = document.querySelector('#screen .stage'); return [s.scrollLeft, s.scrollTop]"
    assert browser.execute_script(stage) == [0, 0]
    # A reply without a document leaves the list on screen, still touchable, as on a device.
    helped = _say(browser, "help")
    assert preview.render_document(helped["response"]) is None
    assert browser.find_element(By.ID, "screen-note").is_displayed()
    assert parts[2].is_displayed()  # the very same drawing, not drawn again
    before = _turns(browser)
    parts[2].click()
    touched = _last_turn(browser, before)
    assert not browser.find_element(By.ID, "screen-note").is_displayed()
    assert words.strategies[2].title in touched.find_element(By.CSS_SELECTOR, ".speech").text
    assert "Alexa.Presentation.APL.UserEvent" in touched.find_element(By.CSS_SELECTOR, ".meta").text
    title = screen.find_elements(By.CSS_SELECTOR, ".apl-Text")
    assert words.strategies[2].title in [t.text for t in title]
    # The safety message, its numbers drawn on screen.
    _say(browser, "my partner hits me")
    assert screen.get_attribute("data-token") == "trustCoach.safety"
    shown = [t.text for t in screen.find_elements(By.CSS_SELECTOR, ".apl-Text")]
    assert words.screen["safety_emergency_number"] in shown
    assert words.screen["safety_helpline_number"] in shown
    _say(browser, "start the active listening exercise")
    step = _say(browser, "next")
    directive = preview.render_document(step["response"])
    assert directive is not None
    wait = directive["datasources"]["screen"]["waitSeconds"]
    shown = [t.text for t in screen.find_elements(By.CSS_SELECTOR, ".apl-Text")]
    assert f"{wait // 60}:{wait % 60:02d}" in shown  # the document's countdown, not yet started
    assert words.screen["quiet_label"] in shown
    _screenshot(browser, request, tmp_path)
    _no_script_errors(browser)


def test_each_device_draws_at_its_own_viewport(browser: WebDriver, console_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    _open(browser, console_url)
    device = Select(browser.find_element(By.ID, "device"))
    for name in ("show5", "spot", "tv"):
        viewport = devices.profiles()[name].viewport
        assert viewport is not None
        device.select_by_value(name)
        _say(browser, "list the strategies")
        drawn = browser.find_element(By.CSS_SELECTOR, "#screen .apl-screen")
        style = drawn.get_attribute("style") or ""
        assert f"width: {viewport['pixelWidth']}px; height: {viewport['pixelHeight']}px" in style
        classes = (drawn.get_attribute("class") or "").split()
        assert ("apl-round" in classes) == (viewport["shape"] == "ROUND"), name
        stage = browser.find_element(By.CSS_SELECTOR, "#screen .stage")
        panel = browser.find_element(By.ID, "screen").size["width"]
        assert 0 < stage.size["width"] <= panel, name  # scaled to the panel, never past it
        parts = drawn.find_elements(By.CSS_SELECTOR, "button.apl-TouchWrapper")
        assert len(parts) == len(content.load("en-US").strategies), name
    device.select_by_value("dot")
    _say(browser, "list the strategies")
    assert "No screen on this device" in browser.find_element(By.ID, "screen").text
    _no_script_errors(browser)


def test_locale_user_new_session_and_reset_in_the_browser(
    browser: WebDriver, console_url: str, console_db: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.select import Select

    def note_in_view(words: str) -> None:
        _wait(
            browser,
            "const notes = [...document.querySelectorAll('#transcript .ended')];"
            "const note = notes.pop(); const box = document.getElementById('transcript');"
            "if (!note || !note.textContent.includes(arguments[0])) return false;"
            "const n = note.getBoundingClientRect(), t = box.getBoundingClientRect();"
            "return n.top >= t.top - 1 && n.bottom <= t.bottom + 1;",
            words,
        )

    def stored() -> list[str]:
        with sqlite3.connect(console_db) as connection:
            users = [row[0] for row in connection.execute("SELECT user_id FROM attributes")]
        connection.close()
        return users

    _open(browser, console_url)
    Select(browser.find_element(By.ID, "locale")).select_by_value("en-GB")
    note_in_view("locale: en-GB")
    user = browser.find_element(By.ID, "user")
    user.send_keys(Keys.CONTROL, "a")
    user.send_keys("robin", Keys.TAB)
    note_in_view("user: robin")
    tip = _say(browser, "give me a trust tip")
    turn = browser.find_elements(By.CSS_SELECTOR, "#transcript .turn")[-1]
    assert turn.find_element(By.CSS_SELECTOR, ".meta").text.endswith("dot · en-GB · robin")
    turn.find_element(By.CSS_SELECTOR, "details.request summary").click()
    sent = json.loads(turn.find_element(By.CSS_SELECTOR, "details.request pre").text)
    assert sent["request"]["locale"] == "en-GB"
    assert sent["session"]["user"]["userId"] == "amzn1.ask.account.robin"
    assert tip["speech"] in tip["response"]["response"]["outputSpeech"]["ssml"]
    assert "amzn1.ask.account.robin" in stored()
    browser.find_element(By.ID, "new-session").click()
    note_in_view("session ended")
    browser.find_element(By.ID, "reset-user").click()
    browser.switch_to.alert.accept()
    note_in_view("robin was reset")
    assert "amzn1.ask.account.robin" not in stored()
    assert browser.find_element(By.ID, "card").text == "No card yet."
    again = _say(browser, "tell me more")
    turn = browser.find_elements(By.CSS_SELECTOR, "#transcript .turn")[-1]
    turn.find_element(By.CSS_SELECTOR, "details.request summary").click()
    sent = json.loads(turn.find_element(By.CSS_SELECTOR, "details.request pre").text)
    assert sent["session"]["new"] is True
    assert again["speech"]
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


# The APL renderer of the preview (static/apl.js), in the browser

DRAW = """
const [directive, viewport] = arguments;
let host = document.getElementById('apl-check');
if (!host) {
  host = document.createElement('div');
  host.id = 'apl-check';
  host.style.cssText = 'position: absolute; left: 0; top: 0; z-index: 9';
  document.body.append(host);
}
const drawn = TrustCoachAPL.render(host, directive, viewport, {});
drawn.stop();
const screen = drawn.screen.getBoundingClientRect();
const at = (r, what) => [r.left - screen.left, r.top - screen.top, r.right - screen.left,
                         r.bottom - screen.top, what];
const scrolling = '.apl-ScrollView, .apl-Sequence, .apl-GridSequence';
const boxes = [], texts = [], overflowing = [], broken = [];
for (const el of drawn.screen.querySelectorAll('.apl-Text')) {
  texts.push(el.textContent);
  if (el.scrollWidth > el.clientWidth + 1) overflowing.push(el.textContent);
  if (!el.textContent) continue;
  const range = document.createRange();
  range.selectNodeContents(el);
  const lines = new Set([...range.getClientRects()].map((line) => Math.round(line.top)));
  const numeric = ['number', 'phone'].includes(el.dataset.aplStyle);
  if (numeric && lines.size > 1) broken.push(el.textContent);
  if (el.closest(scrolling)) continue;
  for (const line of range.getClientRects()) boxes.push(at(line, el.textContent));
}
for (const el of drawn.screen.querySelectorAll(scrolling)) {
  boxes.push(at(el.getBoundingClientRect(), el.dataset.aplType));
}
for (const el of drawn.screen.querySelectorAll('.apl-Frame')) {
  if (!el.closest(scrolling) && el !== drawn.screen.firstElementChild) {
    boxes.push(at(el.getBoundingClientRect(), 'Frame ' + (el.dataset.aplId || '')));
  }
}
return {width: screen.width, height: screen.height, boxes, texts, overflowing, broken,
        problems: drawn.problems};
"""
"""Draws a directive on a viewport at full size: what it shows, and where (screen pixels)."""


def _draw(browser: WebDriver, directive: dict[str, Any], viewport: dict[str, Any]) -> Any:
    return browser.execute_script(DRAW, directive, viewport)


def _bound_texts(directive: dict[str, Any]) -> set[str]:
    """The datasource words a document's Text components show as they are."""
    payload = directive["datasources"][datasources.NAME]
    found = {payload["brand"]} if "brand" in payload else set()
    for text in re.findall(r'"text": "\$\{payload\.screen\.(\w+)\}"', json.dumps(directive)):
        if isinstance(payload.get(text), str) and payload[text]:
            found.add(payload[text])
    for item in payload.get("strategies", []):
        found.add(item["title"])
    return found


def _inside(box: list[Any], drawn: dict[str, Any], round_screen: bool) -> bool:
    left, top, right, bottom = (float(v) for v in box[:4])
    width, height = drawn["width"], drawn["height"]
    if round_screen:
        radius = width / 2
        corners = [(left, top), (right, top), (left, bottom), (right, bottom)]
        return all(math.hypot(x - radius, y - radius) <= radius + 1 for x, y in corners)
    return left >= -1 and top >= -1 and right <= width + 1 and bottom <= height + 1


SCREEN_DEVICES = ("show", "show5", "spot", "tv")


def _kinds(words: content.Content) -> dict[str, tuple[str, dict[str, Any]]]:
    longest = max(words.strategies, key=lambda s: len(s.more))
    steps = words.exercise.steps
    timed = next(i for i, step in enumerate(steps) if step.wait_seconds > 0)
    routine = words.checkin or content.load().checkin
    assert routine is not None
    checkin = routine.steps
    return {
        "tip": ("tip", {"strategy": words.strategies[0]}),
        "more": ("more", {"strategy": longest}),
        "topic": ("topic_more", {"topic": max(words.topics, key=lambda t: len(t.more))}),
        "list": ("list", {}),
        "step": ("step", {"steps": steps, "index": timed}),
        "checkin": ("step", {"steps": checkin, "index": len(checkin) - 1, "routine": "checkin"}),
        "safety": ("safety", {}),
    }


@pytest.mark.parametrize("locale", locales.SUPPORTED)
def test_every_document_draws_inside_every_viewport(
    browser: WebDriver, console_url: str, tmp_path: Path, locale: str
) -> None:
    _open(browser, console_url)
    words = content.load(locale)
    for device in SCREEN_DEVICES:
        viewport = devices.profiles()[device].viewport
        assert viewport is not None
        round_screen = viewport["shape"] == "ROUND"
        for name, (kind, data) in _kinds(words).items():
            if locale != locales.DEFAULT and name not in {"list", "step", "safety"}:
                continue  # the other locales' tips differ in spelling only
            directive = screens.render(kind, words, **data)
            drawn = _draw(browser, directive, viewport)
            where = f"{locale} {device} {name}"
            assert (drawn["width"], drawn["height"]) == (
                viewport["pixelWidth"],
                viewport["pixelHeight"],
            ), where
            assert drawn["problems"] == [], where
            assert _bound_texts(directive) <= set(drawn["texts"]), where
            if name == "list":  # a TV has a remote, the others a touch screen
                payload = directive["datasources"][datasources.NAME]
                hint = payload["hintRemote" if viewport["mode"] == "TV" else "hint"]
                assert hint in drawn["texts"], where
            assert drawn["overflowing"] == [], where
            assert drawn["broken"] == [], f"{where}: a number across lines"
            outside = [box for box in drawn["boxes"] if not _inside(box, drawn, round_screen)]
            assert outside == [], where
        browser.find_element("id", "apl-check").screenshot(str(tmp_path / f"{device}.png"))
    _no_script_errors(browser)


def test_the_step_screen_counts_its_quiet_time_down_itself(
    browser: WebDriver, console_url: str
) -> None:
    _open(browser, console_url)
    words = content.load("en-US")
    steps = words.exercise.steps
    timed = next(i for i, step in enumerate(steps) if step.wait_seconds > 0)
    directive = screens.render("step", words, steps=steps, index=timed)
    payload = directive["datasources"][datasources.NAME]
    payload.update(waitSeconds=1, quietStartMs=300)
    viewport = devices.profiles()["show"].viewport
    script = DRAW.replace("drawn.stop();", "window.aplCheck = drawn;")
    first = browser.execute_script(script, directive, viewport)
    assert "0:01" in first["texts"]
    assert words.screen["quiet_label"] in first["texts"]
    bar = "return document.querySelector('#apl-check [data-apl-id=quietBar]').style.width"
    assert browser.execute_script(bar) == "100%"
    texts = "return [...document.querySelectorAll('#apl-check .apl-Text')].map(t => t.textContent)"
    _wait(browser, texts + ".includes(arguments[0])", words.screen["quiet_done"])
    assert "0:00" in browser.execute_script(texts)
    assert browser.execute_script(bar) == "0%"
    browser.execute_script("window.aplCheck.stop()")
    _no_script_errors(browser)


def test_what_the_preview_cannot_draw_is_labelled(browser: WebDriver, console_url: str) -> None:
    _open(browser, console_url)
    directive = {
        "document": {
            "type": "APL",
            "mainTemplate": {
                "parameters": ["payload"],
                "items": [
                    {
                        "type": "Container",
                        "items": [
                            {"type": "VectorGraphic", "source": "x"},
                            {"type": "Text", "text": "${payload.x.y.z}"},
                            {"type": "Text", "text": "${1 +}"},
                        ],
                    }
                ],
            },
        },
        "datasources": {},
    }
    viewport = {"pixelWidth": 400, "pixelHeight": 300, "dpi": 160, "shape": "RECTANGLE"}
    drawn = _draw(browser, directive, viewport)
    assert drawn["texts"] == ["", ""]  # a missing path is empty, as on a device
    assert drawn["problems"][0] == "no component VectorGraphic"
    assert drawn["problems"][1].startswith("${1 +}")
    label = browser.find_element("css selector", "#apl-check .apl-unknown").text
    assert "VectorGraphic" in label


@pytest.mark.parametrize(
    ("source", "names", "value"),
    [
        ("${1 + 2 * 3}", {}, 7),
        ("${(1 + 2) * 3 % 5}", {}, 4),
        ("${a.b[1]}", {"a": {"b": [5, 6]}}, 6),
        ("x ${n} y ${s}", {"n": 3, "s": "z"}, "x 3 y z"),
        ("${Math.max(0, 5 - 9)}", {}, 0),
        ("${!(w >= 900) || s == 'round'}", {"w": 1280, "s": "rectangle"}, False),
        ("${n > 0 ? 'yes' : 'no'}", {"n": 0}, "no"),
        ("${a && b}", {"a": 1, "b": ""}, ""),
        ("${m % 60 < 10 ? '0' : ''}${m % 60}", {"m": 65}, "05"),
        ("${Math.floor(m / 60) + ':' + m % 60}", {"m": 75}, "1:15"),
        ("${missing.deep}", {}, None),
        ("${missing ?? 'fallback'}", {}, "fallback"),
        ("${'}' + x}", {"x": "y"}, "}y"),
        ("${-x + 1}", {"x": 3}, -2),
        ("no binding", {}, "no binding"),
    ],
)
def test_the_renderer_evaluates_apl_expressions(
    browser: WebDriver, console_url: str, source: str, names: dict[str, Any], value: Any
) -> None:
    if not browser.execute_script("return typeof TrustCoachAPL === 'object'"):
        _open(browser, console_url)
    found = browser.execute_script(
        "return TrustCoachAPL.evaluate(arguments[0], arguments[1])", source, names
    )
    assert found == value
