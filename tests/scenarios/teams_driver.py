"""The scenarios' driver for Microsoft Teams: the Teams-wired bot serving /api/messages on loopback, the fake Teams
(teams_sandbox) behind it, people sending it messages and Action.Execute invokes signed as the Bot Connector signs
them; what they see read from the fake's conversations (cards as text)."""
from __future__ import annotations

import base64
import copy
from dataclasses import replace
from datetime import timedelta
from typing import Any

from crisis.i18n import voice
from teams_sandbox.cards import activity_lines, card_lines
from teams_sandbox.keys import SigningKey, connector_token
from teams_sandbox.people import TeamsPerson, _actions
from tests.scenarios.driver import PER_VIEWER_CARDS, ROOM_FALLBACK, Driver, Shown, Told
from tests.teams.conftest import PEOPLE, LocalTeams


def _is_form(card: dict[str, Any]) -> bool:
    return any(str(e.get("type", "")).startswith("Input.") for e in card.get("body") or [])


class TeamsDriver(Driver):
    platform = "Teams"
    capabilities = frozenset({PER_VIEWER_CARDS, ROOM_FALLBACK})

    def __init__(self, local: LocalTeams, alerts: str | None = None) -> None:
        self.local, self.clock, self.ports = local, local.clock, local.bot.ports
        self.state = local.sandbox.state
        self.alerts_channel = alerts

    # --- people and time --------------------------------------------------------------------------------------

    def person(self, who: str) -> TeamsPerson:
        return self.local.person(who)

    def id_of(self, who: str) -> str:
        return self.state.user(PEOPLE[who][0])["id"]

    def assignee(self, who: str) -> str:
        return PEOPLE[who][0]

    def run_tick(self) -> None:
        self.local.bot.tick()

    # --- what people see --------------------------------------------------------------------------------------

    def _shown(self, conversation: str, ref: str, activity: dict[str, Any]) -> Shown:
        buttons = tuple(str(a.get("title")) for attachment in activity.get("attachments") or []
                        for a in _actions(attachment.get("content") or {}) if a.get("type") == "Action.Execute")
        text = "\n".join(activity_lines(activity)).replace("<at>", "").replace("</at>", "")  # a mention reads as a name
        return Shown(text, buttons, conversation, ref, copy.deepcopy(activity))

    def message(self, conversation: str, ref: str) -> Shown:
        return self._shown(conversation, ref, self.state.conversation(conversation).activities[ref])

    def messages(self, conversation: str) -> list[Shown]:
        return [self._shown(conversation, ref, a) for ref, a in self.state.conversation(conversation).activities.items()]

    def dm(self, who: str) -> list[Shown]:
        return self.messages(self.state.personal_chat(self.id_of(who)).id)

    def announcements(self) -> list[Shown]:
        return self.messages(self.ports.plan.announce_channel)

    def images(self, conversation: str) -> list[bytes]:
        found = []
        for activity in self.state.conversation(conversation).activities.values():
            for attachment in activity.get("attachments") or []:
                for element in (attachment.get("content") or {}).get("body") or []:
                    if element.get("type") == "Image" and element.get("url", "").startswith("data:image/png;base64,"):
                        found.append(base64.b64decode(element["url"].split(",", 1)[1]))
        return found

    def report_files(self) -> list[str]:
        room = self.crisis().channel_id
        return [name for channel, name, _, _ in self.state.files.values() if channel == room
                and not name.endswith(".png")]

    def alert_messages(self) -> list[Shown]:
        return self.messages(self.alerts_channel)

    def seen_by(self, who: str, shown: Shown) -> str:
        """Teams asks for the card again (its `refresh` action) when a listed person looks at it."""
        refresh = shown.raw["attachments"][0]["content"].get("refresh")
        if refresh is None:
            return shown.text
        response = self.person(who).send({
            "type": "invoke", "name": "adaptiveCard/action", "replyToId": shown.ref,
            "value": {"action": {"type": "Action.Execute", "verb": refresh["action"]["verb"],
                                 "data": refresh["action"]["data"]}, "trigger": "automatic"}}, shown.conversation)
        return "\n".join(card_lines(response.json()["value"]))

    # --- acting -----------------------------------------------------------------------------------------------

    def _invoke(self, who: str, conversation: str, ref: str, card: dict[str, Any], button: str | None,
                inputs: dict[str, str] | None = None) -> dict[str, Any] | None:
        """Press `button` (the only one, for a form) on `card`, shown in `conversation` on activity `ref`, with the
        card's input values overlaid by `inputs`, as Teams merges them; the card the bot answers with, if any."""
        action = next(a for a in _actions(card) if button is None or a.get("title") == button)
        values = {e["id"]: e.get("value", "") for e in card.get("body") or [] if str(e.get("type")).startswith("Input.")}
        data = {**values, **(inputs or {}), **(action.get("data") or {})}
        self.state.transcript.append((conversation, PEOPLE[who][1], (f"clicked [{action.get('title')}]",)))
        response = self.person(who).send({"type": "invoke", "name": "adaptiveCard/action", "replyToId": ref,
                                          "value": {"action": {"type": "Action.Execute", "verb": action.get("verb"),
                                                               "data": data}}}, conversation)
        assert response.status_code == 200, response.text
        value = response.json().get("value") if response.content else None
        return value if isinstance(value, dict) and value.get("type") == "AdaptiveCard" else None

    def _press(self, who: str, shown: Shown, button: str, inputs: dict[str, str] | None = None) -> Told:
        """Press a button; when the bot answers with a form, fill it in with `inputs` and send it."""
        card = shown.raw["attachments"][0]["content"]
        answer = self._invoke(who, shown.conversation, shown.ref, card, button)
        if answer is not None and _is_form(answer) and inputs is not None:
            answer = self._invoke(who, shown.conversation, shown.ref, answer, None, inputs)
        return Told("\n".join(card_lines(answer)) if answer else "")

    def click(self, who: str, shown: Shown, button: str) -> Told:
        return self._press(who, shown, button)

    def forge(self, shown: Shown, button: str, value: str) -> Shown:
        raw = copy.deepcopy(shown.raw)
        for action in _actions(raw["attachments"][0]["content"]):
            if action.get("title") == button:
                action["data"] = {**(action.get("data") or {}), "value": value}
        return replace(shown, raw=raw)

    def _say(self, who: str, text: str, conversation: str) -> Told:
        activities = self.state.conversation(conversation).activities
        before = set(activities)
        response = self.person(who).say(text, conversation)
        assert response.status_code == 200, response.text
        return Told("\n".join("\n".join(activity_lines(a)) for ref, a in activities.items() if ref not in before))

    def _where(self, who: str, in_room: bool) -> str:
        return self.crisis().channel_id if in_room else self.state.personal_chat(self.id_of(who)).id

    def command(self, who: str, text: str, *, in_room: bool = True) -> Told:
        return self._say(who, f"crisis {text}", self._where(who, in_room))

    def _last(self, conversation: str) -> Shown:
        return self.messages(conversation)[-1]

    def open_crisis(self, who: str = "opener", title: str = "Printer fire", severity: str = "SEV2",
                    kind: str = "other") -> Told:
        chat = self._where(who, False)
        told = self.command(who, f"open {title}", in_room=False)
        form = next((m for m in reversed(self.messages(chat)) if "Open crisis" in m.buttons), None)
        if form is None:
            return told
        answer = self._invoke(who, chat, form.ref, form.raw["attachments"][0]["content"], "Open crisis",
                              {"title": title, "severity": severity, "kind": kind})
        return Told("\n".join([told.text, *card_lines(answer or {})]).strip())

    def draft_statement(self, who: str, text: str, target: str = "x") -> Told:
        return self.command(who, f"draft {target} {text}")

    def request_changes(self, who: str, note: str) -> Told:
        return self._press(who, self.statement_card(), "Request changes", {"note": note})

    def reject(self, who: str, note: str) -> Told:
        return self._press(who, self.statement_card(), "Reject", {"note": note})

    def edit_statement(self, who: str, text: str) -> Told:
        return self._press(who, self.statement_card(), "Edit", {"text": text})

    def close(self, who: str, resolution: str) -> Told:
        return self.command(who, f"close {resolution}")

    def answer_debrief(self, who: str, went_well: str, speed: str = "4") -> Told:
        invitation = next(m for m in self.dm(who) if "Start debrief" in m.buttons)
        return self._press(who, invitation, "Start debrief", {"went_well": went_well, "response_speed": speed})

    def press_request(self, who: str, outlet: str, question: str, due_in: timedelta) -> Told:
        room = self.crisis().channel_id
        told = self.command(who, "press")
        form = self._last(room)
        if "Log inquiry" not in form.buttons:
            return told
        deadline = (self.clock.now() + due_in).astimezone(voice.team().zone)
        answer = self._invoke(who, room, form.ref, form.raw["attachments"][0]["content"], "Log inquiry", {
            "outlet": outlet, "question": question, "deadline_day": f"{deadline:%Y-%m-%d}",
            "deadline_time": f"{deadline:%H:%M}"})
        return Told("\n".join(card_lines(answer or {})))

    def answer_press(self, who: str) -> Told:
        shown = self.inquiry_card()
        answer = self._invoke(who, shown.conversation, shown.ref, shown.raw["attachments"][0]["content"],
                              "Answer with a statement")
        if answer is None or not _is_form(answer):
            return Told("\n".join(card_lines(answer or {})))
        choice = next(e for e in answer["body"] if e.get("id") == "statement")["choices"][0]["value"]
        done = self._invoke(who, shown.conversation, shown.ref, answer, None, {"statement": choice})
        return Told("\n".join(card_lines(done or {})))

    # --- the monitor ------------------------------------------------------------------------------------------

    def poll(self, source: str):
        return self.local.bot.poll(source)

    def monitor_tick(self):
        return self.local.bot.monitor_tick()

    def false_alarm(self, who: str, reason: str, card: Shown | None = None) -> Told:
        return self._press(who, card or self.warning(), "False alarm", {"reason": reason})

    def open_from_warning(self, who: str, card: Shown | None = None) -> Told:
        return self._press(who, card or self.warning(), "Open crisis", {})

    # --- faults -----------------------------------------------------------------------------------------------

    def make_unreachable(self, who: str) -> None:
        self.state.user(PEOPLE[who][0])["licensed"] = False

    def rate_limit_dm(self, who: str, seconds: int) -> None:
        chat = self.state.personal_chat(self.id_of(who))
        self.state.fail("POST", f"/v3/conversations/{chat.id}/activities", 429, retry_after=seconds, times=1)

    def send_forged(self, who: str, text: str) -> int:
        forger = SigningKey(self.local.sandbox.key.kid, slot=1)  # the connector's key id, another key
        token = connector_token(forger, app_id=self.state.app_id, service_url=f"{self.local.sandbox.base_url}/")
        chat = self.state.personal_chat(self.id_of(who)).id
        return self.person(who).send({"type": "message", "text": text}, chat, token=token).status_code

    def calls_to_platform(self) -> int:
        return len([c for c in self.state.calls if not c[1].startswith("/botframework/")])

    def deny_room_creation(self) -> None:
        self.state.granted.discard("Channel.Create")
