"""Access reviews: every round (a quarter by default) each account's owner gets its access holders with Keep /
Remove per person (access a departure revoked, or is revoking, is left out); decisions are stored with who and
when, a complete review with removals is told to the security channel, and a review still open at its deadline
escalates to the security lead."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from crisis.due import run_due
from crisis.errors import NotAuthorised, UnknownCrisis
from crisis.ports import Ports, UnitOfWork
from crisis.prevention import showing, views
from crisis.prevention.guards import guardians
from crisis.prevention.model import AccessReview, Account, Notice, NoticeKind, Shown
from crisis.prevention.rules import departed, review_round_due

REVIEW = showing.CardKind("access review", lambda uow: uow.reviews, views.review_card,
                          lambda item, ports: ports.chat.resolve_user(item.owner), lambda item: f"review:{item.id}")


def start_rounds(*, ports: Ports, accounts: Callable[[UnitOfWork], list[Account]]) -> int:
    """A review for every account whose last round is `review_every` ago (or that was never reviewed); a
    round is started once (unique per account and first day), also by replicas ticking together."""
    plan, now = ports.plan.prevention, ports.clock.now()
    with ports.uow() as uow:
        last = uow.reviews.last_rounds()
        due = [a for a in accounts(uow) if review_round_due(last.get(a.key), now, plan.review_every)]
    if not due:
        return 0
    resolve = ports.chat.resolve_user
    started = []
    with ports.uow() as uow:
        departures = uow.offboardings.all()
        for account in due:
            owner = resolve(account.owner) or account.owner
            holders = [h for h in dict.fromkeys(resolve(p) or p for p in account.access
                                                if not departed(p, account, departures)) if h != owner]
            review = uow.reviews.add(AccessReview(account.key, account.label, now.date().isoformat(), owner, holders,
                                                  now, now + plan.review_within, card=Shown(due_at=now),
                                                  completed_at=None if holders else now))
            if review is not None:
                started.append(review.id)
        uow.commit()
    for review_id in started:
        showing.show_now(REVIEW, review_id, ports)
    return len(started)


def decide(review_id: int, person: str, keep: bool, *, user: str, request_key: str, ports: Ports) -> AccessReview:
    """Keep or Remove one access holder: by the account's owner, the security lead or an admin; the first
    answer for a person counts. When every holder is decided the review is complete."""
    people = guardians(ports).people
    now = ports.clock.now()
    with ports.uow() as uow:
        review = uow.reviews.lock(review_id)
        if review is None or person not in review.holders:
            raise UnknownCrisis("error.unknown_review")
        if user != review.owner and user not in people:
            raise NotAuthorised("error.review_not_allowed", owner=views.person(review.owner))
        if not uow.requests.claim(request_key, now) or person in review.decisions:
            return review
        review.decisions[person] = {"keep": keep, "by": user, "at": now.isoformat()}
        if not review.undecided:
            review.completed_at = now
            _tell_removals(uow, review, ports.plan.prevention.security_channel, now)
        showing.changed(review.card, now)
        uow.reviews.save(review)
        uow.commit()
    showing.show_now(REVIEW, review_id, ports)
    return review


def _tell_removals(uow: UnitOfWork, review: AccessReview, channel: str | None, now: datetime) -> None:
    removed = [p for p, d in review.decisions.items() if not d["keep"]]
    if removed and channel:
        uow.notices.add(Notice(f"review:{review.id}:done", NoticeKind.REVIEW_DONE.value, channel,
                               {"account": review.label, "owner": review.owner, "removed": removed},
                               due_at=now))


def escalate_overdue(*, ports: Ports, lead: str | None) -> int:
    """Reviews still open at their deadline: a notice to the security lead (the security channel without
    one), once per review."""
    now = ports.clock.now()
    to = lead or ports.plan.prevention.security_channel or ""
    return len(run_due(ports, "overdue reviews", lambda uow: uow.reviews.overdue(now, 20),
                       lambda uow, review_id: _escalate(uow, review_id, now, to), lambda added: added))


def _escalate(uow: UnitOfWork, review_id: int, now: datetime, to: str) -> bool | None:
    review = uow.reviews.lock(review_id)
    if review is None or review.completed_at is not None or review.escalated_at is not None or review.due_at > now:
        return None
    review.escalated_at = now
    uow.reviews.save(review)
    return uow.notices.add(Notice(f"review:{review.id}:overdue", NoticeKind.REVIEW_OVERDUE.value, to,
                                  {"account": review.label, "owner": review.owner, "due": review.due_at.isoformat(),
                                   "undecided": len(review.undecided), "total": len(review.holders)}, due_at=now))
