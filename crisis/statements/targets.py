"""The publisher options of a statement target in the plan: which platforms exist, what each needs, checked with
the key path of whatever is wrong (the values of credentials are never repeated)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from crisis.errors import PlanError

CREDENTIALS = ("token_env", "token_file")
"""Where a publisher's secret comes from: the name of an environment variable, or a file holding only it."""

PUBLISHER_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # type: (required options besides a credential, optional options)
    "mastodon": (("instance",), ()),
    "bluesky": (("handle",), ("service",)),
    "facebook": (("page_id",), ("api", "api_version")),
    "linkedin": (("organization",), ("api", "api_version")),
    "x": ((), ("api",)),
}

URL_OPTIONS = frozenset({"instance", "service", "api"})

_FORMATS = {
    "handle": (re.compile(r"^@?[a-z0-9-]+(\.[a-z0-9-]+)+$", re.IGNORECASE),
               "a Bluesky handle such as acme.bsky.social"),
    "page_id": (re.compile(r"^\d{1,30}$"), "the Page's numeric id (Page settings → Page transparency)"),
    "organization": (re.compile(r"^(urn:li:organization:)?\d{1,30}$"),
                     "the organisation's numeric id or urn:li:organization:<id>"),
    "api_version": (re.compile(r"^(v\d{1,2}\.\d|\d{6})$"), "a Graph API version such as v23.0, or LinkedIn's YYYYMM"),
    "token_env": (re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$"), "the name of an environment variable, e.g. ACME_X_TOKEN"),
}


def parse_publisher(data: Mapping[str, object], path: str) -> dict[str, str]:
    """The options of `statements.targets.<key>.publisher` (already a mapping), each a non-empty string; an
    unknown type or option, a missing one, two credentials or a malformed value raises PlanError at its path."""
    options: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
            raise PlanError(f"{path}.{key}", "must be a non-empty text")
        options[str(key)] = str(value).strip()
    kind = options.get("type")
    if kind not in PUBLISHER_KINDS:
        raise PlanError(f"{path}.type", f"use one of {', '.join(PUBLISHER_KINDS)} (Slack publishes through "
                                        "statements.publish_channel)")
    required, optional = PUBLISHER_KINDS[kind]
    unknown = sorted(options.keys() - {"type", *required, *optional, *CREDENTIALS})
    if unknown:
        raise PlanError(f"{path}.{unknown[0]}", f"unknown option for a {kind} publisher; use "
                                                f"{', '.join((*required, *optional, *CREDENTIALS))}")
    for key in required:
        if key not in options:
            raise PlanError(f"{path}.{key}", f"is required for a {kind} publisher")
    given = [key for key in CREDENTIALS if key in options]
    if len(given) != 1:
        raise PlanError(f"{path}.{given[1] if given else 'token_env'}", "name the credential once: token_env (an "
                        "environment variable) or token_file (a secrets file); never the token itself")
    for key in URL_OPTIONS & options.keys():
        parts = urlsplit(options[key])
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
            raise PlanError(f"{path}.{key}", "must be an http(s) base URL without user or password, e.g. "
                                             "https://mastodon.social")
    for key, (pattern, example) in _FORMATS.items():
        if key in options and not pattern.match(options[key]):
            raise PlanError(f"{path}.{key}", f"is not {example}")
    return options
