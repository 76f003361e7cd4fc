"""Use cases of webcare: the reply form (`/crisis reply <url>` or Reply on a spike warning's example), asking for a
reply (recorded before it is sent), approving or rejecting it under the statements' four eyes, sending it once as a
reply on the post's platform, the tick that retries sends and shows cards, and marking accounts do not engage.
The only layer that commits for them; a change takes the crisis lock first (when the reply has a crisis), then the
reply's."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crisis.errors import IllegalTransition, NotAuthorised, PublishFailed, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Msg, msg
from crisis.monitor.mentions import Mention
from crisis.ports import Ports, UnitOfWork
from crisis.prevention.showing import CardKind, show_now
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.room.shared import authority, quietly
from crisis.statements import post_actions
from crisis.statements.four_eyes import Decided
from crisis.takedowns.ports import PostUnavailable
from crisis.views import Card
from crisis.webcare import rules
from crisis.webcare.model import (
    Line,
    PostSeen,
    Reply,
    ReplyState,
    Unengaged,
    account_key,
)
from crisis.webcare.ports import SKEW, Replier
from crisis.webcare.views import outcome_notice, reply_card

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplyForm:
    """What the reply form shows: the post (read from its platform just now), the account that answers, the lines,
    whether the reply will wait for approval, and whether it is a drill's (never sent)."""

    url: str
    account: str
    post: PostSeen
    lines: tuple[Line, ...]
    needs_approval: bool
    drill: bool = False

    @property
    def what_happens(self) -> Msg:
        """What the form tells the asker happens once they send it: approval first or not; in a drill, that
        nothing is sent."""
        if self.drill:
            return msg("reply.modal_drill_approval" if self.needs_approval else "reply.modal_drill")
        return msg("reply.modal_approval" if self.needs_approval else "reply.modal_direct")


def reply_form(channel_id: str, url: str, *, user: str, ports: Ports) -> ReplyForm:
    """Check before the form opens: who may (crisis_and_check), a link on a platform of the plan's accounts
    ("error.reply_unknown_platform"), the post there ("error.reply_gone", "error.reply_unreachable"), its author
    not marked do not engage ("error.reply_do_not_engage"), and lines in the plan ("error.reply_no_lines")."""
    crisis = _crisis_and_check(channel_id, user, ports)
    url = rules.check_url(url)
    if not ports.plan.webcare.lines:
        raise IllegalTransition("error.reply_no_lines")
    _, account, _, _, post = _read(url, ports)
    return ReplyForm(url, account, post, ports.plan.webcare.lines, rules.needs_approval(crisis, ports.plan),
                     drill=crisis is not None and crisis.drill)


def request_reply(channel_id: str, url: str, line: str, text: str, *, user: str, request_key: str,
                  ports: Ports) -> Reply | None:
    """The form sent: the post is read again (its author checked against do not engage again), the reply recorded
    (PENDING when the plan wants approval at the crisis's severity, its card in the room), and sent at once when
    it needs none. None for a duplicate request."""
    crisis = _crisis_and_check(channel_id, user, ports)
    url = rules.check_url(url)
    target, account, _, post_id, post = _read(url, ports)
    line, text = rules.reply_text(ports.plan, line, text, post.author)
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        if crisis is not None:
            crisis = uow.crises.lock(crisis.id)
        if rules.unengaged(post.author, ports.plan, uow.unengaged.has(account_key(post.author))):
            rules.refuse_unengaged(post.author)
        reply = rules.new_reply(crisis, ports.plan, target=target, account=account, post_id=post_id, post=post,
                                line=line, text=text, user=user, now=now, channel_id=channel_id)
        reply.card.due_at = now
        reply = uow.replies.add(reply)
        _event(uow, reply, EventKind.REPLY_REQUESTED, now, user)
        uow.commit()
    if reply.state is ReplyState.APPROVED:
        send(reply.id, ports=ports)
    else:
        show_now(card_kind(ports), reply.id, ports)
    return reply


