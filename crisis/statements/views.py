"""Views of statements and the press desk: the approval card, a press inquiry, the offer of paused brand posts."""
from __future__ import annotations

from collections.abc import Sequence

from crisis.i18n import Channel, Msg, Time, User, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements import rules
from crisis.statements.length import length_check
from crisis.statements.model import PausedPost, PressInquiry, Statement, StatementState
from crisis.statements.tone import check_tone
from crisis.views import (
    Action,
    Button,
    Buttons,
    Card,
    Emphasis,
    Link,
    Notes,
    Part,
    Quote,
    Text,
    note,
)

OFFERED_POSTS = 15
"""Paused posts shown in one message of the offer: up to 3 blocks each keeps it under Slack's 50 blocks (and a
Teams card well under its size limit); more posts make more messages."""


def statement_card(crisis: Crisis, plan: CrisisPlan, statement: Statement) -> Card:
    """The draft as it stands, who approved it, what the plan still needs, and the answers it takes now."""
    target = plan.statements.target(statement.target)
    length = length_check(statement, plan)
    status = rules.rule_status(statement, crisis, plan)
    version = statement.current
    head = msg("card.statement.head", id=statement.id, target=target.name if target else statement.target,
               version=version.number, state=msg(f"statement.state.{statement.state.value}"))
    limit = msg("card.statement.length_over" if length.over else "card.statement.length",
                count=length.count, limit=length.limit or "–", over=length.count - (length.limit or 0))
    small_print = (msg("card.statement.author", user=User(version.author)), limit)
    if statement.amendment is not None:
        small_print = (msg(f"card.statement.{statement.amendment.value}_of", statement=statement.amends),
                       *small_print)
    if statement.deadline:
        small_print += (msg("card.statement.deadline", at=Time(statement.deadline)),)
    whole_text = Button(Action.SHOW_STATEMENT, msg("statement.show_full"), _version_ref(statement))
    parts: list[Part] = [Text((head,)), Quote(version.text, whole_text), Notes(small_print)]
    awaiting = statement.state in (StatementState.PENDING, StatementState.CHANGES_REQUESTED)
    if awaiting:
        parts += _tone_hints(crisis, plan, version.text)
    lines = [msg("card.statement.approved_by", role=plan.role_name(role), user=User(user), version=version.number)
             for role, user in status.approved_by]
    if awaiting:
        lines.append(status.summary)
    if statement.retracted_by is not None:
        lines.append(msg("card.statement.retracted_by", statement=statement.retracted_by))
    if statement.published_at:
        lines.append(msg(f"card.statement.{statement.amendment.value}_published" if statement.amendment
                         else "card.statement.published", at=Time(statement.published_at),
                         ref=statement.published_ref or "-"))
    elif statement.publish_error and statement.state is not StatementState.REJECTED:
        lines.append(msg("card.statement.publish_error", error=statement.publish_error))
    stopped = statement.state is StatementState.APPROVED and not statement.published_at and not crisis.is_open
    if stopped:
        lines.append(msg("card.statement.closed_unpublished"))
    if lines:
        parts.append(Text(tuple(lines)))
    buttons = () if stopped else _buttons(statement)
    if buttons:
        parts.append(Buttons(f"statement-{statement.id}", buttons))
    return Card(head, tuple(parts))


def _tone_hints(crisis: Crisis, plan: CrisisPlan, text: str) -> list[Part]:
    """What the tone check found in the draft, as hints for the approvers (crisis.statements.tone); they never
    block an approval."""
    hints = check_tone(text, kind=crisis.kind, plan=plan)
    if not hints:
        return []
    lines = [msg(f"card.statement.tone.{hint.rule.value}", words=", ".join(f"“{w}”" for w in hint.found))
             for hint in hints]
    return [Text((msg("card.statement.tone_head"), *lines))]


def _version_ref(statement: Statement) -> str:
    """What a button on the card says it acts on: the statement and the version shown."""
    return f"{statement.id}:{statement.current.number}"


