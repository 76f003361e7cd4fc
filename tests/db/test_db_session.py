"""Engines: URL rewriting, SQLite's locking set-up, and errors a person can act on."""
from __future__ import annotations

import re
import sqlite3

import pytest

from db.session import DEFAULT_URL, DatabaseUnavailable, check_connection, database_url, make_engine


@pytest.mark.parametrize("url", ["postgres://bot:pw@db.internal/crisis", "postgresql://bot:pw@db.internal/crisis",
                                 "postgresql+psycopg://bot:pw@db.internal/crisis"])
def test_postgres_urls_use_psycopg_3(url):
    parsed = database_url(url)
    assert (parsed.drivername, parsed.host, parsed.password, parsed.database) == (
        "postgresql+psycopg", "db.internal", "pw", "crisis")


def test_default_is_a_sqlite_file():
    assert database_url(None) == database_url(DEFAULT_URL)
    assert database_url(None).get_backend_name() == "sqlite" and database_url(None).database


def test_unparsable_url_is_explained_without_echoing_it():
    with pytest.raises(DatabaseUnavailable) as raised:
        database_url("bot:s3cret@db.internal")
    assert "s3cret" not in raised.value.message and "postgresql://" in raised.value.message


def test_sqlite_file_uses_wal_busy_timeout_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    with engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert (pragma("journal_mode"), pragma("busy_timeout"), pragma("foreign_keys")) == ("wal", 30000, 1)
    engine.dispose()


def test_sqlite_transactions_take_the_write_lock_at_once(tmp_path):
    path = tmp_path / "bot.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    engine.dispose()


def test_unreachable_postgres_names_host_and_port_but_not_the_password():
    engine = make_engine("postgresql://bot:s3cret@127.0.0.1:1/crisis")
    with pytest.raises(DatabaseUnavailable) as raised:
        check_connection(engine)
    message = raised.value.message
    assert "127.0.0.1:1/crisis" in message and "bot" in message
    assert "s3cret" not in message and "\n" not in message


def test_sqlite_in_a_missing_folder_names_the_path(tmp_path):
    path = tmp_path / "missing" / "bot.db"
    with pytest.raises(DatabaseUnavailable, match=re.escape(f"cannot open SQLite database {path}")):
        check_connection(make_engine(f"sqlite:///{path}"))


def test_reachable_database_passes(engine):
    check_connection(engine)


@pytest.mark.parametrize("url", ["postgresql://bob:pw@127.0.0.1:abc/db", "postgresql://bob:pw@[::1/db"])
def test_a_url_with_a_port_that_is_no_number_or_an_unclosed_host_is_explained(url):
    with pytest.raises(DatabaseUnavailable, match="cannot be parsed") as raised:
        database_url(url)
    assert "pw" not in str(raised.value)

