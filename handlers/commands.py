"""`/crisis <sub-command>`: parse the text, call the use case, answer the person ephemerally."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.debrief import services as debrief_services
from crisis.errors import BadInput
from crisis.i18n import Time, User, msg
from crisis.monitor import replays, triage
from crisis.monitor import services as monitoring
from crisis.plan import ALL_STAFF_TARGET
from crisis.ports import Ports
from crisis.room import services
from crisis.room import updates as room_updates
from crisis.room.rules import MAX_TITLE, clean_text
from crisis.room.views import crisis_card
from crisis.schedules import queue
from crisis.statements import services as statement_services
from crisis.views import split_command
from handlers import block_kit, ids
from handlers.debrief import blocks as debrief_blocks
from handlers.errors import acked
from handlers.prevention import actions as prevention_actions
from handlers.replies import reply
from handlers.room import blocks
from handlers.statements import blocks as statement_blocks
from handlers.takedowns import actions as takedown_actions
from handlers.webcare import actions as webcare_actions

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


@dataclass(frozen=True)
class Invocation:
    body: dict[str, Any]
    text: str
    client: WebClient
    ports: Ports

    @property
    def user(self) -> str:
        return self.body["user_id"]

    @property
    def channel(self) -> str:
        return self.body["channel_id"]

    @property
    def request_key(self) -> str:
        return f"command:{self.body['trigger_id']}"

    def reply(self, message=None, payload=None) -> None:
        reply(self.body, self.client, message, payload)


def register(app: App) -> None:
    app.command(ids.COMMAND)(acked(crisis_command, kept=_changes_something))


def _changes_something(body: dict[str, Any]) -> bool:
    """Sub-commands that change the crisis are taken into the inbox before the ack (handlers/errors.py)."""
    return split_command(body.get("text"))[0] in CHANGING


def crisis_command(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    sub, rest = split_command(body.get("text"))
    run = SUB_COMMANDS.get(sub or "help")
    if run is None:
        raise BadInput("error.unknown_subcommand", sub=sub[:40], help=msg("help.short"))
    run(Invocation(body, rest, client, ports))


def open_command(call: Invocation) -> None:
    if not services.first_time(call.request_key, ports=call.ports):
        return
    title, trimmed = clean_text(call.text, MAX_TITLE)
    meta = {"response_url": call.body.get("response_url"), "channel": call.channel}
    advice = triage.triage(None, ports=call.ports) if call.ports.plan.monitor.terms else None
    call.client.views_open(trigger_id=call.body["trigger_id"], view=blocks.open_modal(
        call.ports.plan, meta, title=title, severity=advice.severity if advice else None,
        advice=triage.triage_card(advice) if advice else None))
    if trimmed:
        call.reply(msg("notice.title_trimmed", limit=MAX_TITLE))


def drill_command(call: Invocation) -> None:
    told = replays.drill_command(call.text, actor=call.user, request_key=call.request_key, ports=call.ports)
    if told is not None:
        call.reply(told)


def status_command(call: Invocation) -> None:
    crisis = services.crisis_for_channel(call.channel, ports=call.ports)
    call.reply(payload=block_kit.message(crisis_card(crisis, call.ports.plan)))


def note_command(call: Invocation) -> None:
    if services.add_note(call.channel, call.text, user=call.user, request_key=call.request_key, ports=call.ports):
        call.reply(msg("notice.note_added"))


def severity_command(call: Invocation) -> None:
    if not call.text:
        raise BadInput("error.severity_usage")
    if services.change_severity(call.channel, call.text, user=call.user, request_key=call.request_key,
                                ports=call.ports):
        call.reply(msg("notice.severity_changed", severity=call.text.strip().upper()))
    else:
        call.reply(msg("notice.severity_unchanged", severity=call.text.strip().upper()))


def assign_command(call: Invocation) -> None:
    parts = call.text.split()
    mention = _MENTION.match(parts[1]) if len(parts) == 2 else None
    if mention is None:
        raise BadInput("error.assign_usage")
    role, assignee = parts[0].lower(), mention.group(1)
    changed = services.assign_role(call.channel, role, assignee, user=call.user, request_key=call.request_key,
                                   ports=call.ports)
    name = call.ports.plan.role_name(role)
    call.reply(msg("notice.role_assigned" if changed else "notice.role_unchanged", user=User(assignee), role=name))


def timeline_command(call: Invocation) -> None:
    crisis, events = services.timeline(call.channel, ports=call.ports)
    shown = blocks.timeline_blocks(crisis, events, call.ports.plan)
    call.reply(payload={"text": block_kit.slack_text(msg("timeline.header", title=crisis.title)), "blocks": shown})


def close_command(call: Invocation) -> None:
    crisis = services.check_may_close(call.channel, user=call.user, ports=call.ports)
    meta = {"response_url": call.body.get("response_url"), "channel": call.channel}
    call.client.views_open(trigger_id=call.body["trigger_id"], view=blocks.close_modal(crisis, meta))


def pulse_command(call: Invocation) -> None:
    picture = monitoring.pulse(call.text or None, ports=call.ports)
    call.ports.chat.send_pulse(call.user, picture)


def draft_command(call: Invocation) -> None:
    services.crisis_for_channel(call.channel, ports=call.ports)
    meta = {"response_url": call.body.get("response_url"), "channel": call.channel}
    call.client.views_open(trigger_id=call.body["trigger_id"],
                           view=statement_blocks.draft_modal(call.ports.plan, meta, text=call.text))


def brief_command(call: Invocation) -> None:
    """The draft form for the all-staff target, started with the employee briefing's template."""
    text = statement_services.briefing_draft(call.channel, ports=call.ports)
    meta = {"response_url": call.body.get("response_url"), "channel": call.channel}
    call.client.views_open(trigger_id=call.body["trigger_id"], view=statement_blocks.draft_modal(
        call.ports.plan, meta, text=text, target=ALL_STAFF_TARGET))


