"""The scenarios' driver for Slack: the whole bot on loopback (LocalBot: the sandbox Web API, the Bolt app over HTTP),
people sending signed slash commands, button clicks and modal submissions; what they see read from the sandbox."""
from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

from handlers import ids
from sandbox.blockkit import render_blocks, render_message
from sandbox.local_bot import LocalBot
from sandbox.slack_user import _action, block_actions_body, slash_command_body
from tests.handlers.flows import OPEN_VALUES, last_view
from tests.scenarios.driver import (
    PINS,
    SCHEDULED_POSTS,
    TOPIC,
    Driver,
    Shown,
    Told,
)

PNG = b"\x89PNG\r\n\x1a\n"
_ENTITY = re.compile(r"<([@#!])([^>|]+)(?:\|([^>]*))?>")


def _select(value: str | None) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value} if value else None}


class SlackDriver(Driver):
    platform = "Slack"
    capabilities = frozenset({PINS, TOPIC, SCHEDULED_POSTS})

    def __init__(self, bot: LocalBot, alerts: str = "brand-alerts") -> None:
        self.bot, self.clock, self.ports = bot, bot.clock, bot.ports
        self.sandbox = bot.sandbox
        self.alerts_channel = alerts
        self._names = {uid: self.name_of(key) for key, uid in bot.users.items()}

    # --- people and time --------------------------------------------------------------------------------------

    def id_of(self, who: str) -> str:
        return self.bot.users[who]

    def assignee(self, who: str) -> str:
        return f"<@{self.id_of(who)}|{who}>"

    def run_tick(self) -> None:
        self.bot.tick()

    # --- what people see --------------------------------------------------------------------------------------

    def _readable(self, line: str) -> str:
        def entity(match: re.Match[str]) -> str:
            kind, target, label = match.groups()
            if kind == "@":
                return self._names.get(target) or self._user_name(target)
            if kind == "#":
                return f"#{label or (self.sandbox.channel(target) or {}).get('name', target)}"
            return label or f"@{target.split('^')[0]}"
        return _ENTITY.sub(entity, line).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    def _user_name(self, user_id: str) -> str:
        user = self.sandbox.user(user_id)
        return (user or {}).get("real_name") or (user or {}).get("name") or user_id

    def _shown(self, conversation: str, message: dict[str, Any]) -> Shown:
        buttons = tuple(e["text"]["text"] for b in message.get("blocks") or [] for e in
                        [*(b.get("elements") or []), *([b["accessory"]] if "accessory" in b else [])]
                        if e.get("type") == "button")
        text = "\n".join(self._readable(line) for line in render_message(message))
        return Shown(text, buttons, conversation, message["ts"], message)

    def message(self, conversation: str, ref: str) -> Shown:
        return next(self._shown(conversation, m) for m in self.sandbox.messages(conversation) if m["ts"] == ref)

    def messages(self, conversation: str) -> list[Shown]:
        return [self._shown(conversation, m) for m in self.sandbox.messages(conversation)]

    def dm(self, who: str) -> list[Shown]:
        channel = self.sandbox.dm_channel(self.id_of(who))
        return self.messages(channel) if channel else []

    def alert_messages(self) -> list[Shown]:
        return self.messages(self.sandbox.channel_by_name(self.alerts_channel)["id"])

    def announcements(self) -> list[Shown]:
        channel = self.sandbox.channel_by_name(self.ports.plan.announce_channel.lstrip("#"))
        return self.messages(channel["id"]) if channel else []

    def images(self, conversation: str) -> list[bytes]:
        return [f["content"] for f in self.sandbox.files() if conversation in json.dumps(f.get("channels"))
                and f["content"][:8] == PNG]

    def report_files(self) -> list[str]:
        room = self.crisis().channel_id
        return [f["name"] for f in self.sandbox.files() if room in json.dumps(f.get("channels"))
                and not f["name"].endswith(".png")]

    def topic(self) -> str:
        return self.sandbox.channel(self.crisis().channel_id)["topic"]["value"]

    def pinned(self) -> list[str]:
        return [p["message"]["ts"] if "message" in p else p["ts"] for p in self.sandbox.pins(self.crisis().channel_id)]

    # --- acting -----------------------------------------------------------------------------------------------

    def _told(self, who: str, act, *args: Any) -> Told:
        """Run `act`; what `who` was shown alone meanwhile (ephemeral replies), plus modal errors."""
        user = self.id_of(who)
        before = len(self.sandbox.ephemeral_messages(user))
        answer = act(*args)
        said = ["\n".join(self._readable(line) for line in render_message(m))
                for m in self.sandbox.ephemeral_messages(user)[before:]]
        body = answer[1] if isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[1], str) else ""
        if body.startswith("{") and '"errors"' in body:
            said += list(json.loads(body)["errors"].values())
        return Told("\n".join(said))

    def click(self, who: str, shown: Shown, button: str) -> Told:
        element = next(e for b in shown.raw.get("blocks") or [] for e in
                       [*(b.get("elements") or []), *([b["accessory"]] if "accessory" in b else [])]
                       if e.get("type") == "button" and e["text"]["text"] == button)
        user = self.id_of(who)
        action = _action(shown.raw["blocks"], element["action_id"], element.get("value"))
        body = block_actions_body(user, [action], channel_id=shown.conversation, message=shown.raw,
                                  container={"type": "message", "message_ts": shown.ref,
                                             "channel_id": shown.conversation, "is_ephemeral": False},
                                  trigger_id=self.sandbox.issue_trigger_id(user),
                                  response_url=self.sandbox.response_url(user, shown.conversation, shown.ref),
                                  api_app_id=self.sandbox.app_id, team_id=self.sandbox.team_id)
        self.sandbox.log_action(user, f"clicked [{button}]", shown.conversation)

        def post() -> tuple[int, str]:
            answer = self.bot.slack.post(body)
            self.bot.settle()
            return answer
        return self._told(who, post)

    def forge(self, shown: Shown, button: str, value: str) -> Shown:
        raw = copy.deepcopy(shown.raw)
        for block in raw.get("blocks") or []:
            for element in [*(block.get("elements") or []), *([block["accessory"]] if "accessory" in block else [])]:
                if element.get("type") == "button" and element["text"]["text"] == button:
                    element["value"] = value
        return replace(shown, raw=raw)

    def _where(self, in_room: bool) -> str:
        return self.crisis().channel_id if in_room else "general"

    def command(self, who: str, text: str, *, in_room: bool = True) -> Told:
        return self._told(who, self.bot.command, who, text, self._where(in_room))

    def _submit(self, who: str, values: dict[str, dict[str, Any]]) -> Told:
        return self._told(who, self.bot.submit, who, last_view(self.bot)["id"], values)

    def open_crisis(self, who: str = "opener", title: str = "Printer fire", severity: str = "SEV2",
                    kind: str = "other") -> Told:
        before = len(self.sandbox.views_opened())
        told = self.command(who, f"open {title}", in_room=False)
        if len(self.sandbox.views_opened()) == before:
            return told
        values = {**OPEN_VALUES, ids.TITLE_BLOCK: {ids.TITLE_INPUT: title},
                  ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: _select(severity)},
                  ids.KIND_BLOCK: {ids.KIND_INPUT: _select(kind)}}
        return self._submit(who, values)

    def draft_statement(self, who: str, text: str, target: str = "x") -> Told:
        self.command(who, "draft")
        return self._submit(who, {ids.TARGET_BLOCK: {ids.TARGET_INPUT: _select(target)},
                                  ids.TEXT_BLOCK: {ids.TEXT_INPUT: text},
                                  ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: _select(None)},
                                  ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker",
                                                                            "selected_date_time": None}}})

    def _with_note(self, who: str, button: str, note: str) -> Told:
        before = len(self.sandbox.views_opened())
        told = self.click(who, self.statement_card(), button)
        if len(self.sandbox.views_opened()) == before:
            return told
        return self._submit(who, {ids.NOTE_BLOCK: {ids.NOTE_INPUT: note}})

    def request_changes(self, who: str, note: str) -> Told:
        return self._with_note(who, "Request changes", note)

    def reject(self, who: str, note: str) -> Told:
        return self._with_note(who, "Reject", note)

    def edit_statement(self, who: str, text: str) -> Told:
        before = len(self.sandbox.views_opened())
        told = self.click(who, self.statement_card(), "Edit")
        if len(self.sandbox.views_opened()) == before:
            return told
        return self._submit(who, {ids.TEXT_BLOCK: {ids.TEXT_INPUT: text}})

    def close(self, who: str, resolution: str) -> Told:
        before = len(self.sandbox.views_opened())
        told = self.command(who, "close")
        if len(self.sandbox.views_opened()) == before:
            return told
        return self._submit(who, {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: resolution}})

    def answer_debrief(self, who: str, went_well: str, speed: str = "4") -> Told:
        invitation = next(m for m in self.dm(who) if "Start debrief" in m.buttons)
        before = len(self.sandbox.views_opened())
        told = self.click(who, invitation, "Start debrief")
        if len(self.sandbox.views_opened()) == before:
            return told
        return self._submit(who, {"went_well": {"went_well": went_well},
                                  "response_speed": {"response_speed": _select(speed)}})

    def press_request(self, who: str, outlet: str, question: str, due_in: timedelta) -> Told:
        self.command(who, "press")
        deadline = int((self.clock.now() + due_in).timestamp())
        return self._submit(who, {
            ids.OUTLET_BLOCK: {ids.OUTLET_INPUT: outlet}, ids.CONTACT_BLOCK: {ids.CONTACT_INPUT: ""},
            ids.QUESTION_BLOCK: {ids.QUESTION_INPUT: question},
            ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": deadline}}})

    def answer_press(self, who: str) -> Told:
        before = len(self.sandbox.views_opened())
        told = self.click(who, self.inquiry_card(), "Answer with a statement")
        if len(self.sandbox.views_opened()) == before:
            return told
        view = last_view(self.bot)
        field = next((b for b in view["blocks"] if b.get("block_id") == ids.STATEMENT_BLOCK), None)
        if field is None:  # a modal that only explains: nothing to choose from
            return Told("\n".join(self._readable(line) for line in render_blocks(view["blocks"])))
        option = field["element"]["options"][0]
        return self._submit(who, {ids.STATEMENT_BLOCK: {ids.STATEMENT_INPUT: _select(option["value"])}})

    # --- the monitor ------------------------------------------------------------------------------------------

    def poll(self, source: str):
        return self.bot.poll(source)

    def monitor_tick(self):
        return self.bot.monitor_tick()

    def false_alarm(self, who: str, reason: str, card: Shown | None = None) -> Told:
        before = len(self.sandbox.views_opened())
        told = self.click(who, card or self.warning(), "False alarm")
        if len(self.sandbox.views_opened()) == before:
            return told
        return self._submit(who, {ids.REASON_BLOCK: {ids.REASON_INPUT: reason}})

    def open_from_warning(self, who: str, card: Shown | None = None) -> Told:
        before = len(self.sandbox.views_opened())
        told = self.click(who, card or self.warning(), "Open crisis")
        if len(self.sandbox.views_opened()) == before:
            return told
        view = last_view(self.bot)
        title = next(b for b in view["blocks"] if b["block_id"] == ids.TITLE_BLOCK)["element"]["initial_value"]
        return self._submit(who, {ids.TITLE_BLOCK: {ids.TITLE_INPUT: title},
                                  ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: _select("SEV2")},
                                  ids.KIND_BLOCK: {ids.KIND_INPUT: _select("complaint_wave")}})

    # --- faults -----------------------------------------------------------------------------------------------

    def make_unreachable(self, who: str) -> None:
        self.sandbox.deactivate(self.id_of(who))

    def rate_limit_dm(self, who: str, seconds: int) -> None:
        user = self.id_of(who)
        self.sandbox.fail_next("chat.postMessage", status=429, retry_after=seconds, times=4,
                               when=lambda args: args.get("channel") == user)

    def send_forged(self, who: str, text: str) -> int:
        user = self.id_of(who)
        body = slash_command_body("/crisis", text, user, "C0GENERAL", team_id=self.sandbox.team_id,
                                  trigger_id=self.sandbox.issue_trigger_id(user),
                                  response_url=self.sandbox.response_url(user))
        status, _ = self.bot.slack.post(body, signature="v0=" + "0" * 64)
        self.bot.settle()
        return status

    def calls_to_platform(self) -> int:
        return len(self.sandbox.calls)

    def deny_room_creation(self) -> None:
        self.require("room_fallback", "a Slack app without channels:manage cannot create the room; the manifest "
                                      "asks for it at install, so there is no fallback room to test")
