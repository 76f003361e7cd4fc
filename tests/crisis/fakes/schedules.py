"""FakeScheduler: one account's scheduled posts in memory, with failures scripted per call and hooks that run before
each removal (to look at what was stored by then) and before each restore (to act while a resume is at the
provider)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from crisis.errors import PublishFailed
from crisis.schedules.model import MediaCopy, PausedPost, PlannedPost


class FakeScheduler:
    def __init__(self, *posts: PlannedPost) -> None:
        self.posts = list(posts)
        self.fail: dict[str, list[PublishFailed]] = {}
        """Per call name (planned, remove, copy_media, restore): the failures its next calls raise, in order."""
        self.lose: set[str] = set()
        """Calls that are applied, then raise (an answer lost half-way)."""
        self.calls: list[tuple] = []
        self.before_remove: Callable[[str], None] = lambda post_id: None
        self.before_restore: Callable[[PausedPost], None] = lambda post: None
        self._made = 0

    def _maybe_fail(self, call: str) -> None:
        if self.fail.get(call):
            raise self.fail[call].pop(0)

    def planned(self) -> list[PlannedPost]:
        self.calls.append(("planned",))
        self._maybe_fail("planned")
        return sorted(self.posts, key=lambda p: p.post_at)

    def remove(self, post_id: str) -> bool:
        self.calls.append(("remove", post_id))
        self.before_remove(post_id)
        self._maybe_fail("remove")
        found = [p for p in self.posts if p.id == post_id]
        self.posts = [p for p in self.posts if p.id != post_id]
        if "remove" in self.lose:
            self.lose.discard("remove")
            raise PublishFailed("no answer within 10 s")
        return bool(found)

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        """A copy of each file whose content is its reference's bytes."""
        self.calls.append(("copy_media", post.id))
        self._maybe_fail("copy_media")
        return [MediaCopy(m, m.rpartition("/")[2], "image/png", m.encode()) for m in post.media]

    def restore(self, post: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        self.calls.append(("restore", post.text, post_at, key, tuple(files)))
        self.before_restore(post)
        self._maybe_fail("restore")
        self._made += 1
        self.posts.append(PlannedPost(f"new{self._made}", post.text, post_at, author=post.author,
                                      options_json=post.options_json))
        if "restore" in self.lose:
            self.lose.discard("restore")
            raise PublishFailed("no answer within 10 s")
        return f"new{self._made}"

    def named(self, call: str) -> list[tuple]:
        return [c for c in self.calls if c[0] == call]