def decide(reply_id: int, *, approve: bool, user: str, request_key: str, ports: Ports) -> Decided | None:
    """Approve or reject (crisis.webcare.rules.decide says who may); the reply is sent when the rule is met."""
    return post_actions.decide(REPLIES, reply_id, approve=approve, user=user, request_key=request_key, ports=ports)


def send(reply_id: int, *, ports: Ports) -> bool:
    """Send an approved reply once (crisis.statements.post_actions.carry_out): the platform's key, or a search for
    our reply before a retry, keeps a second try from posting twice. True when it is recorded sent."""
    return post_actions.carry_out(REPLIES, reply_id, ports=ports)


def tick(*, ports: Ports) -> int:
    """Send the replies whose send is due again, then show the cards that are due; how many were sent."""
    return post_actions.tick(REPLIES, ports=ports)


def mark(channel_id: str, account: str, *, undo: bool, user: str, request_key: str, ports: Ports) -> bool:
    """Mark an account do not engage (or unmark it): a role holder of the channel's crisis, or whoever may ask for
    replies outside a crisis (crisis.webcare.rules.may_mark). True when it changed; the plan's own list is not
    changed from chat ("error.donotengage_in_plan")."""
    key = account_key(account)
    if not key or len(key) > 200 or any(c.isspace() or ord(c) < 32 for c in key):
        raise IllegalTransition("error.donotengage_usage")
    if undo and key in ports.plan.webcare.do_not_engage:
        raise IllegalTransition("error.donotengage_in_plan", account=key)
    now = ports.clock.now()
    with ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        who = authority(ports)
        if crisis is not None:
            rules.may_mark(crisis, ports.plan, user, tuple(who.admins | who.responders))
        elif user not in who.admins | who.responders:
            raise NotAuthorised("error.donotengage_not_allowed")
        if not uow.requests.claim(request_key, now):
            return False
        done = uow.unengaged.remove(key) if undo else uow.unengaged.add(Unengaged(key, user, now))
        if done and crisis is not None:
            kind = EventKind.ENGAGE_AGAIN if undo else EventKind.DO_NOT_ENGAGE
            uow.timeline.append(crisis.id, TimelineEvent(kind, now, user, {"account": key}))
        uow.commit()
    return done


def marked(*, ports: Ports) -> list[str]:
    """Every account never engaged: the plan's and those marked in chat."""
    with ports.uow() as uow:
        return sorted(set(ports.plan.webcare.do_not_engage) | {u.account for u in uow.unengaged.all()})


def offered(uow: UnitOfWork, ports: Ports, mentions: Sequence[Mention]) -> frozenset[str]:
    """The links of the mentions offered a Reply: the plan has lines, one of its accounts' platforms knows the link,
    and the author is not marked do not engage (by the plan or in chat)."""
    if not ports.plan.webcare.lines:
        return frozenset()
    return frozenset(m.url for m in mentions if m.url.startswith(("https://", "http://"))
                     and any(replier.recognise(m.url) for _, replier in ports.repliers.values())
                     and not rules.unengaged(m.author, ports.plan, uow.unengaged.has(account_key(m.author))))


def card_kind(ports: Ports) -> CardKind:
    return CardKind("reply card", lambda uow: uow.replies, lambda reply: _card(reply, ports),
                    lambda reply, _: reply.channel_id, lambda reply: f"reply:{reply.id}")


def _card(reply: Reply, ports: Ports) -> Card:
    crisis = None
    if reply.crisis_id is not None:
        with ports.uow() as uow:
            crisis = uow.crises.get(reply.crisis_id)
    return reply_card(reply, crisis, ports.plan)


def _crisis_and_check(channel_id: str, user: str, ports: Ports) -> Crisis | None:
    """The crisis a reply asked for in this channel belongs to: the channel's own (open), else the latest open
    crisis that is no drill, else none. Outside a crisis channel only the people who answer spike warnings (and
    the admins) ask for replies ("error.reply_not_allowed")."""
    with ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        if crisis is not None:
            ensure_open(crisis)
            return crisis
        who = authority(ports)
        if user not in who.admins | who.responders:
            raise NotAuthorised("error.reply_not_allowed")
        live = [c for c in uow.crises.open() if c.is_open and not c.drill]
    return live[-1] if live else None


