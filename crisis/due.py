"""Timed work done once: claim what is due, change each item under its lock in a unit of work of its own, and
only after that commit say so (in the chat); one item failing is logged and never stops the others."""
from __future__ import annotations

import logging
from typing import Callable, Iterable, Sequence, TypeVar

from crisis.ports import Ports, UnitOfWork

log = logging.getLogger(__name__)

K = TypeVar("K")
R = TypeVar("R")
T = TypeVar("T")


def run_due(ports: Ports, what: str, due: Callable[[UnitOfWork], Sequence[K]],
            change: Callable[[UnitOfWork, K], R | None], after: Callable[[R], T]) -> list[T]:
    """Claim the due keys in one short unit of work (the repository skips rows another replica is working on),
    then `run_each` on them."""
    with ports.uow() as uow:
        keys = list(due(uow))
    return run_each(ports, what, keys, change, after)


def run_each(ports: Ports, what: str, keys: Iterable[K], change: Callable[[UnitOfWork, K], R | None],
             after: Callable[[R], T]) -> list[T]:
    """Per key: in its own unit of work, `change` locks the item, checks again that it is still due and
    changes it, returning what `after` needs, or None when nothing is left to do; the unit of work is
    committed either way (a None may have recorded something, e.g. a page cancelled). Then `after` runs
    outside the transaction (messages that must not undo the change). Returns what `after` returned,
    per key acted on; a key that fails is logged and left out."""
    done: list[T] = []
    for key in keys:
        try:
            with ports.uow() as uow:
                result = change(uow, key)
                uow.commit()
            if result is not None:
                done.append(after(result))
        except Exception:
            log.exception("%s: %r failed", what, key)
    return done
