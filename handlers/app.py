"""The Bolt app with every listener registered, for Socket Mode and HTTP alike."""
from __future__ import annotations

from concurrent.futures import Executor

from slack_bolt import App
from slack_sdk import WebClient

from crisis.ports import Ports
from handlers import commands, errors
from handlers.room import actions
from handlers.debrief import actions as debrief_actions
from handlers.monitor import actions as monitor_actions
from handlers.statements import actions as statement_actions
from handlers.room import views


def build_app(ports: Ports, client: WebClient, signing_secret: str | None,
              listener_executor: Executor | None = None) -> App:
    """`listener_executor` runs listeners after their ack; local runs pass one they can wait on."""
    app = App(client=client, signing_secret=signing_secret or "", token_verification_enabled=False,
              request_verification_enabled=signing_secret is not None, process_before_response=False,
              listener_executor=listener_executor)
    commands.register(app, ports)
    actions.register(app, ports)
    monitor_actions.register(app, ports)
    statement_actions.register(app, ports)
    debrief_actions.register(app, ports)
    views.register(app, ports)
    errors.register(app)
    return app