def _read(url: str, ports: Ports) -> tuple[str, str, Replier, str, PostSeen]:
    """(target, account, replier, post id, the post) for a link on one of the plan's accounts' platforms; the
    author checked against the plan's and the marked do-not-engage accounts."""
    for target, (account, replier) in ports.repliers.items():
        post_id = replier.recognise(url)
        if post_id:
            break
    else:
        accounts = ", ".join(account for account, _ in ports.repliers.values())
        raise IllegalTransition("error.reply_unknown_platform", accounts=accounts or msg("word.none"))
    try:
        post = replier.fetch(post_id)
    except PostUnavailable as refused:
        raise IllegalTransition("error.reply_gone", account=account, detail=refused.detail or "–") from None
    except PublishFailed as failure:
        log.warning("reading the post %s on %s failed: %s", post_id, account, failure.reason)
        raise IllegalTransition("error.reply_unreachable", account=account, reason=failure.reason) from None
    with ports.uow() as uow:
        is_marked = uow.unengaged.has(account_key(post.author))
    if rules.unengaged(post.author, ports.plan, is_marked):
        rules.refuse_unengaged(post.author)
    return target, account, replier, post_id, post


def _reply(reply: Reply, ports: Ports) -> str:
    """The reply's link on the platform."""
    return _replier(reply, ports).reply(reply.post_id, reply.text, reply.key, reply.send_attempts > 1,
                                        reply.requested_at - SKEW)


def _sent(uow: UnitOfWork, reply: Reply, url: str, now: datetime) -> bool:
    if not rules.sent(reply, url, now):
        return False
    _event(uow, reply, EventKind.REPLY_SENT, now, None, url=url)
    return True


def _rehearsed(uow: UnitOfWork, reply: Reply, now: datetime) -> bool:
    """A drill's reply, approved: recorded as sent, nothing sent to the person (skipped: drill)."""
    if not rules.sent(reply, "", now):
        return False
    _event(uow, reply, EventKind.REPLY_SKIPPED, now, None)
    return True


def _replier(reply: Reply, ports: Ports) -> Replier:
    entry = ports.repliers.get(reply.target)
    if entry is None:
        raise PostUnavailable("cannot", f"the plan has no account for {reply.target} any more")
    return entry[1]


def _event(uow: UnitOfWork, reply: Reply, kind: EventKind, now: datetime, actor: str | None, **more: str) -> None:
    if reply.crisis_id is not None:
        uow.timeline.append(reply.crisis_id, TimelineEvent(kind, now, actor, {
            "reply": reply.id, "target": reply.account, "url": reply.post.url, "author": reply.post.author, **more}))


def _tell(crisis: Crisis | None, reply: Reply, ports: Ports) -> None:
    if reply.channel_id:
        key = f"reply:{reply.id}:{reply.state.value}:{reply.send_attempts}"
        notice = outcome_notice(reply, crisis is not None and crisis.drill)
        quietly(lambda: ports.chat.post(reply.channel_id, notice, key=key),
                f"telling the outcome of reply {reply.id}")


def _locked(uow: UnitOfWork, reply_id: int) -> tuple[Crisis | None, Reply]:
    """The reply and its crisis under their locks, crisis first."""
    found = uow.replies.get(reply_id)
    if found is None:
        raise UnknownCrisis("error.unknown_reply")
    crisis = uow.crises.lock(found.crisis_id) if found.crisis_id is not None else None
    return crisis, uow.replies.lock(reply_id)


REPLIES: post_actions.PostAction[Reply, str] = post_actions.PostAction(
    noun="reply", doing="replying to", rows=lambda uow: uow.replies, locked=_locked,
    due=lambda uow, now, limit: uow.replies.sends_due(now, limit), decide=rules.decide,
    approved=EventKind.REPLY_APPROVED, rejected=EventKind.REPLY_REJECTED, failed=EventKind.REPLY_FAILED,
    event=_event, claim=rules.claim_send, act=_reply, record=_sent, rehearse=_rehearsed, fail=rules.send_failed,
    tell=_tell, card=card_kind)
"""Replies as crisis.statements.post_actions sends them."""
