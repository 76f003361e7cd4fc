"""Dataclasses of webcare: the plan's approved lines, a reply to one post (recorded before it is sent) and an
account marked do not engage."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from crisis.prevention.model import Shown
from crisis.statements.model import Approval, StatementVersion


@dataclass(frozen=True)
class Line:
    """An approved line: `key` names it in the plan, `name` is what people pick, `text` a template ({author})."""

    key: str
    name: str
    text: str


@dataclass(frozen=True)
class WebcarePlan:
    """The plan's `webcare:` section (crisis/webcare/lines.py)."""

    lines: tuple[Line, ...] = ()
    approval_from_severity: str | None = None
    """Replies during a crisis of this severity or worse wait for the statements' approval rule; None: never."""
    do_not_engage: tuple[str, ...] = ()
    """Accounts never offered for a reply, normalised (crisis.webcare.rules.account_key)."""

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.key == key), None)


class ReplyState(StrEnum):
    PENDING = "pending"  # waiting for the approval rule
    APPROVED = "approved"  # may go out: being sent, waiting for a retry, or given up (`error`)
    SENT = "sent"
    REJECTED = "rejected"


@dataclass(frozen=True)
class PostSeen:
    """The post replied to as the platform gave it when the reply was asked for."""

    author: str
    text: str
    url: str


@dataclass
class Reply:
    """A reply to one post through the brand account of `target`, recorded before it is sent, sent at most once."""

    target: str
    account: str
    post_id: str
    post: PostSeen
    line: str
    text: str
    requested_by: str
    requested_at: datetime
    needs_approval: bool
    crisis_id: int | None = None
    """The crisis it belongs to (its room shows the card); None outside any crisis."""
    channel_id: str | None = None
    """Where its card is shown."""
    approvals: list[Approval] = field(default_factory=list)
    state: ReplyState = ReplyState.PENDING
    sending_since: datetime | None = None
    send_attempts: int = 0
    send_due_at: datetime | None = None
    """When the tick (re)sends: the end of a claim's lease or of a back-off; None when sent or given up."""
    sent_at: datetime | None = None
    reply_url: str = ""
    error: str = ""
    card: Shown = field(default_factory=Shown)
    id: int | None = None

    @property
    def author(self) -> str:
        """Who asked for it: their approval never counts."""
        return self.requested_by

    @property
    def current(self) -> StatementVersion:
        """The one version the approvals are given to (crisis.statements.four_eyes)."""
        return StatementVersion(1, self.text, self.requested_by, self.requested_at)

    @property
    def key(self) -> str:
        """Our marker of this reply on the platform: an idempotency key where it has them."""
        return f"crisisbot-reply-{self.id}"


@dataclass(frozen=True)
class Unengaged:
    """An account marked do not engage (a troll, a bad-faith account) in chat: never offered for a reply."""

    account: str
    marked_by: str
    marked_at: datetime


def account_key(account: str) -> str:
    """How an account is compared: trimmed, lower case, without leading @ (@Troll@bad.social -> troll@bad.social)."""
    return account.strip().lower().lstrip("@")
