"""Fixtures for the publisher adapters: fake Bluesky, Facebook Page, LinkedIn and X APIs on loopback (Mastodon's is in
tests/conftest.py), the Slack sandbox with a publish channel, and one fixture running a test on each platform."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient

from handlers.slack_client import make_web_client
from sandbox.platforms.bluesky import FakeBluesky
from sandbox.platforms.facebook import FakeFacebookPage
from sandbox.platforms.linkedin import FakeLinkedIn
from sandbox.platforms.x import FakeX
from sandbox.slack_api import SlackSandbox


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


def per_platform(platforms: dict[str, Any]) -> Any:
    """A `platform` fixture running a test once per platform: its entry of `platforms` (keyed by the name of the
    platform's fake fixture), that fake, and the adapter the entry's `build` makes on it."""
    @pytest.fixture(params=platforms)
    def platform(request: pytest.FixtureRequest) -> tuple[Any, Any, Any]:
        fake = request.getfixturevalue(request.param)
        return platforms[request.param], fake, platforms[request.param].build(fake)
    return platform
