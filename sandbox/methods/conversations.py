"""Web API conversations.* methods: channels and DMs, their members, topic, purpose and archiving."""

from __future__ import annotations

import re
from typing import Any

from crisis.i18n import msg
from sandbox.arguments import flag, split_ids
from sandbox.transcript import said
from sandbox.workspace import Conversation, SlackError, Workspace, paginate

CHANNEL_NAME = re.compile(r"[a-z0-9_-]+")
MAX_NAME_CHARS = 80
MAX_TOPIC_CHARS = 250
CONVERSATION_TYPES = ("public_channel", "private_channel", "mpim", "im")
MAX_HISTORY_LIMIT = 999


def _info(ws: Workspace, conv: Conversation, **options: bool) -> dict[str, Any]:
    return {"channel": conv.to_api(ws.bot_user_id, **options)}


def _channel_not_dm(ws: Workspace, ref: Any) -> Conversation:
    conv = ws.visible_conversation(ref)
    if conv.is_im:
        raise SlackError("method_not_supported_for_channel_type")
    return conv


def check_channel_name(name: str) -> None:
    """Slack's channel name rules: lowercase letters, digits, `-` and `_`, at most 80 characters."""
    if not name:
        raise SlackError("invalid_name_required")
    if len(name) > MAX_NAME_CHARS:
        raise SlackError("invalid_name_maxlength")
    if not CHANNEL_NAME.fullmatch(name):
        raise SlackError("invalid_name_specials")
    if not re.search(r"[a-z0-9]", name):
        raise SlackError("invalid_name_punctuation")


def create(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    name = str(args["name"])
    check_channel_name(name)
    if any(c.name == name for c in ws.conversations.values()):  # archived channels keep their names
        raise SlackError("name_taken")
    conv = Conversation(ws.new_id("C"), name, int(ws.now()), ws.bot_user_id,
                        is_private=flag(args.get("is_private")), members=[ws.bot_user_id])
    ws.conversations[conv.id] = conv
    created = msg("demo.log.created_private_channel") if conv.is_private else msg("demo.log.created_channel")
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id), [said(created)])
    return _info(ws, conv)


def info(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    return _info(ws, ws.visible_conversation(args["channel"]), num_members=flag(args.get("include_num_members")))


def _set_text(ws: Workspace, args: dict[str, Any], field: str) -> dict[str, Any]:
    conv = _channel_not_dm(ws, args["channel"])
    ws.require_active(conv)
    ws.require_member(conv)
    value = str(args[field])
    if len(value) > MAX_TOPIC_CHARS:
        raise SlackError("too_long")
    setattr(conv, field, value)
    changed = msg("demo.log.set_topic", value=value) if field == "topic" else msg("demo.log.set_purpose", value=value)
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id), [said(changed)])
    return _info(ws, conv)


def set_topic(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    return _set_text(ws, args, "topic")


def set_purpose(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    return _set_text(ws, args, "purpose")


def _invite_error(ws: Workspace, conv: Conversation, user_id: str) -> str | None:
    user = ws.users.get(user_id)
    if user is None:
        return "user_not_found"
    if user_id == ws.bot_user_id:
        return "cant_invite_self"
    if user.deleted:
        return "cant_invite"  # a deactivated account; Slack documents no more specific error
    if user_id in conv.members:
        return "already_in_channel"
    return None


def invite(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """Slack fails the whole call when any user fails, unless force=true; `errors` lists the users that failed."""
    conv = _channel_not_dm(ws, args["channel"])
    ws.require_active(conv)
    ws.require_member(conv)
    user_ids = split_ids(args["users"])
    if not user_ids:
        raise SlackError("no_user")
    verdicts = {user_id: _invite_error(ws, conv, user_id) for user_id in user_ids}
    errors = [{"user": u, "ok": False, "error": e} for u, e in verdicts.items() if e]
    invited = [u for u, e in verdicts.items() if e is None]
    if errors and (not flag(args.get("force")) or not invited):
        raise SlackError(errors[0]["error"], errors=errors)
    conv.members.extend(invited)
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id),
           [said(msg("demo.log.added", people=", ".join(ws.mention(u) for u in invited)))])
    return {**_info(ws, conv), **({"errors": errors} if errors else {})}


def join(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = _channel_not_dm(ws, args["channel"])
    ws.require_active(conv)
    if ws.bot_user_id in conv.members:
        return {**_info(ws, conv), "warning": "already_in_channel",
                "response_metadata": {"warnings": ["already_in_channel"]}}
    conv.members.append(ws.bot_user_id)
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id), [said(msg("demo.log.joined"))])
    return _info(ws, conv)


