"""The use-case steps shared by the requests for an action on a platform post that are approved like a statement
(crisis.statements.four_eyes) and then carried out once: a take-down, a webcare reply. Recording an approval or a
rejection, the claim to carry one out under its row lock (with a lease), the call to the platform, recording its
outcome or its failure (and the back-off), and the tick that retries what is due. Each kind (`PostAction`) keeps
its own rules, timeline events and messages."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from crisis.errors import PublishFailed
from crisis.events import EventKind
from crisis.plan import CrisisPlan
from crisis.ports import Ports, UnitOfWork
from crisis.prevention.showing import CardKind, cards_tick, changed, show_now
from crisis.room.model import Crisis
from crisis.statements.four_eyes import Decided
from crisis.takedowns.ports import PostUnavailable

log = logging.getLogger(__name__)
BATCH = 20

T = TypeVar("T")
"""The request (a Takedown, a Reply): these steps read its `post_id`, `account`, `state` and `card` (Shown)."""
R = TypeVar("R")
"""What the platform answered when the action was carried out (removed now or gone; the reply's link)."""


@dataclass(frozen=True)
class PostAction(Generic[T, R]):
    """One kind of request: how it is stored and locked, the rules that judge it, what it does on the platform,
    and what it records on the timeline and says in the room."""

    noun: str
    """What the logs call one: "take-down", "reply"."""
    doing: str
    """What the logs say is done to the post: "taking down", "replying to"."""
    rows: Callable[[UnitOfWork], Any]
    """Its repository: save, and the ids whose action is due again."""
    locked: Callable[[UnitOfWork, int], tuple[Crisis | None, T]]
    """The request and its crisis under their locks, crisis first."""
    due: Callable[[UnitOfWork, datetime, int], list[int]]
    """Approved requests whose action is due again (a back-off ended, or a claim's lease), soonest first."""
    decide: Callable[..., Decided]
    """rules.decide(request, crisis, plan, user=, approve=, now=)."""
    approved: EventKind
    rejected: EventKind
    failed: EventKind
    event: Callable[..., None]
    """event(uow, request, kind, now, actor, **more): its timeline event (none when it has no crisis)."""
    claim: Callable[[T, Crisis | None, CrisisPlan, datetime], bool]
    """rules' claim to carry it out now: called under the row lock."""
    act: Callable[[T, Ports], R]
    """Carry it out on the platform: raises PublishFailed, or PostUnavailable for a refusal no retry changes."""
    record: Callable[[UnitOfWork, T, R, datetime], bool]
    """Record what the platform answered, with its timeline event; False when an outcome is recorded already."""
    rehearse: Callable[[UnitOfWork, T, datetime], bool]
    """A drill's `record`: done as if, the platform never called; its card and timeline say "skipped: drill"."""
    fail: Callable[[T, PublishFailed, datetime, bool], bool]
    """rules' record of a failure (final or not): the claim released, the next try set; True when the room hears."""
    tell: Callable[[Crisis | None, T, Ports], None]
    """Tell the room its outcome or failure."""
    card: Callable[[Ports], CardKind]


def decide(action: PostAction[T, R], item_id: int, *, approve: bool, user: str, request_key: str, ports: Ports
           ) -> Decided | None:
    """Approve or reject as `user` (the kind's rules say who may); it is carried out when the rule is met. None for
    a duplicate request."""
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis, item = action.locked(uow, item_id)
        result = action.decide(item, crisis, ports.plan, user=user, approve=approve, now=now)
        if result.approval is not None:
            action.event(uow, item, action.approved if approve else action.rejected, now, user,
                         role=result.approval.role)
            changed(item.card, now)
        action.rows(uow).save(item)
        uow.commit()
    if result.approved:
        carry_out(action, item_id, ports=ports)
    else:
        show_now(action.card(ports), item_id, ports)
    return result


def carry_out(action: PostAction[T, R], item_id: int, *, ports: Ports) -> bool:
    """Carry out an approved request once: claimed under the row lock with a lease (the tick resumes a claim whose
    process died), then the platform called outside any transaction, then its answer recorded. A failure is
    retried by the tick after a back-off (never sooner than Retry-After) until a refusal is final. A drill's request
    is recorded done (`rehearse`) and the platform never called: a drill acts on nothing outside the team's chat.
    True when this call recorded the outcome."""
    now = ports.clock.now()
    with ports.uow() as uow:
        crisis, item = action.locked(uow, item_id)
        state = item.state
        claimed = action.claim(item, crisis, ports.plan, now)
        if item.state is not state:
            changed(item.card, now)
        action.rows(uow).save(item)
        uow.commit()
    if not claimed:
        show_now(action.card(ports), item_id, ports)
        return False
    if crisis is not None and crisis.drill:
        return _recorded(action, item_id, ports, now, lambda uow, it: action.rehearse(uow, it, now))
    try:
        answer = action.act(item, ports)
    except PostUnavailable as refused:
        failure = PublishFailed(refused.said(), permanent=True)
        return _failed(action, item_id, failure, ports, final=True)
    except PublishFailed as failure:
        return _failed(action, item_id, failure, ports)
    return _recorded(action, item_id, ports, now, lambda uow, it: action.record(uow, it, answer, now))


def _recorded(action: PostAction[T, R], item_id: int, ports: Ports, now: datetime,
              record: Callable[[UnitOfWork, T], bool]) -> bool:
    """The outcome recorded under the locks (`record`), then the room told and the card shown."""
    with ports.uow() as uow:
        crisis, item = action.locked(uow, item_id)
        done = record(uow, item)
        if done:
            changed(item.card, now)
        action.rows(uow).save(item)
        uow.commit()
    if done:
        action.tell(crisis, item, ports)
    show_now(action.card(ports), item_id, ports)
    return done


def _failed(action: PostAction[T, R], item_id: int, failure: PublishFailed, ports: Ports, final: bool = False
            ) -> bool:
    """The claim released and the next try set after a back-off, or none when the refusal is final; the room hears
    of the first failure and of giving up."""
    now = ports.clock.now()
    with ports.uow() as uow:
        crisis, item = action.locked(uow, item_id)
        tell = action.fail(item, failure, now, final)
        if tell:
            action.event(uow, item, action.failed, now, None, target=item.account, error=failure.reason)
        changed(item.card, now)
        action.rows(uow).save(item)
        uow.commit()
    log.warning("%s %s (%s %s) failed: %s", action.doing, item.post_id, action.noun, item_id, failure.reason)
    if tell:
        action.tell(crisis, item, ports)
    show_now(action.card(ports), item_id, ports)
    return False


def tick(action: PostAction[T, R], *, ports: Ports) -> int:
    """Carry out the approved requests whose action is due again (a back-off ended, or a claim's process died),
    then show the cards that are due. Returns how many outcomes were recorded."""
    now = ports.clock.now()
    with ports.uow() as uow:
        due = action.due(uow, now, BATCH)
    done = 0
    for item_id in due:
        try:
            done += carry_out(action, item_id, ports=ports)
        except Exception:  # one request's trouble never stops the others
            log.exception("%s (%s %s) failed", action.doing, action.noun, item_id)
    cards_tick(action.card(ports), ports)
    return done
