// The Trust Coach test console: sends typed turns to the local simulator and shows each reply.
"use strict";

const tab = (window.crypto && crypto.randomUUID)
  ? crypto.randomUUID()
  : String(Date.now()) + "-" + String(Math.random()).slice(2);
const $ = (id) => document.getElementById(id);
let devices = {};

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function settings() {
  return { tab, user: $("user").value.trim(), locale: $("locale").value, device: $("device").value };
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({ error: "the console sent no JSON" }));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function status(text) { $("status").textContent = text || ""; }

function jsonDetails(name, value) {
  return element("details", { class: name },
    element("summary", { text: name === "request" ? "Request JSON" : "Response JSON" }),
    element("pre", { text: JSON.stringify(value, null, 2) }));
}

function audioFor(turn) {
  if (!turn.audio) return null;
  const audio = element("audio", { controls: "", preload: "auto", src: "api/audio/" + turn.audio + ".wav" });
  audio.addEventListener("error", async () => {
    const reason = await fetch(audio.src).then((r) => r.json()).then((d) => d.error).catch(() => "");
    status("No audio for this reply" + (reason ? ": " + reason : "."));
  });
  // One voice at a time: a reply that starts playing stops the others.
  audio.addEventListener("play", () => {
    for (const other of document.querySelectorAll("#transcript audio")) if (other !== audio) other.pause();
  });
  if ($("autoplay").checked) {
    audio.addEventListener("canplaythrough", () => audio.play().catch(() => {}), { once: true });
  }
  return audio;
}

function addTurn(turn) {
  const item = element("li", { class: "turn" });
  if (turn.utterance) {
    item.append(element("div", { class: "bubble you" }, element("span", { class: "who", text: turn.heard ? "you (heard)" : "you" }),
      element("span", { class: "words", text: turn.utterance })));
  }
  const intent = turn.intent ? turn.intent : (turn.request.request || {}).type;
  const coach = element("div", { class: "bubble coach" },
    element("span", { class: "who", text: "coach" }),
    element("span", { class: "speech", text: turn.speech || "(no speech)" }),
    audioFor(turn));
  item.append(coach,
    element("div", { class: "meta", text: `${intent} · ${turn.device} · ${turn.locale} · ${turn.user}` }),
    jsonDetails("request", turn.request), jsonDetails("response", turn.response));
  if (turn.end_session) item.append(element("div", { class: "ended", text: "session ended" }));
  $("transcript").append(item);
  item.scrollIntoView({ block: "end" });
  showCard(turn.card);
  showScreen(turn);
}

function showCard(card) {
  const box = $("card");
  box.replaceChildren();
  if (!card) {
    box.className = "empty";
    box.append(element("p", { text: "This reply has no card." }));
    return;
  }
  box.className = "";
  box.append(element("h3", { id: "card-title", text: card.title }), element("p", { id: "card-text", text: card.text }));
}

let drawn = null;

function showScreen(turn) {
  const box = $("screen");
  const device = devices[turn ? turn.device : $("device").value];
  const kept = turn && turn.screen && !turn.screen.sent;
  $("screen-note").hidden = !kept;
  // A reply without a document leaves the one on screen running (its countdown too), as a device does.
  if (kept && drawn && box.dataset.token === (turn.screen.token || "") && box.dataset.device === turn.device) return;
  if (drawn) drawn.stop();
  drawn = null;
  box.replaceChildren();
  box.removeAttribute("data-preview");
  $("screen-problems").hidden = true;
  const screen = device && device.screen;
  box.className = "screen" + (screen ? "" : " off");
  if (!screen) {
    box.append(element("p", { class: "empty-screen", text: "No screen on this device." }));
    return;
  }
  const shown = turn && turn.screen;
  if (!shown) {
    box.append(element("p", { class: "empty-screen",
      text: turn ? "This reply sends no APL document." : "Say something to see the screen." }));
    return;
  }
  const round = String(shown.viewport.shape).toUpperCase() === "ROUND";
  const stage = element("div", { class: "stage" + (round ? " round" : "") });
  box.append(stage);
  box.setAttribute("data-preview", "apl");
  box.setAttribute("data-token", shown.token || "");
  box.setAttribute("data-device", turn.device);
  try {
    drawn = TrustCoachAPL.render(stage, shown, shown.viewport, {
      onEvent: (event) => {
        if (event.source.id) touch(event.source.id);
        else status("This part of the screen sends an event without an id; the console cannot send it.");
      },
    });
  } catch (error) {
    box.replaceChildren(element("p", { class: "empty-screen", text: "The preview cannot draw this document: " + error.message }));
    return;
  }
  fitScreen();
  if (drawn.problems.length) {
    $("screen-problems").hidden = false;
    $("screen-problems").textContent = "Not drawn as a device would: " + [...new Set(drawn.problems)].join("; ");
  }
}

// The screen at its own pixel size, scaled down to the panel (never up).
function fitScreen() {
  if (!drawn) return;
  const stage = drawn.screen.parentElement;
  const width = drawn.screen.offsetWidth;
  const height = drawn.screen.offsetHeight;
  const box = getComputedStyle($("screen"));
  const bezel = 12;
  const room = $("screen").clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight) - bezel;
  const scale = Math.max(0.1, Math.min(1, room / width));
  drawn.screen.style.transform = `scale(${scale})`;
  stage.style.width = `${width * scale}px`;
  stage.style.height = `${height * scale}px`;
  stage.dataset.scale = String(scale);
}

