"""Outbound HTTP (httpx) for sources and publishers: limits, safe redirects, redacted URLs, one failure mapping."""
from __future__ import annotations

import json
import logging
import re
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import unquote_plus, urlsplit

import httpx

from crisis.errors import PublishFailed
from crisis.monitor.mentions import SourceDown

REDIRECTS = frozenset({301, 302, 303, 307, 308})
CREDENTIAL_HEADERS = ("Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key")
_USERINFO = re.compile(r"(?<=://)[^/?#\s]*@")
_PARAM = re.compile(r"([?&;#])([^=&;#?\s]*)=([^&;#\s]*)")
_SECRET_NAME = re.compile(r"(?:^|[-_.])(?:access_?token|token|api_?key|key|secret|password|passwd|pwd|sig|signature"
                          r"|credential|auth|session)s?$", re.IGNORECASE)

Failure = type[SourceDown] | type[PublishFailed]


def redact_url(text: str) -> str:
    """A URL (or any text holding URLs) with its userinfo and the values of token-like parameters as ***."""
    text = _USERINFO.sub("***@", text)
    return _PARAM.sub(lambda m: f"{m[1]}{m[2]}=***" if _SECRET_NAME.search(unquote_plus(m[2])) else m[0], text)


class _RedactUrls(logging.Filter):
    """httpx logs every request with its URL: the URL's secrets never reach a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_url(record.msg) if isinstance(record.msg, str) else record.msg
        if isinstance(record.args, tuple):
            record.args = tuple(redact_url(str(a)) if isinstance(a, (httpx.URL, str)) else a for a in record.args)
        return True


logging.getLogger("httpx").addFilter(_RedactUrls())


@cache
def tls_context() -> ssl.SSLContext:
    """httpx's default TLS settings (certifi's CAs, or SSL_CERT_FILE / SSL_CERT_DIR), built once per process:
    loading the CA bundle takes about 50 ms, and every source and publisher has a client of its own."""
    return httpx.create_ssl_context()


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str


TOTAL_TIMEOUTS = 3
"""A call's overall deadline, in per-operation timeouts, when the client is not given one."""


