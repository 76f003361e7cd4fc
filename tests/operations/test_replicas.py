"""Replicas (issue 10, point 4): two real `crisisbot serve` processes on one PostgreSQL behave as one bot.
Requests alternate between them while both run their timers on the same clock (a clock file); every page,
escalation, publish, reminder and report happens exactly once (the end is the same as one bot's), and when one
is killed with SIGKILL mid-crisis, the other finishes the work it left, within a lease."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone

import pytest

from db.migrate import upgrade
from db.session import make_engine
from sandbox.crisis_story import Story, play_in_process
from sandbox.final_state import final_state
from sandbox.serve_process import ReplicaStage, replicas
from tests.operations.gates import PROCESS_TESTS

pytestmark = [pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason=(
    "replicas share one PostgreSQL: set TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test")),
    PROCESS_TESTS]
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
LAST_APPROVAL = 17
"""The moment (requests and clock moves counted from 0) of the lead's approval, which publishes: open 0-1,
acknowledgements 2-7, escalation 8-10, draft 11-13, legal's approval 14-15, the lead's 16-17."""


@contextmanager
def schema() -> Iterator[str]:
    """A new migrated schema of this test's own on the test server: its URL (the replicas' DATABASE_URL)."""
    server = make_engine(os.environ["TEST_DATABASE_URL"])
    name = f"crisisbot_replicas_{uuid.uuid4().hex[:12]}"
    with server.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    url = server.url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        upgrade(engine)
        yield url
    finally:
        engine.dispose()
        with server.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        server.dispose()


@pytest.mark.parametrize("kill", [False, True], ids=["both-live", "one-killed-mid-crisis"])
def test_two_replicas_behave_as_one_bot(tmp_path, kill):
    """Killed: the replica that took the last approval (it publishes the statement) dies 50 ms after acking;
    the other replica publishes, and does all the rest, alone."""
    (tmp_path / "one-bot").mkdir()
    with schema() as url, ThreadPoolExecutor(max_workers=1) as meanwhile:
        one_bot = meanwhile.submit(play_in_process, tmp_path / "one-bot", START)
        with replicas(tmp_path, url, 2, START) as (sandbox, users, clock, bots):
            stage = ReplicaStage(sandbox, users, bots, clock, restart=False,
                                 kills={LAST_APPROVAL: (None, 0.05)} if kill else {})
            story = Story(stage, START)
            story.play()
            engine = make_engine(url)
            state = final_state(sandbox, engine)
            engine.dispose()
        expected, _ = one_bot.result()
    sent = stage.describe()["sent"]
    assert min(sent.values()) >= (4 if kill else 8), stage.describe()
    assert sum(1 for bot in bots if bot.kills) == int(kill)
    differences = expected.differences(state)
    assert not differences, f"{stage.describe()}\n" + "\n".join(differences)
