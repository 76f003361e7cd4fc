"""What the fake Teams holds: the tenant's users, the app's granted permissions, conversations with the bot's
activities in them, injected faults and the transcript of what people would have seen."""
from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

Answer = tuple[int, dict[str, Any]]


class GraphError(Exception):
    """A Graph refusal: status and {"error": {"code", "message", "innerError"}}."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": str(self), "innerError": {"request-id": uuid.uuid4().hex}}}


class ConnectorError(GraphError):
    """A Bot Connector refusal: status and its ErrorResponse {"error": {"code", "message"}}."""

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": str(self)}}


@dataclass
class Conversation:
    id: str
    name: str
    kind: str
    """personal, groupChat or channel."""
    bot_present: bool
    private: bool = False
    members: set[str] = field(default_factory=set)
    activities: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The bot's activities by id, as last sent or updated."""


@dataclass
class Fault:
    method: str
    path_prefix: str
    status: int
    retry_after: int | None
    times: int


@dataclass
class TeamsState:
    app_id: str
    tenant_id: str
    granted: set[str]
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    conversations: dict[str, Conversation] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    calls: list[tuple[str, str, int]] = field(default_factory=list)
    """(method, path, status) of every call the bot made."""
    transcript: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    """(where, who, lines): what people saw, in order."""
    files: dict[str, tuple[str, str, bytes, str]] = field(default_factory=dict)
    """Files uploaded to channels' SharePoint folders by item id: (channel id, name, bytes, content type)."""
    lock: threading.RLock = field(default_factory=threading.RLock)

    def add_user(self, email: str, name: str, *, licensed: bool = True, app_installed: bool = False) -> str:
        object_id = str(uuid.uuid4())
        self.users[object_id] = {"id": object_id, "displayName": name, "mail": email, "userPrincipalName": email,
                                 "licensed": licensed, "app_installed": app_installed, "accountEnabled": True}
        return object_id

    def user(self, ref: str) -> dict[str, Any] | None:
        ref = ref.removeprefix("8:orgid:")
        return self.users.get(ref) or next(
            (u for u in self.users.values() if ref.lower() in (u["mail"].lower(), u["userPrincipalName"].lower())),
            None)

    def add_conversation(self, conversation_id: str, name: str, kind: str, *, bot_present: bool,
                         private: bool = False) -> Conversation:
        conversation = Conversation(conversation_id, name, kind, bot_present, private)
        self.conversations[conversation_id] = conversation
        return conversation

    def conversation(self, conversation_id: str) -> Conversation:
        found = self.conversations.get(conversation_id)
        if found is None:
            raise ConnectorError(404, "ConversationNotFound", "Conversation not found.")
        return found

    def fail(self, method: str, path_prefix: str, status: int, *, retry_after: int | None = None,
             times: int = 1) -> None:
        """The next `times` calls of `method` to a path starting with `path_prefix` are answered `status`."""
        self.faults.append(Fault(method, path_prefix, status, retry_after, times))

    def draw_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.method == method and path.startswith(fault.path_prefix) and fault.times > 0:
                fault.times -= 1
                return fault
        return None

    def personal_chat(self, user_id: str) -> Conversation:
        """The bot's 1:1 chat with a user (made once, as Teams keeps one per user and bot)."""
        conversation_id = f"a:personal-{user_id}"
        found = self.conversations.get(conversation_id)
        if found is None:
            found = self.add_conversation(conversation_id, self.users[user_id]["displayName"], "personal",
                                          bot_present=True)
            found.members.add(user_id)
        return found
