"""Telling the person who acted: an ephemeral reply through the response_url, else a DM (at least once)."""
from __future__ import annotations

import hashlib
import json
import logging
import uuid
from typing import Any

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from crisis.i18n import Msg
from handlers.block_kit import text_message
from handlers.slack_client import CALL_ERRORS, bots_client, chat_failure
from handlers.slack_once import keyed

log = logging.getLogger(__name__)
RESPONSE_ATTEMPTS = 3
"""Tries of a response_url reply before the DM: each try that gets no answer may have shown it."""


def metadata(body: dict[str, Any]) -> dict[str, Any]:
    """The private_metadata we put on a modal (JSON), or {} for other payloads."""
    raw = (body.get("view") or {}).get("private_metadata") or ""
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def response_url(body: dict[str, Any]) -> str | None:
    return body.get("response_url") or metadata(body).get("response_url")


def user_of(body: dict[str, Any]) -> str | None:
    return body.get("user_id") or (body.get("user") or {}).get("id")


def reply(body: dict[str, Any], client: WebClient, message: Msg | None = None,
          payload: dict[str, Any] | None = None) -> None:
    """Show `message` (or ready-made `payload` with text and blocks) only to the person who acted.

    At least once, never lost for a lost answer: Slack cannot be asked whether a response_url reply showed, so an
    unanswered one is sent again (the person may see it twice) and a DM is sent only when the URL refused it or
    never answered. The DM carries a key of this request and reply, so a request run again finds it. Telling
    the person never fails the work: the change it reports is recorded already."""
    content = payload if payload is not None else text_message(message)
    url = response_url(body)
    if url:
        if _sent_to(url, content):
            return
        log.warning("response_url did not take the reply; sending a DM instead")
    user = user_of(body)
    if user is None:
        log.error("cannot tell anyone: payload has neither response_url nor user")
        return
    try:
        bots_client(client).chat_postMessage(channel=user, metadata=keyed(_reply_key(body, content)), **content)
    except CALL_ERRORS as error:
        log.error("could not DM %s: %s", user, chat_failure(error).reason)


def _sent_to(url: str, content: dict[str, Any]) -> bool:
    """Whether the response_url took the reply, trying again while it does not answer or answers a 5xx."""
    webhook = WebhookClient(url, retry_handlers=[])
    for _ in range(RESPONSE_ATTEMPTS):
        try:
            sent = webhook.send(response_type="ephemeral", replace_original=False, **content)
        except OSError as error:  # unreachable, reset, timed out: the URL itself is not logged (it grants replies)
            log.warning("response_url failed (%s)", type(error).__name__)
            continue
        if sent.status_code == 200:
            return True
        log.warning("response_url answered %s", sent.status_code)
        if sent.status_code < 500:
            return False
    return False


def _reply_key(body: dict[str, Any], content: dict[str, Any]) -> str:
    """One reply to one request: the modal submitted, the button clicked, or the command's trigger."""
    action = (body.get("actions") or [{}])[0]
    request = (body.get("view") or {}).get("id") or action.get("action_ts") or body.get("trigger_id")
    if not request:
        return f"reply:{uuid.uuid4().hex}"
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"reply:{request}:{user_of(body)}:{digest}"
