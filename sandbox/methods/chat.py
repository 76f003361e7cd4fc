"""Web API methods on messages: chat.* (post, update, ephemeral, permalink, scheduling), pins, reactions, bookmarks."""

from __future__ import annotations

import re
from typing import Any

from crisis.i18n import msg
from sandbox.blockkit import render_message
from sandbox.transcript import said
from sandbox.workspace import Conversation, SlackError, Workspace, message_content, paginate

MESSAGE_TS = re.compile(r"\d+\.\d+")
EMOJI_NAME = re.compile(r"[a-z0-9_+'-]+")
MAX_SCHEDULE_AHEAD = 120 * 24 * 3600


def _destination(ws: Workspace, ref: Any) -> Conversation:
    """Where a message goes: a conversation id or name, or a user id (the bot's DM with that person).

    As on Slack, a DM to a deactivated person still succeeds; a person the bot may not DM is not found.
    """
    user = ws.users.get(str(ref or ""))
    if user is not None and not user.is_bot:
        if not user.can_dm:
            raise SlackError("channel_not_found")
        return ws.open_dm(user.id)
    conv = ws.visible_conversation(ref)
    ws.require_active(conv)
    ws.require_member(conv)
    return conv


def _message(ws: Workspace, conv: Conversation, ts: Any) -> dict[str, Any]:
    message = ws.find_message(conv, ts)
    if message is None:
        raise SlackError("message_not_found")
    return message


def _first_line(message: dict[str, Any]) -> str:
    return render_message(message)[0]


