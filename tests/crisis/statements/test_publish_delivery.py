"""Publishing is retried until it lands: back-off after a failure, resumed by the tick when its publisher died
(never again where it already worked), and given up, told once, after repeated refusals."""
from __future__ import annotations

import pytest

from crisis.due import MAX_REFUSALS
from crisis.errors import PublishFailed
from crisis.statements import services
from crisis.statements.model import StatementState
from crisis.statements.rules import PUBLISH_LEASE
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_services import decide, draft, saved


@pytest.fixture
def publishers():
    return {"x": [("x", FakePublisher("x")), ("mastodon", FakePublisher("mastodon"))]}


@pytest.fixture
def crisis(ports):
    return open_one(ports)


def approved(ports, crisis):
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    return statement


def test_an_interrupted_publish_resumes_by_itself_when_its_lease_ends(ports, clock, crisis, publishers):
    x, mastodon = (p for _, p in publishers["x"])
    mastodon.fail = [RuntimeError("the process died here")]
    with pytest.raises(RuntimeError):
        approved(ports, crisis)
    with ports.uow() as uow:
        (statement,) = uow.statements.for_crisis(crisis.id)
    assert statement.state is StatementState.APPROVED and statement.publishing_since is not None
    clock.advance(seconds=PUBLISH_LEASE.total_seconds() - 1)
    assert services.publish_tick(ports=ports) == 0  # its publisher may still be at work
    clock.advance(seconds=1)
    assert services.publish_tick(ports=ports) == 1
    assert saved(ports, statement).state is StatementState.PUBLISHED
    assert (len(x.published), len(mastodon.published)) == (1, 1)
    assert services.publish_tick(ports=ports) == 0


def test_a_refused_publish_is_given_up_and_told_once(ports, chat, clock, crisis, publishers):
    _, mastodon = (p for _, p in publishers["x"])
    mastodon.fail = [PublishFailed("Mastodon answered 422", permanent=True)] * (MAX_REFUSALS + 1)
    statement = approved(ports, crisis)
    for _ in range(MAX_REFUSALS + 1):
        clock.advance(minutes=5)
        services.publish_tick(ports=ports)
    kept = saved(ports, statement)
    assert kept.state is StatementState.APPROVED and kept.publish_due_at is None
    assert kept.publish_attempts == MAX_REFUSALS and len(mastodon.fail) == 1
    told = chat.posted(crisis.channel_id)
    assert (told.count("statement.publish_retrying"), told.count("statement.publish_failed_notice")) == (1, 1)
    assert services.publish(statement.id, ports=ports) is False  # [Retry publishing] still tries (and is refused)
    assert len(mastodon.fail) == 0