def members(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    page, metadata = paginate(ws.visible_conversation(args["channel"]).members, args)
    return {"members": page, "response_metadata": metadata}


def open_dm(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """Opens the bot's DM with one person. The sandbox has no group DMs: several users are refused."""
    if args.get("channel"):
        conv = ws.find_conversation(str(args["channel"]))
        if conv is None or not conv.is_im:
            raise SlackError("channel_not_found")
        return {"channel": conv.to_api(ws.bot_user_id) if flag(args.get("return_im")) else {"id": conv.id}}
    user_ids = split_ids(args.get("users"))
    if len(user_ids) != 1:
        raise SlackError("method_not_supported_for_channel_type")
    user = ws.users.get(user_ids[0])
    if user is None:
        raise SlackError("user_not_found")
    if user.deleted:
        raise SlackError("user_disabled")
    if not user.can_dm:
        raise SlackError("user_not_visible")
    existing = ws.dm_with(user.id)
    if existing is None and flag(args.get("prevent_creation")):
        raise SlackError("channel_not_found")
    conv = existing or ws.open_dm(user.id)
    answer: dict[str, Any] = {"no_op": True, "already_open": True} if existing else {}
    answer["channel"] = conv.to_api(ws.bot_user_id) if flag(args.get("return_im")) else {"id": conv.id}
    return answer


def archive(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    conv = _channel_not_dm(ws, args["channel"])
    if conv.is_archived:
        raise SlackError("already_archived")
    ws.require_member(conv)
    conv.is_archived = True
    ws.log(ws.where(conv), ws.mention(ws.bot_user_id), [said(msg("demo.log.archived"))])
    return {}


def _kind(conv: Conversation) -> str:
    return "im" if conv.is_im else "private_channel" if conv.is_private else "public_channel"


def list_conversations(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    types = split_ids(args.get("types") or "public_channel")
    if any(t not in CONVERSATION_TYPES for t in types):
        raise SlackError("invalid_types")
    found = [
        c for c in ws.conversations.values()
        if _kind(c) in types
        and not (c.is_private and ws.bot_user_id not in c.members)
        and not (c.is_archived and flag(args.get("exclude_archived")))
    ]
    page, metadata = paginate([c.to_api(ws.bot_user_id) for c in found], args)
    return {"channels": page, "response_metadata": metadata}


def _bound(value: Any, error: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SlackError(error) from None


def history(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """The conversation's messages, newest first, between `oldest` and `latest` (exclusive unless `inclusive`);
    thread replies are left out, and message metadata is shown only with `include_all_metadata`."""
    conv = ws.visible_conversation(args["channel"])
    ws.require_member(conv)
    oldest = _bound(args.get("oldest"), "invalid_ts_oldest")
    latest = _bound(args.get("latest"), "invalid_ts_latest")
    inclusive = flag(args.get("inclusive"))

    def within(ts: float) -> bool:
        after = oldest is None or ts > oldest or (inclusive and ts == oldest)
        return after and (latest is None or ts < latest or (inclusive and ts == latest))

    found = [m for m in reversed(conv.messages)
             if m.get("thread_ts", m["ts"]) == m["ts"] and within(float(m["ts"]))]
    if not flag(args.get("include_all_metadata")):
        found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
    limit = min(int(_bound(args.get("limit"), "invalid_limit") or 100), MAX_HISTORY_LIMIT)
    page, metadata = paginate(found, {**args, "limit": max(limit, 1)})
    answer = {"messages": page, "has_more": bool(metadata["next_cursor"]), "pin_count": len(conv.pins),
              "response_metadata": metadata}
    return {**answer, **({"latest": str(args["latest"])} if latest is not None else {})}


METHODS = {
    "conversations.create": create,
    "conversations.history": history,
    "conversations.info": info,
    "conversations.setTopic": set_topic,
    "conversations.setPurpose": set_purpose,
    "conversations.invite": invite,
    "conversations.join": join,
    "conversations.members": members,
    "conversations.open": open_dm,
    "conversations.archive": archive,
    "conversations.list": list_conversations,
}
