"""Alembic environment: db.schema's metadata, batch mode and foreign keys off while migrating SQLite."""
from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from db.schema import metadata
from db.session import database_url, make_engine


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Outside any transaction (PRAGMA foreign_keys is ignored inside one): batch mode copies and
    drops tables, and a drop with foreign keys on would cascade-delete the rows that refer to them."""
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(connection, False)
    try:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=sqlite,
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            _sqlite_foreign_keys(connection, True)


if context.is_offline_mode():
    context.configure(url=database_url(os.environ.get("DATABASE_URL")), target_metadata=metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (given := context.config.attributes.get("connection")) is not None:
    run(given)
else:
    engine = make_engine(os.environ.get("DATABASE_URL"))
    with engine.connect() as connection:
        run(connection)
    engine.dispose()
