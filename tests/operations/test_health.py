"""/healthz says the process is up; /readyz that the database answers and its schema is the code's newest."""
from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

from db.migrate import revisions, upgrade
from db.session import make_engine
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
