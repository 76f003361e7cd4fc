"""The SQL unit of work: one Session per unit, repositories over it, commit or roll back on exit."""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.debrief.repositories import SqlDebriefs, SqlFollowUps
from db.home.repositories import SqlHomeViewers
from db.inbox import SqlRequestInbox
from db.monitor.replays import SqlDrillReplays
from db.monitor.repositories import SqlMentionLabels, SqlMentionStore, SqlSourceStates, SqlSpikeAlerts, SqlTermWatches
from db.playbooks.repositories import SqlChecklists
from db.prevention.repositories import SqlAccessReviews, SqlAccountRegister, SqlNotices, SqlOffboardings
from db.room.repositories import SqlCrisisRepository, SqlPageRepository, SqlRequestLog, SqlTimeline
from db.runners import SqlRunners
from db.statements.repositories import SqlPausedPosts, SqlPressInquiries, SqlStatementRepository
from db.schedules.repositories import SqlQueuedPosts
from db.takedowns.repositories import SqlTakedowns
from db.webcare.repositories import SqlDoNotEngage, SqlReplies


class SqlUnitOfWork:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._session = sessions()
        self.crises = SqlCrisisRepository(self._session)
        self.pages = SqlPageRepository(self._session)
        self.timeline = SqlTimeline(self._session)
        self.requests = SqlRequestLog(self._session)
        self.mentions = SqlMentionStore(self._session)
        self.sources = SqlSourceStates(self._session)
        self.watches = SqlTermWatches(self._session)
        self.alerts = SqlSpikeAlerts(self._session)
        self.labels = SqlMentionLabels(self._session)
        self.statements = SqlStatementRepository(self._session)
        self.paused_posts = SqlPausedPosts(self._session)
        self.inquiries = SqlPressInquiries(self._session)
        self.debriefs = SqlDebriefs(self._session)
        self.follow_ups = SqlFollowUps(self._session)
        self.inbox = SqlRequestInbox(self._session)
        self.accounts = SqlAccountRegister(self._session)
        self.notices = SqlNotices(self._session)
        self.offboardings = SqlOffboardings(self._session)
        self.reviews = SqlAccessReviews(self._session)
        self.runners = SqlRunners(self._session)
        self.checklists = SqlChecklists(self._session)
        self.homes = SqlHomeViewers(self._session)
        self.takedowns = SqlTakedowns(self._session)
        self.replays = SqlDrillReplays(self._session)
        self.replies, self.unengaged = SqlReplies(self._session), SqlDoNotEngage(self._session)
        self.queued_posts = SqlQueuedPosts(self._session)

    def __enter__(self) -> SqlUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        """Roll back whatever was not committed and give the connection back to the pool."""
        self._session.close()

    def commit(self) -> None:
        self._session.commit()


class SqlUnitOfWorkFactory:
    """Wired in the composition root (wiring/root.py): `Ports(uow=SqlUnitOfWorkFactory(engine), ...)`."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions)
