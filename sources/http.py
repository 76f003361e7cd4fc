"""Outbound HTTP for the polled sources: timeouts, a size cap, a redirect limit; every failure is SourceDown."""
from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException
from typing import Any, Mapping
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit

from crisis.monitor.mentions import SourceDown

REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses so that HttpClient counts them and spots loops itself."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Message
    body: bytes
    url: str


@dataclass(frozen=True)
class HttpClient:
    """GET with a per-operation timeout (seconds), at most `max_bytes` of body and `max_redirects` hops."""

    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "crisisbot/0.1 (brand mention monitor)"

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> HttpResponse:
        """A 2xx or 304 response after following redirects; anything else raises SourceDown."""
        seen = {url}
        for _ in range(self.max_redirects + 1):
            response = self._get_once(url, headers or {})
            if response.status not in REDIRECTS:
                return response
            location = response.headers.get("Location")
            if not location:
                raise SourceDown(f"HTTP {response.status} without a Location from {_host(url)}")
            url = urljoin(url, location)
            if urlsplit(url).scheme not in ("http", "https"):
                raise SourceDown(f"{_host(response.url)} redirects to a non-HTTP address")
            if url in seen:
                raise SourceDown(f"redirect loop at {url[:200]}")
            seen.add(url)
        raise SourceDown(f"more than {self.max_redirects} redirects from {_host(url)}")

    def get_json(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        """The decoded JSON body of a GET; a body that is not JSON raises SourceDown."""
        response = self.get(url, {"Accept": "application/json", **(headers or {})})
        try:
            return json.loads(response.body)
        except (ValueError, RecursionError) as error:
            raise SourceDown(f"invalid JSON from {_host(url)}: {str(error)[:120]}") from None

    def _get_once(self, url: str, headers: Mapping[str, str]) -> HttpResponse:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **headers})
        host = _host(url)
        try:
            with _OPENER.open(request, timeout=self.timeout) as answer:
                return HttpResponse(answer.status, answer.headers, self._read(answer, host), url)
        except HTTPError as error:
            with error:
                if error.code in REDIRECTS or error.code == 304:
                    return HttpResponse(error.code, error.headers, b"", url)
                raise SourceDown(_status_reason(error.code, error.headers, host)) from None
        except TimeoutError:
            raise SourceDown(f"no answer from {host} within {self.timeout:g} s") from None
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise SourceDown(f"no answer from {host} within {self.timeout:g} s") from None
            raise SourceDown(f"cannot reach {host}: {error.reason}") from None
        except (HTTPException, OSError) as error:
            raise SourceDown(f"connection to {host} failed: {error or type(error).__name__}") from None

    def _read(self, answer: Any, host: str) -> bytes:
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise SourceDown(f"answer from {host} is larger than {_size(self.max_bytes)}")
        chunks, size = [], 0
        while chunk := answer.read(min(_CHUNK, self.max_bytes + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise SourceDown(f"answer from {host} is larger than {_size(self.max_bytes)}")
        return b"".join(chunks)


def _status_reason(code: int, headers: Message, host: str) -> str:
    if code == 429:
        wait = headers.get("Retry-After") or headers.get("X-RateLimit-Reset")
        after = f"; retry after {wait}{' s' if wait.isdigit() else ''}" if wait else ""
        return f"rate limited by {host} (HTTP 429){after}"
    if code in (401, 403):
        return f"HTTP {code} from {host}: check the source's token"
    return f"HTTP {code} from {host}"


def _host(url: str) -> str:
    return urlsplit(url).netloc or url[:100]


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count} bytes"
