"""The publish use case with a real platform publisher: X applies the post and the answer is lost; the tick's retry
(a second claim) finds the post instead of posting it again, and the statement is published with its URL."""
from __future__ import annotations

import pytest

from crisis.statements import services
from crisis.statements.model import StatementState
from publishers.x import XPublisher
from sources.http import HttpClient
from tests.crisis.conftest import chat, clock, db, plan, ports  # noqa: F401 (the use cases' in-memory ports)
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_services import decide, draft, saved


@pytest.fixture
def x_publisher(x_api):
    return XPublisher(x_api.token, x_api.url, HttpClient(timeout=0.5))


@pytest.fixture
def publishers(x_publisher):
    return {"x": [("X", x_publisher)]}


def test_a_lost_answer_is_found_by_the_retry_not_posted_twice(ports, clock, x_api):  # noqa: F811
    crisis = open_one(ports)
    statement = draft(ports, crisis)
    x_api.lose_answer("POST /2/tweets")
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")  # the rule is met: published at once, the answer lost
    assert len(x_api.posts) == 1 and saved(ports, statement).state is StatementState.APPROVED
    clock.advance(minutes=5)
    assert services.publish_tick(ports=ports) == 1
    published = saved(ports, statement)
    assert published.state is StatementState.PUBLISHED and published.publish_attempts == 2
    assert published.published_ref == f"X: https://x.com/i/web/status/{x_api.posts[0]['id']}"
    assert len(x_api.posts) == 1 and x_api.routes("POST") == ["/2/tweets"]
