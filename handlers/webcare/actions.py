"""Webcare in Slack: `/crisis reply <url>` and Reply under a spike warning's example open the reply form (checked
first: platform, post, do not engage); its submission records the reply (kept); Approve / Reject on its card;
`/crisis donotengage [undo] <account>` (kept) and the list."""
from __future__ import annotations

import json
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.webcare import services
from crisis.webcare.model import ReplyState
from handlers import ids
from handlers.block_kit import BUTTON_LIMIT, SECTION_LIMIT, cut, escape, input_block, modal, section
from handlers.errors import acked
from handlers.post_actions import decide, typed_link
from handlers.replies import metadata, reply
from handlers.room.views import view_value
TEXT_MAX = 2_000


def register(app: App) -> None:
    app.action(ids.REPLY_MENTION)(acked(reply_button))
    app.action(ids.APPROVE_REPLY)(acked(approve, kept=True))
    app.action(ids.REJECT_REPLY)(acked(reject, kept=True))
    app.view(ids.REPLY_MODAL)(acked(reply_submitted, kept=True))


def ask(body: dict[str, Any], text: str, client: WebClient, ports: Ports) -> None:
    """`/crisis reply <url>`: the form, once the post is read and its author may be engaged."""
    _open_form(body, body["channel_id"], typed_link(text), body["user_id"], client, ports)


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
    # escaped, then cut: escaping can make the text five times as long
    quoted = cut("\n".join("> " + line for line in escape(form.post.text).splitlines() or [""]), SECTION_LIMIT)
    blocks = [
        section(msg("reply.modal_post", author=form.post.author, account=form.account)),
        {"type": "section", "text": {"type": "mrkdwn", "text": quoted}},
        section(form.what_happens),
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
    decide(body, action, client, ports, use_case=services.decide, noun="reply", approve=True)


def reject(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    decide(body, action, client, ports, use_case=services.decide, noun="reply", approve=False)


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
