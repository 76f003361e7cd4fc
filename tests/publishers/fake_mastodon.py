"""A fake Mastodon instance on 127.0.0.1: POST /api/v1/statuses, recorded, honouring Idempotency-Key like Mastodon."""
from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass(frozen=True)
class StatusRequest:
    path: str
    headers: Mapping[str, str]
    form: Mapping[str, str]


class FakeMastodon:
    """Records every request; a key seen before gets the status made for it again, a new one a new status.

    `fail_status` answers that HTTP status with an error body (and makes nothing) while set; `block` makes
    requests wait for `release` before answering, as a slow instance; `made` is set whenever a status is made.
    """

    def __init__(self) -> None:
        self.requests: list[StatusRequest] = []
        self.statuses: list[dict[str, str]] = []
        self.fail_status: int | None = None
        self.block = False
        self.release = threading.Event()
        self.made = threading.Event()
        self._by_key: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                request = StatusRequest(self.path, {k.lower(): v for k, v in self.headers.items()},
                                        {k: v[-1] for k, v in parse_qs(body.decode()).items()})
                status, answer = fake._answer(request)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> FakeMastodon:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, request: StatusRequest) -> tuple[int, dict[str, str]]:
        with self._lock:
            self.requests.append(request)
            failing = self.fail_status
        if request.path != "/api/v1/statuses":
            return 404, {"error": "Record not found"}
        if request.headers.get("authorization") != "Bearer secret-token":
            return 401, {"error": "The access token is invalid"}
        if failing is not None:
            return failing, {"error": "Service Unavailable"}
        if self.block:
            self.release.wait(5)
        with self._lock:
            key = request.headers.get("idempotency-key", "")
            status = self._by_key.get(key) if key else None
            if status is None:
                number = str(len(self.statuses) + 1)
                status = {"id": number, "url": f"{self.url}/@acme/{number}", "content": request.form["status"],
                          "visibility": request.form.get("visibility", "")}
                self.statuses.append(status)
                if key:
                    self._by_key[key] = status
            self.made.set()
            return 200, status
