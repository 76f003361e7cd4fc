"""The fake Microsoft Graph: users, channels of a team, group chats, their members and app installations, each
call refused as Graph refuses it when the app lacks the application permission (403 with Graph's error shape)."""
from __future__ import annotations

import json
import uuid
from typing import Any

from teams_sandbox.state import Answer, GraphError, TeamsState

NEEDS = {
    "read_user": "User.Read.All",
    "create_channel": "Channel.Create",
    "add_channel_member": "ChannelMember.ReadWrite.All",
    "create_chat": "Chat.Create",
    "read_members": "ChannelMember.Read.All",
    "archive_channel": "Channel.ReadWrite.All",
    "add_chat_member": "ChatMember.ReadWrite.All",
    "install_for_user": "TeamsAppInstallation.ReadWriteForUser.All",
    "install_in_chat": "TeamsAppInstallation.ReadWriteForChat.All",
    "files": "Files.ReadWrite.All",
    "read_channel": "Channel.ReadBasic.All",
    "read_messages": "ChannelMessage.Read.All",
}
DRIVE = "b!sandbox-drive"
SHAREPOINT = "https://acme.sharepoint.example/sites/crisis/Shared%20Documents"


def handle(state: TeamsState, method: str, parts: list[str], body: dict[str, Any],
           select: tuple[str, ...] = ()) -> Answer:
    """`parts`: the path after /v1.0, split on '/'; `select`: the query's `$select` (a user's accountEnabled and
    userType come only when asked for, as Graph's)."""
    match method, parts:
        case "GET", ["users", ref]:
            return 200, _user_json(_user(state, "read_user", ref), select)
        case "POST", ["teams", team, "channels"]:
            return 201, _create_channel(state, team, body)
        case "POST", ["teams", _, "channels", channel, "members"]:
            return 201, _add_member(state, "add_channel_member", channel, body)
        case "GET", ["teams", _, "channels", channel, "members"] | ["chats", channel, "members"]:
            _allowed(state, "read_members")
            return 200, {"value": [{"userId": u} for u in sorted(state.conversation(channel).members)]}
        case "GET", ["teams", _, "channels", channel]:
            _allowed(state, "read_channel")
            conversation = _channel(state, channel)
            return 200, {"id": channel, "displayName": conversation.name,
                         "membershipType": "private" if conversation.private else "standard"}
        case "GET", ["teams", _, "channels", channel, "messages"]:
            _allowed(state, "read_messages")
            return 200, {"value": [_message(state, channel, i, a) for i, a in
                                   reversed(list(_channel(state, channel).activities.items()))][:50]}
        case "GET", ["teams", _, "channels", channel, "filesFolder"]:
            _allowed(state, "files")
            conversation = state.conversation(channel)
            if conversation.kind != "channel":
                raise GraphError(404, "NotFound", f"Channel {channel} not found.")
            return 200, {"id": f"folder-{channel}", "name": conversation.name, "parentReference": {"driveId": DRIVE},
                         "webUrl": f"{SHAREPOINT}/{conversation.name}"}
        case "POST", ["teams", _, "channels", channel, "archive"]:
            _allowed(state, "archive_channel")
            state.conversation(channel).bot_present = False
            return 202, {}
        case "POST", ["chats"]:
            return 201, _create_chat(state, body)
        case "POST", ["chats", chat, "members"]:
            return 201, _add_member(state, "add_chat_member", chat, body)
        case "POST", ["chats", chat, "installedApps"]:
            _allowed(state, "install_in_chat")
            state.conversation(chat).bot_present = True
            return 201, {}
        case "POST", ["users", ref, "teamwork", "installedApps"]:
            user = _user(state, "install_for_user", ref)
            user["app_installed"] = True
            return 201, {}
    raise GraphError(400, "BadRequest", f"Unsupported request: {method} /v1.0/{'/'.join(parts)}")


def _allowed(state: TeamsState, what: str) -> None:
    permission = NEEDS[what]
    if permission not in state.granted:
        roles = ", ".join(sorted(state.granted))
        raise GraphError(403, "Forbidden", f"Missing role permissions on the request. API requires one of "
                                           f"'{permission}'. Roles on the request '{roles}'.")


def _channel(state: TeamsState, channel_id: str):
    conversation = state.conversation(channel_id)
    if conversation.kind != "channel":
        raise GraphError(404, "NotFound", f"Channel {channel_id} not found.")
    return conversation


