"""Publish a statement as a message in a Teams channel (the Bot Connector; the reference is the activity id). The
connector has no idempotency key, so the post is a card carrying our own marker (`crisisbot-publish-<statement>`,
an element id nobody sees) and a publish that runs again first looks for it among the channel's newest messages
(Graph, ChannelMessage.Read.All or the team's ChannelMessage.Read.Group consent). A correction edits the message
in place; a retraction replaces it with the retraction notice (a bot's channel post can be edited, and an edit
shows "Edited"): both can be repeated safely. With the team's group id the reference is a link that opens the post
in Teams; without one it is the message id (as every reference was before links, and still works)."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from crisis.errors import ChatFailure, PublishFailed
from crisis.statements.model import Statement
from teams.cards import CARD_TYPE, SCHEMA, VERSION, escape
from teams.client import TeamsClient
from teams.conversations import Conversations

log = logging.getLogger(__name__)

MARKER = "crisisbot-publish-{id}"
DEEP_LINK = "https://teams.microsoft.com/l/message/"
LOOKUP = 50
"""The channel's newest messages read when a publish runs again (Graph's largest page for channel messages)."""


class TeamsChannelPublisher:
    """Posts the text, Markdown-escaped, to `channel` (a 19:… conversation id the app is installed in); the retry
    lookup needs the channel's team (`team_id`; without one, a publish that runs again posts again)."""

    inside_workspace = True
    """Inside the team's chat: a drill shows its statement in the drill's room instead (statements.rehearsal)."""

    def __init__(self, client: TeamsClient, conversations: Conversations, channel: str, team_id: str | None) -> None:
        self._client, self._conversations = client, conversations
        self._channel, self._team_id = channel, team_id

    def publish(self, statement: Statement, text: str) -> str:
        key = MARKER.format(id=statement.id)
        if statement.publish_attempts > 1:  # an earlier claim may have posted before its answer was lost
            found = self._find(key)
            if found is not None:
                return self._reference(found)
        with _failing_as_publish():
            service_url, conversation = self._conversations.target(self._channel)
            return self._reference(self._client.send(service_url, conversation, activity(key, text)))

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        return self._replace(ref, MARKER.format(id=statement.id), text)

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        return self._replace(ref, MARKER.format(id=statement.id), text)

    def _replace(self, ref: str, key: str, text: str) -> str:
        with _failing_as_publish():
            service_url, conversation = self._conversations.target(self._channel)
            self._client.update(service_url, conversation, message_id(ref), activity(key, text))
        return ref

    def _reference(self, message: str) -> str:
        """A deep link to the channel's post when the team is known (Teams needs its group id), else its id."""
        if not self._team_id:
            return message
        query = urlencode({"groupId": self._team_id, "parentMessageId": message})
        return f"{DEEP_LINK}{quote(self._channel, safe=':@')}/{quote(message, safe='')}?{query}"

    def _find(self, key: str) -> str | None:
        """The id of the channel message carrying `key`, among the newest LOOKUP; None when it is not there or the
        channel cannot be read (then the statement is posted again, and the log says why)."""
        if not self._team_id:
            log.warning("no TEAMS_TEAM_ID: cannot look for statement post %s before posting again", key)
            return None
        path = (f"teams/{quote(self._team_id, safe='')}/channels/{quote(self._channel, safe='')}/messages"
                f"?$top={LOOKUP}")
        try:
            messages = self._client.graph("GET", path).get("value") or []
        except ChatFailure as failure:
            log.warning("cannot read channel %s to look for %s (%s): posting again", self._channel, key,
                        failure.reason)
            return None
        for message in messages:
            if any(_carries(attachment, key) for attachment in message.get("attachments") or []):
                return str(message["id"])
        return None


def message_id(ref: str) -> str:
    """The id of the post a reference names: read from its deep link, or the reference itself (an id)."""
    if ref.startswith(DEEP_LINK):
        return unquote(urlsplit(ref).path.rsplit("/", 1)[-1])
    return ref


def activity(key: str, text: str) -> dict[str, Any]:
    """The statement as a card whose text block carries the marker as its id."""
    card = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION,
            "body": [{"type": "TextBlock", "id": key, "text": escape(text), "wrap": True}]}
    return {"type": "message", "summary": text[:250], "attachments": [{"contentType": CARD_TYPE, "content": card}]}


def _carries(attachment: dict[str, Any], key: str) -> bool:
    """Graph gives a card attachment's content as the card's JSON text."""
    if attachment.get("contentType") != CARD_TYPE:
        return False
    try:
        card = json.loads(attachment.get("content") or "{}")
    except (TypeError, ValueError):
        return False
    return any(isinstance(e, dict) and e.get("id") == key for e in card.get("body") or [])


@contextmanager
def _failing_as_publish() -> Iterator[None]:
    """Every way a call fails (the connector's word, a timeout, a dropped connection) as one PublishFailed."""
    try:
        yield
    except ChatFailure as failure:
        raise PublishFailed(failure.reason, permanent=failure.permanent, retry_after=failure.retry_after) from None