def update_command(call: Invocation) -> None:
    if room_updates.post_update(call.channel, call.text, user=call.user, request_key=call.request_key,
                                ports=call.ports):
        call.reply(msg("notice.update_posted"))


def press_command(call: Invocation) -> None:
    services.crisis_for_channel(call.channel, ports=call.ports)
    meta = {"response_url": call.body.get("response_url"), "channel": call.channel}
    call.client.views_open(trigger_id=call.body["trigger_id"], view=statement_blocks.press_modal(meta))


def started_command(call: Invocation) -> None:
    when = debrief_services.set_impact_start(call.channel, call.text, user=call.user, request_key=call.request_key,
                                             ports=call.ports)
    call.reply(msg("notice.started_set", at=Time(when)))


def debrief_command(call: Invocation) -> None:
    crisis, debrief, answered = debrief_services.progress(call.channel, user=call.user, ports=call.ports)
    call.reply(payload=debrief_blocks.progress(crisis, debrief, answered))


def followups_command(call: Invocation) -> None:
    call.reply(payload=debrief_blocks.follow_ups_list(debrief_services.open_follow_ups(user=call.user,
                                                                                       ports=call.ports)))


def triage_command(call: Invocation) -> None:
    call.reply(payload=block_kit.message(triage.triage_card(triage.triage(call.text or None, ports=call.ports))))


def accounts_command(call: Invocation) -> None:
    prevention_actions.open_register(call.body, call.client, call.ports)


def takedown_command(call: Invocation) -> None:
    takedown_actions.ask(call.body, call.text, call.request_key, call.client, call.ports)


def reply_command(call: Invocation) -> None:
    webcare_actions.ask(call.body, call.text, call.client, call.ports)


def donotengage_command(call: Invocation) -> None:
    webcare_actions.do_not_engage(call.body, call.text, call.request_key, call.client, call.ports)


def schedule_command(call: Invocation) -> None:
    call.reply(queue.schedule_command(call.text, user=call.user, request_key=call.request_key, ports=call.ports))


def help_command(call: Invocation) -> None:
    call.reply(msg("help.text"))


CHANGING = frozenset({"note", "severity", "assign", "update", "started", "takedown", "drill", "donotengage",
                      "schedule"})
SUB_COMMANDS: dict[str, Callable[[Invocation], None]] = {
    "open": open_command,
    "drill": drill_command,
    "status": status_command,
    "note": note_command,
    "severity": severity_command,
    "assign": assign_command,
    "timeline": timeline_command,
    "close": close_command,
    "pulse": pulse_command,
    "draft": draft_command,
    "brief": brief_command,
    "update": update_command,
    "press": press_command,
    "started": started_command,
    "debrief": debrief_command,
    "followups": followups_command,
    "triage": triage_command,
    "accounts": accounts_command,
    "takedown": takedown_command,
    "reply": reply_command,
    "donotengage": donotengage_command,
    "schedule": schedule_command,
    "help": help_command,
}
