"""The console's side of the simulator: one local-mode conversation per browser tab.

Every turn goes through the same path as `trust-coach say`: the resolver, the request envelope,
the skill (skill/hosts/local/conversation.py). Replies are rendered to WAV by the local voice
mode on demand, with their real pauses.
"""

from __future__ import annotations

import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.skill import CustomSkill

from interaction_model.resolver import Resolver
from skill import locales
from skill.hosts.local import envelopes
from skill.hosts.local.conversation import Conversation, Exchange
from skill.hosts.local.touch import NothingToTouchError, touchables
from skill.hosts.web.console import preview, simulated

MAX_TABS = 16
"""Conversations kept (one per open tab); the oldest is dropped past this."""
MAX_AUDIO = 64
"""Replies kept for their audio (rendered on first request)."""


@dataclass(frozen=True)
class Settings:
    """Who is talking, in which locale, on which device."""

    user: str
    """The local user name (whose progress is kept)."""
    locale: str
    """One of skill/locales.json."""
    device: str
    """A simulated device profile's name."""


@dataclass
class _Tab:
    settings: Settings
    conversation: Conversation


@dataclass
class _Reply:
    ssml: str
    locale: str
    wav: bytes | None = None


WavRenderer = Callable[[str, str], bytes]
"""Renders SSML in a locale to WAV bytes (raises speech.errors.SpeechError)."""
Hearing = Callable[[bytes, str], str]
"""Recognizes a WAV recording in a locale: the words to act on ("" when none were understood)."""


def render_wav(ssml: str, locale: str) -> bytes:
    """The local voice mode's WAV of one reply (like `say --save`), pauses and all."""
    from speech.render import render
    from speech.voice import WavWriter

    with tempfile.TemporaryDirectory(prefix="trust-coach-console-") as directory:
        path = Path(directory) / "reply.wav"
        writer = WavWriter(path, _voice_for(locale))
        writer.speak(render(ssml))
        writer.close()
        return path.read_bytes()


_VOICES: dict[str, str | None] = {}


def _voice_for(locale: str) -> str | None:
    """The first engine voice speaking the locale's language (skill/locales.json), or None."""
    if locale not in _VOICES:
        from speech.voice import voices

        language = locales.VOICES.get(locale, "")
        found = [v.id for v in voices() if language in {x.lower() for x in v.languages}]
        _VOICES[locale] = found[0] if language and found else None
    return _VOICES[locale]


