"""`/crisis schedule <target> <YYYY-MM-DD HH:MM> <text>`: a brand post into crisisbot's own queue."""
from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import Time, msg
from crisis.ports import Ports
from crisis.schedules import queue
from handlers.replies import reply


def schedule(body: dict[str, Any], text: str, request_key: str, client: WebClient, ports: Ports) -> None:
    parts = text.split(maxsplit=3)
    if len(parts) < 4:
        raise BadInput("error.schedule_usage", zone=ports.plan.zone.key)
    target, day, hour, words = parts
    post = queue.schedule_post(target, f"{day} {hour}", words, user=body["user_id"], request_key=request_key,
                               ports=ports)
    reply(body, client, msg("schedule.queued", target=ports.plan.statements.target_name(post.target),
                            at=Time(post.post_at)))
