"""The production HTTP server: waitress, with size limits, header and body deadlines, a bounded pool, a real backlog.

Why waitress (docs/operations.md says more): the app is WSGI and its listeners run on threads, and the timers run
in the same process; waitress serves WSGI from one process with a fixed pool of worker threads, and its I/O loop
reads each request whole before a worker sees it, so a slow or half-sent request costs a socket, never a thread.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.wasyncore import close_all

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerLimits:
    """What one replica accepts; the defaults are what `crisisbot serve` runs with (see docs/operations.md)."""

    threads: int = 32
    """Worker threads running the app. A request holds one only until its listener acks (Slack waits 3 s)."""
    backlog: int = 2048
    """Connections the kernel queues before accept (capped by net.core.somaxconn)."""
    connection_limit: int = 1000
    """Open connections; past it the server stops accepting until some close."""
    header_seconds: float = 5.0
    """A request's headers must have arrived this long after its first byte, or the connection is closed."""
    body_seconds: float = 15.0
    """The whole request (headers and body) must have arrived this long after its first byte."""
    idle_seconds: float = 60.0
    """A kept-alive connection with nothing to do is closed after this long."""
    max_header_bytes: int = 64 * 1024
    max_body_bytes: int = 8 * 1024 * 1024
    """Above every route's own limit (Slack 4 MiB, ingest 5 MB), so each answers its own 413 with its reason; a
    larger declared length is refused by the server before any of the body is read."""


class Answering(Protocol):
    """Told of each request the server takes to answer and of each it is done with (the after-ack executor
    listens: handlers/after_acks.py)."""

    def started(self) -> None: ...

    def finished(self) -> None: ...


class _Unwatched:
    def started(self) -> None:
        pass

    def finished(self) -> None:
        pass


class _TimedRequest(HTTPRequestParser):
    """A request being read, with the moment its first byte arrived."""

    def __init__(self, adj: Adjustments) -> None:
        super().__init__(adj)
        self.started = time.monotonic()


class _Channel(HTTPChannel):
    """A connection; each request it queues for a worker thread was counted as started (`add_task`)."""

    parser_class = _TimedRequest
    server: ProductionServer

    def service(self) -> None:
        try:
            super().service()
        finally:
            self.server.answering.finished()

    def cancel(self) -> None:
        super().cancel()
        self.server.answering.finished()


class ProductionServer(TcpWSGIServer):
    """waitress on one address; `server_port`, `serve_forever` and `shutdown` as the standard library's servers."""

    channel_class = _Channel

    def __init__(self, app: Any, host: str, port: int, limits: ServerLimits = ServerLimits(),
                 answering: Answering | None = None) -> None:
        self.limits = limits
        self.answering = answering or _Unwatched()
        self._stopped = threading.Event()
        self._closed_from_outside = False
        adjustments = Adjustments(
            host=host, port=port, threads=limits.threads, backlog=limits.backlog,
            connection_limit=limits.connection_limit, channel_timeout=limits.idle_seconds, cleanup_interval=1,
            max_request_header_size=limits.max_header_bytes, max_request_body_size=limits.max_body_bytes + 1,
            ident="crisisbot")
        super().__init__(app, map={}, adj=adjustments)

    def add_task(self, task: Any) -> None:
        """A request is in (waitress queues its connection for a worker thread): `answering` is told."""
        self.answering.started()
        super().add_task(task)

    @property
    def server_port(self) -> int:
        return int(self.effective_port)

    def maintenance(self, now: float) -> None:
        """waitress closes idle connections; here also those whose request is not in after its deadline."""
        super().maintenance(now)
        moment = time.monotonic()
        for channel in list(self.active_channels.values()):
            request = channel.request
            if request is None or request.completed:
                continue
            limit = self.limits.body_seconds if request.headers_finished else self.limits.header_seconds
            if moment - request.started > limit:
                log.info("closed a connection from %s: request not in after %.0f s", channel.addr[0], limit)
                channel.will_close = True

    def serve_forever(self) -> None:
        """Serve until `shutdown` (from another thread) or SIGINT/SIGTERM raised as SystemExit."""
        try:
            self.run()
        except OSError:
            if not self._closed_from_outside:
                raise  # else the loop was waiting on descriptors shutdown closed: it is over
        finally:
            self.task_dispatcher.shutdown(timeout=10)
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop accepting, close every connection (from the I/O loop's own thread) and wait for the loop to end."""
        try:
            self.trigger.pull_trigger(lambda: close_all(self._map))
        except OSError as error:  # the wake-up pipe is gone: close from here, the loop ends at its next poll
            log.warning("server shutdown without its wake-up pipe (%s); closing its connections directly", error)
            self._closed_from_outside = True
            close_all(self._map, ignore_all=True)
        self._stopped.wait(timeout=15)
