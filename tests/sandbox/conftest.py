"""Fixtures for the sandbox tests: a fake clock, a started sandbox on it, and a real slack_sdk WebClient."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from sandbox.slack_api import SlackSandbox

START = 1764104400.0  # 2025-11-25 21:00:00 UTC


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock):
    with SlackSandbox(clock=clock) as started:
        yield started


@pytest.fixture
def client(sandbox: SlackSandbox) -> WebClient:
    return WebClient(token=sandbox.token, base_url=sandbox.api_url)


@pytest.fixture
def alice(sandbox: SlackSandbox) -> str:
    return sandbox.add_user("alice", email="alice@example.com", real_name="Alice Lead")


@pytest.fixture
def channel(client: WebClient) -> str:
    return client.conversations_create(name="crisis-outage")["channel"]["id"]


@pytest.fixture
def refused():
    """refused(call, **kwargs) -> the SlackResponse of a call that must fail."""
    from slack_sdk.errors import SlackApiError

    def run(call, *args, **kwargs):
        with pytest.raises(SlackApiError) as caught:
            call(*args, **kwargs)
        return caught.value.response

    return run
