"""Pure decisions of webcare: whether an author may be engaged, whether a reply needs approval (the plan's
severity from which on), a new reply, approve / reject under the statements' four eyes, the claim to send once and
what its outcome means."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.due import back_off, lease
from crisis.errors import BadInput, IllegalTransition, NotAuthorised, PublishFailed
from crisis.i18n import msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.statements import four_eyes
from crisis.statements.four_eyes import Decided
from crisis.takedowns.rules import check_url as post_url
from crisis.webcare.lines import fill
from crisis.webcare.model import PostSeen, Reply, ReplyState, account_key

SEND_LEASE = lease(calls=2)
"""A send claim older than this is taken to be dead: the tick sends again (the platform's key or our search for
the reply finds what the dead claim may have posted)."""
MAX_TEXT = 2_000


def check_url(url: str) -> str:
    """The post's address as typed, trimmed; BadInput "error.reply_usage" when it is no http(s) address."""
    return post_url(url, "error.reply_usage")


def unengaged(author: str, plan: CrisisPlan, marked: bool) -> bool:
    """True when the author is on the plan's do-not-engage list or `marked` (in chat)."""
    return marked or account_key(author) in plan.webcare.do_not_engage


def refuse_unengaged(author: str) -> None:
    raise IllegalTransition("error.reply_do_not_engage", author=author)


def needs_approval(crisis: Crisis | None, plan: CrisisPlan) -> bool:
    """Replies wait for approval during a crisis of the plan's `approval_from_severity` or worse (severities are
    listed worst first); outside a crisis, or without that setting, they go out at once."""
    limit = plan.webcare.approval_from_severity
    keys = [s.key for s in plan.severities]
    if crisis is None or limit is None or crisis.severity not in keys or limit not in keys:
        return False
    return keys.index(crisis.severity) <= keys.index(limit)


def reply_text(plan: CrisisPlan, line_key: str, text: str, author: str) -> tuple[str, str]:
    """(the line's key, the text to send): the edited `text` when given, else the line filled for `author`.
    BadInput "error.reply_line" for a line the plan lacks, "error.reply_text" for an empty or too long text."""
    line = plan.webcare.line(line_key)
    if line is None:
        raise BadInput("error.reply_line", field="line")
    text = text.strip() or fill(line, author)
    if len(text) > MAX_TEXT:
        raise BadInput("error.reply_text", field="text", most=MAX_TEXT)
    return line.key, text


def new_reply(crisis: Crisis | None, plan: CrisisPlan, *, target: str, account: str, post_id: str, post: PostSeen,
              line: str, text: str, user: str, now: datetime, channel_id: str | None) -> Reply:
    """A reply asked for by `user`: PENDING when it needs approval, else APPROVED (to be sent at once). Refused on
    a closed crisis."""
    if crisis is not None:
        ensure_open(crisis)
    needed = needs_approval(crisis, plan)
    return Reply(target=target, account=account, post_id=post_id, post=post, line=line, text=text,
                 requested_by=user, requested_at=now, needs_approval=needed,
                 crisis_id=crisis.id if crisis is not None else None,
                 channel_id=crisis.channel_id if crisis is not None else channel_id,
                 state=ReplyState.PENDING if needed else ReplyState.APPROVED)


def decide(reply: Reply, crisis: Crisis | None, plan: CrisisPlan, *, user: str, approve: bool,
           now: datetime) -> Decided:
    """Approve or reject a waiting reply as `user`, under the statements' four eyes (never who asked;
    crisis.statements.four_eyes). Only a PENDING reply of an open crisis is decided ("error.reply_closed")."""
    if reply.state is not ReplyState.PENDING or crisis is None:
        raise IllegalTransition("error.reply_closed", state=msg(f"reply.state.{reply.state.value}"))
    ensure_open(crisis)
    decided = four_eyes.decide_by_rule(reply, crisis, plan, user=user, approve=approve, now=now, errors="reply")
    if not approve:
        reply.state = ReplyState.REJECTED
    elif decided.approved:
        reply.state = ReplyState.APPROVED
    return decided


def may_mark(crisis: Crisis, plan: CrisisPlan, user: str, admins: tuple[str, ...]) -> None:
    """Who marks an account do not engage (or unmarks it): a holder of a role in an open crisis, or an admin."""
    ensure_open(crisis)
    if user not in admins and not any(r.user_id == user for r in crisis.roles):
        raise NotAuthorised("error.donotengage_not_allowed")


def claim_send(reply: Reply, crisis: Crisis | None, plan: CrisisPlan, now: datetime,
               lease: timedelta = SEND_LEASE) -> bool:
    """Take the right to send: an APPROVED reply without a live claim whose rule (when it needs one) still holds
    with today's role holders (else it waits again). Call under the row lock; True means: send now."""
    if reply.state is not ReplyState.APPROVED:
        return False
    if reply.sending_since is not None and now < reply.sending_since + lease:
        return False
    if reply.needs_approval and (crisis is None or not four_eyes.status_of(reply, crisis, plan).met):
        reply.state, reply.sending_since, reply.send_due_at = ReplyState.PENDING, None, None
        return False
    reply.sending_since = now
    reply.send_attempts += 1
    reply.send_due_at = now + lease
    return True


def sent(reply: Reply, url: str, now: datetime) -> bool:
    """Record the reply out; False, and nothing changes, when it was recorded already."""
    if reply.state is not ReplyState.APPROVED:
        return False
    reply.state, reply.reply_url, reply.sent_at = ReplyState.SENT, url, now
    reply.sending_since = reply.send_due_at = None
    reply.error = ""
    return True


def send_failed(reply: Reply, failure: PublishFailed, now: datetime, final: bool = False) -> bool:
    """The send failed: the claim is released, the reason kept for the card, the next try set after a back-off
    (none when the refusal is `final` or given up). True when the room hears of it (crisis.due.back_off)."""
    reply.sending_since = None
    reply.error = failure.reason.strip()
    reply.send_due_at, tell = back_off(failure, reply.send_attempts, now, final=final)
    return tell
