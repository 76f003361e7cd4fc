"""The Bolt app with every listener registered, for Socket Mode and HTTP alike."""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from crisis.ports import Ports
from handlers import commands, errors
from handlers.debrief import actions as debrief_actions
from handlers.monitor import actions as monitor_actions
from handlers.room import actions as room_actions
from handlers.room import views as room_views
from handlers.statements import actions as statement_actions


def build_app(ports: Ports, client: WebClient, signing_secret: str | None,
              listener_executor: Executor | None = None) -> App:
    """`listener_executor` runs listeners after their ack; local runs pass one they can wait on.
    Listeners are module-level functions; they get the ports as their `ports` argument (Bolt hands
    listeners what the request context holds)."""
    app = App(client=client, signing_secret=signing_secret or "", token_verification_enabled=False,
              request_verification_enabled=signing_secret is not None, process_before_response=False,
              listener_executor=listener_executor)
    app.use(_hand_over(ports))
    app.use(_without_nul)
    for register in (commands.register, room_actions.register, monitor_actions.register,
                     statement_actions.register, debrief_actions.register, room_views.register):
        register(app)
    errors.register(app)
    return app


def _without_nul(body: dict[str, Any], next: Callable[[], None]) -> None:
    """NUL characters out of every string a person sent (a database text cannot hold them), in place, so the
    listeners' `action`, `view` and `command` (parts of the body) are clean too."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("\x00", "")
        if isinstance(value, list):
            value[:] = [clean(item) for item in value]
        elif isinstance(value, dict):
            for key in list(value):
                value[key] = clean(value[key])
        return value
    clean(body)
    next()


def _hand_over(ports: Ports) -> Callable[[BoltContext, Callable[[], None]], None]:
    def with_ports(context: BoltContext, next_: Callable[[], None]) -> None:
        context["ports"] = ports
        next_()
    return with_ports
