"""Slack's response_url: what an app POSTs there (ephemeral or in-channel replies, replacing or deleting originals)."""

from __future__ import annotations

import json
from typing import Any

from crisis.i18n import msg
from sandbox.blockkit import render_message
from sandbox.transcript import said
from sandbox.workspace import SlackError, Workspace, message_content


def issue(ws: Workspace, user_id: str | None, channel_id: str | None, message_ts: str | None) -> str:
    """A response URL for an interaction by `user_id` in `channel_id`, on the message `message_ts` if any."""
    key = ws.new_secret(24)
    ws.response_urls[key] = {"user": user_id, "channel": channel_id, "message_ts": message_ts}
    return f"{ws.base_url}response/{key}"


def _original(ws: Workspace, target: dict[str, Any]) -> dict[str, Any] | None:
    """The message the interaction came from: a channel message or an ephemeral one (which has a `source`)."""
    conv = ws.conversations.get(target["channel"] or "")
    if conv is not None and (message := ws.find_message(conv, target["message_ts"])) is not None:
        return message
    return next((e for e in ws.ephemerals if e["ts"] == target["message_ts"]), None)


def receive(ws: Workspace, key: str, body: bytes) -> tuple[int, str]:
    """What the response URL answers to a POST: (HTTP status, body text), applying the reply to the workspace."""
    target = ws.response_urls.get(key)
    if target is None:
        return 404, "no_service"
    try:
        reply = json.loads(body)
    except ValueError:
        return 400, "invalid_payload"
    if not isinstance(reply, dict):
        return 400, "invalid_payload"
    try:
        content = message_content(reply, required=not reply.get("delete_original"))
    except SlackError as refused:
        return 400, refused.error
    user, conv = target["user"], ws.conversations.get(target["channel"] or "")
    ws.responses.append({"url": f"{ws.base_url}response/{key}", "at": ws.now(), **target, "body": reply})
    place = ws.where(conv) if conv else "Slack"
    bot = ws.mention(ws.bot_user_id)
    original = _original(ws, target) if target["message_ts"] else None
    if reply.get("delete_original"):
        if original is not None:
            (ws.ephemerals if "source" in original else conv.messages).remove(original)  # type: ignore[union-attr]
            ws.log(place, bot, [said(msg("demo.log.deleted", line=render_message(original)[0]))])
    elif original is not None and reply.get("replace_original"):
        before = render_message(original)
        for field in ("text", "blocks", "attachments"):
            original.pop(field, None)
        original.update(content)
        seen_by = said(msg("demo.log.only_to", user=ws.mention(user), place=place)) if "source" in original else place
        ws.log_edit(seen_by, before, original, replaced=True)
    elif reply.get("response_type") == "in_channel" and conv is not None:
        ws.post(conv, ws.bot_user_id, content, thread_ts=reply.get("thread_ts"))
    else:
        ws.ephemerals.append({"channel": target["channel"], "user": user, "ts": ws.next_ts(),
                              "source": "response_url", **content})
        ws.log(said(msg("demo.log.only_to", user=ws.mention(user), place=place)), bot, render_message(content))
    return 200, "ok"
