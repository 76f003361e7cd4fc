"""Fixtures for the source adapters' tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.helpers import FakeHttp


def _running() -> Iterator[FakeHttp]:
    fake = FakeHttp()
    fake.thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        fake.server.shutdown()
        fake.server.server_close()


@pytest.fixture
def fake_http() -> Iterator[FakeHttp]:
    """A fake HTTP server on a free loopback port, stopped (and its blocked routes released) afterwards."""
    yield from _running()


@pytest.fixture
def other_http() -> Iterator[FakeHttp]:
    """A second fake server: another origin than `fake_http` (same host, another port)."""
    yield from _running()
