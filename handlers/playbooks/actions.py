"""Playbooks in Slack: a checkbox of the checklist ticked or unticked. The step is in the block id (an unticked box
sends no option back); whether it is now ticked, in the options Slack sends as selected."""
from __future__ import annotations

from typing import Any

from slack_bolt import App

from crisis.playbooks import services
from crisis.playbooks.views import step_of
from crisis.ports import Ports
from handlers import ids
from handlers.errors import acked, request_key


def register(app: App) -> None:
    app.action(ids.TICK_STEP)(acked(step_ticked, kept=True))


def step_ticked(body: dict[str, Any], action: dict[str, Any], ports: Ports) -> None:
    """The message is edited in place to show who ticked it; a refusal is answered to the person."""
    checklist, number = step_of(action.get("block_id"))
    services.tick_step(checklist, number, bool(action.get("selected_options")), user=body["user"]["id"],
                       request_key=request_key(body), ports=ports)
