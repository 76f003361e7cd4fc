"""People in the fake Teams: they message the bot and click Action.Execute buttons on its cards; each is an
activity POSTed to the bot's /api/messages with the token the Bot Connector would sign."""
from __future__ import annotations

import uuid
from typing import Any

import httpx

from teams_sandbox.cards import card_lines
from teams_sandbox.connector import where
from teams_sandbox.keys import connector_token
from teams_sandbox.server import TeamsSandbox

_HTTP = httpx.Client(timeout=10)
"""One client for every person (making a client costs a TLS context, even for plain loopback HTTP)."""


class TeamsPerson:
    def __init__(self, sandbox: TeamsSandbox, email: str, bot_url: str) -> None:
        self.sandbox, self.bot_url = sandbox, bot_url
        user = sandbox.state.user(email)
        if user is None:
            raise KeyError(email)
        self.user = user

    @property
    def id(self) -> str:
        return self.user["id"]

    def say(self, text: str, conversation_id: str | None = None) -> httpx.Response:
        """A message to the bot, in the person's 1:1 chat with it unless `conversation_id` is given."""
        conversation = conversation_id or self.sandbox.state.personal_chat(self.id).id
        self.sandbox.state.transcript.append((self._where(conversation), self.user["displayName"], (text,)))
        return self.send({"type": "message", "text": text}, conversation)

    def click(self, conversation_id: str, activity_id: str, title: str,
              inputs: dict[str, str] | None = None, card: dict[str, Any] | None = None) -> httpx.Response:
        """Press the button `title` on one of the bot's cards, sending its Action.Execute verb and data with the
        card's input values (their defaults, overlaid by `inputs`), as Teams merges them. `card`: the card the
        person sees there instead of the activity's own (what the bot answered their last click on it with)."""
        card = card if card is not None else self.card(conversation_id, activity_id)
        action = next(a for a in _actions(card) if a.get("title") == title)
        self.sandbox.state.transcript.append((self._where(conversation_id), self.user["displayName"],
                                              (f"clicked [{title}]",)))
        values = {e["id"]: e.get("value", "") for e in card.get("body") or [] if str(e.get("type")).startswith("Input.")}
        data = {**values, **(inputs or {}), **(action.get("data") or {})}
        response = self.send({"type": "invoke", "name": "adaptiveCard/action", "replyToId": activity_id,
                              "value": {"action": {"type": "Action.Execute", "verb": action.get("verb"),
                                                   "data": data}}}, conversation_id)
        value = response.json().get("value") if response.content else None
        if isinstance(value, dict) and value.get("type") == "AdaptiveCard":
            self.sandbox.state.transcript.append((self._where(conversation_id),
                                                  f"crisisbot (only to {self.user['displayName']})",
                                                  tuple(card_lines(value))))
        return response

    def _where(self, conversation_id: str) -> str:
        known = self.sandbox.state.conversations.get(conversation_id)
        return where(known) if known else conversation_id

    def card(self, conversation_id: str, activity_id: str) -> dict[str, Any]:
        activity = self.sandbox.state.conversation(conversation_id).activities[activity_id]
        return activity["attachments"][0]["content"]

    def send(self, fields: dict[str, Any], conversation_id: str, token: str | None = None) -> httpx.Response:
        state = self.sandbox.state
        conversation = state.conversation(conversation_id)
        service_url = f"{self.sandbox.base_url}/"
        activity = {"id": uuid.uuid4().hex, "channelId": "msteams", "serviceUrl": service_url,
                    "from": {"id": f"29:{self.id}", "aadObjectId": self.id, "name": self.user["displayName"]},
                    "recipient": {"id": f"28:{state.app_id}", "name": "crisisbot"},
                    "conversation": {"id": conversation_id, "conversationType": conversation.kind,
                                     "tenantId": state.tenant_id},
                    "channelData": {"tenant": {"id": state.tenant_id}}, **fields}
        token = token if token is not None else connector_token(self.sandbox.key, app_id=state.app_id,
                                                                service_url=service_url)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return _HTTP.post(self.bot_url, json=activity, headers=headers)


def _actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(card.get("actions") or [])
    for element in card.get("body") or []:
        if element.get("type") == "ActionSet":
            found.extend(element.get("actions") or [])
    return found
