"""Fixtures for the publisher adapters: a fake Mastodon instance and the Slack sandbox with a publish channel."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from handlers.slack_client import make_web_client
from sandbox.slack_api import SlackSandbox
from tests.publishers.fake_mastodon import FakeMastodon


@pytest.fixture
def mastodon() -> Iterator[FakeMastodon]:
    fake = FakeMastodon().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def sandbox() -> Iterator[SlackSandbox]:
    with SlackSandbox() as started:
        yield started


@pytest.fixture
def client(sandbox: SlackSandbox) -> WebClient:
    """The bot's client (retries on 5xx included), sleeping nothing between retries."""
    return make_web_client(sandbox.token, sandbox.api_url, sleep=lambda seconds: None)


@pytest.fixture
def channel(sandbox: SlackSandbox) -> str:
    return sandbox.add_channel("statements")