def post_message(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = _destination(ws, args["channel"])
    content = message_content(args)
    message = ws.post(conv, ws.bot_user_id, content, thread_ts=args.get("thread_ts") or None)
    return {"channel": conv.id, "ts": message["ts"], "message": message}


def update(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """Replaces the fields given; as on Slack, blocks or attachments left out are kept, an empty list removes them."""
    conv = ws.visible_conversation(args["channel"])
    message = _message(ws, conv, args["ts"])
    if message["user"] != ws.bot_user_id:
        raise SlackError("cant_update_message")
    content = message_content(args, required=False)
    before = render_message(message)
    for key in ("text", "blocks", "attachments"):
        if key in content:
            message[key] = content[key]
        elif args.get(key) == []:
            message.pop(key, None)
    message["edited"] = {"user": ws.bot_user_id, "ts": ws.next_ts()}
    ws.log_edit(ws.where(conv), before, message)
    return {"channel": conv.id, "ts": message["ts"], "text": message["text"], "message": message}


def delete(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """Removes the bot's own message (another's is cant_delete_message; one gone already message_not_found)."""
    conv = ws.visible_conversation(args["channel"])
    message = _message(ws, conv, args["ts"])
    if message["user"] != ws.bot_user_id:
        raise SlackError("cant_delete_message")
    conv.messages.remove(message)
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id), [said(msg("demo.log.deleted", line=_first_line(message)))])
    return {"channel": conv.id, "ts": message["ts"]}


def post_ephemeral(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = ws.visible_conversation(args["channel"])
    ws.require_active(conv)
    ws.require_member(conv)
    user_id = str(args["user"])
    if user_id not in conv.members:
        raise SlackError("user_not_in_channel")
    content = message_content(args)
    ts = ws.next_ts()
    ws.ephemerals.append({"channel": conv.id, "user": user_id, "ts": ts, "source": "chat.postEphemeral", **content})
    ws.log(said(msg("demo.log.only_to", user=ws.mention(user_id), place=ws.where(conv))), ws.mention(ws.bot_user_id),
           render_message(content))
    return {"message_ts": ts}


def get_permalink(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = ws.visible_conversation(args["channel"])
    message = _message(ws, conv, args["message_ts"])
    link = f"{ws.base_url}archives/{conv.id}/p{message['ts'].replace('.', '')}"
    if message.get("thread_ts", message["ts"]) != message["ts"]:
        link += f"?thread_ts={message['thread_ts']}&cid={conv.id}"
    return {"channel": conv.id, "permalink": link}


def schedule_message(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = _destination(ws, args["channel"])
    content = message_content(args)
    try:
        post_at = int(float(args["post_at"]))
    except ValueError:
        raise SlackError("invalid_time") from None
    now = ws.now()
    if post_at < now:
        raise SlackError("time_in_past")
    if post_at > now + MAX_SCHEDULE_AHEAD:
        raise SlackError("time_too_far")
    sid = ws.new_id("Q")
    ws.scheduled[sid] = {"id": sid, "channel_id": conv.id, "post_at": post_at, "date_created": int(now),
                         "author": ws.bot_user_id, "content": content, "thread_ts": args.get("thread_ts") or None}
    message = {"type": "delayed_message", "user": ws.bot_user_id, "bot_id": ws.bot_id, "team": ws.team_id, **content}
    return {"channel": conv.id, "scheduled_message_id": sid, "post_at": post_at, "message": message}


def _bound(args: dict[str, Any], name: str, default: float) -> float:
    try:
        return float(args.get(name) or default)
    except ValueError:
        raise SlackError("invalid_arguments") from None


def scheduled_messages_list(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """The calling app's own pending scheduled messages (Slack never shows an app those of other authors)."""
    channel_id = None
    if args.get("channel"):
        conv = ws.find_conversation(str(args["channel"]))
        if conv is None:
            raise SlackError("invalid_channel")
        channel_id = conv.id
    oldest, latest = _bound(args, "oldest", 0), _bound(args, "latest", float("inf"))
    found = sorted(
        (item for item in ws.scheduled.values()
         if item["author"] == ws.bot_user_id and channel_id in (None, item["channel_id"])
         and oldest <= item["post_at"] <= latest),
        key=lambda item: item["post_at"],
    )
    listed = [{"id": i["id"], "channel_id": i["channel_id"], "post_at": i["post_at"],
               "date_created": i["date_created"], "text": i["content"].get("text", "")} for i in found]
    page, metadata = paginate(listed, args)
    return {"scheduled_messages": page, "response_metadata": metadata}


def delete_scheduled_message(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = ws.visible_conversation(args["channel"])
    item = ws.scheduled.get(str(args["scheduled_message_id"]))
    if item is None or item["channel_id"] != conv.id or item["author"] != ws.bot_user_id:
        raise SlackError("invalid_scheduled_message_id")
    del ws.scheduled[item["id"]]
    return {}


def pins_add(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = ws.visible_conversation(args["channel"])
    ws.require_member(conv)
    if not MESSAGE_TS.fullmatch(str(args["timestamp"])):
        raise SlackError("bad_timestamp")
    message = _message(ws, conv, args["timestamp"])
    if message["ts"] in conv.pins:
        raise SlackError("already_pinned")
    conv.pins.append(message["ts"])
    message["pinned_to"] = [conv.id]
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id), [said(msg("demo.log.pinned", line=_first_line(message)))])
    return {}


def reactions_add(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = ws.visible_conversation(args["channel"])
    ws.require_active(conv)
    name = str(args["name"])
    if not EMOJI_NAME.fullmatch(name):
        raise SlackError("invalid_name")
    message = _message(ws, conv, args["timestamp"])
    reactions = message.setdefault("reactions", [])
    reaction = next((r for r in reactions if r["name"] == name), None)
    if reaction is None:
        reaction = {"name": name, "users": [], "count": 0}
        reactions.append(reaction)
    if ws.bot_user_id in reaction["users"]:
        raise SlackError("already_reacted")
    reaction["users"].append(ws.bot_user_id)
    reaction["count"] += 1
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id),
           [said(msg("demo.log.reacted", name=name, line=_first_line(message)))])
    return {}


def bookmarks_add(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = ws.visible_conversation(args["channel_id"])
    if args["type"] != "link":
        raise SlackError("invalid_bookmark_type")
    link = str(args.get("link") or "")
    if not link.startswith(("http://", "https://")):
        raise SlackError("invalid_link")
    now = int(ws.now())
    bookmark = {"id": ws.new_id("Bk"), "channel_id": conv.id, "title": str(args["title"]), "link": link,
                "emoji": args.get("emoji"), "icon_url": None, "type": "link", "entity_id": None,
                "date_created": now, "date_updated": now, "rank": "U", "last_updated_by_user_id": ws.bot_user_id,
                "last_updated_by_team_id": ws.team_id, "shortcut_id": None, "app_id": ws.app_id}
    conv.bookmarks.append(bookmark)
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id),
           [said(msg("demo.log.bookmarked", title=bookmark["title"], link=link))])
    return {"bookmark": bookmark}


METHODS = {
    "chat.postMessage": post_message,
    "chat.update": update,
    "chat.delete": delete,
    "chat.postEphemeral": post_ephemeral,
    "chat.getPermalink": get_permalink,
    "chat.scheduleMessage": schedule_message,
    "chat.scheduledMessages.list": scheduled_messages_list,
    "chat.deleteScheduledMessage": delete_scheduled_message,
    "pins.add": pins_add,
    "reactions.add": reactions_add,
    "bookmarks.add": bookmarks_add,
}
