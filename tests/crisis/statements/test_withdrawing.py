"""An approved statement that failed to publish: withdrawn by a rejection while none of it is out, never published
after its crisis closed, and never unapproved once some of it is out."""
from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.errors import IllegalTransition, NotAuthorised, PublishFailed
from crisis.events import EventKind
from crisis.room import rules as room_rules
from crisis.statements import rules as st
from crisis.statements import services
from crisis.statements.model import StatementState
from crisis.statements.views import statement_card
from crisis.views import Buttons
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import close, kinds, open_one
from tests.crisis.statements.drafting import T0, R, approved_statement
from tests.crisis.statements.test_services import decide, draft, saved

DOWN = PublishFailed("X answered 503")


@pytest.fixture
def publishers():
    return {"x": [("x", FakePublisher("x")), ("mastodon", FakePublisher("mastodon"))]}


@pytest.fixture
def crisis(ports):
    return open_one(ports)


def failing_to_publish(ports, crisis, publishers, failures=3):
    x, _ = (p for _, p in publishers["x"])
    x.fail = [DOWN] * failures
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    assert saved(ports, statement).state is StatementState.APPROVED
    return statement


def buttons(card):
    return [b.label.key for part in card.parts if isinstance(part, Buttons) for b in part.buttons]


def test_an_approved_statement_is_withdrawn_only_while_none_of_it_is_out():
    s, crisis, plan = approved_statement()
    now = T0 + timedelta(minutes=5)
    with pytest.raises(NotAuthorised, match="error.statement_not_reviewer"):
        st.decide(s, crisis, plan, user="USOCIAL", decision=R, version=1, now=now, note="stop")
    s.published_ref = "x: https://x.example/1"  # the group target's first account posted it, the next failed
    for act in (lambda: st.decide(s, crisis, plan, user="ULEAD", decision=R, version=1, now=now, note="stop"),
                lambda: st.edit(s, crisis, plan, user="UCOMMS", text="Other words", now=now)):
        with pytest.raises(IllegalTransition, match="error.statement_partly_out"):
            act()
    assert (s.state, len(s.versions), buttons(statement_card(crisis, plan, s))) == \
        (StatementState.APPROVED, 1, ["statement.retry"])
    s.published_ref = ""
    assert buttons(statement_card(crisis, plan, s)) == ["statement.retry", "statement.reject"]
    st.decide(s, crisis, plan, user="ULEAD", decision=R, version=1, now=now, note="Out of date")
    assert s.state is StatementState.REJECTED and not st.claim_publish(s, now, crisis=crisis, plan=plan)


def test_a_statement_of_a_closed_crisis_is_never_claimed_and_its_card_says_why():
    s, crisis, plan = approved_statement()
    room_rules.close(crisis, "ULEAD", "Resolved", T0 + timedelta(minutes=3))
    now = T0 + timedelta(hours=3)
    assert st.stopped_by_close(s, crisis, now)
    assert not st.claim_publish(s, now, crisis=crisis, plan=plan) and s.publishing_since is None
    card = statement_card(crisis, plan, s)
    assert buttons(card) == [] and "card.statement.closed_unpublished" in repr(card)


def test_a_rejection_withdraws_a_statement_that_fails_to_publish_and_it_is_never_retried(
        ports, chat, clock, crisis, publishers):
    statement = failing_to_publish(ports, crisis, publishers)
    assert saved(ports, statement).publish_due_at is not None
    decide(ports, statement, "ULEGAL", R, note="Facts changed; do not send")
    kept = saved(ports, statement)
    assert (kept.state, kept.publish_due_at) == (StatementState.REJECTED, None)
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_REJECTED
    assert chat.posted(crisis.channel_id)[-1] == "statement.withdrawn"
    for _ in range(12):  # X is back an hour later
        clock.advance(minutes=5)
        assert services.publish_tick(ports=ports) == 0
    assert [p.published for _, p in publishers["x"]] == [[], []]
    assert chat.posted(crisis.channel_id).count("statement.withdrawn") == 1


def test_closing_the_crisis_stops_the_retries_of_a_statement_not_out_yet(ports, chat, clock, crisis, publishers):
    statement = failing_to_publish(ports, crisis, publishers, failures=1)
    close(ports, crisis)
    cards = len(chat.named("update_statement"))
    for _ in range(12):
        clock.advance(minutes=5)
        assert services.publish_tick(ports=ports) == 0
    assert [p.published for _, p in publishers["x"]] == [[], []]
    kept = saved(ports, statement)
    assert (kept.state, kept.publish_due_at, kept.published_at) == (StatementState.APPROVED, None, None)
    assert len(chat.named("update_statement")) > cards  # its card says so, without Retry
    assert services.publish(statement.id, ports=ports) is False  # a Retry on an old card
    assert chat.posted(crisis.channel_id).count("statement.closed_unpublished") == 1
    with pytest.raises(IllegalTransition, match="error.crisis_closed"):
        services.check_reviewable(statement.id, ports=ports)
