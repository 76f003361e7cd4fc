"""The App Home in Slack: `app_home_opened` shows the person their Home tab (the Messages tab only reads)."""
from __future__ import annotations

from typing import Any

from slack_bolt import App

from crisis.home import services
from crisis.ports import Ports
from handlers.errors import acked


def register(app: App) -> None:
    app.event("app_home_opened")(acked(home_opened))


def home_opened(body: dict[str, Any], ports: Ports) -> None:
    """Shows only: not kept in the inbox (the next opening, or the tick, shows it again)."""
    event = body.get("event") or {}
    if event.get("tab") == "home" and isinstance(event.get("user"), str):
        services.show_home(event["user"], ports=ports)
