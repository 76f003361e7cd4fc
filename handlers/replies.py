"""Telling the person who acted: an ephemeral reply through the response_url, else a DM."""
from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from crisis.i18n import Msg
from handlers.block_kit import text_message

log = logging.getLogger(__name__)


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
    """Show `message` (or ready-made `payload` with text and blocks) only to the person who acted."""
    content = payload if payload is not None else text_message(message)
    url = response_url(body)
    if url:
        try:
            sent = WebhookClient(url).send(response_type="ephemeral", replace_original=False, **content)
        except OSError as error:  # unreachable, reset, timed out: the URL itself is not logged (it grants replies)
            log.warning("response_url failed (%s); sending a DM instead", type(error).__name__)
        else:
            if sent.status_code == 200:
                return
            log.warning("response_url answered %s; sending a DM instead", sent.status_code)
    user = user_of(body)
    if user is None:
        log.error("cannot tell anyone: payload has neither response_url nor user")
        return
    try:
        client.chat_postMessage(channel=user, **content)
    except SlackApiError as error:
        log.error("could not DM %s: %s", user, error.response.get("error"))
