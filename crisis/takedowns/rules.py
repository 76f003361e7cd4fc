"""Pure decisions of a take-down: a new request, approve / reject under the statements' approval rule (imported,
the same four eyes), the claim to remove the post once, and what its outcome means."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.due import back_off, lease
from crisis.errors import BadInput, IllegalTransition, PublishFailed
from crisis.i18n import msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.statements import four_eyes
from crisis.statements.four_eyes import Decided, decide_by_rule
from crisis.statements.rules import RuleStatus
from crisis.takedowns.model import CLOSED, PostCopy, Takedown, TakedownState

REMOVE_LEASE = lease(calls=2)
"""A removal claim older than this is taken to be dead (its process crashed): the tick removes again, and a post
found gone then counts as taken down (the dead claim's delete may have landed)."""
MAX_URL = 2_000


def check_url(url: str, usage: str = "error.takedown_usage") -> str:
    """A post's address as typed, trimmed; BadInput `usage` (the command's usage, webcare's too) when it is no
    http(s) address."""
    url = url.strip()
    if not url.lower().startswith(("https://", "http://")) or len(url) > MAX_URL or any(c.isspace() for c in url):
        raise BadInput(usage, field="url")
    return url


def new_takedown(crisis: Crisis, *, target: str, account: str, post_id: str, copy: PostCopy, user: str,
                 now: datetime, others: list[Takedown]) -> Takedown:
    """A PENDING take-down of a post the platform just gave us (its copy). Refused (IllegalTransition) when the
    crisis is closed, or "error.takedown_exists" when this crisis already has one of the same post that is not
    rejected."""
    ensure_open(crisis)
    assert crisis.id is not None, "a crisis is stored before anything is taken down in it"
    for other in others:
        if (other.target, other.post_id) == (target, post_id) and other.state is not TakedownState.REJECTED:
            raise IllegalTransition("error.takedown_exists", state=msg(f"takedown.state.{other.state.value}"))
    return Takedown(crisis_id=crisis.id, target=target, account=account, post_id=post_id, requested_by=user,
                    requested_at=now, copy=copy, channel_id=crisis.channel_id)


def decide(takedown: Takedown, crisis: Crisis, plan: CrisisPlan, *, user: str, approve: bool,
           now: datetime) -> Decided:
    """Approve or reject as `user`. Approving needs a role the statements' rule for the crisis's severity names,
    held now, and never by who asked (NotAuthorised "error.takedown_own" / "error.takedown_not_approver");
    rejecting needs such a role or the crisis lead ("error.takedown_not_reviewer"). Nothing is decided on a
    closed crisis or on a take-down approved, done or rejected ("error.takedown_closed")."""
    ensure_open(crisis)
    if takedown.state is not TakedownState.PENDING:
        raise IllegalTransition("error.takedown_closed", state=msg(f"takedown.state.{takedown.state.value}"))
    decided = decide_by_rule(takedown, crisis, plan, user=user, approve=approve, now=now, errors="takedown")
    if not approve:
        takedown.state = TakedownState.REJECTED
    elif decided.approved:
        takedown.state = TakedownState.APPROVED
    return decided


def status_of(takedown: Takedown, crisis: Crisis, plan: CrisisPlan) -> RuleStatus:
    """The statements' rule applied to the take-down (one version, its requester as author), against today's role
    holders."""
    return four_eyes.status_of(takedown, crisis, plan)


def claim_removal(takedown: Takedown, crisis: Crisis, plan: CrisisPlan, now: datetime,
                  lease: timedelta = REMOVE_LEASE) -> bool:
    """Take the right to remove the post: an APPROVED take-down without a live claim whose rule still holds with
    today's role holders (one whose approver lost the role waits again). A dead claim (its lease over) may have
    removed the post: `maybe_removed`. Call under the row lock; True means: remove now, then record the outcome."""
    if takedown.state is not TakedownState.APPROVED:
        return False
    if takedown.removing_since is not None:
        if now < takedown.removing_since + lease:
            return False
        takedown.maybe_removed = True
    if not status_of(takedown, crisis, plan).met:
        takedown.state, takedown.removing_since, takedown.remove_due_at = TakedownState.PENDING, None, None
        return False
    takedown.removing_since = now
    takedown.remove_attempts += 1
    takedown.remove_due_at = now + lease
    return True


def removed(takedown: Takedown, removed_now: bool, now: datetime) -> bool:
    """Record the outcome of a removal: TAKEN_DOWN when this call removed it, or when it was gone after an earlier
    attempt of ours that may have landed; GONE when it was gone before we ever sent a removal. False, and nothing
    changes, when an outcome is recorded already."""
    if takedown.state in CLOSED:
        return False
    takedown.state = TakedownState.TAKEN_DOWN if removed_now or takedown.maybe_removed else TakedownState.GONE
    takedown.removed_at = now
    takedown.removing_since = takedown.remove_due_at = None
    takedown.error = ""
    return True


def removal_failed(takedown: Takedown, failure: PublishFailed, now: datetime, final: bool = False) -> bool:
    """The removal failed: the claim is released, the reason kept for the card, the next try set after a back-off
    (none when the refusal is `final` or given up). A failure that may have landed (no answer, a server error) makes
    a later "gone" count as our removal. True when the room hears of it (crisis.due.back_off)."""
    takedown.removing_since = None
    takedown.error = failure.reason.strip()  # never blank: PublishFailed says "unknown" in the team's language
    takedown.maybe_removed = takedown.maybe_removed or (not failure.permanent and failure.retry_after is None)
    takedown.remove_due_at, tell = back_off(failure, takedown.remove_attempts, now, final=final)
    return tell
