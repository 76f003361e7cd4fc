"""Crisis rooms on Teams through Microsoft Graph: a channel in the plan's team (private where the crisis is),
or, where the app lacks Channel.Create (or no team is configured), a group chat with the app installed in it,
whose first message names the missing permission. People: resolved by email (only a strict address goes into a Graph
URL, percent-encoded), named by their display name, and told apart from disabled accounts."""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from crisis.errors import ChannelNameTaken, ChatFailure
from crisis.i18n import msg
from crisis.room.model import ChannelRef, InviteFailure
from teams.client import TeamsClient
from teams.conversations import OBJECT_ID, Conversations

log = logging.getLogger(__name__)

REFUSED = ("Forbidden", "Authorization_RequestDenied")
"""Graph's codes for a call the app has no permission (or no consent) for."""
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
"""An address as people type it (no `/`, `?`, `#` or `..` path: it becomes part of a Graph URL)."""


class Rooms:
    def __init__(self, client: TeamsClient, conversations: Conversations, team_id: str | None) -> None:
        self.client, self.conversations, self.team_id = client, conversations, team_id
        self._people: dict[str, str | None] = {}
        self._names: dict[str, str] = {}
        self._lock = threading.Lock()
        self.fallback_notes: dict[str, object] = {}
        """Rooms made as group chats, with the note that says why (posted by the chat before the card)."""

    def resolve_user(self, ref: str) -> str | None:
        """The object id of the person an email (or object id) names; None for anything else."""
        if OBJECT_ID.match(ref):
            return ref
        if not EMAIL.fullmatch(ref):
            return None
        with self._lock:
            if ref in self._people:
                return self._people[ref]
        try:
            user = self.client.graph("GET", f"users/{quote(ref, safe='@')}")
        except ChatFailure as failure:
            if not failure.permanent:
                log.warning("looking up %s failed (%s)", ref, failure.reason)
                return None
            log.warning("plan names %s, but Teams has no such user (%s)", ref, failure.reason)
            user = None
        found = user["id"] if user else None
        with self._lock:
            self._people[ref] = found
            if user:
                self._names[found] = user.get("displayName") or ref
        return found

    def is_person(self, user_id: str) -> bool | None:
        """The People capability: False for an id Graph does not know or a disabled account, None when Graph does
        not answer now (guests count: they can hold a role)."""
        if not OBJECT_ID.match(user_id):
            return False
        try:
            user = self.client.graph("GET", f"users/{user_id}?$select=id,accountEnabled,userType")
        except ChatFailure as failure:
            if failure.permanent:
                return False
            log.info("cannot tell whether %s is a person: %s", user_id, failure.reason)
            return None
        return user.get("id") == user_id and user.get("accountEnabled") is not False

    def create(self, name: str, *, private: bool) -> ChannelRef:
        if not self.team_id:
            return self._group_chat(name, msg("room.made_as_group_chat_no_team"))
        try:
            made = self.client.graph("POST", f"teams/{self.team_id}/channels", {
                "displayName": name, "membershipType": "private" if private else "standard"})
        except ChatFailure as failure:
            if failure.reason == "NameAlreadyExists":
                raise ChannelNameTaken(name) from None
            if failure.reason in REFUSED:
                log.warning("no crisis channel: the Teams app lacks Channel.Create; using a group chat")
                return self._group_chat(name, msg("room.made_as_group_chat", permission="Channel.Create"))
            raise
        self.conversations.remember_room(made["id"], "private_channel" if private else "channel")
        self._names[made["id"]] = name
        return ChannelRef(made["id"], name)

    def _group_chat(self, name: str, why: object) -> ChannelRef:
        made = self.client.graph("POST", "chats", {"chatType": "group", "topic": name, "members": []})
        self.client.graph("POST", f"chats/{made['id']}/installedApps", {
            "teamsApp@odata.bind": f"{self.client.endpoints.graph}/v1.0/appCatalogs/teamsApps/"
                                   f"{self.conversations.catalog_app_id}"})
        self.conversations.remember_room(made["id"], "group_chat")
        self._names[made["id"]] = name
        self.fallback_notes[made["id"]] = why
        return ChannelRef(made["id"], name)

    def invite(self, room: str, user_ids: Sequence[str]) -> list[InviteFailure]:
        """Members of a standard channel are the team's members; private channels and chats get each person."""
        kind = self.conversations.kind(room)
        if kind not in ("private_channel", "group_chat"):
            return []
        path = f"teams/{self.team_id}/channels/{room}/members" if kind == "private_channel" else f"chats/{room}/members"
        failures = []
        for user_id in user_ids:
            try:
                self.client.graph("POST", path, {
                    "@odata.type": "#microsoft.graph.aadUserConversationMember", "roles": [],
                    "user@odata.bind": f"{self.client.endpoints.graph}/v1.0/users('{user_id}')"})
            except ChatFailure as failure:
                if not failure.permanent:
                    raise
                failures.append(InviteFailure(user_id, failure.reason))
        return failures

    def members(self, room: str) -> list[str]:
        kind = self.conversations.kind(room)
        path = f"chats/{room}/members" if kind == "group_chat" else f"teams/{self.team_id}/channels/{room}/members"
        return [m["userId"] for m in self.client.graph("GET", path).get("value", []) if m.get("userId")]

    def archive(self, room: str) -> None:
        """A channel is archived (read-only); a group chat cannot be, and stays as it is."""
        if self.conversations.kind(room) in ("channel", "private_channel"):
            self.client.graph("POST", f"teams/{self.team_id}/channels/{room}/archive", {})

    def name_of(self, some_id: str) -> str:
        with self._lock:
            if some_id in self._names:
                return self._names[some_id]
        channel = some_id.startswith("19:") and "@thread.tacv2" in some_id and self.team_id
        if not OBJECT_ID.match(some_id) and not channel:
            return some_id
        path = f"teams/{self.team_id}/channels/{some_id}" if channel else f"users/{some_id}"
        try:  # a channel of the team by its name (Channel.ReadBasic.All), a person by theirs (User.Read.All)
            found: dict[str, Any] = self.client.graph("GET", path)
        except ChatFailure as failure:
            log.info("no name for %s: %s", some_id, failure.reason)
            return some_id
        with self._lock:
            self._names[some_id] = found.get("displayName") or some_id
            return self._names[some_id]