class HttpClient:
    """GET and form POST with a per-operation timeout (seconds), an overall deadline per call (`total`, default
    three timeouts; a GET's redirects included), at most `max_bytes` of body and (GET only) `max_redirects` hops;
    one connection pool per client."""

    def __init__(self, timeout: float = 10.0, max_bytes: int = 5_000_000, max_redirects: int = 5,
                 user_agent: str = "crisisbot/0.1 (brand mention monitor)", total: float | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.timeout, self.max_bytes, self.max_redirects = timeout, max_bytes, max_redirects
        self.total = TOTAL_TIMEOUTS * timeout if total is None else total
        self.user_agent, self._monotonic = user_agent, monotonic
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": user_agent},
                                    verify=tls_context())

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> HttpResponse:
        """A 2xx or 304 response after following redirects; anything else raises SourceDown."""
        request = self._request(SourceDown, "GET", url, headers=headers)
        seen, deadline = {str(request.url)}, self._monotonic() + self.total
        for _ in range(self.max_redirects + 1):
            response, follow = self._exchange(request, SourceDown, read_always=False, deadline=deadline)
            if follow is None:
                return _success(response)
            url = str(follow.url)
            if follow.url.scheme not in ("http", "https"):
                raise SourceDown(f"{_host(response.url)} redirects to a non-HTTP address")
            if url in seen:
                raise SourceDown(f"redirect loop at {redact_url(url)[:200]}")
            seen.add(url)
            request = _without_credentials(follow, request.url)
        raise SourceDown(f"more than {self.max_redirects} redirects from {_host(url)}")

    def get_json(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        """The decoded JSON body of a GET; a body that is not JSON raises SourceDown."""
        response = self.get(url, {"Accept": "application/json", **(headers or {})})
        try:
            return json.loads(response.body)
        except (ValueError, RecursionError) as error:
            raise SourceDown(f"invalid JSON from {_host(url)}: {str(error)[:120]}") from None

    def post_form(self, url: str, fields: Mapping[str, str], headers: Mapping[str, str]) -> HttpResponse:
        """POST the fields once (see `send`)."""
        return self.send("POST", url, headers, form=fields)

    def send(self, method: str, url: str, headers: Mapping[str, str], *, form: Mapping[str, str] | None = None,
             json_body: Any = None, files: Mapping[str, tuple[str, bytes, str]] | None = None) -> HttpResponse:
        """One request for a publisher (a form or a JSON body, or none; `files` as name -> (file name, bytes,
        content type) makes the form multipart), redirects not followed: every HTTP status comes back as a
        response (body capped); no answer within the timeout, no connection or an oversized body raises
        PublishFailed."""
        request = self._request(PublishFailed, method, url, data=form, json=json_body, files=files, headers=headers)
        return self._exchange(request, PublishFailed, read_always=True, deadline=self._monotonic() + self.total)[0]

    def _request(self, failure: Failure, method: str, url: str, **options: Any) -> httpx.Request:
        try:
            return self._client.build_request(method, url, **options)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise failure(redact_url(f"cannot reach {_host(url)}: {error}")) from None

    def _exchange(self, request: httpx.Request, failure: Failure, read_always: bool,
                  deadline: float) -> tuple[HttpResponse, httpx.Request | None]:
        """One request; the body is read (capped) when `read_always` or on a 2xx; the next request when the
        answer is a redirect with a Location."""
        url = str(request.url)
        try:
            answer = self._client.send(request, stream=True)
            try:
                self._in_time(deadline, failure, url)
                body = self._read(answer, failure, deadline) if read_always or answer.is_success else b""
            finally:
                answer.close()
        except httpx.HTTPError as error:
            raise failure(_failure_reason(error, _host(url), self.timeout)) from None
        return HttpResponse(answer.status_code, answer.headers, body, url), answer.next_request

    def _in_time(self, deadline: float, failure: Failure, url: str) -> None:
        """httpx's timeout bounds each read only: a server sending a byte now and then would hold the call
        for days without this check."""
        if self._monotonic() > deadline:
            raise failure(f"no complete answer from {_host(url)} within {self.total:g} s")

    def _read(self, answer: httpx.Response, failure: Failure, deadline: float) -> bytes:
        too_large = f"answer from {_host(str(answer.request.url))} is larger than {_size(self.max_bytes)}"
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise failure(too_large)
        chunks, size = [], 0
        for chunk in answer.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise failure(too_large)
            self._in_time(deadline, failure, str(answer.request.url))
        return b"".join(chunks)


def _success(response: HttpResponse) -> HttpResponse:
    """A final GET answer: 2xx and 304 pass; every other status (a redirect without Location too) is SourceDown."""
    if 200 <= response.status < 300 or response.status == 304:
        return response
    host = _host(response.url)
    if response.status in REDIRECTS:
        raise SourceDown(f"HTTP {response.status} without a Location from {host}")
    if response.status == 429:
        wait = response.headers.get("Retry-After") or response.headers.get("X-RateLimit-Reset")
        after = f"; retry after {wait}{' s' if wait.isdigit() else ''}" if wait else ""
        raise SourceDown(f"rate limited by {host} (HTTP 429){after}")
    if response.status in (401, 403):
        raise SourceDown(f"HTTP {response.status} from {host}: check the source's token")
    raise SourceDown(f"HTTP {response.status} from {host}")


def _failure_reason(error: httpx.HTTPError, host: str, timeout: float) -> str:
    """The one mapping of transport failures to a short reason (no secrets in it)."""
    if isinstance(error, httpx.TimeoutException):
        return f"no answer from {host} within {timeout:g} s"
    if isinstance(error, httpx.ConnectError):
        return redact_url(f"cannot reach {host}: {error}")
    return redact_url(f"connection to {host} failed: {error or type(error).__name__}")


def _without_credentials(follow: httpx.Request, previous: httpx.URL) -> httpx.Request:
    """The redirected request; credential headers stay behind when it leaves the origin (scheme, host, port)."""
    if (follow.url.scheme, follow.url.host, follow.url.port) != (previous.scheme, previous.host, previous.port):
        for name in CREDENTIAL_HEADERS:
            follow.headers.pop(name, None)
    return follow


def _host(url: str) -> str:
    """host[:port] of a URL, never its userinfo."""
    return urlsplit(url).netloc.rpartition("@")[2] or redact_url(url[:100])


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count} bytes"
