"""The publisher options of a statement target in the plan: which platforms exist, what each needs, and the group
targets that publish to other targets' accounts (`includes`), checked with the key path of whatever is wrong (the
values of credentials are never repeated)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from crisis.errors import PlanError
from crisis.plan import Target

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


def parse_includes(fields: Mapping[str, Any], path: str) -> tuple[str, ...]:
    """The keys a group target (`statements.targets.<key>.includes`) names, in order; () for a target of one
    account. A group has no publisher and no limit of its own; the keys are checked against the other targets by
    resolve_groups, once every target is read."""
    if "includes" not in fields:
        return ()
    items = fields["includes"]
    if not isinstance(items, list) or not items:
        raise PlanError(f"{path}.includes", "must be a non-empty list of target keys, e.g. [mastodon, bluesky]")
    if "publisher" in fields:
        raise PlanError(f"{path}.includes", "a target has its own publisher or includes other targets, not both")
    if "limit" in fields:
        raise PlanError(f"{path}.limit", "a group's limit is the strictest of its included targets'; set limit on "
                                         "those")
    keys: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise PlanError(f"{path}.includes.{index}", "expected the key of another target")
        if item.strip() in keys:
            raise PlanError(f"{path}.includes.{index}", f"{item.strip()[:40]} is named twice")
        keys.append(item.strip())
    return tuple(keys)


def resolve_groups(targets: Mapping[str, Target]) -> dict[str, Target]:
    """The targets with each group's included keys checked (the group itself, an unknown key, another group and a
    target without a publisher account raise PlanError at `statements.targets.<key>.includes.<n>`) and its limit
    set to the strictest of its included targets' (None when none has one)."""
    resolved = dict(targets)
    accounts = ", ".join(k for k, t in targets.items() if t.publisher) or "none yet"
    for key, target in targets.items():
        for index, included in enumerate(target.includes):
            path = f"statements.targets.{key}.includes.{index}"
            other = targets.get(included)
            if included == key:
                raise PlanError(path, "a target cannot include itself")
            if other is None:
                raise PlanError(path, f"{included[:40]} is not a statement target; targets with an account: "
                                      f"{accounts}")
            if other.includes:
                raise PlanError(path, f"{included} is a group itself; include the targets it includes instead")
            if not other.publisher:
                raise PlanError(path, f"{included} has no publisher account; give it a publisher, or leave it out")
        if target.includes:
            limits = [targets[k].limit for k in target.includes if targets[k].limit is not None]
            resolved[key] = replace(target, limit=min(limits) if limits else None)
    return resolved
