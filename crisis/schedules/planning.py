"""The plan's `statements.scheduled_posts`: which statement targets' accounts have their scheduled posts paused at
open (a Mastodon or Facebook Page publisher names the account and its token) and a Hootsuite account, checked with
the key path of whatever is wrong (credential values are never repeated)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from crisis.errors import PlanError
from crisis.schedules.model import SchedulesPlan

SCHEDULING_PLATFORMS = ("mastodon", "facebook")
"""Publisher types whose account's scheduled posts a scheduler reads (crisis.schedules)."""
HOOTSUITE_OPTIONS = ("token_env", "token_file", "api", "profiles")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PROFILE = re.compile(r"^\d{1,30}$")
PATH = "statements.scheduled_posts"


def parse_scheduled_posts(data: object, publishers: Mapping[str, Mapping[str, str]]) -> SchedulesPlan:
    """`publishers`: target key -> its publisher options (already checked)."""
    if data is None:
        return SchedulesPlan()
    if not isinstance(data, Mapping):
        raise PlanError(PATH, "must be a mapping with targets (and hootsuite)")
    unknown = sorted(str(k) for k in data if k not in ("targets", "hootsuite"))
    if unknown:
        raise PlanError(f"{PATH}.{unknown[0]}", "unknown key; use targets or hootsuite")
    targets = data.get("targets") or []
    if not isinstance(targets, list):
        raise PlanError(f"{PATH}.targets", "must be a list of statement targets")
    for i, key in enumerate(targets):
        kind = publishers.get(str(key), {}).get("type")
        if kind not in SCHEDULING_PLATFORMS:
            raise PlanError(f"{PATH}.targets.{i}", f"{str(key)[:40]} is not a statement target with a "
                                                   f"{' or '.join(SCHEDULING_PLATFORMS)} publisher")
    hootsuite = _hootsuite(data.get("hootsuite")) if data.get("hootsuite") is not None else {}
    return SchedulesPlan(tuple(str(t) for t in dict.fromkeys(targets)), hootsuite)


def _hootsuite(data: object) -> dict[str, str]:
    path = f"{PATH}.hootsuite"
    if not isinstance(data, Mapping):
        raise PlanError(path, "must be a mapping: token_env or token_file, and api, profiles if needed")
    options: dict[str, str] = {}
    for key, value in data.items():
        if key not in HOOTSUITE_OPTIONS:
            raise PlanError(f"{path}.{key}", f"unknown option; use {', '.join(HOOTSUITE_OPTIONS)}")
        if key == "profiles":
            profiles = value if isinstance(value, list) else [value]
            bad = [p for p in profiles if not _PROFILE.match(str(p))]
            if bad:
                raise PlanError(f"{path}.profiles", "must be Hootsuite social profile ids (numbers)")
            options[key] = ",".join(str(p) for p in profiles)
        elif not isinstance(value, str) or not value.strip():
            raise PlanError(f"{path}.{key}", "must be a non-empty text")
        else:
            options[key] = value.strip()
    given = [k for k in ("token_env", "token_file") if k in options]
    if len(given) != 1:
        raise PlanError(f"{path}.{given[1] if given else 'token_env'}", "name the credential once: token_env (an "
                        "environment variable) or token_file (a secrets file); never the token itself")
    if "token_env" in options and not _VARIABLE.match(options["token_env"]):
        raise PlanError(f"{path}.token_env", "is not the name of an environment variable")
    if "api" in options:
        parts = urlsplit(options["api"])
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
            raise PlanError(f"{path}.api", "must be an http(s) base URL without user or password")
    return options
