"""Webcare on each database: a reply comes back with its post, approvals and card and is due in time; do-not-engage
marks are stored once; a reply asked, approved and sent through the real unit of work; two ticks send it once."""
from __future__ import annotations

from datetime import timedelta

from crisis.ports import Ports
from crisis.prevention.model import Shown
from crisis.statements.model import Approval, Decision
from crisis.webcare import services
from crisis.webcare.model import PostSeen, Reply, ReplyState, Unengaged
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.fakes.webcare import FakeReplier
from tests.crisis.plans import make_plan
from tests.crisis.rooms import open_one
from tests.db.builders import T0, a_crisis
from tests.db.races import race

POST = PostSeen("@jane", "Your ad is <b>awful</b>", "https://social.example/posts/42")
PLAN = {"approval_from_severity": "SEV2", "lines": {"sorry": {"name": "Apology", "text": "{author} sorry!"}}}


def test_a_reply_comes_back_as_stored_and_is_due_in_time(uow_factory):
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis())
        stored = uow.replies.add(Reply("mastodon", "Mastodon social.example", "42", POST, "sorry", "@jane sorry!",
                                       "USOCIAL", T0, True, crisis.id, "C1", card=Shown(due_at=T0)))
        outside = uow.replies.add(Reply("x", "X", "7", POST, "sorry", "hi", "ULEAD", T0, False,
                                        state=ReplyState.APPROVED))
        uow.commit()
    with uow_factory() as uow:
        reply = uow.replies.lock(stored.id)
        assert (reply.post, reply.state, reply.card.due_at, reply.needs_approval) == (POST, ReplyState.PENDING, T0,
                                                                                      True)
        reply.approvals.append(Approval(1, "legal", "ULEGAL", Decision.APPROVE, T0, ""))
        reply.state, reply.send_due_at, reply.card.due_at = ReplyState.APPROVED, T0 + timedelta(1), None
        uow.replies.save(reply)
        uow.commit()
    with uow_factory() as uow:
        assert uow.replies.get(stored.id).approvals == [Approval(1, "legal", "ULEGAL", Decision.APPROVE, T0, "")]
        assert uow.replies.sends_due(T0, 10) == [] and uow.replies.sends_due(T0 + timedelta(1), 10) == [stored.id]
        assert uow.replies.cards_due(T0, 10) == []
        assert [r.id for r in uow.replies.for_crisis(crisis.id)] == [stored.id]
        assert uow.replies.get(outside.id).crisis_id is None


def test_do_not_engage_marks_are_stored_once_and_lifted(uow_factory):
    with uow_factory() as uow:
        assert uow.unengaged.add(Unengaged("troll@bad.social", "ULEAD", T0))
        assert not uow.unengaged.add(Unengaged("troll@bad.social", "UCOMMS", T0))
        uow.commit()
    with uow_factory() as uow:
        assert uow.unengaged.has("troll@bad.social") and not uow.unengaged.has("jane")
        assert uow.unengaged.all() == [Unengaged("troll@bad.social", "ULEAD", T0)]
        assert uow.unengaged.remove("troll@bad.social") and not uow.unengaged.remove("troll@bad.social")
        uow.commit()
    with uow_factory() as uow:
        assert uow.unengaged.all() == []


def test_two_replicas_ticking_at_once_send_the_approved_reply_once(uow_factory):
    replier = FakeReplier(posts={"42": POST}, fail=["Mastodon answered 503"])
    clock = FakeClock()
    ports = Ports(plan=make_plan(webcare=PLAN), uow=uow_factory, chat=FakeChat(), clock=clock,
                  repliers={"mastodon": ("Mastodon social.example", replier)})
    crisis = open_one(ports)
    reply = services.request_reply(crisis.channel_id, POST.url, "sorry", "", user="USOCIAL", request_key="ask",
                                   ports=ports)
    for user in ("UCOMMS", "ULEGAL"):
        services.decide(reply.id, approve=True, user=user, request_key=user, ports=ports)
    clock.advance(seconds=10)
    race(lambda: services.tick(ports=ports), threads=2)
    with uow_factory() as uow:
        kept = uow.replies.get(reply.id)
    assert (kept.state, kept.send_attempts, [a.user for a in kept.approvals]) == (ReplyState.SENT, 2,
                                                                                  ["UCOMMS", "ULEGAL"])
    assert [c for c in replier.calls if c[0] == "reply"] == [("reply", "42", "@jane sorry!", kept.key)] * 2
    assert kept.card.ref is not None and kept.card.shown == kept.card.changes
