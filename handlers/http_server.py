"""HTTP mode: one WSGI app serving Slack's requests at /slack/events (plus /healthz), threaded."""
from __future__ import annotations

import logging
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def wsgi_app(bolt_app: App, extra_routes: dict[str, WsgiApp] | None = None) -> WsgiApp:
    slack = SlackRequestHandler(bolt_app)
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


def _healthz(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\n"]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def make_http_server(app: WsgiApp, host: str, port: int) -> WSGIServer:
    """A threaded server; `port=0` picks a free one (see `server.server_port`)."""
    return make_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
