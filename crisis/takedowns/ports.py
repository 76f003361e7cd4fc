"""What the take-down use cases need: the take-downs' repository and, per statement target, a remover for posts of
that target's account (crisis.ports.Ports.removers)."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from crisis.i18n import Msg, msg
from crisis.takedowns.model import PostCopy, Takedown


class PostUnavailable(Exception):
    """The platform cannot give or remove this post for a reason no retry changes: `why` is "gone" (deleted
    already), "not_ours" (another account's post) or "cannot" (this platform or token cannot remove it);
    `detail` is the platform's word, short and without secrets."""

    def __init__(self, why: str, detail: str = "") -> None:
        super().__init__(f"{why}: {detail}" if detail else why)
        self.why = why
        self.detail = detail

    def said(self) -> Msg:
        """Why, in the catalog's words, with the platform's own word after it."""
        reason = msg(f"publish_reason.post_{self.why}")
        return msg("publish_reason.with_detail", reason=reason, detail=self.detail) if self.detail else reason


class PostRemover(Protocol):
    """One brand account's posts on its platform. Outside failures (401/403, 429, 5xx, no answer) raise
    crisis.errors.PublishFailed, as publishing does."""

    def recognise(self, url: str) -> str | None:
        """The post's id when `url` is a post's address on this account's platform (whoever's post it is), else
        None."""

    def fetch(self, post_id: str) -> PostCopy:
        """The post as it stands; PostUnavailable "gone" or "not_ours" when it is not there or not the account's."""

    def remove(self, post_id: str) -> bool:
        """Delete (or hide) the post: True when this call removed it, False when it was gone already."""


class Takedowns(Protocol):
    def add(self, takedown: Takedown) -> Takedown: ...
    def get(self, takedown_id: int) -> Takedown | None: ...
    def lock(self, takedown_id: int) -> Takedown | None: ...
    def save(self, takedown: Takedown) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[Takedown]: ...
    def removals_due(self, now: datetime, limit: int) -> list[int]:
        """Approved take-downs whose remove_due_at has come (a failed or interrupted removal), soonest first."""

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        """Take-downs whose card is due to be shown (again)."""
