"""Database fixtures: a migrated SQLite file per test session, plus PostgreSQL when TEST_DATABASE_URL is set.

`uow_factory`, `engine` and `database_url` are parametrised over the backends and start each test
with empty tables; `scratch_database_url` is an empty, unmigrated database for migration tests.
`mastodon` is a fake Mastodon instance on loopback (posts, take-downs and replies of every layer's tests).
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from crisis.i18n import voice
from db.migrate import upgrade
from db.schema import metadata
from db.session import database_url as parse_url
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from sandbox.platforms.mastodon_statuses import FakeMastodon

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@contextmanager
def _scratch(backend: str, folder: Path) -> Iterator[URL]:
    """An empty database of the test run's own: a new SQLite file, or a randomly named PostgreSQL
    schema (the server outlives runs and may hold other schemas), dropped at the end."""
    if backend == "sqlite":
        yield parse_url(f"sqlite:///{folder / 'crisisbot.sqlite'}")
        return
    server = make_engine(os.environ["TEST_DATABASE_URL"])
    schema = f"crisisbot_test_{uuid.uuid4().hex[:12]}"
    with server.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield server.url.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        with server.begin() as connection:
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        server.dispose()


def _empty_tables(engine: Engine) -> None:
    """DELETE, not TRUNCATE: on tables this small it is several times faster on PostgreSQL."""
    tables = list(reversed(metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
        for table in tables:
            connection.exec_driver_sql(f"DELETE FROM {table.name}")
        if engine.dialect.name == "postgresql":
            restarts = [f"setval(pg_get_serial_sequence('{t.name}', 'id'), 1, false)" for t in tables if "id" in t.c]
            connection.exec_driver_sql(f"SELECT {', '.join(restarts)}")


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One migrated database per backend for the whole run; tests use `engine`, which empties it first."""
    with _scratch(request.param, tmp_path_factory.mktemp(request.param)) as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    """The migrated database of this backend, with every table empty and ids starting at 1."""
    _empty_tables(migrated_engine)
    return migrated_engine


@pytest.fixture
def uow_factory(engine: Engine) -> SqlUnitOfWorkFactory:
    """What bot.py wires into Ports(uow=...), on an empty migrated database."""
    return SqlUnitOfWorkFactory(engine)


@pytest.fixture
def database_url(engine: Engine) -> str:
    """The URL of the (emptied) migrated database, password included, for code that makes its own engine."""
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def scratch_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """A new empty database (no tables, not migrated) for this test only."""
    with _scratch(request.param, tmp_path) as url:
        yield url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `one_database` (end-to-end stories about a chat platform whose storage every layer below them
    covers on both backends) run on SQLite only: their other backends' runs are deselected, as pytest reports."""
    other = [i for i in items if i.get_closest_marker("one_database") and getattr(i, "callspec", None)
             and i.callspec.params.get("migrated_engine", "sqlite") != "sqlite"]
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = [i for i in items if i not in other]


@pytest.fixture(autouse=True)
def _team_voice() -> Iterator[None]:
    """Every test starts in the default plan's language and clock: wiring a bot sets the plan's for the process."""
    yield
    voice.speak_as_team(voice.DEFAULT)


@pytest.fixture
def mastodon() -> Iterator[FakeMastodon]:
    fake = FakeMastodon().start()
    try:
        yield fake
    finally:
        fake.stop()
