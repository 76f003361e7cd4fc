"""Dataclasses of a take-down: the post it names, the archived copy kept before anything is removed, and its state."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from crisis.prevention.model import Shown
from crisis.statements.model import Approval, StatementVersion


class TakedownState(StrEnum):
    PENDING = "pending"  # waiting for the approval rule
    APPROVED = "approved"  # the rule is met: removal claimed, waiting for a retry, or given up (`error`)
    TAKEN_DOWN = "taken_down"  # removed by us (a "gone" after our own earlier delete counts too)
    GONE = "gone"  # already gone when we came to remove it (deleted by its author or the platform meanwhile)
    REJECTED = "rejected"


METRICS = ("replies", "reposts", "likes", "comments", "shares", "reactions")
"""The counts an archived copy may keep, by these names whatever the platform calls them."""
CLOSED = frozenset({TakedownState.TAKEN_DOWN, TakedownState.GONE, TakedownState.REJECTED})


@dataclass(frozen=True)
class PostCopy:
    """The post as it stood when the take-down was asked for: what the report and the archive keep."""

    text: str
    author: str
    posted_at: datetime | None
    url: str
    metrics: dict[str, int] = field(default_factory=dict)
    """What the platform counted, by the names of METRICS, when it gave any."""


@dataclass
class Takedown:
    """A request to remove one post of a brand account: approved like a statement (the same rule, four eyes),
    then removed once through its target's account, its copy stored before the removal is sent."""

    crisis_id: int
    target: str
    """The plan's statement target whose account holds the post."""
    account: str
    """That account as people know it (e.g. "Mastodon social.example")."""
    post_id: str
    """The platform's own id of the post."""
    requested_by: str
    requested_at: datetime
    copy: PostCopy
    channel_id: str | None = None
    approvals: list[Approval] = field(default_factory=list)
    state: TakedownState = TakedownState.PENDING
    removing_since: datetime | None = None
    """Set while one process removes the post; another seeing it does not remove it again."""
    remove_attempts: int = 0
    remove_due_at: datetime | None = None
    """When the tick (re)tries the removal: the end of a claim's lease or of a back-off; None when done or given up."""
    maybe_removed: bool = False
    """An earlier removal may have landed (its answer was lost, or its remover died): "gone" then means done."""
    removed_at: datetime | None = None
    error: str = ""
    card: Shown = field(default_factory=Shown)
    id: int | None = None

    @property
    def author(self) -> str:
        """Who asked for it: as a statement's author, their approval never counts."""
        return self.requested_by

    @property
    def current(self) -> StatementVersion:
        """The one "version" the approvals are given to, so the statements' rule judges a take-down unchanged."""
        return StatementVersion(1, self.copy.url, self.requested_by, self.requested_at)
