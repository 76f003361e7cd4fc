"""Test helpers for the source adapters: a loopback fake HTTP server, recorded responses, a fixed clock."""
from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from crisis.plan import SourceConfig

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
NOW = datetime(2024, 11, 4, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class FakeRequest:
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    declare_length: bool = True


Route = Callable[[FakeRequest], Reply]


class FakeHttp:
    """A threaded HTTP server on 127.0.0.1 answering GETs from `routes` (path -> Route); records requests.
    A route may block on `release` (set at teardown) to play a server that never answers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[FakeRequest] = []
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                request = FakeRequest(parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()},
                                      {k.lower(): v for k, v in self.headers.items()})
                fake.requests.append(request)
                route = fake.routes.get(parts.path)
                reply = route(request) if route else Reply(404, b"not found")
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.declare_length and "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                if not reply.declare_length:
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def serve(self, path: str, reply: Reply | Route) -> None:
        self.routes[path] = reply if callable(reply) else (lambda request: reply)

    def blocked(self, request: FakeRequest) -> Reply:
        """A route that answers only once the test is over."""
        self.release.wait(5)
        return Reply(200, b"too late")


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def source_config(kind: str, name: str = "test", every: timedelta = timedelta(minutes=1),
                  **options: str) -> SourceConfig:
    return SourceConfig(name=name, kind=kind, term="acme", every=every, options=options)
