"""The ingest webhook: POST /ingest/<source> with a JSON array of mentions; token-checked, all or nothing.

Every mention is filed under the route's source (`webhook:<name>`); an item's own `source` field is ignored.
Fields are cleaned of control characters, and mentions older than the plan keeps them are refused (422).
"""
from __future__ import annotations

import hmac
import json
import logging
import os
from datetime import datetime
from http import HTTPStatus
from typing import Any, Callable, Iterable, Mapping, Sequence

from crisis.monitor.mentions import BadMention, BadMentions, Mention, parse_mention
from crisis.plan import SourceConfig

PREFIX = "/ingest/"
MAX_ERRORS_SHOWN = 20
log = logging.getLogger(__name__)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _Refused(Exception):
    """A 4xx/5xx answer: the status, a reason for the caller, and any extra fields or headers."""

    def __init__(self, status: int, error: str, *, errors: Sequence[dict[str, Any]] = (),
                 headers: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(error)
        self.status, self.error, self.errors, self.headers = status, error, errors, headers


def ingest_app(plan_sources: Iterable[SourceConfig], accept: Callable[[str, list[Mention]], int],
               now: Callable[[], datetime], environ_tokens: Mapping[str, str] = os.environ,
               max_bytes: int = 5_000_000, max_items: int = 5_000) -> WsgiApp:
    """A WSGI app for the plan's `webhook` sources; `accept(source_name, mentions)` stores a batch in one
    transaction and returns how many were new."""
    webhooks = {source.name: source for source in plan_sources if source.kind == "webhook"}

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        headers: Sequence[tuple[str, str]] = ()
        try:
            config = _webhook_source(webhooks, environ)
            _authenticate(config, environ, environ_tokens)
            mentions = _mentions(config, _read_body(environ, max_bytes), max_items, now())
            status, answer = 200, {"ok": True, "received": len(mentions), "stored": _store(accept, config, mentions)}
        except _Refused as refused:
            status, headers = refused.status, refused.headers
            answer = {"ok": False, "error": refused.error, **({"errors": refused.errors} if refused.errors else {})}
        body = json.dumps(answer).encode()
        start_response(f"{status} {HTTPStatus(status).phrase}", [
            ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body))), *headers])
        return [body]

    return app


def _store(accept: Callable[[str, list[Mention]], int], config: SourceConfig, mentions: list[Mention]) -> int:
    """The monitor's store: mentions it refuses are a 422; its failure is a 500 the caller can retry (the
    batch is all or nothing)."""
    if not mentions:
        return 0
    try:
        return accept(config.name, mentions)
    except BadMentions as refused:
        raise _invalid([{"index": index, "error": error} for index, error in refused.errors], len(mentions)) from None
    except Exception:
        log.exception("ingest: storing a batch for %s failed", config.name)
        raise _Refused(500, "the mentions could not be stored; try again later") from None


def _webhook_source(webhooks: Mapping[str, SourceConfig], environ: Mapping[str, Any]) -> SourceConfig:
    path = environ.get("PATH_INFO", "")
    name = path[len(PREFIX):] if path.startswith(PREFIX) else ""
    config = webhooks.get(name)
    if config is None:
        raise _Refused(404, f"no webhook source is called '{name[:40]}'")
    if environ.get("REQUEST_METHOD") != "POST":
        raise _Refused(405, "use POST", headers=[("Allow", "POST")])
    return config


def _authenticate(config: SourceConfig, environ: Mapping[str, Any], tokens: Mapping[str, str]) -> None:
    """The caller's token (Authorization: Bearer or X-Crisisbot-Token) must equal the configured one."""
    variable = config.options["token_env"]
    expected = tokens.get(variable, "").strip()  # a secret mounted from a file ends in a newline
    if not expected:
        raise _Refused(503, f"this source has no token on the server yet; set the environment variable {variable}")
    scheme, _, credentials = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    given = credentials.strip() if scheme.lower() == "bearer" else environ.get("HTTP_X_CRISISBOT_TOKEN", "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise _Refused(401, "missing or wrong token; send Authorization: Bearer <token>",
                       headers=[("WWW-Authenticate", 'Bearer realm="crisisbot ingest"')])


def _read_body(environ: Mapping[str, Any], max_bytes: int) -> bytes:
    """The request body, refused unread when its declared length is over `max_bytes`."""
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not length:
        raise _Refused(411, "send a Content-Length header")
    if not length.isdigit():
        raise _Refused(400, "the Content-Length header is not a number")
    if int(length) > max_bytes:
        raise _Refused(413, f"the body is over {max_bytes} bytes; send the mentions in smaller batches")
    body = environ["wsgi.input"].read(int(length))
    if len(body) < int(length):
        raise _Refused(400, "the body is shorter than its Content-Length")
    return body


def _mentions(config: SourceConfig, body: bytes, max_items: int, now: datetime) -> list[Mention]:
    """Every item as a Mention, or a 422 listing the first MAX_ERRORS_SHOWN bad items (nothing is accepted)."""
    try:
        items = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise _Refused(400, f"the body is not JSON: {str(error)[:120]}") from None
    if not isinstance(items, list):
        raise _Refused(400, "send a JSON array of mentions")
    if len(items) > max_items:
        raise _Refused(413, f"{len(items)} mentions in one request; send at most {max_items} per request")
    mentions, errors = [], []
    for index, item in enumerate(items):
        try:
            mentions.append(parse_mention(item, source=f"webhook:{config.name}", feed=config.name,
                                          term=config.term, now=now))
        except BadMention as error:
            errors.append({"index": index, "error": str(error)})
    if errors:
        raise _invalid(errors, len(items))
    return mentions


def _invalid(errors: Sequence[dict[str, Any]], items: int) -> _Refused:
    return _Refused(422, f"{len(errors)} of {items} mentions are invalid; none were stored",
                    errors=errors[:MAX_ERRORS_SHOWN])
