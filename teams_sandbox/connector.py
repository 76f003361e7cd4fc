"""The fake Bot Connector's conversation endpoints (v3): create a conversation, send an activity, update one."""
from __future__ import annotations

import uuid
from typing import Any

from teams_sandbox.cards import activity_lines
from teams_sandbox.state import Answer, ConnectorError, TeamsState

MAX_ACTIVITY_BYTES = 28 * 1024
"""Teams refuses a message over about 28 KB (413 MessageSizeTooBig)."""


def handle(state: TeamsState, method: str, parts: list[str], body: dict[str, Any], size: int) -> Answer:
    """`parts`: the path after /v3, split on '/'."""
    match method, parts:
        case "POST", ["conversations"]:
            return 201, _create(state, body)
        case "POST", ["conversations", conversation_id, "activities"]:
            return 201, {"id": _send(state, conversation_id, body, size)}
        case "PUT", ["conversations", conversation_id, "activities", activity_id]:
            _update(state, conversation_id, activity_id, body, size)
            return 200, {"id": activity_id}
    raise ConnectorError(404, "NotFound", f"No route for {method} /v3/{'/'.join(parts)}")


def _create(state: TeamsState, body: dict[str, Any]) -> dict[str, Any]:
    """A 1:1 conversation with one member: Teams answers only when the bot is installed for that person."""
    members = body.get("members") or []
    if body.get("isGroup") or len(members) != 1:
        raise ConnectorError(400, "BadSyntax", "Incorrect conversation creation parameters")
    user = state.user(str(members[0].get("id") or members[0].get("aadObjectId") or ""))
    if user is None or not user["licensed"]:
        raise ConnectorError(404, "NotFound", "User not found.")
    if not user["app_installed"]:
        raise ConnectorError(403, "Forbidden", "The bot is not part of the conversation roster.")
    conversation = state.personal_chat(user["id"])
    activity = body.get("activity")
    if activity:
        return {"id": conversation.id, "activityId": _send(state, conversation.id, activity, 0)}
    return {"id": conversation.id}


def _send(state: TeamsState, conversation_id: str, activity: dict[str, Any], size: int) -> str:
    conversation = _reachable(state, conversation_id, size)
    activity_id = f"1{uuid.uuid4().int % 10**12:012d}"
    conversation.activities[activity_id] = activity
    state.transcript.append((where(conversation), "crisisbot", activity_lines(activity)))
    return activity_id


def _update(state: TeamsState, conversation_id: str, activity_id: str, activity: dict[str, Any], size: int) -> None:
    conversation = _reachable(state, conversation_id, size)
    if activity_id not in conversation.activities:
        raise ConnectorError(404, "ActivityNotFoundInConversation", "The activity was not found in the conversation.")
    conversation.activities[activity_id] = activity
    state.transcript.append((where(conversation), "crisisbot (edited)", activity_lines(activity)))


def _reachable(state: TeamsState, conversation_id: str, size: int):
    conversation = state.conversation(conversation_id)
    if not conversation.bot_present:
        raise ConnectorError(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.")
    if size > MAX_ACTIVITY_BYTES:
        raise ConnectorError(413, "MessageSizeTooBig", "Message size too large.")
    return conversation


def where(conversation) -> str:
    """How the transcript names a conversation: "chat with <person>", "group chat <topic>", "channel <name>"."""
    return {"personal": "chat with", "groupChat": "group chat", "channel": "channel"}[conversation.kind] + \
        f" {conversation.name}"
