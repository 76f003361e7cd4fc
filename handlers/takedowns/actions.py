"""Take-downs in Slack: `/crisis takedown <url>` (the link as Slack sends it), [Take down] under the crisis card's
link, and Approve / Reject on the take-down's card."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.takedowns import services
from handlers import ids
from handlers.errors import acked
from handlers.post_actions import decide, typed_link
from handlers.replies import reply
from handlers.room.actions import action_key


def register(app: App) -> None:
    app.action(ids.APPROVE_TAKEDOWN)(acked(approve, kept=True))
    app.action(ids.REJECT_TAKEDOWN)(acked(reject, kept=True))
    app.action(ids.TAKE_DOWN_LINK)(acked(take_down_link, kept=True))


def ask(body: dict[str, Any], text: str, request_key: str, client: WebClient, ports: Ports) -> None:
    """`/crisis takedown <url>` in a crisis channel: read and archive the post, post the approval card."""
    takedown = services.request_takedown(body["channel_id"], typed_link(text), user=body["user_id"],
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
    decide(body, action, client, ports, use_case=services.decide, noun="takedown", approve=True)


def reject(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    decide(body, action, client, ports, use_case=services.decide, noun="takedown", approve=False)