def _buttons(statement: Statement) -> tuple[Button, ...]:
    value = _version_ref(statement)
    if statement.state in (StatementState.PENDING, StatementState.CHANGES_REQUESTED):
        return (Button(Action.APPROVE_STATEMENT, msg("statement.approve"), value, Emphasis.PRIMARY),
                Button(Action.REQUEST_CHANGES, msg("statement.request_changes"), value),
                Button(Action.EDIT_STATEMENT, msg("statement.edit"), value),
                Button(Action.REJECT_STATEMENT, msg("statement.reject"), value, Emphasis.DANGER))
    if statement.state is StatementState.APPROVED and not statement.published_at:
        retry = Button(Action.RETRY_PUBLISH, msg("statement.retry"), value, Emphasis.PRIMARY)
        if statement.published_ref:  # out on some of its accounts: published once, never withdrawn
            return (retry,)
        return retry, Button(Action.REJECT_STATEMENT, msg("statement.reject"), value, Emphasis.DANGER)
    if statement.state is StatementState.PUBLISHED and statement.amendment is None and statement.retracted_by is None:
        return (Button(Action.CORRECT_STATEMENT, msg("statement.correct"), value),
                Button(Action.RETRACT_STATEMENT, msg("statement.retract"), value, Emphasis.DANGER))
    return ()


def inquiry(inquiry: PressInquiry) -> Card:
    if inquiry.answered_at:
        return note(msg("press.answered", outlet=inquiry.outlet, statement=inquiry.statement_id,
                        at=Time(inquiry.answered_at)))
    text = msg("press.logged", outlet=inquiry.outlet, contact=inquiry.contact or "–", question=inquiry.question,
               deadline=Time(inquiry.deadline), user=User(inquiry.assignee))
    answer = Button(Action.ANSWER_INQUIRY, msg("press.answer"), str(inquiry.id), Emphasis.PRIMARY)
    return Card(text, (Text((text,)), Buttons(f"inquiry-{inquiry.id}", (answer,))))


def paused_posts_offer(crisis: Crisis, posts: Sequence[PausedPost]) -> tuple[Card, ...]:
    """At close: each paused brand post (where it was scheduled) with Resume / Reschedule / Discard, as one message
    per OFFERED_POSTS posts, so every post gets its buttons."""
    intro = msg("paused.intro", title=crisis.title, n=len(posts))
    cards: list[Card] = []
    for start in range(0, max(len(posts), 1), OFFERED_POSTS):
        batch = posts[start:start + OFFERED_POSTS]
        head = intro if not start else msg("paused.more", title=crisis.title, first=start + 1,
                                           last=start + len(batch), n=len(posts))
        parts: list[Part] = [Text((head,))]
        for post in batch:
            parts += _offered(post)
        cards.append(Card(head, tuple(parts)))
    return tuple(cards)


def _offered(post: PausedPost) -> list[Part]:
    parts: list[Part] = [Text((msg("paused.post", channel=_where(post), at=Time(post.post_at),
                                   text=post.text[:500]),))]
    if post.media:
        parts.append(_media(post.media))
    parts.append(Buttons(f"paused-{post.id}", (
        Button(Action.RESUME_POST, msg("paused.resume"), str(post.id), Emphasis.PRIMARY),
        Button(Action.RESCHEDULE_POST, msg("paused.reschedule"), str(post.id)),
        Button(Action.DISCARD_POST, msg("paused.discard"), str(post.id), Emphasis.DANGER))))
    return parts


def paused_post_decided(post: PausedPost) -> Msg:
    key = "paused.resumed" if post.outcome == "resumed" else "paused.discarded"
    return msg(key, channel=_where(post), user=User(post.decided_by),
               at=Time(post.new_post_at or post.post_at), text=post.text[:200])


def _media(media: tuple[str, ...]) -> Text:
    """A paused post's files: a link each (followed only if http(s)), or the provider's own upload."""
    files = [Link(m, msg("paused.media_link", n=n)) if m.startswith(("http://", "https://"))
             else msg("paused.media_uploaded", n=n) for n, m in enumerate(media, 1)]
    return Text((msg("paused.media", n=len(media)), *files))


def _where(post: PausedPost) -> Channel | str:
    """A chat channel as a channel, an account elsewhere by its name (e.g. "Mastodon social.example")."""
    return Channel(post.channel_id) if not post.source else post.account or post.source
