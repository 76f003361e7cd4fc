"""A form POST on sources/http.py's HttpClient (timeout, size cap, no redirects); failures are PublishFailed."""
from __future__ import annotations

import urllib.request
from http.client import HTTPException
from typing import Mapping
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode

from crisis.monitor.mentions import SourceDown
from crisis.errors import PublishFailed
from sources.http import _OPENER, HttpClient, HttpResponse, _host


def post_form(http: HttpClient, url: str, fields: Mapping[str, str], headers: Mapping[str, str]) -> HttpResponse:
    """POST the fields once, redirects not followed: every HTTP status comes back as a response (body capped);
    no answer within the timeout, no connection or an oversized body raises PublishFailed."""
    request = urllib.request.Request(url, data=urlencode(fields).encode(), method="POST", headers={
        "User-Agent": http.user_agent, "Content-Type": "application/x-www-form-urlencoded", **headers})
    host = _host(url)
    try:
        try:
            with _OPENER.open(request, timeout=http.timeout) as answer:
                return HttpResponse(answer.status, answer.headers, http._read(answer, host), url)
        except HTTPError as error:
            with error:
                return HttpResponse(error.code, error.headers, http._read(error, host), url)
    except SourceDown as error:
        raise PublishFailed(str(error)) from None
    except TimeoutError:
        raise PublishFailed(f"no answer from {host} within {http.timeout:g} s") from None
    except URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise PublishFailed(f"no answer from {host} within {http.timeout:g} s") from None
        raise PublishFailed(f"cannot reach {host}: {error.reason}") from None
    except (HTTPException, OSError) as error:
        raise PublishFailed(f"connection to {host} failed: {error or type(error).__name__}") from None
