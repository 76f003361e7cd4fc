"""Button clicks: Acknowledge on a page."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import Channel, User, msg
from crisis.ports import Ports
from crisis.room import pages
from handlers import ids
from handlers.errors import acked
from handlers.replies import reply


def register(app: App) -> None:
    app.action(ids.ACKNOWLEDGE)(acked(acknowledge, kept=True))


def acknowledge(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    page = ids.number(action.get("value"))
    if page is None:
        raise BadInput("error.unknown_page")
    user = body["user"]["id"]
    container = body.get("container") or {}
    clicked = (container["channel_id"], container["message_ts"]) if container.get("message_ts") else None
    done = pages.acknowledge_page(page, user=user, request_key=action_key(body, action), ports=ports,
                                  clicked=clicked)
    if done is None:
        return
    role = ports.plan.role_name(done.role)
    if done.already_by:
        reply(body, client, msg("notice.already_acknowledged", role=role, user=User(done.already_by)))
    else:
        reply(body, client, msg("notice.acknowledged", role=role, channel=Channel(done.crisis.channel_id)))


def action_key(body: dict[str, Any], action: dict[str, Any]) -> str:
    """Slack's retry of one click carries the same action_ts; a second click has a new one."""
    return f"action:{action.get('action_id')}:{action.get('action_ts')}:{body['user']['id']}"
