"""In-memory take-downs (as db/takedowns/repositories.py) and a remover of one account's posts (as publishers/)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from crisis.errors import PublishFailed
from crisis.takedowns.model import PostCopy, Takedown, TakedownState
from crisis.takedowns.ports import PostUnavailable
from tests.crisis.fakes.tables import Table, as_json


class FakeTakedowns(Table):
    name = "takedowns"

    def add(self, takedown: Takedown) -> Takedown:
        self._require("crises", takedown.crisis_id)
        return self._insert(_stored(takedown))

    def save(self, takedown: Takedown) -> None:
        super().save(_stored(takedown))

    def for_crisis(self, crisis_id: int) -> list[Takedown]:
        return self._select(lambda t: t.crisis_id == crisis_id)

    def removals_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda t: t.state is TakedownState.APPROVED and t.remove_due_at is not None
                         and t.remove_due_at <= now, lambda t: (t.remove_due_at, t.id), limit)

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda t: t.card.due_at is not None and t.card.due_at <= now,
                         lambda t: (t.card.due_at, t.id), limit)


def _stored(takedown: Takedown) -> Takedown:
    """The metrics come back from their JSON column."""
    return replace(takedown, copy=replace(takedown.copy, metrics=as_json(dict(takedown.copy.metrics))))


class FakeRemover:
    """Posts of one account on `https://<host>/posts/<id>`: `posts` by id (an author other than "acme" is another
    account's); `fail` lists what the next removals raise (a reason, or the exception); `land` makes a failing
    removal remove the post anyway (its answer lost)."""

    def __init__(self, host: str = "social.example", posts: dict[str, PostCopy] | None = None,
                 fail: Sequence[str | Exception] = (), land: bool = False) -> None:
        self.host = host
        self.posts = dict(posts or {})
        self.fail = list(fail)
        self.land = land
        self.removed: list[str] = []
        self.calls: list[tuple[str, str]] = []

    def recognise(self, url: str) -> str | None:
        prefix = f"https://{self.host}/posts/"
        return url.removeprefix(prefix) if url.startswith(prefix) else None

    def fetch(self, post_id: str) -> PostCopy:
        self.calls.append(("fetch", post_id))
        post = self.posts.get(post_id)
        if post is None:
            raise PostUnavailable("gone", "404 Record not found")
        if post.author != "acme":
            raise PostUnavailable("not_ours", f"posted by {post.author}")
        return post

    def remove(self, post_id: str) -> bool:
        self.calls.append(("remove", post_id))
        if self.fail:
            failure = self.fail.pop(0)
            if self.land:
                self.posts.pop(post_id, None)
            raise failure if isinstance(failure, Exception) else PublishFailed(failure)
        if self.posts.pop(post_id, None) is None:
            return False
        self.removed.append(post_id)
        return True
