"""Publish a statement as a message in a Slack channel (chat.postMessage); the reference is the message ts. The
post carries the statement's key (handlers/slack_once.py), so a publish resumed after its post landed unrecorded
finds that post instead of posting again."""
from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from crisis.errors import PublishFailed
from crisis.statements.model import Statement
from handlers.block_kit import escape
from handlers.slack_client import CALL_ERRORS, chat_failure
from handlers.slack_once import keyed


class SlackChannelPublisher:
    """Posts the text, mrkdwn-escaped, to `channel` (an id or #name the bot is in); the client does the retries."""

    def __init__(self, client: WebClient, channel: str) -> None:
        self._client = client
        self._channel = channel

    def publish(self, statement: Statement, text: str) -> str:
        try:
            answer = self._client.chat_postMessage(channel=self._channel, text=escape(text),
                                                  metadata=keyed(f"publish:{statement.id}"))
        except CALL_ERRORS as error:  # every way it fails: Slack's word, a timeout, a dropped connection
            failure = chat_failure(error)
            reason = failure.reason if isinstance(error, SlackApiError) else f"cannot reach Slack ({failure.reason})"
            raise PublishFailed(reason, permanent=failure.permanent, retry_after=failure.retry_after) from None
        return str(answer["ts"])
