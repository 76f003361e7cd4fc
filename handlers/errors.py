"""Errors: a CrisisError becomes a friendly ephemeral reply; anything else is logged, never shown raw.

`user_errors` wraps listeners, because Bolt loses the ack when a listener raises after acking (its
thread runner resets the ack to answer 500), so errors people cause are answered right there; the
app-wide handler catches everything else. It answers only requests that passed Bolt's verification: an
error raised while verifying (or before) must not make the bot act on what an unsigned body names.
"""
from __future__ import annotations

import functools
import logging
from typing import Any, Callable

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from crisis.errors import CrisisError
from crisis.i18n import Msg, msg
from handlers.replies import reply, user_of

log = logging.getLogger(__name__)


def user_errors(listener: Callable[..., None]) -> Callable[..., None]:
    """For listeners taking `body` and `client`: a CrisisError is answered to the person, not re-raised."""
    @functools.wraps(listener)
    def guarded(**kwargs: Any) -> None:
        try:
            listener(**kwargs)
        except CrisisError as error:
            reply(kwargs["body"], kwargs["client"], Msg(error.key, error.params))
    return guarded


VERIFIED = "crisisbot_verified"
"""Set in the request's context by a middleware that runs after Bolt's request verification."""


def register(app: App) -> None:
    @app.use
    def mark_verified(context: BoltContext, next: Callable[[], None]) -> None:
        context[VERIFIED] = True
        next()

    @app.error
    def handle_error(error: Exception, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if not context.get(VERIFIED):
            log.warning("not answering a request that failed before it was verified: %s", type(error).__name__)
            return
        if isinstance(error, CrisisError):
            message = Msg(error.key, error.params)
        else:
            log.error("unexpected error handling a %s from %s", body.get("type") or body.get("command"),
                      user_of(body), exc_info=error)
            message = msg("error.internal")
        reply(body, client, message)
