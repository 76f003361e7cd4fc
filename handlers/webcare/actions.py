"""Webcare in Slack: `/crisis reply <url>` and Reply under a spike warning's example open the reply form (checked
first: platform, post, do not engage); its submission records the reply (kept); Approve / Reject on its card;
`/crisis donotengage [undo] <account>` (kept) and the list."""
from __future__ import annotations

import json
import re
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.webcare import services
from crisis.webcare.model import ReplyState
from handlers import ids
from handlers.block_kit import BUTTON_LIMIT, cut, escape, input_block, modal, section
from handlers.errors import acked
from handlers.replies import metadata, reply
from handlers.room.actions import action_key
from handlers.room.views import view_value

_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
"""A link as Slack escapes it in a command's text: <url> or <url|label>."""
TEXT_MAX = 2_000
QUOTED = 600


def register(app: App) -> None:
    app.action(ids.REPLY_MENTION)(acked(reply_button))
    app.action(ids.APPROVE_REPLY)(acked(approve, kept=True))
    app.action(ids.REJECT_REPLY)(acked(reject, kept=True))
    app.view(ids.REPLY_MODAL)(acked(reply_submitted, kept=True))


def ask(body: dict[str, Any], text: str, client: WebClient, ports: Ports) -> None:
    """`/crisis reply <url>`: the form, once the post is read and its author may be engaged."""
    url = text.strip()
    link = _SLACK_LINK.match(url)
    _open_form(body, body["channel_id"], link.group(1) if link else url, body["user_id"], client, ports)


def reply_button(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """Reply under an example mention of a spike warning (the button's value is the mention's link)."""
    channel = (body.get("channel") or body.get("container") or {}).get("id") or \
        (body.get("container") or {}).get("channel_id", "")
    _open_form(body, channel, str(action.get("value") or ""), body["user"]["id"], client, ports)


def _open_form(body: dict[str, Any], channel: str, url: str, user: str, client: WebClient, ports: Ports) -> None:
    form = services.reply_form(channel, url, user=user, ports=ports)
    meta = {"channel": channel, "url": form.url, "response_url": body.get("response_url")}
    options = [{"text": {"type": "plain_text", "text": cut(line.name, BUTTON_LIMIT)}, "value": line.key}
               for line in form.lines]
    quoted = "\n".join("> " + line for line in escape(form.post.text[:QUOTED]).splitlines() or [""])
    blocks = [
        section(msg("reply.modal_post", author=form.post.author, account=form.account)),
        {"type": "section", "text": {"type": "mrkdwn", "text": quoted}},
        section(msg("reply.modal_approval" if form.needs_approval else "reply.modal_direct")),
        input_block(ids.REPLY_LINE_BLOCK, msg("reply.field_line"), {
            "type": "static_select", "action_id": ids.REPLY_LINE_INPUT, "options": options,
            "initial_option": options[0]}),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": f"*{escape(line.name)}*: {escape(line.text)}"}
                                         for line in form.lines[:10]]},
        input_block(ids.REPLY_TEXT_BLOCK, msg("reply.field_text"), {
            "type": "plain_text_input", "action_id": ids.REPLY_TEXT_INPUT, "multiline": True,
            "max_length": TEXT_MAX}, optional=True, hint=msg("reply.field_text_hint"))]
    client.views_open(trigger_id=body["trigger_id"], view=modal(
        ids.REPLY_MODAL, msg("reply.modal_title"), json.dumps(meta), blocks, close=msg("modal.cancel"),
        submit=msg("reply.modal_submit")))


def reply_submitted(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    meta = metadata(body)
    if not meta.get("channel") or not meta.get("url"):
        raise BadInput("error.reply_usage")
    made = services.request_reply(
        str(meta["channel"]), str(meta["url"]), view_value(body, ids.REPLY_LINE_BLOCK, ids.REPLY_LINE_INPUT),
        view_value(body, ids.REPLY_TEXT_BLOCK, ids.REPLY_TEXT_INPUT), user=body["user"]["id"],
        request_key=f"view:{body['view']['id']}", ports=ports)
    if made is not None:
        key = "notice.reply_requested" if made.state is ReplyState.PENDING else "notice.reply_sending"
        reply(body, client, msg(key, id=made.id))


def approve(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    result = services.decide(_reply_of(action), approve=True, user=body["user"]["id"],
                             request_key=action_key(body, action), ports=ports)
    if result is not None:
        key = "notice.reply_approved" if result.approval is not None else "notice.reply_already_approved"
        reply(body, client, msg(key, id=_reply_of(action)))


def reject(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    if services.decide(_reply_of(action), approve=False, user=body["user"]["id"],
                       request_key=action_key(body, action), ports=ports) is not None:
        reply(body, client, msg("notice.reply_rejected", id=_reply_of(action)))


def do_not_engage(body: dict[str, Any], text: str, request_key: str, client: WebClient, ports: Ports) -> None:
    """`/crisis donotengage` (the list), `/crisis donotengage <account>`, `/crisis donotengage undo <account>`."""
    words = text.split()
    if not words:
        accounts = services.marked(ports=ports)
        reply(body, client, msg("notice.donotengage_list", accounts=", ".join(accounts) or msg("word.none")))
        return
    undo = words[0].lower() == "undo"
    if len(words) != (2 if undo else 1):
        raise BadInput("error.donotengage_usage")
    account = words[-1]
    done = services.mark(body["channel_id"], account, undo=undo, user=body["user_id"], request_key=request_key,
                         ports=ports)
    key = ("notice.engage_again" if done else "notice.engage_not_marked") if undo else \
        ("notice.donotengage" if done else "notice.donotengage_already")
    reply(body, client, msg(key, account=account.strip().lstrip("@").lower()))


def _reply_of(action: dict[str, Any]) -> int:
    number = ids.number(action.get("value"))
    if number is None:
        raise BadInput("error.unknown_reply")
    return number