async function touch(target) {
  status("");
  try {
    addTurn(await post("api/touch", { ...settings(), target }));
  } catch (error) { status(error.message); }
}

// Hold to speak: the microphone's samples, as a 16-bit WAV, to the recognizer of `say --wav`.
let recording = null;

function wavOf(chunks, rate) {
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const view = new DataView(new ArrayBuffer(44 + 2 * length));
  const text = (offset, value) => { for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i)); };
  text(0, "RIFF"); view.setUint32(4, 36 + 2 * length, true); text(8, "WAVE"); text(12, "fmt ");
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, 2 * rate, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, "data"); view.setUint32(40, 2 * length, true);
  let offset = 44;
  for (const chunk of chunks) {
    for (const sample of chunk) {
      view.setInt16(offset, Math.max(-1, Math.min(1, sample)) * 0x7fff, true);
      offset += 2;
    }
  }
  return new Blob([view.buffer], { type: "audio/wav" });
}

async function openMicrophone(context) {
  // The audio context runs before the microphone opens, so the first words are not lost.
  await context.resume();
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const source = context.createMediaStreamSource(stream);
  const processor = context.createScriptProcessor(2048, 1, 1);
  const chunks = [];
  processor.onaudioprocess = (event) => chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
  source.connect(processor);
  processor.connect(context.destination);
  return { stream, context, source, processor, chunks };
}

function startListening(event) {
  event.preventDefault();
  if (recording) return;
  status("");
  $("speak").classList.add("listening");
  $("speak").textContent = "Listening… release to send";
  const context = new AudioContext();
  recording = openMicrophone(context).catch((error) => {
    context.close();
    status("No microphone: " + error.message);
    return null;
  });
}

async function stopListening() {
  if (!recording) return;
  const pending = recording;
  recording = null;
  $("speak").classList.remove("listening");
  $("speak").textContent = "Hold to speak";
  const mic = await pending;
  if (!mic) return;
  mic.processor.disconnect();
  mic.source.disconnect();
  for (const track of mic.stream.getTracks()) track.stop();
  const rate = mic.context.sampleRate;
  await mic.context.close();
  const samples = mic.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (samples < rate * 0.3) { status("Hold the button while you speak."); return; }
  const query = new URLSearchParams(settings());
  try {
    const response = await fetch("api/hear?" + query, { method: "POST", headers: { "Content-Type": "audio/wav" }, body: wavOf(mic.chunks, rate) });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    if (!data.turn) { status("Heard nothing the skill knows. Say it again, please."); return; }
    addTurn({ ...data.turn, heard: true });
  } catch (error) { status(error.message); }
}

async function say(event) {
  event.preventDefault();
  const utterance = $("utterance").value.trim();
  if (!utterance) return;
  status("");
  $("send").disabled = true;
  try {
    addTurn(await post("api/turn", { ...settings(), utterance }));
    $("utterance").value = "";
  } catch (error) {
    status(error.message);
  } finally {
    $("send").disabled = false;
    $("utterance").focus();
  }
}

function sessionNote(text) {
  const note = element("li", { class: "ended note-line", text });
  $("transcript").append(note);
  note.scrollIntoView({ block: "end" });
}

// After a new session or a reset nothing is on screen or in the app until the next reply.
function clearReply(text) {
  showCard(undefined);
  $("card").replaceChildren(element("p", { text }));
  showScreen(null);
}

async function newSession() {
  status("");
  try {
    const { ended } = await post("api/session", { tab });
    sessionNote(ended ? "session ended (SessionEndedRequest sent); next turn starts a new one" : "new session");
    clearReply("No card yet.");
  } catch (error) { status(error.message); }
}

async function resetUser() {
  const user = settings().user;
  if (!window.confirm(`Delete everything stored for ${user}?`)) return;
  status("");
  try {
    await post("api/reset", { tab, user });
    sessionNote(`${user} was reset: progress deleted, session ended`);
    clearReply("No card yet.");
  } catch (error) { status(error.message); }
}

async function start() {
  const options = await fetch("api/options").then((r) => r.json());
  for (const locale of options.locales) $("locale").append(element("option", { value: locale, text: locale }));
  for (const device of options.devices) {
    devices[device.name] = device;
    $("device").append(element("option", { value: device.name, text: device.title }));
  }
  $("locale").value = options.locale;
  $("device").value = options.device;
  $("user").value = options.user;
  $("say").addEventListener("submit", say);
  if (options.listen && navigator.mediaDevices) {
    const speak = $("speak");
    speak.hidden = false;
    speak.addEventListener("pointerdown", startListening);
    for (const name of ["pointerup", "pointerleave", "pointercancel"]) speak.addEventListener(name, stopListening);
    speak.addEventListener("keydown", (event) => { if (event.key === " " && !event.repeat) startListening(event); });
    speak.addEventListener("keyup", (event) => { if (event.key === " ") stopListening(); });
  }
  $("new-session").addEventListener("click", newSession);
  $("reset-user").addEventListener("click", resetUser);
  for (const id of ["device", "locale", "user"]) {
    $(id).addEventListener("change", () => {
      if (id === "user" && !$("user").value.trim()) $("user").value = options.user;
      sessionNote(`${id}: ${$(id).value} (a new session)`);
      showScreen(null);
    });
  }
  new ResizeObserver(fitScreen).observe($("screen"));
  showScreen(null);
  document.body.setAttribute("data-ready", "1");
}

start().catch((error) => status("The console could not start: " + error.message));
