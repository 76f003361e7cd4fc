"""What the webcare use cases need: the replies' and the do-not-engage list's repositories and, per statement target,
a replier of that target's brand account (crisis.ports.Ports.repliers)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from crisis.webcare.model import PostSeen, Reply, Unengaged

SKEW = timedelta(minutes=10)
"""How far a platform's clock may run behind ours: replies this much older than the request still count as ours."""


class Replier(Protocol):
    """Replies as one brand account on its platform. Outside failures (401/403, 429, 5xx, no answer) raise
    crisis.errors.PublishFailed; a post that is not there raises crisis.takedowns.ports.PostUnavailable "gone"."""

    def recognise(self, url: str) -> str | None:
        """The post's id when `url` is a post's address on this account's platform (anyone's post), else None."""

    def fetch(self, post_id: str) -> PostSeen:
        """The post as it stands (its author as the platform shows the handle)."""

    def reply(self, post_id: str, text: str, key: str, retried: bool, since: datetime) -> str:
        """Post `text` as a reply to the post; its URL. Sent once: `key` is the platform's idempotency key where it
        has one; where it has none and `retried`, the account's replies since `since` are searched for this exact
        text under this post first."""


class Replies(Protocol):
    def add(self, reply: Reply) -> Reply: ...
    def get(self, reply_id: int) -> Reply | None: ...
    def lock(self, reply_id: int) -> Reply | None: ...
    def save(self, reply: Reply) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[Reply]: ...
    def sends_due(self, now: datetime, limit: int) -> list[int]:
        """Approved replies whose send_due_at has come (a failed or interrupted send), soonest first."""

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        """Replies whose card is due to be shown (again)."""


class DoNotEngage(Protocol):
    """Accounts marked do not engage in chat (the plan's own list is in WebcarePlan), by crisis.webcare.model.account_key."""

    def add(self, unengaged: Unengaged) -> bool:
        """Mark the account; False when it is marked already."""

    def remove(self, account: str) -> bool:
        """Unmark it; False when it was not marked."""

    def has(self, account: str) -> bool: ...
    def all(self) -> list[Unengaged]: ...
