"""/healthz says the process is up; /readyz that the database answers and its schema is the code's newest."""
from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

import pytest
from sqlalchemy import event

from db.migrate import revisions, upgrade
from db.session import DatabaseUnavailable, make_engine
from wiring.metrics import readiness_app


def get(app, path: str) -> tuple[str, str]:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
    return status[0], body.decode()


def test_healthz_and_readyz_answer_on_the_wired_app(replica):
    app = replica.http_app()
    assert get(app, "/healthz") == ("200 OK", "ok\n")
    assert get(app, "/readyz") == ("200 OK", "ready\n")


def test_readyz_is_503_until_the_database_is_migrated(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        status, text = get(readiness_app(engine), "/readyz")
        assert status.startswith("503") and "at none" in text and "crisisbot db upgrade" in text
        upgrade(engine)
        database, code = revisions(engine)
        assert database == code and get(readiness_app(engine), "/readyz")[0] == "200 OK"
    finally:
        engine.dispose()


def test_readyz_is_503_when_the_database_cannot_be_reached(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'bot.sqlite'}")
    status, text = get(readiness_app(engine), "/readyz")
    assert status.startswith("503") and text.startswith("database unreachable")


def test_a_database_migrated_by_a_newer_release_is_named_so_by_readyz_and_upgrade(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
        status, text = get(readiness_app(engine), "/readyz")
        assert status.startswith("503") and "0999, newer than this release knows" in text
        with pytest.raises(DatabaseUnavailable, match="0999, newer than this release knows"):
            upgrade(engine)
    finally:
        engine.dispose()


def test_a_database_that_refuses_the_schema_change_is_one_line(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.sqlite'}")
    event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA query_only = ON"))
    try:
        with pytest.raises(DatabaseUnavailable, match="the database refused the schema change: attempt to write"):
            upgrade(engine)
    finally:
        engine.dispose()
