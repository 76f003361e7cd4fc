"""A drill's statements publish only inside the workspace: outside platforms are marked skipped, never sent."""
from __future__ import annotations

import pytest

from crisis.room import drills
from crisis.statements.model import StatementState
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_publish_delivery import approved
from tests.crisis.statements.test_services import saved


@pytest.fixture
def publishers():
    return {"x": [("Slack #press", FakePublisher("slack", inside_workspace=True)), ("x", FakePublisher("x"))]}


def test_a_drill_statement_goes_only_to_the_channel_and_the_rest_is_marked_skipped(ports, publishers):
    channel, x = (p for _, p in publishers["x"])
    crisis = drills.start_drill("", actor="UOPENER", request_key="command:T1", ports=ports).crisis
    statement = saved(ports, approved(ports, crisis))
    assert statement.state is StatementState.PUBLISHED
    assert (len(channel.published), x.published) == (1, [])
    assert statement.published_ref.endswith("x: skipped: drill")


def test_a_real_crisis_still_publishes_everywhere(ports, publishers):
    channel, x = (p for _, p in publishers["x"])
    approved(ports, open_one(ports))
    assert (len(channel.published), len(x.published)) == (1, 1)
