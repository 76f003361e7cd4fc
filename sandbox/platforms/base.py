"""The HTTP side every platform fake shares: a loopback server that records requests, checks the bearer token,
and injects faults in order: an error status (with the platform's error body and headers) before anything is
applied, or the call applied and its answer lost (the connection closed unanswered)."""
from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Answer = tuple[int, Any, Mapping[str, str]]
"""(HTTP status, JSON body or the bytes of a file, extra headers)."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    body: Any
    """The decoded JSON body, the form fields as a dict (a field named `x[]` as a list; a multipart file as
    (file name, bytes)), or None."""


@dataclass
class Fault:
    """What happens to the next request whose `METHOD path` starts with `route`: `status` answered with the
    platform's error body (nothing applied), or, with `lose`, applied and left unanswered."""

    route: str
    status: int = 0
    lose: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    """The error body, when not the platform's usual one for `status`."""


class FakePlatform:
    """Subclasses answer `answer(request)` and say what their errors look like in `error_body(status, text)`."""

    token = "secret-token"

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self._lock = threading.RLock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._serve(self, "GET")

            def do_POST(self) -> None:
                fake._serve(self, "POST")

            def do_PUT(self) -> None:
                fake._serve(self, "PUT")

            def do_DELETE(self) -> None:
                fake._serve(self, "DELETE")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> FakePlatform:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FakePlatform:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail(self, route: str, status: int, body: Any = None, **headers: str) -> None:
        """The next request on `route` (e.g. "POST /2/tweets") is answered `status` (with `body`, else the
        platform's error body; headers given as Retry_After="3") and not applied."""
        self.faults.append(Fault(route, status, headers={k.replace("_", "-"): v for k, v in headers.items()},
                                 body=body))

    def lose_answer(self, route: str) -> None:
        """The next request on `route` is applied, then its connection closed unanswered."""
        self.faults.append(Fault(route, lose=True))

    def routes(self, method: str = "POST") -> list[str]:
        return [r.path for r in self.requests if r.method == method]

    def answer(self, request: Request) -> Answer:
        raise NotImplementedError

    def error_body(self, status: int, text: str) -> Any:
        raise NotImplementedError

    def authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.token}"

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        raw = handler.rfile.read(int(handler.headers.get("Content-Length", "0") or 0))
        kind = handler.headers.get("Content-Type", "").split(";")[0].strip()
        body: Any = None
        if raw and kind == "application/json":
            body = json.loads(raw)
        elif raw and kind == "multipart/form-data":
            body = _multipart(handler.headers.get("Content-Type", ""), raw)
        elif raw:
            body = _form(raw.decode())
        request = Request(method, parts.path, dict(parse_qsl(parts.query)),
                          {k.lower(): v for k, v in handler.headers.items()}, body)
        with self._lock:
            self.requests.append(request)
            fault = next((f for f in self.faults if f"{method} {parts.path}".startswith(f.route)), None)
            if fault:
                self.faults.remove(fault)
            if fault and not fault.lose:
                status, headers = fault.status, fault.headers
                answer = fault.body if fault.body is not None else self.error_body(fault.status, "injected")
            else:
                status, answer, headers = self.answer(request)
        if fault and fault.lose:
            handler.close_connection = True
            return  # applied; the connection closes without an answer
        data = answer if isinstance(answer, bytes) else b"" if answer is None else json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/octet-stream" if isinstance(answer, bytes)
                            else "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)


def _form(text: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in parse_qsl(text):
        if name.endswith("[]"):
            fields.setdefault(name, []).append(value)
        else:
            fields[name] = value
    return fields


def _multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    """The fields of a multipart/form-data body: a file as (file name, bytes), any other field as text."""
    message = BytesParser(policy=default).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        fields[str(name)] = (filename, data) if filename else data.decode()
    return fields
