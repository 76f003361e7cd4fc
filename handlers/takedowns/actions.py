"""Take-downs in Slack: `/crisis takedown <url>` (the link as Slack sends it), [Take down] under the crisis card's
link, and Approve / Reject on the take-down's card."""
from __future__ import annotations

import re
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.takedowns import services
from handlers import ids
from handlers.errors import acked
from handlers.replies import reply
from handlers.room.actions import action_key

_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
"""A link as Slack escapes it in a command's text: <url> or <url|label>."""


def register(app: App) -> None:
    app.action(ids.APPROVE_TAKEDOWN)(acked(approve, kept=True))
    app.action(ids.REJECT_TAKEDOWN)(acked(reject, kept=True))
    app.action(ids.TAKE_DOWN_LINK)(acked(take_down_link, kept=True))


def ask(body: dict[str, Any], text: str, request_key: str, client: WebClient, ports: Ports) -> None:
    """`/crisis takedown <url>` in a crisis channel: read and archive the post, post the approval card."""
    url = text.strip()
    link = _SLACK_LINK.match(url)
    takedown = services.request_takedown(body["channel_id"], link.group(1) if link else url, user=body["user_id"],
                                         request_key=request_key, ports=ports)
    if takedown is not None:
        reply(body, client, msg("notice.takedown_requested", id=takedown.id))


def take_down_link(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    crisis_id = ids.number(action.get("value"))
    if crisis_id is None:
        raise BadInput("error.unknown_crisis")
    takedown = services.request_link_takedown(crisis_id, user=body["user"]["id"], request_key=action_key(body, action),
                                              ports=ports)
    if takedown is not None:
        reply(body, client, msg("notice.takedown_requested", id=takedown.id))


def approve(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    result = services.decide(_takedown_of(action), approve=True, user=body["user"]["id"],
                             request_key=action_key(body, action), ports=ports)
    if result is not None:
        key = "notice.takedown_approved" if result.approval is not None else "notice.takedown_already_approved"
        reply(body, client, msg(key, id=_takedown_of(action)))


def reject(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    if services.decide(_takedown_of(action), approve=False, user=body["user"]["id"],
                       request_key=action_key(body, action), ports=ports) is not None:
        reply(body, client, msg("notice.takedown_rejected", id=_takedown_of(action)))


def _takedown_of(action: dict[str, Any]) -> int:
    number = ids.number(action.get("value"))
    if number is None:
        raise BadInput("error.unknown_takedown")
    return number
