"""The Bolt app with every listener registered, for Socket Mode and HTTP alike."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient

from crisis.ports import Ports
from handlers import commands, errors
from handlers.after_acks import AfterAcks
from handlers.debrief import actions as debrief_actions
from handlers.home import actions as home_actions
from handlers.monitor import actions as monitor_actions
from handlers.playbooks import actions as playbook_actions
from handlers.prevention import actions as prevention_actions
from handlers.room import actions as room_actions
from handlers.room import views as room_views
from handlers.statements import actions as statement_actions
from handlers.takedowns import actions as takedown_actions
from handlers.webcare import actions as webcare_actions


def build_app(ports: Ports, client: WebClient, signing_secret: str | None, after_acks: AfterAcks) -> App:
    """Listeners ack in the request thread and hand their work to `after_acks` (see handlers/errors.py); local
    runs pass one they can wait on. The ports and that executor reach them through the request context.
    Named, because without a name Bolt calls inspect.stack(), which reads the source of every calling frame."""
    app = App(name="crisisbot", client=client, signing_secret=signing_secret or "", token_verification_enabled=False,
              request_verification_enabled=signing_secret is not None, process_before_response=True)
    app.use(_Prepared(ports, after_acks))
    for register in (commands.register, room_actions.register, monitor_actions.register,
                     statement_actions.register, debrief_actions.register, room_views.register,
                     prevention_actions.register, playbook_actions.register, home_actions.register,
                     takedown_actions.register, webcare_actions.register):
        register(app)
    errors.register(app)
    return app


class _Prepared(Middleware):
    """The one middleware (each costs a call on every request's ack path; a Middleware is called directly, where a
    function would have its arguments injected): marks the request verified (it runs after Bolt's verification),
    hands over the ports and the after-ack executor, and takes out NUL characters."""

    def __init__(self, ports: Ports, later: AfterAcks) -> None:
        self._ports, self._later = ports, later

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]  # noqa: A002
                ) -> BoltResponse:
        req.context[errors.VERIFIED] = True
        req.context["ports"] = self._ports
        req.context[errors.AFTER_ACK] = self._later
        if any(mark in req.raw_body for mark in NUL_MARKS):
            _without_nul(req.body)
        return next()


NUL_MARKS = ("\x00", "%00", "u0000")
"""How a NUL shows in a raw body: itself, form-encoded, or a JSON escape (`\\u0000`, also when form-encoded)."""


def _without_nul(value: Any) -> Any:
    """NUL characters out of every string a person sent (a database text cannot hold them), in place, so the
    listeners' `action`, `view` and `command` (parts of the body) are clean too."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        value[:] = [_without_nul(item) for item in value]
    elif isinstance(value, dict):
        for key in list(value):
            value[key] = _without_nul(value[key])
    return value
