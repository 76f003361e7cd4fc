"""Where the bot reaches people and rooms: stored conversation references, the 1:1 chat made (and the app
installed for the person through Graph) when someone never spoke to the bot."""
from __future__ import annotations

import logging
import re
from typing import Protocol

from crisis.errors import ChatFailure
from teams.client import TeamsClient

log = logging.getLogger(__name__)

OBJECT_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
"""An Entra object id: how the crisis names a person on Teams (conversation ids look nothing like it)."""


class ConversationStore(Protocol):
    """Conversation references by person (Entra object id) or room (conversation id): (id, service URL, kind)."""

    def get(self, key: str) -> tuple[str, str, str] | None: ...
    def put(self, key: str, conversation_id: str, service_url: str, kind: str) -> None: ...


class Conversations:
    def __init__(self, client: TeamsClient, store: ConversationStore, service_url: str, catalog_app_id: str) -> None:
        self.client, self.store, self.service_url, self.catalog_app_id = client, store, service_url, catalog_app_id

    def learn(self, user_id: str | None, conversation_id: str, kind: str | None, service_url: str) -> None:
        """An authenticated activity says where a person's 1:1 chat is (and which service URL serves the tenant)."""
        if user_id and kind == "personal":
            self.store.put(user_id, conversation_id, service_url, "personal")

    def target(self, to: str) -> tuple[str, str]:
        """(service URL, conversation id) for a room's conversation id or a person's object id."""
        if OBJECT_ID.match(to):
            return self._personal(to)
        known = self.store.get(to)
        return (known[1], to) if known else (self.service_url, to)

    def remember_room(self, conversation_id: str, kind: str) -> None:
        self.store.put(conversation_id, conversation_id, self.service_url, kind)

    def kind(self, conversation_id: str) -> str | None:
        known = self.store.get(conversation_id)
        return known[2] if known else None

    def _personal(self, user_id: str) -> tuple[str, str]:
        known = self.store.get(user_id)
        if known:
            return known[1], known[0]
        try:
            conversation = self.client.personal_conversation(self.service_url, user_id)
        except ChatFailure as failure:
            if failure.reason not in ("Forbidden", "BotNotInConversationRoster"):
                raise
            self._install_for(user_id)
            conversation = self.client.personal_conversation(self.service_url, user_id)
        self.store.put(user_id, conversation, self.service_url, "personal")
        return self.service_url, conversation

    def _install_for(self, user_id: str) -> None:
        """Teams lets a bot start a 1:1 chat only with people who have the app: install it for them (Graph,
        TeamsAppInstallation.ReadWriteForUser.All). Without that consent the failure names the permission."""
        try:
            self.client.graph("POST", f"users/{user_id}/teamwork/installedApps", {
                "teamsApp@odata.bind": f"{self.client.endpoints.graph}/v1.0/appCatalogs/teamsApps/"
                                       f"{self.catalog_app_id}"})
        except ChatFailure as failure:
            if failure.reason in ("Forbidden", "Authorization_RequestDenied"):
                log.warning("cannot reach %s on Teams: the app lacks TeamsAppInstallation.ReadWriteForUser.All",
                            user_id)
                raise ChatFailure("missing_permission_TeamsAppInstallation.ReadWriteForUser.All",
                                  permanent=True) from None
            raise
