"""A mention file's batches scored in forked worker processes that each read the file themselves, in input order."""

from __future__ import annotations

import csv
import gc
import multiprocessing
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from itertools import islice
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from sources.mention_files import (
    BadMentionFile,
    file_format,
    read_mentions,
    read_mentions_csv,
)

Batch = list[dict[str, Any]]
BatchOutput = tuple[str, Any]  # (the batch's output text, its per-language counts)


def raw_batches(
    path: str | Path, text_column: str, batch_size: int
) -> tuple[Generator[list, None, None], Callable[[list], Batch]]:
    """The file's rows in batches of `batch_size`, not yet made records (a CSV row stays a list of cells until its
    batch is scored: skipping a batch costs only its parsing), and what makes a batch's rows the records that
    `read_mentions` yields for them."""
    if file_format(path) == "csv":
        header, rows = read_mentions_csv(path, text_column)
        return _chunks(rows, batch_size), _records_maker(header, text_column)
    return _chunks(read_mentions(path, text_column), batch_size), list


def _chunks(rows: Iterator[Any], size: int) -> Generator[list, None, None]:
    try:
        while chunk := list(islice(rows, size)):
            yield chunk
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # the file


def _records_maker(header: list[str], text_column: str) -> Callable[[list], Batch]:
    """Rows (lists of cells) as `read_mentions`'s records: every header field (None where a row is short), the
    last cell of a repeated header name, the text never None."""
    empty = dict.fromkeys(header)
    width = len(header)
    plain = len(set(header)) == width

    def records(rows: list[list[str]]) -> Batch:
        made: Batch = []
        for fields in rows:
            if plain and len(fields) >= width:
                record = dict(zip(header, fields))
            else:
                record = {**empty, **dict(zip(header, fields, strict=False))}
            if record[text_column] is None:
                record[text_column] = ""
            made.append(record)
        return made

    return records


def scored_in_workers(
    path: str | Path,
    text_column: str,
    batch_size: int,
    score: Callable[[Batch], BatchOutput],
    workers: int,
    skip: int = 1,
) -> Iterator[tuple[int, BatchOutput]]:
    """Each batch's size and `score`'s output for it, in input order, from the batch after the first `skip` on.

    `workers` processes are forked (when the platform can fork; else spawned) after `score` is loaded, so its
    lexicons, language model and cache are shared, not loaded again. Each reads the whole file itself (parsing a
    batch that is not its own costs little) and scores every `workers`-th batch: nothing is sent to a worker, and
    only each batch's output text comes back. A file that turns bad part way raises BadMentionFile here after
    the batches before the bad one, as a single process would."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    connections: list[Connection] = []
    processes = []
    for share in range(workers):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(sender, path, text_column, batch_size, score, workers, share,
                                                      skip), daemon=True)
        process.start()
        sender.close()
        connections.append(receiver)
        processes.append(process)
    try:
        yield from _in_order(connections, skip)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for connection in connections:
            connection.close()


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: scoring makes no reference cycles, yet its collections, walking the
    caches and lexicons again and again, cost about 5% of the time. Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _in_order(connections: list[Connection], first: int) -> Iterator[tuple[int, BatchOutput]]:
    """The workers' batches in input order (those finished early are held until their turn)."""
    waiting: dict[int, tuple[int, BatchOutput]] = {}
    end: int | None = None
    failure: tuple[int, str] | None = None
    following = first
    open_ = list(connections)
    while open_:
        for connection in wait(open_):
            try:
                message = connection.recv()
            except EOFError:
                open_.remove(connection)
                continue
            kind, index = message[0], message[1]
            if kind == "batch":
                waiting[index] = message[2]
            elif kind == "end":
                end = index
            elif failure is None or index < failure[0]:
                failure = (index, message[2])
        while following in waiting:
            yield waiting.pop(following)
            following += 1
    if failure is not None and following >= failure[0]:
        raise BadMentionFile(failure[1])
    if end is None or following != end:
        raise RuntimeError(f"a scoring process ended early (batches done: {following}, expected: {end})")


def _work(connection: Connection, path: str | Path, text_column: str, batch_size: int,
          score: Callable[[Batch], BatchOutput], workers: int, share: int, skip: int) -> None:
    """A worker: score batches `skip + share`, `skip + share + workers`, ... and send each one's output."""
    done = 0  # batches read whole: a failure is in the batch after them
    gc.disable()  # see paused_gc; this process ends with the file
    try:
        try:
            batches, records = raw_batches(path, text_column, batch_size)
            for rows in batches:
                if done >= skip and (done - skip) % workers == share:
                    batch = records(rows)
                    connection.send(("batch", done, (len(batch), score(batch))))
                done += 1
            connection.send(("end", done))
        except (BadMentionFile, csv.Error) as error:
            connection.send(("error", done, str(error)))
    finally:
        connection.close()
