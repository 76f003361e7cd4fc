"""Commands as messages to the bot (`crisis open Printer fire`, or `open ...` in the 1:1 chat; a leading
@mention of the bot is dropped): parse the text, call the same use case as Slack's `/crisis`, reply. Where Slack
opens a modal, the words after the command are the form (`draft`, `close`) or the form comes as a card (`open`).
People are named by email (a Teams mention carries no directory id)."""
from __future__ import annotations

import re
from collections.abc import Callable

from crisis.debrief import services as debrief_services
from crisis.errors import BadInput, NotYet
from crisis.i18n import Time, User, msg
from crisis.monitor import replays, triage
from crisis.monitor import services as monitoring
from crisis.ports import Ports
from crisis.room import services
from crisis.room import updates as room_updates
from crisis.room.rules import MAX_TITLE, clean_text
from crisis.room.views import crisis_card
from crisis.schedules import queue
from crisis.timeline import describe
from crisis.views import Card, Text, Title, Words, split_command
from teams import accounts, debrief, drafting, press, statements, takedowns, webcare
from teams.chat import TeamsChat
from teams.conversations import OBJECT_ID
from teams.forms import typed_form
from teams.rooms import EMAIL
from teams.turns import Answer, Turn

_MENTION = re.compile(r"<at>([^<]*)</at>")
_LEADING_MENTION = re.compile(r"\s*(<at>[^<]*</at>)")
_CARD = "application/vnd.microsoft.card.adaptive"
TIMELINE_SHOWN = 60
"""The newest timeline entries in one card (a Teams message holds about 28 KB)."""


def on_message(turn: Turn, ports: Ports, chat: TeamsChat) -> Answer:
    text = said(turn)
    if text.lower().startswith("crisis"):
        text = text[len("crisis"):].strip()
    sub, rest = split_command(text)
    run = COMMANDS.get(sub or "help")
    if run is None:
        raise BadInput("error.unknown_subcommand", sub=sub[:40], help=msg("help.short"))
    return run(turn, rest, ports, chat)


def said(turn: Turn) -> str:
    """The message's words: a leading mention of the bot (how a channel message reaches it) dropped, any other
    mention read as the plain name it shows (`crisis note Called <at>Maria Rossi</at>` keeps "Maria Rossi")."""
    text = turn.activity.text or ""
    leading = _LEADING_MENTION.match(text)
    if leading and _names_the_bot(turn, leading.group(1)):
        text = text[leading.end():]
    return _MENTION.sub(lambda m: m.group(1), text).strip()


def _names_the_bot(turn: Turn, mention: str) -> bool:
    """A leading mention is the bot's unless the activity's entities say it names someone else."""
    named = [getattr(getattr(e, "mentioned", None), "id", None) for e in turn.activity.entities or []
             if getattr(e, "text", None) == mention]
    recipient = turn.activity.recipient.id if turn.activity.recipient else None
    return not named or recipient in named


def open_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    title, trimmed = clean_text(text, MAX_TITLE)
    replies = [{"type": "message", "attachments": [{"contentType": _CARD,
                                                    "content": typed_form(chat.render, ports, title)}]}]
    if trimmed:
        replies.append(chat.render.note(msg("notice.title_trimmed", limit=MAX_TITLE)))
    return Answer(replies)


def drill_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    """`crisis drill [type] [replay=<recording>]` opens the practice crisis at once, as Slack's does (no form)."""
    try:
        told = replays.drill_command(text, actor=turn.user, request_key=turn.request_key, ports=ports)
    except NotYet:  # the same message again while the first is still setting the room up: that one answers
        return Answer()
    return Answer([chat.render.note(told)] if told else [])


def schedule_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    """`crisis schedule <target> <YYYY-MM-DD HH:MM> <text>`: a brand post into crisisbot's own queue."""
    return Answer([chat.render.note(queue.schedule_command(text, user=turn.user, request_key=turn.request_key,
                                                           ports=ports))])


def status_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    crisis = services.crisis_for_channel(turn.conversation, ports=ports)
    return Answer([chat.render.activity(crisis_card(crisis, ports.plan))])


def close_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    """`crisis close <resolution>` in the crisis room (Slack asks for the resolution in a modal)."""
    services.check_may_close(turn.conversation, user=turn.user, ports=ports)
    services.close_crisis(turn.conversation, text, user=turn.user, request_key=turn.request_key, ports=ports)
    return Answer()


def draft_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    """`crisis draft <target> <text>` drafts at once; `crisis draft` alone answers with the draft form."""
    return statements.draft_command(turn, text, ports) if text else drafting.ask_draft(turn, ports)


