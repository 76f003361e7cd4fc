"""Slack's side shared by the requests for an action on a platform post (take-downs, webcare replies): the link typed
in a command, and Approve / Reject on their cards (the use case says who may; the person hears what it did)."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.statements.four_eyes import Decided
from handlers import ids
from handlers.replies import reply
from handlers.room.actions import action_key

_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
"""A link as Slack escapes it in a command's text: <url> or <url|label>."""


def typed_link(text: str) -> str:
    """The address typed after a command, as Slack sends it (<url>, <url|label>) or bare."""
    url = text.strip()
    link = _SLACK_LINK.match(url)
    return link.group(1) if link else url


def decide(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports, *,
           use_case: Callable[..., Decided | None], noun: str, approve: bool) -> None:
    """Approve or reject the request whose id the clicked button carries (BadInput "error.unknown_<noun>" for none);
    the person hears "notice.<noun>_approved" (or "_already_approved") or "notice.<noun>_rejected". Nothing for a
    duplicate click."""
    item_id = ids.number(action.get("value"))
    if item_id is None:
        raise BadInput(f"error.unknown_{noun}")
    result = use_case(item_id, approve=approve, user=body["user"]["id"], request_key=action_key(body, action),
                      ports=ports)
    if result is None:
        return
    if not approve:
        key = f"notice.{noun}_rejected"
    else:
        key = f"notice.{noun}_approved" if result.approval is not None else f"notice.{noun}_already_approved"
    reply(body, client, msg(key, id=item_id))
