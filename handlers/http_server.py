"""HTTP mode: one WSGI app serving Slack's requests at /slack/events (plus /healthz and the routes it is given),
and a simple threaded server for local runs (`crisisbot serve` runs it on wiring/server.py's production server).

Nothing reaches Bolt that Slack did not sign: the body's size is checked before it is read, the
signature is checked on the raw bytes, and a signed body Bolt cannot parse is a 400. Bolt verifies
again (defence in depth); by then the headers are well formed, so its verifier cannot raise.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import time
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable, Mapping
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest

from crisis.i18n import t

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Observer = Callable[[str, int, float], None]

MAX_SLACK_BODY = 4 * 1024 * 1024
"""Bytes: the default body limit of Slack's own Bolt for JavaScript (its HTTPReceiver `bodyLimit`); the
largest thing Slack sends, an interaction carrying a full modal or message, stays far below it."""
MAX_SIGNATURE_AGE = 5 * 60
"""Seconds: Slack's documented replay window for `X-Slack-Request-Timestamp`."""
SLACK_BODY_KEYS = frozenset({"command", "type", "ssl_check"})
"""A slash command has `command`, interactions and events a `type`; Slack's SSL check has `ssl_check`."""
VIEW_TYPES = frozenset({"view_submission", "view_closed"})
EVENT_TYPES = frozenset({"event_callback", "url_verification", "app_rate_limited"})


class _Refused(Exception):
    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status, self.text = status, t(key, **params)


def wsgi_app(bolt_app: App, signing_secret: str, extra_routes: dict[str, WsgiApp] | None = None,
             observe: Observer | None = None) -> WsgiApp:
    """Slack's requests verified with `signing_secret` (the one `bolt_app` verifies with too; empty refuses
    every request), then handed to Bolt; `extra_routes` by path, a path ending in / as a prefix. `observe`
    is told (surface, status, seconds) of every request Bolt answered."""
    slack = _verified_only(_ParsedOnly(bolt_app, observe), signing_secret)
    routes: dict[str, WsgiApp] = {"/slack/events": slack, "/healthz": _healthz, **(extra_routes or {})}

    def route(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        handler = routes.get(path) or next(
            (h for prefix, h in routes.items() if prefix.endswith("/") and path.startswith(prefix)), None)
        if handler is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found\n"]
        return handler(environ, start_response)

    return route


def _verified_only(slack: WsgiApp, secret: str) -> WsgiApp:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            if environ.get("REQUEST_METHOD") != "POST":
                raise _Refused(405, "http.use_post")
            body = _read_body(environ, MAX_SLACK_BODY)
            if not _signed(secret, body, environ, time.time()):
                raise _Refused(401, "http.unsigned")
        except _Refused as refused:
            return _answer(start_response, refused)
        return slack({**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}, start_response)

    return app


def _read_body(environ: Mapping[str, Any], max_bytes: int) -> bytes:
    """The body, refused unread when its declared length is missing, malformed or over `max_bytes`."""
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not length:
        raise _Refused(411, "http.length_required")
    if not (length.isascii() and length.isdigit()):
        raise _Refused(400, "http.bad_length")
    if int(length) > max_bytes:
        raise _Refused(413, "http.too_large", limit=max_bytes)
    try:
        body = environ["wsgi.input"].read(int(length))
    except OSError:  # the client stalled past the server's timeout
        body = b""
    if len(body) < int(length):
        raise _Refused(400, "http.short_body")
    return body


def _signed(secret: str, body: bytes, environ: Mapping[str, Any], now: float) -> bool:
    """Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:` + the raw body, timestamp within the replay window.

    Checked on bytes, not with slack_sdk's SignatureVerifier, which raises on a non-numeric timestamp, a
    non-ASCII signature or a body that is not UTF-8; here every malformed header is simply not signed."""
    timestamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""))
    signature = str(environ.get("HTTP_X_SLACK_SIGNATURE", ""))
    if not secret.strip() or not signature.isascii():
        return False
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False
    if abs(now - int(timestamp)) > MAX_SIGNATURE_AGE:
        return False
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v0={digest}", signature)


class _ParsedOnly(SlackRequestHandler):
    """Bolt's WSGI adapter, answering 400 for a (signed) body that is not one of Slack's, instead of raising."""

    def __init__(self, app: App, observe: Observer | None) -> None:
        super().__init__(app)
        self.observe = observe

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        try:
            bolt_request = BoltRequest(body=request.get_body(), query=request.query_string,
                                       headers=request.get_headers())
            shaped = isinstance(bolt_request.body, dict) and not SLACK_BODY_KEYS.isdisjoint(bolt_request.body)
        except Exception as error:  # noqa: BLE001 - Bolt parses in its constructor (UnicodeDecodeError, ValueError...)
            log.warning("refused a signed request Bolt cannot parse: %s", type(error).__name__)
            shaped = False
        if not shaped:
            return BoltResponse(status=400, body={"error": t("http.not_slack")})
        started = time.perf_counter()
        response = self.app.dispatch(bolt_request)
        if self.observe is not None:
            self.observe(_surface(bolt_request.body), response.status, time.perf_counter() - started)
        return response


def _surface(body: Mapping[str, Any]) -> str:
    """What a request is timed as: command, view (submitted or closed), event, or action (buttons, menus,
    shortcuts: every other interaction)."""
    if "command" in body:
        return "command"
    kind = body.get("type")
    return "view" if kind in VIEW_TYPES else "event" if kind in EVENT_TYPES or "ssl_check" in body else "action"


def _answer(start_response: Callable[..., Any], refused: _Refused) -> Iterable[bytes]:
    body = json.dumps({"error": refused.text}).encode()
    headers = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))]
    if refused.status == 405:
        headers.append(("Allow", "POST"))
    start_response(f"{refused.status} {HTTPStatus(refused.status).phrase}", headers)
    return [body]


def _healthz(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\n"]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    timeout = 10
    """Seconds a client may stall while sending (Slack itself waits only 3 s for an answer)."""

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def make_http_server(app: WsgiApp, host: str, port: int) -> WSGIServer:
    """A threaded server; `port=0` picks a free one (see `server.server_port`)."""
    return make_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
