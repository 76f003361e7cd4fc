"""Engines: database URLs, SQLite write serialisation (WAL, busy timeout, BEGIN IMMEDIATE), and a reachability check."""
from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

DEFAULT_URL = "sqlite:///crisisbot.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_CONNECT_TIMEOUT_S = 10
_POSTGRES_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg"}


class DatabaseUnavailable(Exception):
    """The database cannot be reached or opened; the message is one line saying where and what to check."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def database_url(url: str | URL | None = None) -> URL:
    """Parse a URL (default: a SQLite file); postgres:// and postgresql:// mean psycopg 3."""
    try:
        parsed = make_url(url or DEFAULT_URL)
    except (ArgumentError, ValueError):  # ValueError: a port that is no number, an unclosed [ of an IPv6 host
        raise DatabaseUnavailable(
            "the database URL cannot be parsed; use sqlite:///path/to/file.db or "
            "postgresql://user:password@host:5432/dbname") from None
    if parsed.drivername in _POSTGRES_SCHEMES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise DatabaseUnavailable(
            f"the database URL names a driver that is not available ({parsed.drivername}); use "
            "sqlite:///path/to/file.db or postgresql://user:password@host:5432/dbname") from None
    return parsed


def make_engine(url: str | URL | None = None) -> Engine:
    """An engine for `url`, with pre-ping; on SQLite, write transactions serialise across threads."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, pool_pre_ping=True)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Take transaction control from pysqlite, wait for locks, write-ahead log (a no-op in memory), enforce FKs."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """Take the write lock at the start, so a read-then-write never fails with 'database is locked'."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def check_connection(engine: Engine) -> None:
    """Raise DatabaseUnavailable unless a connection can be opened and answers a query."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        raise DatabaseUnavailable(_describe(engine.url, error)) from error


def refused_reason(url: URL, error: DBAPIError) -> str:
    """The database's own first line about `error`, the URL's password masked."""
    reason = next((line.strip() for line in str(error.orig).splitlines() if line.strip()), type(error.orig).__name__)
    return reason.replace(str(url.password), "***") if url.password else reason


def _describe(url: URL, error: DBAPIError) -> str:
    reason = refused_reason(url, error)
    if url.get_backend_name() == "sqlite":
        path = os.path.abspath(url.database) if url.database else ":memory:"
        return f"cannot open SQLite database {path}: {reason} (does its folder exist and is it writable?)"
    where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    return f"cannot connect to {url.get_backend_name()} at {where} as {url.username or 'the default user'}: {reason} (check DATABASE_URL and that the server accepts connections)"
