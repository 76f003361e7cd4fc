"""Prevention's repositories on each database: one register entry per account, notices said once by key,
one offboarding per person and departure, one review per account and round, and what is due when."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from crisis.prevention.model import AccessReview, Account, Notice, Offboarding, Shown
from tests.db.builders import T0

HOUR = timedelta(hours=1)


def test_an_entry_replaces_the_accounts_earlier_one(uow_factory):
    with uow_factory() as uow:
        first = uow.accounts.put(Account("x", "@Acme", "U1", False, "Vault: x", ("U1", "U2"), "UADMIN", T0))
        again = uow.accounts.put(Account("x", "@acme", "U3", True, "Vault: x2", ("U3",), "UADMIN", T0 + HOUR))
        uow.accounts.put(Account("tiktok", "@acme", "U1", True, "Vault: tiktok"))
        uow.commit()
    assert again.id == first.id
    with uow_factory() as uow:
        stored = uow.accounts.all()
    assert [(a.key, a.owner, a.two_factor, a.access, a.updated_at) for a in stored] == [
        ("x:@acme", "U3", True, ("U3",), T0 + HOUR), ("tiktok:@acme", "U1", True, (), None)]


def test_a_notice_is_kept_once_per_key_and_due_until_sent(uow_factory):
    with uow_factory() as uow:
        assert uow.notices.add(Notice("finding:no_2fa:x:@acme", "no_2fa", "#security", {"account": "X"}, T0))
        assert not uow.notices.add(Notice("finding:no_2fa:x:@acme", "no_2fa", "#elsewhere", {}, T0))
        assert uow.notices.add(Notice("offboarding:1:reminder:1", "unrevoked", "#security", {"days": 1}, T0 + HOUR))
        uow.commit()
    with uow_factory() as uow:
        assert uow.notices.keys("finding:") == {"finding:no_2fa:x:@acme"}
        assert uow.notices.due(T0, 10) == ["finding:no_2fa:x:@acme"]
        assert uow.notices.due(T0 + HOUR, 10) == ["finding:no_2fa:x:@acme", "offboarding:1:reminder:1"]
        notice = uow.notices.lock("finding:no_2fa:x:@acme")
        assert (notice.recipient, notice.params) == ("#security", {"account": "X"})
        notice.sent_at, notice.due_at = T0, None
        uow.notices.save(notice)
        uow.commit()
    with uow_factory() as uow:
        assert uow.notices.due(T0 + HOUR, 10) == ["offboarding:1:reminder:1"]


def test_one_offboarding_per_person_with_its_card_and_reminders(uow_factory):
    record = Offboarding("U9", "u9@acme.example", T0, ["x:@acme"], {"x:@acme": "X @acme"}, card=Shown(due_at=T0),
                         remind_at=T0 + 24 * HOUR)
    with uow_factory() as uow:
        stored = uow.offboardings.add(record)
        assert uow.offboardings.add(record) is None
        uow.commit()
    with uow_factory() as uow:
        assert uow.offboardings.cards_due(T0, 10) == [stored.id]
        assert uow.offboardings.reminders_due(T0, 10) == []
        assert uow.offboardings.reminders_due(T0 + 24 * HOUR, 10) == [stored.id]
        locked = uow.offboardings.lock(stored.id)
        locked.revoked["x:@acme"] = {"by": "U1", "at": T0.isoformat()}
        locked.card.channel_id, locked.card.ref, locked.card.due_at, locked.card.shown = "C1", "1.2", None, 1
        uow.offboardings.save(locked)
        uow.commit()
    with uow_factory() as uow:
        (again,) = uow.offboardings.all()
    assert again.revoked == {"x:@acme": {"by": "U1", "at": T0.isoformat()}} and again.unrevoked == []
    assert (again.card.channel_id, again.card.ref, again.card.due_at, again.card.shown) == ("C1", "1.2", None, 1)


def test_a_person_who_leaves_again_gets_a_second_departure_each_kept_once(uow_factory):
    def departure(number, account):
        return Offboarding("U9", None, T0 + number * HOUR, [account], {}, card=Shown(due_at=T0), departure=number)

    with uow_factory() as uow:
        first = uow.offboardings.add(departure(1, "x:@acme"))
        second = uow.offboardings.add(departure(2, "tiktok:acme.tt"))
        assert uow.offboardings.add(departure(2, "x:@acme")) is None
        uow.offboardings.add(replace(departure(1, "x:@acme"), user="U8"))
        uow.commit()
    with uow_factory() as uow:
        assert [(o.id, o.departure, o.accounts) for o in uow.offboardings.of_user("U9")] == [
            (first.id, 1, ["x:@acme"]), (second.id, 2, ["tiktok:acme.tt"])]


def test_one_review_per_account_and_round_and_what_is_overdue(uow_factory):
    def review(account, started):
        return AccessReview(account, account, started.date().isoformat(), "U1", ["U2"], started,
                            started + 14 * 24 * HOUR, card=Shown(due_at=started))
    with uow_factory() as uow:
        first = uow.reviews.add(review("x:@acme", T0))
        assert uow.reviews.add(review("x:@acme", T0 + HOUR)) is None
        later = uow.reviews.add(review("x:@acme", T0 + 90 * 24 * HOUR))
        tiktok = uow.reviews.add(review("tiktok:@acme", T0 + HOUR))
        uow.commit()
    with uow_factory() as uow:
        assert uow.reviews.last_rounds() == {"x:@acme": T0 + 90 * 24 * HOUR, "tiktok:@acme": T0 + HOUR}
        assert uow.reviews.overdue(T0 + 15 * 24 * HOUR, 10) == [first.id, tiktok.id]
        done = uow.reviews.lock(first.id)
        done.decisions["U2"] = {"keep": False, "by": "U1", "at": T0.isoformat()}
        done.completed_at = T0
        uow.reviews.save(done)
        uow.commit()
    with uow_factory() as uow:
        assert uow.reviews.overdue(T0 + 15 * 24 * HOUR, 10) == [tiktok.id]
        assert uow.reviews.cards_due(T0, 10) == [first.id]
        assert uow.reviews.get(first.id).decisions["U2"]["keep"] is False
        assert uow.reviews.get(later.id).round == (T0 + 90 * 24 * HOUR).date().isoformat()