def _message(state: TeamsState, channel_id: str, activity_id: str, activity: dict[str, Any]) -> dict[str, Any]:
    """A bot's activity as Graph lists a channel message: card attachments' content as the card's JSON text."""
    attachments = [{"id": str(n), "contentType": a.get("contentType"), "content": json.dumps(a.get("content"))}
                   for n, a in enumerate(activity.get("attachments") or [])]
    return {"id": activity_id, "messageType": "message", "channelIdentity": {"channelId": channel_id},
            "from": {"application": {"id": state.app_id, "displayName": "crisisbot"}},
            "body": {"contentType": "html", "content": str(activity.get("text") or "")}, "attachments": attachments}


def _user(state: TeamsState, what: str, ref: str) -> dict[str, Any]:
    _allowed(state, what)
    user = state.user(ref)
    if user is None:
        raise GraphError(404, "Request_ResourceNotFound", f"Resource '{ref}' does not exist or one of its queried "
                                                          "reference-property objects are not present.")
    return user


def _user_json(user: dict[str, Any], select: tuple[str, ...] = ()) -> dict[str, Any]:
    full = {"accountEnabled": True, "userType": "Member", **user}
    return {key: full[key] for key in select or ("id", "displayName", "mail", "userPrincipalName") if key in full}


def _create_channel(state: TeamsState, team: str, body: dict[str, Any]) -> dict[str, Any]:
    _allowed(state, "create_channel")
    name = str(body.get("displayName") or "")
    if any(c.name == name and c.kind == "channel" for c in state.conversations.values()):
        raise GraphError(400, "NameAlreadyExists", "Channel name already existed, please use other name.")
    channel_id = f"19:{uuid.uuid4().hex}@thread.tacv2"
    kind = body.get("membershipType", "standard")
    state.add_conversation(channel_id, name, "channel", bot_present=True, private=kind == "private")
    return {"id": channel_id, "displayName": name, "membershipType": kind, "tenantId": state.tenant_id,
            "webUrl": f"https://teams.microsoft.com/l/channel/{channel_id}"}


def _create_chat(state: TeamsState, body: dict[str, Any]) -> dict[str, Any]:
    _allowed(state, "create_chat")
    chat_id = f"19:{uuid.uuid4().hex}@thread.v2"
    topic = str(body.get("topic") or "")
    conversation = state.add_conversation(chat_id, topic, "groupChat", bot_present=False)
    for member in body.get("members") or []:
        conversation.members.add(_bound_user(state, member))
    return {"id": chat_id, "topic": topic, "chatType": "group", "tenantId": state.tenant_id}


def _add_member(state: TeamsState, what: str, conversation_id: str, body: dict[str, Any]) -> dict[str, Any]:
    _allowed(state, what)
    conversation = state.conversation(conversation_id)
    user_id = _bound_user(state, body)
    conversation.members.add(user_id)
    return {"id": uuid.uuid4().hex, "userId": user_id}


def _bound_user(state: TeamsState, member: dict[str, Any]) -> str:
    """The user a member's `user@odata.bind` (https://graph.microsoft.com/v1.0/users('<id>')) names."""
    bind = str(member.get("user@odata.bind") or "")
    ref = bind.rpartition("users(")[2].strip("')")
    user = state.user(ref)
    if user is None:
        raise GraphError(404, "NotFound", f"User {ref} not found.")
    if not user["licensed"]:
        raise GraphError(400, "BadRequest", f"User {ref} is not licensed for Microsoft Teams.")
    return user["id"]


def upload(state: TeamsState, path: str, content: bytes, content_type: str) -> Answer:
    """PUT drives/{drive}/items/{folder}:/{name}:/content, as Graph's simple upload answers it (a driveItem)."""
    _allowed(state, "files")
    head, _, rest = path.partition(":/")
    name, _, tail = rest.partition(":/")
    folder = head.rpartition("/items/")[2]
    if not head.startswith(f"drives/{DRIVE}/items/folder-") or tail != "content" or not name:
        raise GraphError(400, "invalidRequest", f"Unsupported upload path: {path}")
    channel = folder.removeprefix("folder-")
    item = uuid.uuid4().hex
    state.files[item] = (channel, name, content, content_type)
    conversation = state.conversation(channel)
    return 201, {"id": item, "name": name, "size": len(content),
                 "webUrl": f"{SHAREPOINT}/{conversation.name}/{name}"}