class Desk:
    """The console's conversations, their replies' audio, and resetting a user."""

    def __init__(
        self,
        skill: CustomSkill,
        adapter: AbstractPersistenceAdapter | None,
        *,
        renderer: WavRenderer = render_wav,
        hearing: Hearing | None = None,
    ) -> None:
        """Run turns on ``skill``; ``adapter`` is its storage (reset), ``hearing`` takes speech."""
        self.skill = skill
        self.adapter = adapter
        self.hearing = hearing
        self._renderer = renderer
        self._resolvers: dict[str, Resolver] = {}
        self._tabs: OrderedDict[str, _Tab] = OrderedDict()
        self._replies: OrderedDict[str, _Reply] = OrderedDict()
        self._lock = threading.Lock()
        self._voice_lock = threading.Lock()

    def turn(self, tab: str, settings: Settings, utterance: str) -> dict[str, Any]:
        """Say ``utterance`` in the tab's conversation; new settings start a new conversation."""
        with self._lock:
            conversation = self._conversation(tab, settings)
            exchange = conversation.send(utterance)
            return self._record(exchange, settings, conversation.screen)

    def hear(self, tab: str, settings: Settings, wav: bytes) -> dict[str, Any]:
        """Recognize a recording and say what was heard: {"heard": words, "turn": ... or None}."""
        if self.hearing is None:
            raise RuntimeError("this console has no speech recognizer")
        with self._voice_lock:
            words = self.hearing(wav, settings.locale)
        if not words:
            return {"heard": "", "turn": None}
        return {"heard": words, "turn": self.turn(tab, settings, words)}

    def touch(self, tab: str, settings: Settings, target: str) -> dict[str, Any]:
        """Touch a part of the tab's screen (its position or id): the UserEvent's turn.

        Raises NothingToTouchError when the screen shows nothing that answers to ``target``.
        """
        with self._lock:
            found = self._tabs.get(tab)
            if found is None or found.settings != settings:
                raise NothingToTouchError("nothing on the screen can be touched right now")
            self._tabs.move_to_end(tab)
            exchange = found.conversation.touch(target)
            return self._record(exchange, settings, found.conversation.screen)

    def new_session(self, tab: str) -> dict[str, Any] | None:
        """End the tab's session (a SessionEndedRequest); the next turn starts a new one."""
        with self._lock:
            found = self._tabs.pop(tab, None)
            if found is None:
                return None
            ended = found.conversation.end()
            return None if ended is None else self._record(ended, found.settings, None)

    def reset(self, user: str) -> None:
        """Delete what is stored for ``user`` (like `trust-coach forget`) and end their sessions."""
        with self._lock:
            for tab in [t for t, found in self._tabs.items() if found.settings.user == user]:
                del self._tabs[tab]
            if self.adapter is None:
                return
            from ask_sdk_model import Context, RequestEnvelope, User
            from ask_sdk_model.interfaces.system import SystemState

            system = SystemState(user=User(user_id=envelopes.user_id_for(user)))
            self.adapter.delete_attributes(RequestEnvelope(context=Context(system=system)))

    def audio(self, reply_id: str) -> bytes | None:
        """The WAV of one reply (rendered once), or None for an unknown id."""
        with self._lock:
            reply = self._replies.get(reply_id)
        if reply is None:
            return None
        # One speech engine per process: replies are rendered one at a time.
        with self._voice_lock:
            if reply.wav is None:
                reply.wav = self._renderer(reply.ssml, reply.locale)
            return reply.wav

    def _resolver(self, locale: str) -> Resolver:
        if locale not in self._resolvers:
            self._resolvers[locale] = Resolver.from_locale(locale)
        return self._resolvers[locale]

    def _conversation(self, tab: str, settings: Settings) -> Conversation:
        found = self._tabs.get(tab)
        if found is None or found.settings != settings:
            found = _Tab(settings, simulated.conversation(self.skill, self._resolver, settings))
            self._tabs[tab] = found
        self._tabs.move_to_end(tab)
        while len(self._tabs) > MAX_TABS:
            self._tabs.popitem(last=False)
        return found.conversation

    def _record(
        self, exchange: Exchange, settings: Settings, on_screen: dict[str, Any] | None
    ) -> dict[str, Any]:
        """One turn for the page: the words, card, the screen to draw, audio link and full JSON."""
        audio: str | None = None
        if exchange.ssml:
            audio = uuid.uuid4().hex
            self._replies[audio] = _Reply(exchange.ssml, settings.locale)
            while len(self._replies) > MAX_AUDIO:
                self._replies.popitem(last=False)
        directive = preview.render_document(exchange.response)
        # A device keeps the last document on screen until a new one comes or the session ends.
        shown = preview.screen(exchange.request, on_screen, sent=directive is not None)
        return {
            "utterance": exchange.utterance,
            "intent": exchange.intent,
            "slots": exchange.slots,
            "speech": exchange.speech,
            "ssml": exchange.ssml,
            "end_session": exchange.end_session,
            "card": card_of(exchange.response),
            "screen": shown,
            "touchable": [] if on_screen is None else [t.id for t in touchables(on_screen)],
            "audio": audio,
            "user": settings.user,
            "locale": settings.locale,
            "device": settings.device,
            "request": exchange.request,
            "response": exchange.response,
        }


def card_of(response: dict[str, Any]) -> dict[str, str] | None:
    """The response's card (Simple or Standard) as title and text, or None."""
    body = response.get("response")
    card = body.get("card") if isinstance(body, dict) else None
    if not isinstance(card, dict):
        return None
    title = card.get("title")
    text = card.get("content", card.get("text"))
    return {
        "type": str(card.get("type", "")),
        "title": title if isinstance(title, str) else "",
        "text": text if isinstance(text, str) else "",
    }
