"""Listeners ack first and work after; an ack is final. Errors: a CrisisError becomes a friendly ephemeral reply,
anything else is logged with the request's context (never its tokens) and never shown raw.

Every listener is made by `acked`: in the request thread it runs only the check a modal needs to answer field
errors, acks, and hands its work to the after-ack executor. So the HTTP answer never waits for the database or
Slack, and nothing that fails after the ack (a reply, a Web API call, the database) can turn the answered request
into an error or run it twice: Slack retries only requests that were not answered. The app-wide handler answers
what fails before the ack, and only requests that passed Bolt's verification: an error raised while verifying (or
before) must not make the bot act on what an unsigned body names.

A listener whose work changes something is `kept`: before its ack the request is taken into the inbox
(`crisis.due.take_request`), and it leaves the inbox when its work is done. Work cut short by a crash (or failed
by a fault of ours) is run again from the inbox by any replica's tick (`redo_taken_requests`); its use case
claims the request key, so a second run acts once. Listeners that only open a modal or show something are not
kept: a modal's trigger expires 3 s after the click, and showing again what nobody waits for helps nobody. Kept
work, being safe in the inbox, may wait while a burst of requests is answered (handlers/after_acks.py), so it
must never need the request's `trigger_id`.
"""
from __future__ import annotations

import functools
import inspect
import json
import logging
from typing import Any, Callable

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from crisis import due
from crisis.errors import CrisisError, NotYet
from crisis.i18n import Msg, msg
from crisis.ports import Ports, TakenRequest
from handlers.after_acks import AfterAcks
from handlers.readers import speaking_to
from handlers.replies import reply, user_of

log = logging.getLogger(__name__)

Check = Callable[[dict[str, Any], Ports], "dict[str, str] | None"]
"""A modal's check before the ack: Slack's field errors (block id -> text) to show in the modal, or None when the
form is fine. A CrisisError it raises is answered to the person after the ack."""

AFTER_ACK = "after_ack"
"""The context key of the executor that runs listeners' work after their ack (set by the app's middleware)."""
VERIFIED = "crisisbot_verified"
"""Set in the request's context by the app's middleware, which runs after Bolt's request verification."""


WORKS: dict[str, Callable[..., Any]] = {}
"""Every listener's work by its name in the inbox (module and name), to run a taken request again."""


