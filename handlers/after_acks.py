"""The after-ack executor: listeners' work after their ack, with the acks served first while a burst lasts.

Two pools. Work that is not kept (a modal to open: its trigger expires 3 s after the click; something to show)
starts at once on a pool of its own, never behind kept work. Its pieces mostly wait on Slack (a call takes 0.1-0.3
s), so the pool is wide: with Slack answering in 100 ms, the 16 threads that used to carry all of the work left a
modal 4-8 s in a queue during a burst (docs/operations.md, "Bursts and Slack's latency").

Work that is *kept* (its request is in the inbox before the ack: handlers/errors.py) can wait without losing
anything, so while the server is answering requests (queued or being served: the server says so through
`started` / `finished`) at most `while_answering` kept pieces run at once and the rest are held, holding no
thread. When no request is left to answer, every held piece starts, on the kept pool: narrower, because kept work
is transactions, and the database's connection pool and SQLite's one writer serve only so many at once.

Why: the work and the acks share one process and its interpreter lock. On SQLite the kept work's transactions
take it from the acks for the whole burst; on PostgreSQL the work waits on the server instead, so this changes
little there. A steady stream of requests never starves kept work: it keeps `while_answering` threads. Held work
is started before `shutdown` waits, so a stop loses none of it (and a crash loses none either: it runs again from
the inbox).
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, Callable

log = logging.getLogger(__name__)

AT_ONCE_THREADS = 64
"""Threads for work that starts at once. Idle ones cost nothing; at 100-300 ms a Slack call, 64 keep a burst's modals
and replies moving (Little's law: a few hundred pieces a second)."""
KEPT_THREADS = 32
"""Threads for kept work. A piece waits on Slack for most of its time (an acknowledgement commits, then updates the
page and replies): with Slack answering in 100 ms, 32 threads did a burst's kept work in about half the time 16
took, and 64 no faster (docs/operations.md, "Bursts and Slack's latency")."""
WHILE_ANSWERING = 2
"""Kept pieces running at once while requests are being answered: enough that a slow Slack call (a Retry-After,
a channel being created) does not stop the rest; few enough to leave the interpreter to the acks."""

_Piece = tuple[Future, Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class AfterAcks(Executor):
    """The work after the acks (see the module's docstring): `submit` starts work at once on `at_once_threads`,
    `submit_kept` starts kept work on `kept_threads` when the acks allow."""

    def __init__(self, *, at_once_threads: int = AT_ONCE_THREADS, kept_threads: int = KEPT_THREADS,
                 while_answering: int = WHILE_ANSWERING, thread_name_prefix: str = "listener",
                 initializer: Callable[[], None] | None = None) -> None:
        self._at_once = ThreadPoolExecutor(at_once_threads, thread_name_prefix=thread_name_prefix,
                                           initializer=initializer)
        self._kept = ThreadPoolExecutor(kept_threads, thread_name_prefix=f"{thread_name_prefix}-kept",
                                        initializer=initializer)
        self._while_answering = while_answering
        self._lock = threading.Lock()
        self._answering = 0
        self._kept_running = 0
        self._held: deque[_Piece] = deque()
        self._unfinished = 0
        self._queued = 0
        self._closed = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Work that is not kept: it starts at once, unless every thread of its pool is busy (see `queued`)."""
        began = [False]

        def run() -> Any:
            with self._lock:
                self._queued -= 1
                began[0] = True
            return fn(*args, **kwargs)

        def never_ran(_future: Future[Any]) -> None:  # cancelled in its queue at shutdown
            with self._lock:
                if not began[0]:
                    self._queued -= 1
                    began[0] = True

        with self._lock:
            self._queued += 1
        future = self._at_once.submit(run)
        future.add_done_callback(never_ran)
        return self._counted(future)

    def submit_kept(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Kept work: it starts at once, unless requests are being answered and `while_answering` kept pieces are
        already running; then it waits for one of them to end, or for the requests to be answered."""
        piece: _Piece = (Future(), fn, args, kwargs)
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new work after shutdown")
            held = self._answering and self._kept_running >= self._while_answering
            if held:
                self._held.append(piece)
            else:
                self._kept_running += 1
        if not held:
            self._start(piece)
        return self._counted(piece[0])  # counted once out of the lock: its callback takes the lock

    def started(self) -> None:
        """The server took a request to answer (queued for one of its threads or being served)."""
        with self._lock:
            self._answering += 1

    def finished(self) -> None:
        """The server is done with a request (answered, or dropped)."""
        with self._lock:
            self._answering -= 1
            startable = self._startable()
        for piece in startable:
            self._start(piece)

    def held(self) -> int:
        """Kept pieces waiting for the acks."""
        with self._lock:
            return len(self._held)

    def queued(self) -> int:
        """Work that is not kept waiting for a thread: a modal in this queue for 3 s no longer opens."""
        with self._lock:
            return self._queued

    def unfinished(self) -> int:
        """Pieces submitted and not done yet: queued for a thread, held, or running."""
        with self._lock:
            return self._unfinished

    def _counted(self, future: Future[Any]) -> Future[Any]:
        with self._lock:
            self._unfinished += 1
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future[Any]) -> None:
        with self._lock:
            self._unfinished -= 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Held work starts first (or is cancelled with `cancel_futures`), then the pools shut down."""
        with self._lock:
            self._closed = True
            self._answering = 0
            held = list(self._held) if not cancel_futures else []
            cancelled = list(self._held) if cancel_futures else []
            self._held.clear()
            self._kept_running += len(held)
        for piece in cancelled:
            piece[0].cancel()
        for piece in held:
            self._start(piece)
        self._at_once.shutdown(wait=wait, cancel_futures=cancel_futures)
        self._kept.shutdown(wait=wait, cancel_futures=cancel_futures)

    def _startable(self) -> list[_Piece]:
        """Held pieces that may start now (the lock held)."""
        startable = []
        while self._held and (not self._answering or self._kept_running < self._while_answering):
            startable.append(self._held.popleft())
            self._kept_running += 1
        return startable

    def _start(self, piece: _Piece) -> None:
        try:
            started = self._kept.submit(self._run, piece)
        except RuntimeError:  # a piece that ended as the pool shut down had taken the next: it stays in the inbox
            log.warning("work after an ack not started: the process is stopping (a later tick runs it)")
            piece[0].cancel()
            return
        started.add_done_callback(lambda run: piece[0].cancel() if run.cancelled() else None)

    def _run(self, piece: _Piece) -> None:
        future, fn, args, kwargs = piece
        try:
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args, **kwargs)
                except BaseException as error:  # noqa: BLE001 - the future carries it, as a pool's would
                    future.set_exception(error)
                else:
                    future.set_result(result)
        finally:
            with self._lock:
                self._kept_running -= 1
                startable = self._startable()
            for next_piece in startable:
                self._start(next_piece)
