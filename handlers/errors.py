"""The one error handler: a CrisisError becomes a friendly ephemeral reply; anything else is logged."""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import CrisisError
from crisis.i18n import Msg, msg
from handlers.replies import reply, user_of

log = logging.getLogger(__name__)


def register(app: App) -> None:
    @app.error
    def handle_error(error: Exception, body: dict[str, Any], client: WebClient) -> None:
        if isinstance(error, CrisisError):
            message = Msg(error.key, error.params)
        else:
            log.error("unexpected error handling a %s from %s", body.get("type") or body.get("command"),
                      user_of(body), exc_info=error)
            message = msg("error.internal")
        reply(body, client, message)
