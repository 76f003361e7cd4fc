"""Take-downs on each database: the archived copy, approvals and card come back as stored, and removals and cards are
due when their times come; the whole use case runs on the real unit of work too."""
from __future__ import annotations

from datetime import timedelta

from crisis.ports import Ports
from crisis.prevention.model import Shown
from crisis.statements.model import Approval, Decision
from crisis.takedowns import services
from crisis.takedowns.model import PostCopy, Takedown, TakedownState
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.fakes.takedowns import FakeRemover
from tests.crisis.plans import make_plan
from tests.crisis.rooms import open_one
from tests.db.builders import T0, a_crisis
from tests.db.races import race

POST = PostCopy("Our new ad <b>enjoy</b>", "@acme", T0 - timedelta(hours=3), "https://social.example/posts/42",
                {"replies": 7, "reposts": 31})


def test_a_takedown_comes_back_with_its_copy_approvals_and_card_and_is_due_in_time(uow_factory):
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis())
        stored = uow.takedowns.add(Takedown(crisis.id, "mastodon", "Mastodon social.example", "42", "USOCIAL", T0, POST,
                                            channel_id="C1", card=Shown(due_at=T0)))
        uow.takedowns.add(Takedown(crisis.id, "mastodon", "Mastodon social.example", "43", "USOCIAL", T0,
                                   PostCopy("", "", None, "https://social.example/posts/43")))
        uow.commit()
    with uow_factory() as uow:
        takedown = uow.takedowns.lock(stored.id)
        assert (takedown.copy, takedown.state, takedown.card.due_at) == (POST, TakedownState.PENDING, T0)
        takedown.approvals.append(Approval(1, "legal", "ULEGAL", Decision.APPROVE, T0, ""))
        takedown.state, takedown.remove_due_at, takedown.card.due_at = TakedownState.APPROVED, T0 + timedelta(1), None
        uow.takedowns.save(takedown)
        uow.commit()
    with uow_factory() as uow:
        assert uow.takedowns.get(stored.id).approvals == [Approval(1, "legal", "ULEGAL", Decision.APPROVE, T0, "")]
        assert uow.takedowns.removals_due(T0, 10) == []
        assert uow.takedowns.removals_due(T0 + timedelta(1), 10) == [stored.id]
        assert uow.takedowns.cards_due(T0, 10) == []
        assert [t.post_id for t in uow.takedowns.for_crisis(crisis.id)] == ["42", "43"]


def test_asked_approved_and_taken_down_through_the_database(uow_factory):
    remover = FakeRemover(posts={"42": PostCopy("Our ad", "acme", T0, "https://social.example/posts/42")})
    ports = Ports(plan=make_plan(), uow=uow_factory, chat=FakeChat(), clock=FakeClock(),
                  removers={"mastodon": ("Mastodon social.example", remover)})
    crisis = open_one(ports)
    takedown = services.request_takedown(crisis.channel_id, "https://social.example/posts/42", user="USOCIAL",
                                         request_key="ask", ports=ports)
    for user in ("UCOMMS", "ULEGAL"):
        services.decide(takedown.id, approve=True, user=user, request_key=user, ports=ports)
    with uow_factory() as uow:
        kept = uow.takedowns.get(takedown.id)
    assert (kept.state, remover.removed, [a.user for a in kept.approvals]) == (
        TakedownState.TAKEN_DOWN, ["42"], ["UCOMMS", "ULEGAL"])
    assert kept.card.ref is not None and kept.card.shown == kept.card.changes


def test_two_replicas_ticking_at_once_remove_the_post_once(uow_factory):
    remover = FakeRemover(posts={"42": PostCopy("Our ad", "acme", T0, "https://social.example/posts/42")},
                          fail=["Mastodon answered 503"])
    clock = FakeClock()
    ports = Ports(plan=make_plan(), uow=uow_factory, chat=FakeChat(), clock=clock,
                  removers={"mastodon": ("Mastodon social.example", remover)})
    crisis = open_one(ports)
    takedown = services.request_takedown(crisis.channel_id, "https://social.example/posts/42", user="USOCIAL",
                                         request_key="ask", ports=ports)
    for user in ("UCOMMS", "ULEGAL"):
        services.decide(takedown.id, approve=True, user=user, request_key=user, ports=ports)
    clock.advance(seconds=10)
    race(lambda: services.tick(ports=ports), threads=2)
    with uow_factory() as uow:
        kept = uow.takedowns.get(takedown.id)
    assert (kept.state, kept.remove_attempts) == (TakedownState.TAKEN_DOWN, 2)
    assert [call for call in remover.calls if call[0] == "remove"] == [("remove", "42")] * 2  # the failure, then one
