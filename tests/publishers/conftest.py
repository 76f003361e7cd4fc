"""Fixtures for the publisher adapters: fake Mastodon, Bluesky, Facebook Page, LinkedIn and X APIs on loopback, and
the Slack sandbox with a publish channel."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from handlers.slack_client import make_web_client
from sandbox.platforms.bluesky import FakeBluesky
from sandbox.platforms.facebook import FakeFacebookPage
from sandbox.platforms.linkedin import FakeLinkedIn
from sandbox.platforms.x import FakeX
from sandbox.slack_api import SlackSandbox
from sandbox.platforms.mastodon_statuses import FakeMastodon


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


@pytest.fixture
def bluesky() -> Iterator[FakeBluesky]:
    with FakeBluesky() as fake:
        yield fake


@pytest.fixture
def facebook() -> Iterator[FakeFacebookPage]:
    with FakeFacebookPage() as fake:
        yield fake


@pytest.fixture
def linkedin() -> Iterator[FakeLinkedIn]:
    with FakeLinkedIn() as fake:
        yield fake


@pytest.fixture
def x_api() -> Iterator[FakeX]:
    with FakeX() as fake:
        yield fake
