"""The after-ack executor: kept work yields to the acks while requests are being answered (at most two pieces run),
starts when none is left, is never lost on shutdown; work that is not kept always starts at once, on threads of its
own."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future

import pytest

from handlers.after_acks import WHILE_ANSWERING, AfterAcks

WAIT = 10  # seconds: a bound on waiting for a thread that is already due, never a pause


class Piece:
    """Work that says when it began and runs until it is let go."""

    def __init__(self) -> None:
        self.began, self.go = threading.Event(), threading.Event()

    def __call__(self) -> str:
        self.began.set()
        assert self.go.wait(WAIT)
        return "done"


@pytest.fixture
def executor() -> Iterator[AfterAcks]:
    after_acks = AfterAcks(at_once_threads=2, kept_threads=4)
    yield after_acks
    after_acks.shutdown(wait=True)


def kept(executor: AfterAcks, count: int) -> list[tuple[Piece, Future]]:
    pieces = [Piece() for _ in range(count)]
    return [(piece, executor.submit_kept(piece)) for piece in pieces]


def let_go(submitted: list[tuple[Piece, Future]]) -> None:
    for piece, future in submitted:
        piece.go.set()
        assert future.result(WAIT) == "done"


def test_kept_work_starts_at_once_when_no_request_is_being_answered(executor):
    submitted = kept(executor, 4)
    assert all(piece.began.wait(WAIT) for piece, _ in submitted)
    assert executor.held() == 0
    let_go(submitted)


def test_while_a_request_is_answered_two_kept_pieces_run_and_the_next_starts_when_one_ends(executor):
    executor.started()
    running, waiting = kept(executor, WHILE_ANSWERING), kept(executor, 1)
    assert all(piece.began.wait(WAIT) for piece, _ in running)
    assert executor.held() == 1 and not waiting[0][0].began.is_set()
    let_go(running[:1])
    assert waiting[0][0].began.wait(WAIT)
    assert executor.held() == 0
    let_go(running[1:] + waiting)


def test_held_work_starts_when_the_last_request_being_answered_is_done(executor):
    executor.started()
    executor.started()
    running, waiting = kept(executor, WHILE_ANSWERING), kept(executor, 2)
    assert all(piece.began.wait(WAIT) for piece, _ in running)
    executor.finished()
    assert executor.held() == 2, "one request is still being answered"
    executor.finished()
    assert all(piece.began.wait(WAIT) for piece, _ in waiting)
    assert executor.held() == 0
    let_go(running + waiting)


def test_work_that_is_not_kept_starts_at_once_while_kept_work_waits(executor):
    executor.started()
    running, waiting = kept(executor, WHILE_ANSWERING), kept(executor, 1)
    modal = Piece()
    opened = executor.submit(modal)
    assert modal.began.wait(WAIT)
    assert executor.held() == 1
    let_go([(modal, opened)])
    executor.finished()
    let_go(running + waiting)


def test_work_that_is_not_kept_never_waits_behind_kept_work_that_fills_its_threads(executor):
    running = kept(executor, 4)  # no request being answered: all of them start, on all of the kept threads
    assert all(piece.began.wait(WAIT) for piece, _ in running)
    modals = [Piece(), Piece()]
    opened = [executor.submit(modal) for modal in modals]
    assert all(modal.began.wait(WAIT) for modal in modals), "a modal's trigger expires: it has threads of its own"
    let_go(list(zip(modals, opened)) + running)


def test_a_failing_kept_piece_hands_its_error_to_its_future_and_frees_its_place(executor):
    executor.started()

    def fails() -> None:
        raise ValueError("the database went away")

    assert isinstance(executor.submit_kept(fails).exception(WAIT), ValueError)
    running = kept(executor, WHILE_ANSWERING)
    assert all(piece.began.wait(WAIT) for piece, _ in running), "the failed piece's place is free again"
    executor.finished()
    let_go(running)


def test_shutdown_starts_the_held_work_and_then_refuses_more():
    executor = AfterAcks(at_once_threads=1, kept_threads=4)
    executor.started()
    running, waiting = kept(executor, WHILE_ANSWERING), kept(executor, 1)
    assert all(piece.began.wait(WAIT) for piece, _ in running)
    executor.shutdown(wait=False)
    assert waiting[0][0].began.wait(WAIT), "a stop loses no held work"
    with pytest.raises(RuntimeError):
        executor.submit_kept(Piece())
    let_go(running + waiting)


def test_shutdown_cancelling_futures_cancels_the_held_work():
    executor = AfterAcks(at_once_threads=1, kept_threads=4)
    executor.started()
    running, waiting = kept(executor, WHILE_ANSWERING), kept(executor, 1)
    assert all(piece.began.wait(WAIT) for piece, _ in running)
    executor.shutdown(wait=False, cancel_futures=True)
    assert waiting[0][1].cancelled() and not waiting[0][0].began.is_set()
    let_go(running)


def test_work_not_kept_waiting_for_a_thread_is_counted_until_it_starts_or_is_cancelled():
    executor = AfterAcks(at_once_threads=1, kept_threads=1)
    first, second, third = Piece(), Piece(), Piece()
    running = executor.submit(first)
    assert first.began.wait(WAIT)
    waiting = [executor.submit(second), executor.submit(third)]
    assert executor.queued() == 2
    first.go.set()
    assert running.result(WAIT) == "done" and second.began.wait(WAIT)
    assert executor.queued() == 1
    executor.shutdown(wait=False, cancel_futures=True)
    assert waiting[1].cancelled() and executor.queued() == 0
    second.go.set()
    assert waiting[0].result(WAIT) == "done"
