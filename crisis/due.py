"""Timed work done once: claim what is due, change each item under its lock in a unit of work of its own, and
only after that commit say so (in the chat); one item failing is logged and never stops the others. Also the
rules every side effect sent from a row shares: how long a claim to send lasts (the lease), how long to wait
before trying again, and when a refusal is final. And the inbox: a request from the chat is taken (recorded)
before it is answered and done after its work ran, so work cut short by a crash is run again."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable, Iterable, Sequence, TypeVar

from crisis.errors import OutsideFailure
from crisis.ports import Ports, TakenRequest, UnitOfWork

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


BEAT_EVERY = timedelta(seconds=10)
"""How often each replica says it is alive (Runners.beat), from a timer of its own, never held up by the tick."""
RUNNER_SILENT_AFTER = timedelta(seconds=60)
"""A replica not heard from for this long is taken for dead (killed, its machine gone): what it holds under a
lease is taken over at once instead of at the lease's end, which is made for the slowest live sender (minutes)."""
RUNNERS_KEPT = timedelta(days=1)


def silent_since(now: datetime) -> datetime:
    """A runner whose last beat is older than this is taken for dead."""
    return now - RUNNER_SILENT_AFTER


def taken_for_dead(uow: UnitOfWork, holder: str | None, now: datetime, me: str) -> bool:
    """Whether the holder of a lease is taken for dead: silent since silent_since(now). Never this replica itself
    (`me`): it is plainly alive, though its clock may have moved past its last beat (a stalled process, a clock
    jumped forward) while another of its threads still sends what it holds."""
    return holder is not None and holder != me and uow.runners.silent(holder, silent_since(now))


def beat(*, ports: Ports) -> None:
    """This replica is alive; replicas silent for a day are forgotten."""
    now = ports.clock.now()
    with ports.uow() as uow:
        uow.runners.beat(ports.runner, now)
        uow.runners.forget(now - RUNNERS_KEPT)
        uow.commit()


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


def back_off(failure: OutsideFailure, attempts: int, now: datetime, *, final: bool = False
             ) -> tuple[datetime | None, bool]:
    """After the `attempts`-th failed try: when to try again (None when it is given up: `final`, or given_up), and
    whether to say so (the first failure and giving up are told; the quiet tries between are not)."""
    gave_up = final or given_up(failure, attempts)
    return None if gave_up else now + retry_in(attempts, failure), gave_up or attempts <= 1


REDO_AFTER = timedelta(seconds=60)
"""A request still in the inbox this long after it was taken (or last run again) is run again. Its work
normally ends within seconds; running it while the first run is still busy is harmless, since its use case
claims the request key and acts once."""
MAX_REDOS = 3
"""A request whose work failed this often is given up (logged): it would fail the same way again."""
REDO_BATCH = 20


def take_request(key: str, work: str, body: str, *, ports: Ports) -> None:
    """Record a request before it is answered. Taken twice (the chat delivered it again), it stays once."""
    now = ports.clock.now()
    request = TakenRequest(key, work, body, received_at=now, redo_at=now + REDO_AFTER)
    if ports.intake is not None:
        ports.intake.take(request)
        return
    with ports.uow() as uow:
        uow.inbox.add(request)
        uow.commit()


def request_done(key: str, *, ports: Ports) -> None:
    with ports.uow() as uow:
        uow.inbox.remove(key)
        uow.commit()


def redo_requests(*, ports: Ports, run: Callable[[TakenRequest], object]) -> int:
    """Run again the requests whose work was cut short (their replica died, or the work failed): each claimed
    for REDO_AFTER, at most MAX_REDOS times. `run` removes a request when its work is done. How many ran."""
    now = ports.clock.now()
    return len(run_due(ports, "running requests again", lambda uow: uow.inbox.due(now, REDO_BATCH),
                       lambda uow, key: _claim_redo(uow, key, now), run))


def _claim_redo(uow: UnitOfWork, key: str, now: datetime) -> TakenRequest | None:
    request = uow.inbox.lock(key)
    if request is None or request.redo_at > now:
        return None
    if request.redone >= MAX_REDOS:
        log.error("giving up %s (%s) taken at %s: its work failed %d times", request.work, request.key,
                  request.received_at.isoformat(), request.redone + 1)
        uow.inbox.remove(key)
        return None
    request.redone += 1
    request.redo_at = now + REDO_AFTER * 2 ** request.redone
    uow.inbox.save(request)
    return request
