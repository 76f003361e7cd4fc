"""A wired bot on the production server (loopback, a free port), with metrics and the database to watch."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from handlers.slack_client import make_web_client
from sandbox.local_bot import SIGNING_SECRET, SettableClock, start_local_bot, team_plan
from sandbox.slack_user import SlackUser
from wiring.metrics import Metrics
from wiring.root import Crisisbot, wire
from wiring.server import Answering, ProductionServer, ServerLimits


@contextmanager
def serving(app: Any, limits: ServerLimits | None = None, answering: Answering | None = None
            ) -> Iterator[ProductionServer]:
    server = ProductionServer(app, "127.0.0.1", 0, limits or ServerLimits(), answering)
    thread = threading.Thread(target=server.serve_forever, name="production-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=15)


@pytest.fixture
def local(uow_factory):
    """A local bot: sandbox Slack, the team and channels, a settable clock (its own server is not used here)."""
    bot = start_local_bot(uow_factory, clock=SettableClock(), sleep=lambda seconds: None,
                          plan=lambda users: team_plan(users, monitor=MONITOR))
    yield bot
    bot.stop()
    assert bot.executor.failures == []


MONITOR = {"terms": ["acme"], "sources": [
    {"name": "listener", "type": "webhook", "term": "acme", "token_env": "LISTENER_TOKEN"},
    {"name": "replay", "type": "file", "term": "acme", "path": "replay.jsonl", "every": "1m"}]}
TOKEN = "t0k3n-listener"


@pytest.fixture
def replica(local, engine, tmp_path) -> Crisisbot:
    """The bot as `crisisbot serve` wires it: metrics the Slack client reports to, the database watched."""
    metrics = Metrics()
    client = make_web_client(local.sandbox.token, local.sandbox.api_url, sleep=lambda seconds: None,
                             on_failure=metrics.slack_failure)
    return wire(team_plan(local.users, monitor=MONITOR), local.ports.uow, client, signing_secret=SIGNING_SECRET,
                clock=local.clock, environ={"LISTENER_TOKEN": TOKEN}, base_dir=tmp_path,
                after_acks=local.executor, metrics=metrics, database=engine)


@pytest.fixture
def served(replica, local) -> Iterator[tuple[ProductionServer, SlackUser]]:
    """The replica on the production server, and a person who signs what Slack would send to it."""
    with serving(replica.http_app()) as server:
        yield server, SlackUser(f"http://127.0.0.1:{server.server_port}", SIGNING_SECRET, local.sandbox)
