"""Races for the database tests: threads, each with its own unit of work, started at the same instant."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")

HOLD = 0.05  # seconds a winner keeps its transaction open, so that the others surely overlap it


def race_indexed(work: Callable[[int], T], threads: int) -> list[T]:
    """Run `work(i)` in `threads` threads released together by a barrier; results in thread order."""
    start = threading.Barrier(threads)

    def run(index: int) -> T:
        start.wait(timeout=10)
        return work(index)

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(run, i) for i in range(threads)]
        return [future.result(timeout=60) for future in futures]


def race(work: Callable[[], T], threads: int) -> list[T]:
    return race_indexed(lambda _: work(), threads)