def acked(work: Callable[..., Any], check: Check | None = None, *, kept: bool | Callable[[dict[str, Any]], bool]
          = False) -> Callable[..., None]:
    """The Bolt listener for `work`: check (modals), take the request into the inbox when `kept` (a bool, or a
    function of the body), ack, then `work` on the after-ack executor. `work` names what it needs of `body`,
    `action` (the clicked element), `client` and `ports`."""
    name = f"{work.__module__}.{work.__qualname__}"
    WORKS[name] = work

    def listener(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ports: Ports = context["ports"]
        later: AfterAcks = context[AFTER_ACK]
        try:
            with speaking_to(client, user_of(body), ask=False):  # on the ack's path: no lookup
                errors = check(body, ports) if check is not None else None
        except CrisisError as error:
            ack()
            later.submit(_tell, body, client, Msg(error.key, error.params))
            return
        if errors:
            ack(response_action="errors", errors=errors)
            return
        if kept(body) if callable(kept) else kept:
            taken = _take(name, body, ports)
            ack()
            later.submit_kept(_after_ack, work, body, client, ports, taken)
        else:
            ack()
            later.submit(_after_ack, work, body, client, ports, None)

    listener.__name__ = listener.__qualname__ = work.__name__
    return listener


def _take(name: str, body: dict[str, Any], ports: Ports) -> str:
    key = request_key(body)
    due.take_request(key, name, json.dumps(body, separators=(",", ":")), ports=ports)
    return key


def request_key(body: dict[str, Any]) -> str:
    """The inbox's key of a request: Slack's retry of one request carries the same; a second one has another."""
    if body.get("type") == "view_submission":
        return f"view:{body['view']['id']}"
    if body.get("type") == "event_callback":
        return f"event:{body.get('event_id')}"
    if body.get("type") == "block_actions":
        action = (body.get("actions") or [{}])[0]
        return f"action:{action.get('action_id')}:{action.get('action_ts')}:{body['user']['id']}"
    return f"{body.get('type') or 'command'}:{body.get('trigger_id')}"


def redo_taken_requests(ports: Ports, client: WebClient) -> int:
    """The tick's part: run again the kept requests whose work was cut short (see the module's docstring)."""
    return due.redo_requests(ports=ports, run=lambda request: _redo(request, client, ports))


def _redo(request: TakenRequest, client: WebClient, ports: Ports) -> None:
    work = WORKS.get(request.work)
    if work is None:
        log.error("no listener %s for the taken request %s: dropped", request.work, request.key)
        due.request_done(request.key, ports=ports)
        return
    log.warning("running %s again (%s, taken at %s)", request.work, request.key, request.received_at.isoformat())
    _after_ack(work, json.loads(request.body), client, ports, request.key, again=True)


def _after_ack(work: Callable[..., Any], body: dict[str, Any], client: WebClient, ports: Ports, taken: str | None,
               again: bool = False) -> None:
    """Runs the work; a CrisisError is answered to the person; NotYet leaves the request in the inbox to run again
    later, silently; anything else is logged, answered with the internal
    error (the first time), left in the inbox to run again, and raised into the executor's future (a caller waiting
    on it sees it; the request is done). A taken request leaves the inbox once its work is done."""
    given = {"body": body, "action": (body.get("actions") or [None])[0], "client": client, "ports": ports}
    try:
        with speaking_to(client, user_of(body)):  # replies and modals in the person's language (handlers/readers)
            work(**{name: given[name] for name in _arguments(work)})
    except CrisisError as error:
        _tell(body, client, Msg(error.key, error.params))
    except NotYet as error:
        log.info("%s waits (%s, %s): %s", work.__name__, _what(body), taken, error)
        return
    except Exception as error:
        log.error("%s failed after its ack (%s from %s in %s, team %s): %s", work.__name__, _what(body),
                  user_of(body), _channel_of(body), _team_of(body), type(error).__name__, exc_info=error)
        if not again:
            _tell(body, client, msg("error.internal"))
        raise
    if taken is not None:
        try:
            due.request_done(taken, ports=ports)
        except Exception as error:  # noqa: BLE001 - done work stays taken: running it again acts once
            log.error("could not mark %s done (%s): it runs again", taken, type(error).__name__)


@functools.cache
def _arguments(work: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(inspect.getfullargspec(work).args)


def _tell(body: dict[str, Any], client: WebClient, message: Msg) -> None:
    """Tell the person; when even that fails, log it: the request was answered and is not run again."""
    try:
        with speaking_to(client, user_of(body)):
            reply(body, client, message)
    except Exception as error:  # noqa: BLE001 - a failed notice must not fail the work it reports on
        log.error("could not tell %s in %s (%s): %s", user_of(body), _channel_of(body), _what(body),
                  type(error).__name__)


def _what(body: dict[str, Any]) -> str:
    return str(body.get("command") or body.get("type") or "request")


def _channel_of(body: dict[str, Any]) -> str | None:
    return body.get("channel_id") or (body.get("channel") or {}).get("id")


def _team_of(body: dict[str, Any]) -> str | None:
    return body.get("team_id") or (body.get("team") or {}).get("id")


def register(app: App) -> None:
    @app.error
    def handle_error(error: Exception, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if not context.get(VERIFIED):
            log.warning("not answering a request that failed before it was verified: %s", type(error).__name__)
            return
        if isinstance(error, CrisisError):
            message = Msg(error.key, error.params)
        else:
            log.error("unexpected error handling a %s from %s", _what(body), user_of(body), exc_info=error)
            message = msg("error.internal")
        with speaking_to(client, user_of(body), ask=False):
            reply(body, client, message)
