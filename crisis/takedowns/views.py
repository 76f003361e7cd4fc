"""A take-down's messages as neutral views: its approval card (the archived post, who approved, what the rule still
needs, Approve / Reject) and the room's notice of its outcome."""
from __future__ import annotations

from crisis.i18n import Msg, Time, User, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.four_eyes import decision_buttons, decision_lines
from crisis.takedowns.model import METRICS, Takedown, TakedownState
from crisis.views import Action, Card, Facts, Link, Notes, Part, Quote, Text

OUTCOMES = {TakedownState.TAKEN_DOWN: "takedown.done", TakedownState.GONE: "takedown.gone"}


def takedown_card(takedown: Takedown, crisis: Crisis, plan: CrisisPlan) -> Card:
    """The post as archived, the approvals, what is still missing, and Approve / Reject while it waits."""
    rehearsed = _rehearsed(takedown, crisis)
    state = msg("drill.skipped") if rehearsed else msg(f"takedown.state.{takedown.state.value}")
    head = msg("takedown.head", id=takedown.id, account=takedown.account, state=state)
    post = takedown.copy
    parts: list[Part] = [Text((head, Link(post.url, msg("takedown.link")))), Quote(post.text or "–")]
    facts = [msg("takedown.author", author=post.author or "–")]
    if post.posted_at:
        facts.append(msg("takedown.posted", at=Time(post.posted_at)))
    facts += [msg(f"takedown.metric.{name}", count=post.metrics[name]) for name in METRICS if name in post.metrics]
    parts += [Facts(tuple(facts)), Notes((msg("takedown.requested", user=User(takedown.requested_by),
                                             at=Time(takedown.requested_at)),))]
    pending = takedown.state is TakedownState.PENDING
    lines = decision_lines(takedown, crisis, plan, noun="takedown", waiting=pending)
    if takedown.removed_at and takedown.state in OUTCOMES:
        done = "takedown.drill_done" if rehearsed else OUTCOMES[takedown.state]
        lines.append(msg(done, at=Time(takedown.removed_at), account=takedown.account))
    elif takedown.error:
        lines.append(msg("takedown.error", error=takedown.error))
    if lines:
        parts.append(Text(tuple(lines)))
    if pending:
        parts.append(decision_buttons("takedown", takedown.id, Action.APPROVE_TAKEDOWN, Action.REJECT_TAKEDOWN))
    return Card(head, tuple(parts))


def outcome_notice(takedown: Takedown, drill: bool = False) -> Msg:
    """What the room hears when the post is down (a `drill`'s: left alone), was gone already, or its removal failed
    or was given up."""
    if drill and takedown.state is TakedownState.TAKEN_DOWN:
        return msg("takedown.drill_notice", id=takedown.id, account=takedown.account, url=takedown.copy.url)
    if takedown.state in OUTCOMES:
        return msg(f"takedown.{takedown.state.value}_notice", id=takedown.id, account=takedown.account,
                   url=takedown.copy.url)
    return msg("takedown.failed_notice" if takedown.remove_due_at is None else "takedown.retrying_notice",
               id=takedown.id, account=takedown.account, error=takedown.error)


def _rehearsed(takedown: Takedown, crisis: Crisis | None) -> bool:
    """Done in a drill: approved and recorded as taken down, but the post was never touched."""
    return crisis is not None and crisis.drill and takedown.state is TakedownState.TAKEN_DOWN
