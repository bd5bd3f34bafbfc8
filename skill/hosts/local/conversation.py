"""The offline local mode: words resolved against an interaction model, run through a skill.

Nothing here is Trust Coach's but the defaults: the invocation name and the locale come from the
resolver's model, the apology from the caller (Trust Coach's content when none is given).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.skill import CustomSkill

from interaction_model.invocation import split_invocation
from interaction_model.resolver import Resolution, Resolver
from skill import content, locales
from skill.hosts.local import devices, envelopes
from skill.hosts.local.builtin_slots import normalize_slots
from skill.hosts.local.dialog import context_of
from skill.hosts.local.reminders_api import access_token
from skill.hosts.local.touch import NothingToTouchError
from skill.hosts.local.touch import find as find_touchable
from skill.hosts.runtime import Apology, handle_event, speech_of
from speech import ssml

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
"""The directive that puts an APL document on a screen."""


@dataclass(frozen=True)
class Exchange:
    """One turn of the local conversation: what was said, what was sent, what came back."""

    utterance: str
    """What the user typed or said."""
    intent: str | None
    """The resolved intent, or None for a LaunchRequest."""
    slots: dict[str, dict[str, str | None]]
    """Slot name → {"value": spoken text, "id": resolved id}."""
    request: dict[str, Any]
    """The full request envelope sent to the skill."""
    response: dict[str, Any]
    """The full response envelope the skill returned."""
    ssml: str
    """The response's speech as SSML ("" when it says nothing)."""
    end_session: bool
    """Whether the response ended the session."""

    @property
    def speech(self) -> str:
        """The response's speech as plain text."""
        return ssml.to_text(self.ssml) if self.ssml else ""

    @property
    def screen(self) -> dict[str, Any] | None:
        """The response's RenderDocument directive (document, datasources, token), if any."""
        body = self.response.get("response") or {}
        for directive in body.get("directives") or ():
            if isinstance(directive, dict) and directive.get("type") == RENDER_DOCUMENT:
                return directive
        return None

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines record of this turn."""
        return {
            "utterance": self.utterance,
            "intent": self.intent,
            "slots": self.slots,
            "request": self.request,
            "response": self.response,
            "speech": self.speech,
            "ssml": self.ssml,
            "end_session": self.end_session,
        }


APPROVALS = frozenset({"i approve", "approve", "allow", "allow it", "i allow it"})
"""Answers to Alexa's permission question that mean yes (besides the yes intent)."""


def _permission_request(body: dict[str, Any]) -> tuple[str, str] | None:
    """(scope, token) of a Connections.SendRequest AskFor directive in a response, if any."""
    for directive in body.get("directives") or []:
        if directive.get("type") == "Connections.SendRequest" and directive.get("name") == "AskFor":
            payload = directive.get("payload") or {}
            return str(payload.get("permissionScope", "")), str(directive.get("token") or "")
    return None


def _slots_summary(resolution: Resolution) -> dict[str, dict[str, str | None]]:
    return {
        name: {"value": slot.value, "id": slot.resolution_id}
        for name, slot in resolution.slots.items()
        if slot.value is not None
    }


