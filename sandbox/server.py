"""The sandbox's HTTP face: reads Web API calls as slack_sdk sends them (and upload/response URL posts), answers,
or, for an injected fault (sandbox/faults.py), holds the connection and closes it unanswered."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl

from sandbox.faults import HELD
from sandbox.workspace import SlackError


class Backend(Protocol):
    """What the server hands requests to (the SlackSandbox): Web API calls, file uploads, response URL posts."""

    def call(self, method: str, args: dict[str, Any], token: str | None,
             fault: str | None = None) -> tuple[int, dict[str, Any], dict[str, str]]:
        ...

    def receive_upload(self, key: str, data: bytes, fault: str | None = None) -> tuple[int, str]:
        ...

    def receive_response(self, key: str, body: bytes, fault: str | None = None) -> tuple[int, str]:
        ...

    def draw_fault(self, route: str, content: str) -> str | None:
        ...

    def hold(self) -> None:
        ...

    def take_time(self) -> None:
        ...


def read_api_args(query: str, body: bytes, content_type: str | None) -> dict[str, Any]:
    """A call's arguments: the query string, overlaid by a form-encoded or JSON body."""
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    if not body:
        return args
    if content_type is None:
        raise SlackError("missing_post_type")
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            raise SlackError("invalid_json") from None
        if not isinstance(decoded, dict):
            raise SlackError("json_not_object")
        args.update(decoded)
    elif kind == "application/x-www-form-urlencoded":
        try:
            args.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True))
        except (UnicodeDecodeError, ValueError):
            raise SlackError("invalid_form_data") from None
    else:
        raise SlackError("invalid_post_type")
    return args


def bearer_token(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[len("bearer "):].strip()
    return None


class SandboxServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one sandbox."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], sandbox: Backend) -> None:
        super().__init__(address, _Handler)
        self.sandbox = sandbox


class _Handler(BaseHTTPRequestHandler):
    server: SandboxServer
    protocol_version = "HTTP/1.1"
    _fault: str | None = None
    """The random fault drawn for the request in hand."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        """Quiet: the sandbox records calls itself."""

    def do_GET(self) -> None:
        self._route(b"")

    def do_POST(self) -> None:
        self._route(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def _route(self, body: bytes) -> None:
        path, _, query = self.path.partition("?")
        sandbox = self.server.sandbox
        sandbox.take_time()
        if path.startswith("/api/"):
            self._api(path[len("/api/"):], query, body)
        elif path.startswith("/upload/v1/") and self.command == "POST":
            self._fault = sandbox.draw_fault("upload", str(len(body)))
            self._text(*sandbox.receive_upload(path[len("/upload/v1/"):], body, self._fault))
        elif path.startswith("/response/") and self.command == "POST":
            self._fault = sandbox.draw_fault("response", body.decode("utf-8", "replace"))
            self._text(*sandbox.receive_response(path[len("/response/"):], body, self._fault))
        else:
            self._text(404, "not_found")

    def _api(self, method: str, query: str, body: bytes) -> None:
        try:
            args = read_api_args(query, body, self.headers.get("Content-Type"))
        except SlackError as refused:
            self._json(200, {"ok": False, "error": refused.error}, {})
            return
        self._fault = self.server.sandbox.draw_fault(method, json.dumps(args, sort_keys=True, default=str))
        token_arg = args.pop("token", None)
        token = bearer_token(self.headers.get("Authorization")) or token_arg
        status, answer, headers = self.server.sandbox.call(method, args, token, self._fault)
        self._json(status, answer, headers)

    def _json(self, status: int, answer: dict[str, Any], headers: dict[str, str]) -> None:
        self._send(status, json.dumps(answer).encode(), "application/json; charset=utf-8", headers)

    def _text(self, status: int, text: str) -> None:
        self._send(status, text.encode(), "text/plain; charset=utf-8", {})

    def _send(self, status: int, payload: bytes, content_type: str, headers: dict[str, str]) -> None:
        fault, self._fault = self._fault, None
        if fault is not None and (status == 0 or fault.startswith("lost_")):
            self._hang_up(fault)
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _hang_up(self, fault: str) -> None:
        """No answer: after holding the connection past the client's timeout for a timeout, at once for a drop."""
        if fault in HELD:
            self.server.sandbox.hold()
        self.close_connection = True
