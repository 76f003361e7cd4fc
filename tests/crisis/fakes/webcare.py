"""In-memory replies and do-not-engage marks (as db/webcare/repositories.py) and a replier of one account (as
publishers/)."""
from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime

from crisis.errors import PublishFailed
from crisis.takedowns.ports import PostUnavailable
from crisis.webcare.model import PostSeen, Reply, ReplyState, Unengaged
from tests.crisis.fakes.tables import Table, check_aware


class FakeReplies(Table):
    name = "replies"

    def add(self, reply: Reply) -> Reply:
        self._require("crises", reply.crisis_id)
        return self._insert(reply)

    def for_crisis(self, crisis_id: int) -> list[Reply]:
        return self._select(lambda r: r.crisis_id == crisis_id)

    def sends_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda r: r.state is ReplyState.APPROVED and r.send_due_at is not None
                         and r.send_due_at <= now, lambda r: (r.send_due_at, r.id), limit)

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda r: r.card.due_at is not None and r.card.due_at <= now,
                         lambda r: (r.card.due_at, r.id), limit)


class FakeDoNotEngage(Table):
    name = "unengaged"

    def add(self, unengaged: Unengaged) -> bool:
        check_aware(unengaged)
        if unengaged.account in self._rows:
            return False
        self._rows[unengaged.account] = copy.deepcopy(unengaged)
        return True

    def remove(self, account: str) -> bool:
        return self._rows.pop(account, None) is not None

    def has(self, account: str) -> bool:
        return account in self._rows

    def all(self) -> list[Unengaged]:
        return [copy.deepcopy(row) for _, row in sorted(self._rows.items())]


class FakeReplier:
    """Posts on `https://<host>/posts/<id>` by `posts` (id -> PostSeen); `fail` lists what the next replies raise
    (a reason or the exception); `land` makes a failing reply land anyway (its answer lost). A reply with a key
    seen before returns the same URL (as Mastodon's Idempotency-Key)."""

    def __init__(self, host: str = "social.example", posts: dict[str, PostSeen] | None = None,
                 fail: Sequence[str | Exception] = (), land: bool = False) -> None:
        self.host = host
        self.posts = dict(posts or {})
        self.fail = list(fail)
        self.land = land
        self.sent: dict[str, tuple[str, str]] = {}
        """key -> (post id, text): what is out on the platform."""
        self.calls: list[tuple[str, ...]] = []

    def recognise(self, url: str) -> str | None:
        prefix = f"https://{self.host}/posts/"
        return url.removeprefix(prefix) if url.startswith(prefix) else None

    def fetch(self, post_id: str) -> PostSeen:
        self.calls.append(("fetch", post_id))
        post = self.posts.get(post_id)
        if post is None:
            raise PostUnavailable("gone", "404 Record not found")
        return post

    def reply(self, post_id: str, text: str, key: str, retried: bool, since: datetime) -> str:
        self.calls.append(("reply", post_id, text, key))
        if self.fail:
            failure = self.fail.pop(0)
            if self.land:
                self.sent[key] = (post_id, text)
            raise failure if isinstance(failure, Exception) else PublishFailed(failure)
        self.sent.setdefault(key, (post_id, text))
        return f"https://{self.host}/posts/r-{key}"
