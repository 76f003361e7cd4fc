"""Timed work done once: claim what is due, change each item under its lock in a unit of work of its own, and
only after that commit say so (in the chat); one item failing is logged and never stops the others. Also the
rules every side effect sent from a row shares: how long a claim to send lasts (the lease), how long to wait
before trying again, and when a refusal is final."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Callable, Iterable, Sequence, TypeVar

from crisis.errors import OutsideFailure
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


CALL_LIMIT = timedelta(seconds=180)
"""The longest one call to the outside (a chat call, a publish) may take with the adapter's own retries; the
Slack client's worst case stays under it (tests/handlers/test_slack_client_delivery.py ties the two)."""
LEASE_MARGIN = timedelta(seconds=60)
MAX_REFUSALS = 3
"""A message the platform refuses for its content (or its target) is tried this often, then given up."""
LONGEST_WAIT = timedelta(minutes=5)


def lease(calls: int) -> timedelta:
    """How long an item claimed for sending is left to its sender: `calls` calls at their slowest, and a
    margin. Only an item whose sender died is still unsent when it ends; the next tick then sends it."""
    return CALL_LIMIT * calls + LEASE_MARGIN


def retry_in(attempts: int, failure: OutsideFailure) -> timedelta:
    """When to try again after `attempts` failed tries: 10 s, 20 s, 40 s ... at most 5 min, and never
    sooner than the platform asked (Retry-After)."""
    wait = min(LONGEST_WAIT, timedelta(seconds=10 * 2 ** min(max(0, attempts - 1), 10)))
    return max(wait, timedelta(seconds=failure.retry_after or 0))


def given_up(failure: OutsideFailure, attempts: int) -> bool:
    """A refusal of the content itself, MAX_REFUSALS times: trying the same again cannot succeed."""
    return failure.permanent and attempts >= MAX_REFUSALS
