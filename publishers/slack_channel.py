"""Publish a statement as a message in a Slack channel (chat.postMessage); the reference is the message ts. The
post carries the statement's key (handlers/slack_once.py), so a publish resumed after its post landed unrecorded
finds that post instead of posting again. A correction edits the message (chat.update), a retraction deletes it
(chat.delete; a message gone already counts as deleted): both can be repeated safely."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from crisis.errors import PublishFailed
from crisis.statements.model import Statement
from handlers.block_kit import escape
from handlers.slack_client import CALL_ERRORS, chat_failure
from handlers.slack_once import keyed


class SlackChannelPublisher:
    """Posts the text, mrkdwn-escaped, to `channel` (an id or #name the bot is in); the client does the retries."""

    inside_workspace = True
    """A drill publishes here (crisis.statements.ports.InsideWorkspace)."""

    def __init__(self, client: WebClient, channel: str) -> None:
        self._client = client
        self._channel = channel

    def publish(self, statement: Statement, text: str) -> str:
        with _failing_as_publish():
            answer = self._client.chat_postMessage(channel=self._channel, text=escape(text),
                                                  metadata=keyed(f"publish:{statement.id}"))
        return str(answer["ts"])

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        with _failing_as_publish():
            self._client.chat_update(channel=self._channel, ts=ref, text=escape(text))
        return ref

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        try:
            with _failing_as_publish():
                self._client.chat_delete(channel=self._channel, ts=ref)
        except PublishFailed as failure:
            if failure.reason != "message_not_found":  # deleted already: an earlier try whose answer was lost
                raise
        return ref


@contextmanager
def _failing_as_publish() -> Iterator[None]:
    """Every way a call fails (Slack's word, a timeout, a dropped connection) as one PublishFailed."""
    try:
        yield
    except CALL_ERRORS as error:
        failure = chat_failure(error)
        reason = failure.reason if isinstance(error, SlackApiError) else f"cannot reach Slack ({failure.reason})"
        raise PublishFailed(reason, permanent=failure.permanent, retry_after=failure.retry_after) from None
