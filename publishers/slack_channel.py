"""Publish a statement as a message in a Slack channel (chat.postMessage); the reference is the message's permalink
(chat.getPermalink), so the card, the timeline and the report link to it; when Slack does not give one, the message
ts (the post is out: that is never a failure). A reference from before permalinks (a bare ts) still works. The
post carries the statement's key (handlers/slack_once.py), so a publish resumed after its post landed unrecorded
finds that post instead of posting again. A correction edits the message (chat.update), a retraction deletes it
(chat.delete; a message gone already counts as deleted): both can be repeated safely."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from crisis.errors import PublishFailed
from crisis.i18n import msg
from crisis.statements.model import Statement
from handlers.block_kit import escape
from handlers.slack_client import CALL_ERRORS, chat_failure
from handlers.slack_once import keyed

log = logging.getLogger(__name__)
_PERMALINK_TS = re.compile(r"/p(\d+)(\d{6})(?:[?#]|$)")
"""A message permalink's path ends in p + its ts without the dot: /archives/C0…/p1358546515000008."""


class SlackChannelPublisher:
    """Posts the text, mrkdwn-escaped, to `channel` (an id or #name the bot is in); the client does the retries."""

    inside_workspace = True
    """Inside the team's chat: a drill shows its statement in the drill's room instead (statements.rehearsal)."""

    def __init__(self, client: WebClient, channel: str) -> None:
        self._client = client
        self._channel = channel

    def publish(self, statement: Statement, text: str) -> str:
        with _failing_as_publish():
            answer = self._client.chat_postMessage(channel=self._channel, text=escape(text),
                                                  metadata=keyed(f"publish:{statement.id}"))
        return self._permalink(str(answer["channel"]), str(answer["ts"]))

    def _permalink(self, channel: str, ts: str) -> str:
        try:
            return str(self._client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
        except CALL_ERRORS as error:
            log.warning("statement posted in %s as %s, but no permalink for it (%s): its ts is its reference",
                        channel, ts, chat_failure(error).reason)
            return ts

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        with _failing_as_publish():
            self._client.chat_update(channel=self._channel, ts=message_ts(ref), text=escape(text))
        return ref

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        try:
            with _failing_as_publish():
                self._client.chat_delete(channel=self._channel, ts=message_ts(ref))
        except PublishFailed as failure:
            if failure.reason != "message_not_found":  # deleted already: an earlier try whose answer was lost
                raise
        return ref


def message_ts(ref: str) -> str:
    """The ts of the message a reference names: read from its permalink, or the reference itself (a ts)."""
    found = _PERMALINK_TS.search(ref)
    return f"{found.group(1)}.{found.group(2)}" if found else ref


@contextmanager
def _failing_as_publish() -> Iterator[None]:
    """Every way a call fails (Slack's word, a timeout, a dropped connection) as one PublishFailed."""
    try:
        yield
    except CALL_ERRORS as error:
        failure = chat_failure(error)
        reason = failure.reason if isinstance(error, SlackApiError) \
            else msg("publish_reason.unreachable", platform="Slack", reason=failure.reason)
        raise PublishFailed(reason, permanent=failure.permanent, retry_after=failure.retry_after) from None
