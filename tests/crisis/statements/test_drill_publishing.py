"""A drill's statements never leave its room: a target inside the workspace (a channel) is shown in the drill's room
instead, marked DRILL; outside platforms are skipped; both are marked skipped: drill, never sent."""
from __future__ import annotations

import pytest

from crisis.events import EventKind
from crisis.i18n import render
from crisis.room import drills
from crisis.statements import amendments, services
from crisis.statements.model import Amendment, Decision, StatementState
from crisis.timeline import describe
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_publish_delivery import approved
from tests.crisis.statements.test_services import TEXT, saved


@pytest.fixture
def publishers():
    return {"x": [("Slack #press", FakePublisher("slack", inside_workspace=True)), ("x", FakePublisher("x"))]}


@pytest.fixture
def drill(ports):
    return drills.start_drill("", actor="UOPENER", request_key="command:T1", ports=ports).crisis


def shown_in_room(chat, drill):
    return [c[3] for c in chat.named("post") if c[1] == drill.channel_id and c[2] == "drill.statement_shown"]


def test_a_drill_statement_is_shown_in_its_room_marked_drill_and_reaches_no_channel_or_platform(ports, chat,
                                                                                                publishers, drill):
    channel, x = (p for _, p in publishers["x"])
    statement = saved(ports, approved(ports, drill))
    assert statement.state is StatementState.PUBLISHED
    assert (channel.published, x.published) == ([], [])
    [shown] = shown_in_room(chat, drill)
    assert "DRILL" in shown and "Slack #press" in shown and TEXT in shown
    assert statement.published_ref == "Slack #press: skipped: drill, shown in the drill's room · x: skipped: drill"
    with ports.uow() as uow:
        published = [e for e in uow.timeline.for_crisis(drill.id) if e.kind is EventKind.STATEMENT_PUBLISHED]
    assert "skipped: drill" in render(describe(published[-1], ports.plan))


def test_a_drill_room_that_refuses_the_post_is_retried_as_a_publish_and_shown_once(ports, clock, chat, drill):
    chat.fail["post"] = ["ratelimited"]
    statement = approved(ports, drill)
    kept = saved(ports, statement)
    assert (kept.state, kept.publish_due_at is not None, shown_in_room(chat, drill)) == (
        StatementState.APPROVED, True, [])
    clock.advance(minutes=5)
    services.publish_tick(ports=ports)
    assert saved(ports, statement).state is StatementState.PUBLISHED and len(shown_in_room(chat, drill)) == 1


def test_a_drills_retraction_is_shown_in_the_room_too_and_nothing_is_deleted(ports, chat, publishers, drill):
    channel, x = (p for _, p in publishers["x"])
    original = approved(ports, drill)
    retraction = amendments.amend(original.id, Amendment.RETRACTION, "We withdraw it.", user="USOCIAL",
                                  request_key="r1", ports=ports)
    for user in ("UCOMMS", "ULEGAL"):
        services.decide(retraction.id, Decision.APPROVE, user=user, version=1, request_key=f"r-{user}", ports=ports)
    assert saved(ports, retraction).state is StatementState.PUBLISHED
    assert (channel.amended, x.amended, channel.published) == ([], [], [])
    assert any("We withdraw it." in text for text in shown_in_room(chat, drill))


def test_a_real_crisis_still_publishes_everywhere(ports, publishers):
    channel, x = (p for _, p in publishers["x"])
    approved(ports, open_one(ports))
    assert (len(channel.published), len(x.published)) == (1, 1)
