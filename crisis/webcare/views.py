"""Webcare's messages as neutral views: a reply's card (the post replied to, our reply, who approved, what the rule
still needs, Approve / Reject while it waits, the link once sent) and the room's notice of its outcome."""
from __future__ import annotations

from crisis.i18n import Msg, Time, User, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements import four_eyes
from crisis.statements.model import Decision
from crisis.views import Action, Button, Buttons, Card, Emphasis, Link, Notes, Part, Quote, Text
from crisis.webcare.model import Reply, ReplyState

QUOTED_POST = 500
"""Characters of the post replied to shown on the card."""


def reply_card(reply: Reply, crisis: Crisis | None, plan: CrisisPlan) -> Card:
    head = msg("reply.head", id=reply.id, account=reply.account, author=reply.post.author or "?",
               state=msg(f"reply.state.{reply.state.value}"))
    line = plan.webcare.line(reply.line)
    parts: list[Part] = [
        Text((head, Link(reply.post.url, msg("reply.post_link")))), Quote(reply.post.text[:QUOTED_POST] or "–"),
        Text((msg("reply.ours", line=line.name if line else reply.line),)), Quote(reply.text),
        Notes((msg("reply.requested", user=User(reply.requested_by), at=Time(reply.requested_at)),))]
    lines: list[Msg | Link] = [_decision(a.decision, plan.role_name(a.role), a.user) for a in reply.approvals]
    if reply.state is ReplyState.PENDING and crisis is not None:
        lines.append(four_eyes.status_of(reply, crisis, plan).summary)
    if reply.state is ReplyState.SENT and reply.sent_at is not None:
        lines += [msg("reply.sent", at=Time(reply.sent_at), account=reply.account),
                  Link(reply.reply_url, msg("reply.sent_link"))]
    elif reply.error:
        lines.append(msg("reply.error", error=reply.error))
    if lines:
        parts.append(Text(tuple(lines)))
    if reply.state is ReplyState.PENDING:
        value = str(reply.id)
        parts.append(Buttons(f"reply-{reply.id}", (
            Button(Action.APPROVE_REPLY, msg("reply.approve"), value, Emphasis.PRIMARY),
            Button(Action.REJECT_REPLY, msg("reply.reject"), value, Emphasis.DANGER))))
    return Card(head, tuple(parts))


def _decision(decision: Decision, role: str, user: str) -> Msg:
    key = "reply.approved_by" if decision is Decision.APPROVE else "reply.rejected_by"
    return msg(key, role=role, user=User(user))


def outcome_notice(reply: Reply) -> Msg:
    if reply.state is ReplyState.SENT:
        return msg("reply.sent_notice", id=reply.id, account=reply.account, author=reply.post.author,
                   url=reply.reply_url)
    return msg("reply.failed_notice" if reply.send_due_at is None else "reply.retrying_notice",
               id=reply.id, account=reply.account, error=reply.error)
