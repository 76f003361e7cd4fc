"""Webcare's messages as neutral views: a reply's card (the post replied to, our reply, who approved, what the rule
still needs, Approve / Reject while it waits, the link once sent; a drill's "skipped: drill") and the room's notice of
its outcome."""
from __future__ import annotations

from crisis.i18n import Msg, Time, User, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.four_eyes import decision_buttons, decision_lines
from crisis.views import Action, Card, Link, Notes, Part, Quote, Text
from crisis.webcare.model import Reply, ReplyState

QUOTED_POST = 500
"""Characters of the post replied to shown on the card."""


def reply_card(reply: Reply, crisis: Crisis | None, plan: CrisisPlan) -> Card:
    rehearsed = crisis is not None and crisis.drill and reply.state is ReplyState.SENT
    state = msg("drill.skipped") if rehearsed else msg(f"reply.state.{reply.state.value}")
    head = msg("reply.head", id=reply.id, account=reply.account, author=reply.post.author or "?", state=state)
    line = plan.webcare.line(reply.line)
    parts: list[Part] = [
        Text((head, Link(reply.post.url, msg("reply.post_link")))), Quote(reply.post.text[:QUOTED_POST] or "–"),
        Text((msg("reply.ours", line=line.name if line else reply.line),)), Quote(reply.text),
        Notes((msg("reply.requested", user=User(reply.requested_by), at=Time(reply.requested_at)),))]
    pending = reply.state is ReplyState.PENDING
    lines: list[Msg | Link] = [*decision_lines(reply, crisis, plan, noun="reply", waiting=pending)]
    if rehearsed and reply.sent_at is not None:
        lines.append(msg("reply.drill_done", at=Time(reply.sent_at), account=reply.account))
    elif reply.state is ReplyState.SENT and reply.sent_at is not None:
        lines += [msg("reply.sent", at=Time(reply.sent_at), account=reply.account),
                  Link(reply.reply_url, msg("reply.sent_link"))]
    elif reply.error:
        lines.append(msg("reply.error", error=reply.error))
    if lines:
        parts.append(Text(tuple(lines)))
    if pending:
        parts.append(decision_buttons("reply", reply.id, Action.APPROVE_REPLY, Action.REJECT_REPLY))
    return Card(head, tuple(parts))


def outcome_notice(reply: Reply, drill: bool = False) -> Msg:
    """What the room hears when the reply is out (a `drill`'s: never sent), or its send failed or was given up."""
    if drill and reply.state is ReplyState.SENT:
        return msg("reply.drill_notice", id=reply.id, account=reply.account, author=reply.post.author)
    if reply.state is ReplyState.SENT:
        return msg("reply.sent_notice", id=reply.id, account=reply.account, author=reply.post.author,
                   url=reply.reply_url)
    return msg("reply.failed_notice" if reply.send_due_at is None else "reply.retrying_notice",
               id=reply.id, account=reply.account, error=reply.error)
