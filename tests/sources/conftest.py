"""Fixtures for the source adapters' tests."""
from __future__ import annotations

from typing import Iterator

import pytest

from tests.sources.helpers import FakeHttp


@pytest.fixture
def fake_http() -> Iterator[FakeHttp]:
    """A fake HTTP server on a free loopback port, stopped (and its blocked routes released) afterwards."""
    fake = FakeHttp()
    fake.thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        fake.server.shutdown()
        fake.server.server_close()