def note_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    if services.add_note(turn.conversation, text, user=turn.user, request_key=turn.request_key, ports=ports):
        return Answer([chat.render.note(msg("notice.note_added"))])
    return Answer()


def severity_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    if not text:
        raise BadInput("error.severity_usage")
    changed = services.change_severity(turn.conversation, text, user=turn.user, request_key=turn.request_key,
                                       ports=ports)
    key = "notice.severity_changed" if changed else "notice.severity_unchanged"
    return Answer([chat.render.note(msg(key, severity=text.strip().upper()))])


def assign_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    """`crisis assign <role> <email>`: the person looked up in the directory, then Slack's use case (which asks the
    chat whether the id is a person who can hold a role)."""
    parts = text.split()
    if len(parts) != 2 or not (EMAIL.fullmatch(parts[1]) or OBJECT_ID.match(parts[1])):
        raise BadInput("error.assign_usage_email")
    assignee = ports.chat.resolve_user(parts[1])
    if assignee is None:
        raise BadInput("error.assign_no_such_person", email=parts[1])
    role = parts[0].lower()
    changed = services.assign_role(turn.conversation, role, assignee, user=turn.user, request_key=turn.request_key,
                                   ports=ports)
    key = "notice.role_assigned" if changed else "notice.role_unchanged"
    return Answer([chat.render.note(msg(key, user=User(assignee), role=ports.plan.role_name(role)))])


def timeline_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    crisis, events = services.timeline(turn.conversation, ports=ports)
    header = msg("timeline.header", title=crisis.title)
    lines = [msg("timeline.line", at=Time(e.at), text=describe(e, ports.plan)) for e in events[-TIMELINE_SHOWN:]]
    if len(events) > TIMELINE_SHOWN:
        lines.insert(0, msg("timeline.more", n=len(events) - TIMELINE_SHOWN))
    return Answer([chat.render.activity(Card(header, (Title(header), Text(tuple(lines or [msg("timeline.empty")])))))])


def update_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    if room_updates.post_update(turn.conversation, text, user=turn.user, request_key=turn.request_key, ports=ports):
        return Answer([chat.render.note(msg("notice.update_posted"))])
    return Answer()


def pulse_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    ports.chat.send_pulse(turn.user, monitoring.pulse(text or None, ports=ports))
    return Answer()


def triage_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    return Answer([chat.render.activity(triage.triage_card(triage.triage(text or None, ports=ports)))])


def started_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    when = debrief_services.set_impact_start(turn.conversation, text, user=turn.user, request_key=turn.request_key,
                                             ports=ports)
    return Answer([chat.render.note(msg("notice.started_set", at=Time(when)))])


def debrief_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    crisis, debrief, answered = debrief_services.progress(turn.conversation, user=turn.user, ports=ports)
    summary = msg("debrief.progress", done=len(answered), total=len(debrief.participants),
                  deadline=Time(debrief.deadline))
    waiting = [chat.rooms.name_of(u) for u in debrief.participants if u not in answered]
    parts = [Text((summary,))] + ([Text((msg("debrief.waiting"), Words(", ".join(waiting))))] if waiting else [])
    return Answer([chat.render.activity(Card(summary, tuple(parts)))])


def press_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    return Answer([{"type": "message", "attachments": [{"contentType": _CARD, "content": press.press_form(turn,
                                                                                                       ports)}]}])


def followups_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    items = debrief_services.open_follow_ups(user=turn.user, ports=ports)
    return Answer([{"type": "message", "attachments": [{"contentType": _CARD,
                                                        "content": debrief.follow_ups_card(chat.render, items)}]}])


def help_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    return Answer([chat.render.note(msg("help.text"))])


COMMANDS: dict[str, Callable[[Turn, str, Ports, TeamsChat], Answer]] = {
    "open": open_command,
    "drill": drill_command,
    "status": status_command,
    "note": note_command,
    "severity": severity_command,
    "assign": assign_command,
    "timeline": timeline_command,
    "close": close_command,
    "takedown": takedowns.takedown_command,
    "reply": webcare.reply_command,
    "donotengage": webcare.donotengage_command,
    "pulse": pulse_command,
    "draft": draft_command,
    "brief": drafting.brief_command,
    "accounts": accounts.accounts_command,
    "update": update_command,
    "press": press_command,
    "started": started_command,
    "debrief": debrief_command,
    "followups": followups_command,
    "triage": triage_command,
    "schedule": schedule_command,
    "help": help_command,
}
