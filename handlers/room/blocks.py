"""Pure Block Kit builders: crisis objects and catalog messages -> Slack blocks, user text escaped."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Sequence

from crisis.events import TimelineEvent
from crisis.i18n import Channel, Msg, Time, User, has, msg, render
from crisis.room.model import CardFacts, Crisis, Page, RoleAssignment
from crisis.monitor.reputation import band_of
from crisis.plan import CrisisPlan
from crisis.timeline import describe
from handlers import ids

SECTION_LIMIT = 3000
MAX_MESSAGE_BLOCKS = 50


class SlackStyle:
    """Slack mrkdwn: mentions as <@U..>, times in each reader's time zone, user text escaped."""

    def user(self, user_id: str) -> str:
        return f"<@{user_id}>"

    def channel(self, channel_id: str) -> str:
        return f"<#{channel_id}>"

    def time(self, at: datetime) -> str:
        return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|{at:%Y-%m-%d %H:%M} UTC>"

    def text(self, value: str) -> str:
        return escape(value)


SLACK = SlackStyle()


def escape(text: str) -> str:
    """Slack's three control characters, so nobody can @channel or link-spoof through the bot."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(message: Msg) -> str:
    return render(message, SLACK)


def plain(message: Msg) -> str:
    return render(message)


def section(message: Msg | str) -> dict[str, Any]:
    text = message if isinstance(message, str) else slack_text(message)
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)}}


def text_message(message: Msg) -> dict[str, Any]:
    """chat.postMessage / respond arguments for a one-section message with a plain fallback."""
    return {"text": _cut(slack_text(message), SECTION_LIMIT), "blocks": [section(message)]}


# --- the crisis card --------------------------------------------------------------------------

def crisis_card(crisis: Crisis, plan: CrisisPlan, facts: CardFacts = CardFacts()) -> list[dict[str, Any]]:
    header = "card.header" if crisis.is_open else "card.header_closed"
    fields = [
        msg("card.severity", severity=crisis.severity),
        msg("card.status", status=msg(f"status.{crisis.status.value}")),
        msg("card.kind", kind=_kind_label(crisis.kind)),
        msg("card.started", at=Time(crisis.opened_at)),
        msg("card.opened_by", user=User(crisis.opened_by)),
    ]
    if crisis.closed_at:
        fields.append(msg("card.lasted", lasted=crisis.closed_at - crisis.opened_at))
    if crisis.reputation is not None and crisis.term:
        fields.append(msg("card.reputation", term=crisis.term, score=crisis.reputation,
                          band=msg(f"band.{band_of(crisis.reputation)}")))
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(plain(msg(header, title=crisis.title)), 150)}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": slack_text(f)} for f in fields]},
    ]
    if crisis.description:
        blocks.append(section(escape(crisis.description)))
    if crisis.link:
        blocks.append(section(msg("card.link", link=crisis.link)))
    lines = [slack_text(_role_line(r, plan)) for r in crisis.roles]
    blocks.append(section(slack_text(msg("card.roles")) + "\n" + "\n".join(lines)))
    counts = [msg(key, n=n) for key, n in (("card.statements_published", facts.statements_published),
                                           ("card.statements_waiting", facts.statements_waiting),
                                           ("card.paused_posts", facts.paused_posts),
                                           ("card.open_inquiries", facts.open_inquiries)) if n]
    if counts:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": slack_text(c)} for c in counts]})
    if crisis.resolution:
        blocks.append(section(msg("card.resolution", resolution=crisis.resolution)))
    blocks.append({"type": "context", "elements": [
        {"type": "mrkdwn", "text": slack_text(msg("card.footer", id=crisis.id))}]})
    return blocks


def card_fallback(crisis: Crisis) -> str:
    """The notification text (Slack parses it as mrkdwn too, so it is escaped like the blocks)."""
    return slack_text(msg("card.header" if crisis.is_open else "card.header_closed", title=crisis.title))


def _role_line(role: RoleAssignment, plan: CrisisPlan) -> Msg:
    name = plan.role_name(role.role)
    if role.acked_at and role.acked_by not in (None, role.user_id):
        return msg("card.role_acked_by_other", role=name, user=User(role.user_id), by=User(role.acked_by),
                   at=Time(role.acked_at))
    if role.acked_at:
        return msg("card.role_acked", role=name, user=User(role.user_id), at=Time(role.acked_at))
    if not role.user_id:
        return msg("card.role_vacant", role=name)
    if role.unanswered:
        return msg("card.role_unanswered", role=name, user=User(role.user_id))
    return msg("card.role_waiting", role=name, user=User(role.user_id))



def _kind_label(kind: str) -> Msg:
    return msg(f"kind.{kind}") if has(f"kind.{kind}") else msg("kind.custom", name=kind.replace("_", " ").capitalize())


# --- pages ------------------------------------------------------------------------------------

def page_message(crisis: Crisis, plan: CrisisPlan, page: Page, in_dm: bool) -> dict[str, Any]:
    within = page.escalate_at - page.created_at
    role = plan.role_name(page.role)
    if in_dm:
        body = msg("page.dm", role=role, severity=crisis.severity, title=crisis.title,
                   channel=Channel(crisis.channel_id), within=within)
    else:
        body = msg("page.channel", user=User(page.user_id), role=role, within=within)
    text = slack_text(body)
    if page.level.value != "primary":
        text += "\n" + slack_text(msg("page.escalation_note", level=msg("page.level.primary")))
    button = {"type": "button", "style": "primary", "action_id": ids.ACKNOWLEDGE, "value": str(page.id),
              "text": {"type": "plain_text", "text": plain(msg("page.acknowledge"))}}
    return {"text": slack_text(body), "blocks": [section(text), {"type": "actions", "block_id": f"page-{page.id}",
                                                            "elements": [button]}]}


def page_acknowledged(plan: CrisisPlan, page: Page, role: RoleAssignment) -> dict[str, Any]:
    done = msg("page.acknowledged", role=plan.role_name(page.role), user=User(role.acked_by),
               at=Time(role.acked_at))
    return {"text": slack_text(done), "blocks": [section(done)]}


# --- modals -----------------------------------------------------------------------------------

def open_modal(plan: CrisisPlan, metadata: dict[str, Any], *, title: str = "", description: str = "",
               severity: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """The open-crisis modal; a spike warning pre-fills it with its numbers."""
    severities = [option(s.key, plain(msg("severity.option", key=s.key, description=s.description)))
                  for s in plan.severities]
    kinds = [option(k, plain(_kind_label(k))) for k in plan.crisis_types]
    chosen_severity = next((o for o in severities if o["value"] == severity), severities[min(1, len(severities) - 1)])
    chosen_kind = next((o for o in kinds if o["value"] == kind), kinds[0])
    title_input: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.TITLE_INPUT, "max_length": 150}
    if title:
        title_input["initial_value"] = title[:150]
    description_input: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.DESCRIPTION_INPUT,
                                         "multiline": True, "max_length": 3000}
    if description:
        description_input["initial_value"] = description[:3000]
    return {
        "type": "modal", "callback_id": ids.OPEN_MODAL, "private_metadata": json.dumps(metadata),
        "title": plain_text(msg("modal.open.title")), "submit": plain_text(msg("modal.open.submit")),
        "close": plain_text(msg("modal.cancel")),
        "blocks": [
            input_block(ids.TITLE_BLOCK, msg("modal.field.title"), title_input, hint=msg("modal.field.title_hint")),
            input_block(ids.SEVERITY_BLOCK, msg("modal.field.severity"), {
                "type": "static_select", "action_id": ids.SEVERITY_INPUT, "options": severities,
                "initial_option": chosen_severity}),
            input_block(ids.KIND_BLOCK, msg("modal.field.kind"), {
                "type": "static_select", "action_id": ids.KIND_INPUT, "options": kinds, "initial_option": chosen_kind}),
            input_block(ids.DESCRIPTION_BLOCK, msg("modal.field.description"), description_input, optional=True),
            input_block(ids.LINK_BLOCK, msg("modal.field.link"), {
                "type": "url_text_input", "action_id": ids.LINK_INPUT}, optional=True),
        ],
    }


def reason_modal(metadata: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "modal", "callback_id": ids.FALSE_ALARM_MODAL, "private_metadata": json.dumps(metadata),
        "title": plain_text(msg("modal.false_alarm.title")), "submit": plain_text(msg("modal.false_alarm.submit")),
        "close": plain_text(msg("modal.cancel")),
        "blocks": [input_block(ids.REASON_BLOCK, msg("modal.field.reason"), {
            "type": "plain_text_input", "action_id": ids.REASON_INPUT, "multiline": True, "max_length": 1000},
            hint=msg("modal.field.reason_hint"))],
    }


def close_modal(crisis: Crisis, metadata: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "modal", "callback_id": ids.CLOSE_MODAL, "private_metadata": json.dumps(metadata),
        "title": plain_text(msg("modal.close.title")), "submit": plain_text(msg("modal.close.submit")),
        "close": plain_text(msg("modal.cancel")),
        "blocks": [
            section(msg("modal.close.intro", title=crisis.title)),
            input_block(ids.RESOLUTION_BLOCK, msg("modal.field.resolution"), {
                "type": "plain_text_input", "action_id": ids.RESOLUTION_INPUT, "multiline": True,
                "max_length": 3000}),
        ],
    }


def input_block(block_id: str, label: Msg, element: dict[str, Any], optional: bool = False,
           hint: Msg | None = None) -> dict[str, Any]:
    block = {"type": "input", "block_id": block_id, "label": plain_text(label), "element": element,
             "optional": optional}
    if hint:
        block["hint"] = plain_text(hint)
    return block


def option(value: str, text: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": _cut(text, 75)}, "value": value}


def plain_text(message: Msg) -> dict[str, str]:
    return {"type": "plain_text", "text": plain(message)}


# --- timeline ---------------------------------------------------------------------------------

def timeline_blocks(crisis: Crisis, events: Sequence[TimelineEvent], plan: CrisisPlan) -> list[dict[str, Any]]:
    """The newest entries that fit one message, oldest first, with a note of how many were left out."""
    if not events:
        return [section(msg("timeline.empty"))]
    lines = [slack_text(msg("timeline.line", at=Time(e.at), text=describe(e, plan))) for e in events]
    chunks: list[list[str]] = [[]]
    for line in reversed(lines):
        line = _cut(line, SECTION_LIMIT)
        if sum(len(x) + 1 for x in chunks[-1]) + len(line) > SECTION_LIMIT:
            if len(chunks) == MAX_MESSAGE_BLOCKS - 2:
                break
            chunks.append([])
        chunks[-1].insert(0, line)
    shown = sum(len(c) for c in chunks)
    blocks = [section(msg("timeline.header", title=crisis.title))]
    if shown < len(lines):
        blocks.append(section(msg("timeline.more", n=len(lines) - shown)))
    blocks.extend(section("\n".join(c)) for c in reversed(chunks))
    return blocks


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
