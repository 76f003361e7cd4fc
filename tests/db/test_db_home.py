"""The Home tab's queries on each database: one viewer row per person, replaced when they open it again, due checks
of recent viewers only, forgetting who has not opened it for long; and what a Home reads: open crises, the recent
spike warnings, reviews still open past their deadline (escalated or not)."""
from __future__ import annotations

from datetime import timedelta

from crisis.home.model import HomeViewer
from crisis.prevention.model import AccessReview
from crisis.room.model import CrisisStatus
from tests.db.builders import T0, a_crisis, an_alert

HOUR = timedelta(hours=1)


def test_a_viewer_is_one_row_per_person_checked_when_due_while_recent(uow_factory):
    with uow_factory() as uow:
        uow.homes.put(HomeViewer("U1", opened_at=T0, check_at=T0 + HOUR))
        uow.homes.put(HomeViewer("U2", opened_at=T0, check_at=T0, digest="d2"))
        uow.homes.put(HomeViewer("U1", opened_at=T0 + HOUR, check_at=T0 + 2 * HOUR, digest="d1"))
        uow.homes.put(HomeViewer("U3", opened_at=T0 - 9 * 24 * HOUR, check_at=T0))
        uow.commit()
    with uow_factory() as uow:
        assert uow.homes.due(T0 + 2 * HOUR, T0 - 7 * 24 * HOUR, 10) == ["U2", "U1"]
        assert uow.homes.due(T0 + 2 * HOUR, T0 - 7 * 24 * HOUR, 1) == ["U2"]
        viewer = uow.homes.lock("U1")
        assert viewer == HomeViewer("U1", opened_at=T0 + HOUR, check_at=T0 + 2 * HOUR, digest="d1")
        viewer.check_at, viewer.digest = T0 + 3 * HOUR, "d1b"
        uow.homes.save(viewer)
        assert uow.homes.forget(T0 - 7 * 24 * HOUR) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.homes.due(T0 + 2 * HOUR, T0 - 30 * 24 * HOUR, 10) == ["U2"]
        assert uow.homes.lock("U1").digest == "d1b" and uow.homes.lock("U3") is None


def test_what_a_home_reads_open_crises_recent_warnings_and_late_reviews(uow_factory):
    with uow_factory() as uow:
        later = uow.crises.add(a_crisis(title="Second", opened_at=T0 + HOUR))
        first = uow.crises.add(a_crisis(title="First"))
        uow.crises.add(a_crisis(title="Closed", status=CrisisStatus.CLOSED))
        for at in (T0, T0 + HOUR / 2, T0 + HOUR):
            uow.alerts.add(an_alert(started_at=at, created_at=at))
        for account, due, escalated in (("x", T0, T0), ("tiktok", T0 + HOUR, None), ("ig", T0 + 48 * HOUR, None)):
            uow.reviews.add(AccessReview(account, account, "2026-11-01", "U1", ["U2"], T0 - 14 * 24 * HOUR, due,
                                         escalated_at=escalated))
        uow.commit()
    with uow_factory() as uow:
        assert [c.id for c in uow.crises.open()] == [first.id, later.id]
        assert [a.started_at for a in uow.alerts.recent(T0 + HOUR / 2, 5)] == [T0 + HOUR, T0 + HOUR / 2]
        assert [a.started_at for a in uow.alerts.recent(T0, 1)] == [T0 + HOUR]
        assert [r.account for r in uow.reviews.late(T0 + 2 * HOUR, 10)] == ["x", "tiktok"]
