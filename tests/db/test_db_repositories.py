"""The SQL repositories and unit of work keep the domain's dataclasses as they were saved."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from crisis.events import EventKind, TimelineEvent
from crisis.room.model import CrisisStatus, PageLevel, RoleAssignment
from tests.db.builders import T0, a_crisis, a_page

PARIS = timezone(timedelta(hours=1))


def _datetimes(obj) -> list[datetime]:
    return [v for v in vars(obj).values() if isinstance(v, datetime)]


def test_crisis_round_trip_with_roles(uow_factory):
    crisis = a_crisis(opened_at=datetime(2026, 11, 25, 10, 0, tzinfo=PARIS), channel_id="C0ROOM",
                      set_up_at=T0 + timedelta(seconds=3))
    crisis.roles[0].acked_at = T0 + timedelta(minutes=1)
    with uow_factory() as uow:
        added = uow.crises.add(crisis)
        uow.commit()
    assert added.id is not None and crisis.id is None
    with uow_factory() as uow:
        stored = uow.crises.get(added.id)
    assert stored == replace(crisis, id=added.id)
    assert [r.role for r in stored.roles] == ["lead", "comms", "legal"]
    for value in _datetimes(stored) + _datetimes(stored.roles[0]):
        assert value.tzinfo is timezone.utc
    assert stored.opened_at == T0
    assert stored.status is CrisisStatus.OPEN


def test_save_writes_back_fields_and_role_list(uow_factory):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        uow.commit()
    with uow_factory() as uow:
        crisis = uow.crises.lock(crisis_id)
        crisis.severity, crisis.channel_id, crisis.card_ts, crisis.announced = "SEV1", "C0ROOM", "1700.1", True
        crisis.status, crisis.closed_at, crisis.closed_by, crisis.resolution = (
            CrisisStatus.CLOSED, T0 + timedelta(hours=2), "U0LEAD", "Bags found")
        comms = crisis.role("comms")
        comms.user_id, comms.acked_by, comms.acked_at, comms.unanswered = "U0OTHER", "U0OTHER", T0, True
        crisis.roles = [comms, RoleAssignment("care", "U0CARE"), crisis.role("lead")]
        uow.crises.save(crisis)
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.get(crisis_id) == crisis
        assert uow.crises.by_channel("C0ROOM") == crisis
        assert uow.crises.by_channel("C0NONE") is None


def test_unknown_crisis_is_none_and_cannot_be_saved(uow_factory):
    with uow_factory() as uow:
        assert uow.crises.get(404) is None
        assert uow.crises.lock(404) is None
        with pytest.raises(LookupError):
            uow.crises.save(a_crisis(id=404))


def test_naive_datetimes_are_refused(uow_factory):
    with uow_factory() as uow, pytest.raises(StatementError, match="naive datetime"):
        uow.crises.add(a_crisis(opened_at=datetime(2026, 11, 25, 9, 0)))


def test_pages_round_trip(uow_factory):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        first = uow.pages.add(a_page(crisis_id, deliver_at=datetime(2026, 11, 25, 10, 2, tzinfo=PARIS)))
        second = uow.pages.add(a_page(crisis_id, role="lead", user_id="U0LEADB", level=PageLevel.BACKUP))
        uow.commit()
    with uow_factory() as uow:
        page = uow.pages.get(first.id)
        assert page == first and page.deliver_at.tzinfo is timezone.utc
        page.delivered_at, page.dm_channel, page.dm_ts, page.channel_ts = T0, "D0DM", "1.2", "3.4"
        page.attempts, page.last_error, page.acked_at, page.acked_by = 2, "ratelimited", T0, "U0COMMS"
        uow.pages.save(page)
        uow.commit()
    with uow_factory() as uow:
        assert uow.pages.for_crisis(crisis_id) == [page, second]
        assert uow.pages.get(second.id).level is PageLevel.BACKUP
        assert uow.pages.get(999) is None


def test_timeline_in_time_order_with_json_data(uow_factory):
    later = TimelineEvent(EventKind.NOTE, T0 + timedelta(minutes=5), "U0LEAD", {"text": "ok", "nested": {"n": [1, 2]}})
    earlier = TimelineEvent(EventKind.OPENED, datetime(2026, 11, 25, 10, 0, tzinfo=PARIS), None, {"title": "x"})
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        uow.timeline.append(crisis_id, later)
        uow.timeline.append(crisis_id, earlier)
        uow.commit()
    with uow_factory() as uow:
        events = uow.timeline.for_crisis(crisis_id)
    assert [(e.kind, e.at, e.actor, e.data, e.crisis_id) for e in events] == [
        (EventKind.OPENED, T0, None, {"title": "x"}, crisis_id),
        (EventKind.NOTE, later.at, "U0LEAD", {"text": "ok", "nested": {"n": [1, 2]}}, crisis_id)]
    assert all(e.at.tzinfo is timezone.utc and e.id is not None for e in events)


def test_claim_twice_is_false_and_the_unit_still_commits(uow_factory):
    with uow_factory() as uow:
        assert uow.requests.claim("evt-1", T0) is True
        assert uow.requests.claim("evt-1", T0) is False
        crisis_id = uow.crises.add(a_crisis()).id
        uow.commit()
    with uow_factory() as uow:
        assert uow.requests.claim("evt-1", T0) is False
        uow.timeline.append(crisis_id, TimelineEvent(EventKind.NOTE, T0, "U0LEAD", {}))
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.get(crisis_id) is not None
        assert len(uow.timeline.for_crisis(crisis_id)) == 1


def test_leaving_without_commit_rolls_back(uow_factory):
    with uow_factory() as uow:
        uow.requests.claim("evt-2", T0)
        crisis_id = uow.crises.add(a_crisis()).id
    with pytest.raises(RuntimeError):
        with uow_factory() as uow:
            uow.crises.add(a_crisis(title="other"))
            raise RuntimeError
    with uow_factory() as uow:
        assert uow.crises.get(crisis_id) is None
        assert uow.crises.setups_due(T0 + timedelta(days=1), T0) == []
        assert uow.requests.claim("evt-2", T0) is True


def test_due_deliveries(uow_factory):
    now = T0 + timedelta(minutes=10)
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id

        def add(**changes) -> int:
            return uow.pages.add(a_page(crisis_id, **changes)).id

        due_late = add(deliver_at=now - timedelta(minutes=1))
        due_early = add(deliver_at=now - timedelta(minutes=5))
        due_now = add(deliver_at=now)
        add(deliver_at=now + timedelta(seconds=1))
        held_by_the_dead = add(deliver_at=now + timedelta(minutes=5), runner="dead")
        add(deliver_at=now + timedelta(minutes=5), runner="alive")
        add(deliver_at=now + timedelta(minutes=5), runner="never heard of")
        add(deliver_at=T0, delivered_at=T0)
        acked = add(deliver_at=T0 - timedelta(minutes=1), acked_at=T0)  # its delivery is still to be recorded
        cancelled = add(deliver_at=T0, cancelled_at=T0)
        add(deliver_at=T0, escalated_at=T0)
        add(deliver_at=T0, failed_at=T0)
        uow.runners.beat("dead", now - timedelta(minutes=2))
        uow.runners.beat("alive", now - timedelta(seconds=10))
        uow.commit()
    with uow_factory() as uow:
        silent_since = now - timedelta(minutes=1)
        assert uow.pages.due_deliveries(now, silent_since, 10) == [
            acked, cancelled, due_early, due_late, due_now, held_by_the_dead]
        assert uow.pages.due_deliveries(now, silent_since, 2) == [acked, cancelled]


def test_due_escalations(uow_factory):
    now = T0 + timedelta(minutes=30)
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id

        def add(**changes) -> int:
            return uow.pages.add(a_page(crisis_id, **changes)).id

        delivered = add(escalate_at=now - timedelta(minutes=1), delivered_at=T0)
        undelivered = add(escalate_at=now - timedelta(minutes=9))
        add(escalate_at=now + timedelta(minutes=1))
        add(escalate_at=T0, acked_at=T0)
        add(escalate_at=T0, escalated_at=T0)
        add(escalate_at=T0, cancelled_at=T0)
        uow.commit()
    with uow_factory() as uow:
        assert uow.pages.due_escalations(now, 10) == [undelivered, delivered]
        assert uow.pages.due_escalations(now, 1) == [undelivered]


def test_setups_due(uow_factory):
    with uow_factory() as uow:
        due = uow.crises.add(a_crisis(set_up_retry_at=T0 - timedelta(minutes=10))).id
        longer_due = uow.crises.add(a_crisis(set_up_retry_at=T0 - timedelta(minutes=20))).id
        due_now = uow.crises.add(a_crisis(set_up_retry_at=T0)).id
        uow.crises.add(a_crisis(set_up_retry_at=T0 - timedelta(minutes=10), set_up_at=T0))
        uow.crises.add(a_crisis(set_up_retry_at=T0 - timedelta(minutes=10), status=CrisisStatus.CLOSED))
        uow.crises.add(a_crisis(set_up_retry_at=T0 + timedelta(seconds=1)))
        uow.crises.add(a_crisis())
        held_by_the_dead = uow.crises.add(a_crisis(set_up_retry_at=T0 + timedelta(minutes=9), set_up_runner="dead")).id
        uow.crises.add(a_crisis(set_up_retry_at=T0 + timedelta(minutes=9), set_up_runner="alive"))
        uow.runners.beat("dead", T0 - timedelta(minutes=2))
        uow.runners.beat("alive", T0)
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.setups_due(T0, T0 - timedelta(minutes=1)) == [longer_due, due, due_now, held_by_the_dead]


def test_runners_beat_fall_silent_and_are_forgotten(uow_factory):
    with uow_factory() as uow:
        uow.runners.beat("a", T0)
        uow.runners.beat("b", T0)
        uow.runners.beat("a", T0 + timedelta(minutes=5))  # beats again: the same row
        uow.commit()
    with uow_factory() as uow:
        since = T0 + timedelta(minutes=1)
        assert [uow.runners.silent(name, since) for name in ("a", "b", "c", None)] == [False, True, False, False]
        assert uow.runners.forget(since) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.runners.silent("b", T0 + timedelta(days=1)) is False  # forgotten: no longer known
        assert uow.runners.silent("a", T0 + timedelta(days=1)) is True


def test_what_the_room_must_show_comes_due_oldest_first(uow_factory):
    with uow_factory() as uow:
        later = uow.crises.add(a_crisis(card_claims=2, card_due_at=T0 - timedelta(seconds=5))).id
        sooner = uow.crises.add(a_crisis(card_claims=1, card_due_at=T0 - timedelta(minutes=1),
                                         status=CrisisStatus.CLOSED)).id  # a closed crisis's card shows it closed
        uow.crises.add(a_crisis(card_due_at=T0 + timedelta(seconds=1)))
        uow.crises.add(a_crisis(card_claims=3, card_claims_shown=3))
        crisis_id = later

        def add(**changes) -> int:
            return uow.pages.add(a_page(crisis_id, **changes)).id

        ack_late = add(ack_due_at=T0, acked_at=T0)
        ack_early = add(ack_due_at=T0 - timedelta(minutes=3), cancelled_at=T0, ack_attempts=2)
        add(ack_due_at=T0 + timedelta(seconds=1), acked_at=T0)
        add(acked_at=T0, ack_shown_at=T0)
        notice = add(notice_due_at=T0 - timedelta(seconds=1), escalated_at=T0, notice_attempts=1)
        add(notice_due_at=T0 + timedelta(minutes=1), escalated_at=T0)
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.cards_due(T0, 10) == [sooner, later]
        assert uow.crises.cards_due(T0, 1) == [sooner]
        assert uow.pages.acks_due(T0, 10) == [ack_early, ack_late]
        assert uow.pages.notices_due(T0, 10) == [notice]
        page = uow.pages.get(ack_early)
        assert (page.ack_due_at, page.ack_attempts, page.ack_shown_at) == (T0 - timedelta(minutes=3), 2, None)
        crisis = uow.crises.get(later)
        assert (crisis.card_claims, crisis.card_claims_shown, crisis.card_attempts) == (2, 0, 0)


def test_lock_reads_the_crisis(uow_factory):
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis())
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.lock(crisis.id) == crisis


def test_pages_need_an_existing_crisis(uow_factory):
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.pages.add(a_page(404))


def test_every_test_starts_on_empty_tables_with_ids_from_1(uow_factory):
    with uow_factory() as uow:
        assert uow.crises.setups_due(T0 + timedelta(days=365), T0) == []
        crisis = uow.crises.add(a_crisis())
        assert (crisis.id, uow.pages.add(a_page(crisis.id)).id) == (1, 1)


def test_open_crises_by_watched_term(uow_factory):
    from datetime import datetime, timezone

    from crisis.room.model import Crisis, CrisisStatus
    at = datetime(2026, 11, 25, 9, tzinfo=timezone.utc)
    with uow_factory() as uow:
        first = uow.crises.add(Crisis("a", "SEV2", "other", "U1", at, term="acme"))
        second = uow.crises.add(Crisis("b", "SEV2", "other", "U1", at.replace(hour=10), term="acme"))
        uow.crises.add(Crisis("c", "SEV2", "other", "U1", at, term=None))
        uow.crises.add(Crisis("d", "SEV2", "other", "U1", at, term="acme", status=CrisisStatus.CLOSED))
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.open_for_term("acme").id == second.id
        assert uow.crises.open_for_term("other") is None
        assert [c.id for c in uow.crises.open_with_term()] == [first.id, second.id]