class Conversation:
    """Consecutive turns with one skill, carrying the session the way Alexa carries it."""

    def __init__(
        self,
        skill: CustomSkill,
        resolver: Resolver | None = None,
        *,
        user: str = "local-user",
        locale: str | None = None,
        device_id: str = envelopes.LOCAL_DEVICE_ID,
        apology: Apology | None = None,
        person_id: str | None = None,
        device: devices.Device | str = devices.DEFAULT,
        granted: Iterable[str] = (),
        api_endpoint: str | None = None,
    ) -> None:
        """Talk to ``skill``; words go through ``resolver`` (None: send intents by name only).

        ``locale`` defaults to the resolver's model's, else the default locale; ``apology`` is
        what a request the skill cannot read is answered with (default: the content's);
        ``device`` is the simulated device, a profile or its name (devices.json; default "dot").
        ``granted``: permission scopes the user gave the skill; ``api_endpoint``: where the
        requests say Alexa's APIs are (the local stand-in's address).
        """
        self.skill = skill
        self.resolver = resolver
        self.user_id = envelopes.user_id_for(user)
        self.locale = locale or (resolver.model.locale if resolver else locales.DEFAULT)
        self.apology = apology or Apology.from_lines(
            content.load(locales.for_request(self.locale)).lines
        )
        self.device_id = device_id
        self.person_id = person_id
        """The recognized speaker's Alexa person id, if any (``--person``)."""
        self.device = device if isinstance(device, devices.Device) else devices.get(device)
        """The simulated device: what its requests say it supports (``--device``)."""
        self.screen: dict[str, Any] | None = None
        """The RenderDocument directive the device's screen shows (None: nothing)."""
        self.granted = set(granted)
        """Permission scopes the user gave the skill (``--grant``; a "yes" to Alexa's ask)."""
        self.api_endpoint = api_endpoint or envelopes.API_ENDPOINT
        self.asking: tuple[str, str] | None = None
        """(scope, token) while Alexa asks the user for a permission the skill requested."""
        self.session_id: str | None = None
        self.attributes: dict[str, Any] = {}
        self.last_intent: str | None = None
        """The intent of the last request sent (None after a launch or another request)."""
        self._new = True

    @property
    def in_session(self) -> bool:
        """Whether a session is open (the last response did not end it)."""
        return self.session_id is not None

    def send(self, utterance: str) -> Exchange:
        """Say one utterance; a launch phrase or "ask <invocation> to ..." starts a new session."""
        if self.resolver is None:
            raise RuntimeError("this conversation has no resolver for utterances")
        kind, text = split_invocation(utterance, self.resolver.model.invocation_name)
        if kind == "launch" or (kind == "one_shot" and not text):
            return self.launch(utterance)
        if self.asking is not None and kind != "one_shot":
            return self.answer_permission(self._consent(text or ""), utterance=utterance)
        resolution = self.resolve(text or "")
        types = {name: slot.type for name, slot in resolution.slots.items()}
        return self.intent(
            resolution.intent,
            normalize_slots(resolution.slots_to_alexa(envelopes.LOCAL_SKILL_ID), types),
            utterance=utterance,
            new_session=kind == "one_shot",
            summary=_slots_summary(resolution),
        )

    def resolve(self, text: str) -> Resolution:
        """Resolve words said inside this session (the invocation phrase already removed)."""
        if self.resolver is None:
            raise RuntimeError("this conversation has no resolver for utterances")
        # The skill records what "yes" means after a question; then "go on" means yes too. What
        # else it waits for (names, a reminder's time, a resume) is read from its session.
        context = context_of(
            self.attributes, in_session=self.in_session, last_intent=self.last_intent
        )
        return self.resolver.resolve(text, context=context)

    def _consent(self, text: str) -> str:
        """What Alexa makes of an answer to its permission question."""
        assert self.resolver is not None
        intent = self.resolver.resolve(text, question_open=True).intent
        if intent == "AMAZON.YesIntent" or text.strip().lower() in APPROVALS:
            return "ACCEPTED"
        return "DENIED" if intent == "AMAZON.NoIntent" else "NOT_ANSWERED"

    def answer_permission(self, status: str, *, utterance: str = "") -> Exchange:
        """Alexa's Connections.Response to the skill's permission request: ACCEPTED grants it."""
        scope, token = self.asking or ("", "")
        self.asking = None
        if status == "ACCEPTED" and scope:
            self.granted.add(scope)
        if not self.in_session:
            self._start_session()
        request = envelopes.permission_response(
            status, scope=scope, token=token, locale=self.locale
        )
        return self._run(utterance, None, {}, request)

    def launch(self, utterance: str = "") -> Exchange:
        """Open the skill: always a new session."""
        self._start_session()
        return self._run(utterance, None, {}, envelopes.launch_request(locale=self.locale))

    def intent(
        self,
        name: str,
        slots: dict[str, Any] | None = None,
        *,
        utterance: str = "",
        new_session: bool = False,
        summary: dict[str, dict[str, str | None]] | None = None,
    ) -> Exchange:
        """Send an IntentRequest; outside a session (or when asked) it starts a new one."""
        if new_session or not self.in_session:
            self._start_session()
        request = envelopes.intent_request(name, slots, locale=self.locale)
        return self._run(utterance, name, summary or {}, request)

    def user_event(
        self,
        arguments: list[Any] | None,
        source: dict[str, Any] | None = None,
        *,
        utterance: str = "",
    ) -> Exchange:
        """Send the UserEvent a touch on the screen sends (a SendEvent with ``arguments``)."""
        if not self.in_session:
            self._start_session()
        token = self.screen.get("token") if self.screen else None
        request = envelopes.user_event(arguments, locale=self.locale, token=token, source=source)
        return self._run(utterance, None, {}, request)

    def touch(self, target: str) -> Exchange:
        """Touch a part of the screen (its position, 1 = first, or its id): send what it sends.

        Raises NothingToTouchError (one line) when nothing on the screen answers to ``target``.
        """
        if not self.device.has_apl:
            raise NothingToTouchError(f"the {self.device.name} has no screen to touch")
        part = find_touchable(self.screen, target)
        return self.user_event(list(part.arguments), part.source, utterance=f"(touch {target})")

    def end(self, reason: str = "USER_INITIATED") -> Exchange | None:
        """Tell the skill the session ended (the user quit); None when no session is open."""
        if not self.in_session:
            return None
        request = envelopes.session_ended_request(reason, locale=self.locale)
        exchange = self._run("", None, {}, request)
        self.session_id = None
        return exchange

    def _start_session(self) -> None:
        self.session_id = envelopes.new_session_id()
        self.attributes = {}
        self._new = True

    def _run(
        self,
        utterance: str,
        intent: str | None,
        slots: dict[str, dict[str, str | None]],
        request: dict[str, Any],
    ) -> Exchange:
        event = envelopes.envelope(
            request,
            user_id=self.user_id,
            session_id=self.session_id,
            new=self._new,
            attributes=self.attributes,
            device_id=self.device_id,
            person_id=self.person_id,
            device=self.device,
            screen_token=self.screen.get("token") if self.screen else None,
            granted=sorted(self.granted),
            api_endpoint=self.api_endpoint,
            api_access_token=access_token(self.user_id, self.granted),
        )
        response = handle_event(self.skill, event, apology=self.apology)
        self._new = False
        self.last_intent = intent
        body = response.get("response") or {}
        end_session = body.get("shouldEndSession") is not False
        self._update_screen(body)
        if end_session:
            self.session_id = None
            self.attributes = {}
        else:
            self.attributes = dict(response.get("sessionAttributes") or {})
        self.asking = _permission_request(body)
        return Exchange(
            utterance=utterance,
            intent=intent,
            slots=slots,
            request=event,
            response=response,
            ssml=speech_of(response) or "",
            end_session=end_session,
        )

    def _update_screen(self, body: dict[str, Any]) -> None:
        """What the screen shows after a response: its new document, or nothing once it ends."""
        if not self.device.has_apl:
            return
        for directive in body.get("directives") or ():
            if isinstance(directive, dict) and directive.get("type") == RENDER_DOCUMENT:
                self.screen = directive
                return
        if body.get("shouldEndSession") is not False:
            self.screen = None
