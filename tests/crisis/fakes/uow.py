"""The in-memory unit of work over every repository, and the database of committed tables it works on."""
from __future__ import annotations

import copy
import threading
from collections import defaultdict
from typing import Any

from tests.crisis.fakes.debrief import FakeDebriefs, FakeFollowUps
from tests.crisis.fakes.home import FakeHomeViewers
from tests.crisis.fakes.inbox import FakeRequestInbox
from tests.crisis.fakes.monitor import (
    FakeMentionLabels,
    FakeMentionStore,
    FakeSourceStates,
    FakeSpikeAlerts,
    FakeTermWatches,
)
from tests.crisis.fakes.playbooks import FakeChecklists
from tests.crisis.fakes.prevention import (
    FakeAccessReviews,
    FakeAccountRegister,
    FakeNotices,
    FakeOffboardings,
)
from tests.crisis.fakes.replays import FakeDrillReplays
from tests.crisis.fakes.room import FakeCrises, FakePages, FakeRequestLog, FakeTimeline
from tests.crisis.fakes.runners import FakeRunners
from tests.crisis.fakes.statements import (
    FakePausedPosts,
    FakePressInquiries,
    FakeStatements,
)
from tests.crisis.fakes.queue import FakeQueuedPosts
from tests.crisis.fakes.takedowns import FakeTakedowns
from tests.crisis.fakes.webcare import FakeDoNotEngage, FakeReplies

LOCK_WAIT_SECONDS = 5


class FakeDatabase:
    """Committed tables (name -> rows by key), the id sequences, and the one write lock, as on SQLite.

    Calling it gives a new unit of work (it is the UnitOfWorkFactory)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict] = defaultdict(dict)
        self._last_ids: dict[str, int] = defaultdict(int)
        self.write_lock = threading.Lock()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    def next_id(self, table: str) -> int:
        """Called inside a transaction, which holds the write lock."""
        self._last_ids[table] += 1
        return self._last_ids[table]

    def load(self, other: FakeDatabase) -> None:
        """Start from what another database committed (a state built once for many tests)."""
        with self.write_lock:
            self.tables = defaultdict(dict, {name: dict(rows) for name, rows in other.tables.items()})
            self._last_ids = defaultdict(int, other._last_ids)

    def rows(self, table: str) -> list[Any]:
        """What is committed in a table, by key: for tests that look at the stored state directly."""
        return copy.deepcopy([row for _, row in sorted(self.tables[table].items())])


class FakeUnitOfWork:
    """A transaction begins at the first read or write and holds the database's write lock (SQLite's BEGIN
    IMMEDIATE): units of work run one at a time, so a read is already a lock. It works on copies of the
    tables; commit() publishes them and ends the transaction (the next read begins another, as a Session
    does); leaving without commit drops what was not committed."""

    def __init__(self, db: FakeDatabase) -> None:
        self._db = db
        self._work: dict[str, dict] | None = None
        self.crises, self.pages = FakeCrises(self), FakePages(self)
        self.timeline, self.requests = FakeTimeline(self), FakeRequestLog(self)
        self.mentions, self.sources, self.watches = FakeMentionStore(self), FakeSourceStates(self), FakeTermWatches(self)
        self.alerts, self.labels = FakeSpikeAlerts(self), FakeMentionLabels(self)
        self.statements, self.paused_posts = FakeStatements(self), FakePausedPosts(self)
        self.inquiries = FakePressInquiries(self)
        self.debriefs, self.follow_ups = FakeDebriefs(self), FakeFollowUps(self)
        self.inbox = FakeRequestInbox(self)
        self.accounts, self.notices = FakeAccountRegister(self), FakeNotices(self)
        self.offboardings, self.reviews = FakeOffboardings(self), FakeAccessReviews(self)
        self.runners = FakeRunners(self)
        self.checklists = FakeChecklists(self)
        self.homes = FakeHomeViewers(self)
        self.takedowns = FakeTakedowns(self)
        self.replays = FakeDrillReplays(self)
        self.replies, self.unengaged = FakeReplies(self), FakeDoNotEngage(self)
        self.queued_posts = FakeQueuedPosts(self)

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        self._end()

    def commit(self) -> None:
        if self._work is not None:
            self._db.tables = defaultdict(dict, self._work)
        self._end()

    def table(self, name: str) -> dict:
        if self._work is None:
            if not self._db.write_lock.acquire(timeout=LOCK_WAIT_SECONDS):
                raise AssertionError("another unit of work holds the database: a unit of work opened inside "
                                     "another one's transaction (on SQLite it would wait for the busy timeout)")
            # Rows are replaced, never changed in place, so copying each table's index is enough.
            self._work = defaultdict(dict, {n: dict(rows) for n, rows in self._db.tables.items()})
        return self._work[name]

    def next_id(self, name: str) -> int:
        return self._db.next_id(name)

    def _end(self) -> None:
        if self._work is not None:
            self._work = None
            self._db.write_lock.release()
