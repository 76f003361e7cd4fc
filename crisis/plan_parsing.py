"""Reading a crisis plan from a mapping (the YAML file's contents): every section validated, errors naming the key path."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, Mapping
from urllib.parse import urlsplit

from crisis.debrief import questionnaire
from crisis.debrief.model import DEFAULT_QUESTIONS, Question, QuestionKind
from crisis.errors import BadInput, PlanError
from crisis.i18n import has, msg, render, t
from crisis.i18n.zones import plan_language, plan_zone
from crisis.monitor.recordings import parse_drills
from crisis.plan import (
    ALL_STAFF_TARGET,
    CHAT_PLATFORMS,
    DEFAULT_TARGETS,
    DEFAULT_TRIAGE,
    MAX_SETTLE,
    SEVERITIES,
    SOURCE_KINDS,
    TEMPLATE_FIELDS,
    ApprovalRule,
    CrisisPlan,
    DebriefPlan,
    MonitorPlan,
    PrivateRooms,
    Role,
    Severity,
    SourceConfig,
    StatementsPlan,
    Target,
    Template,
    TriageCriteria,
)
from crisis.playbooks.steps import parse_playbooks
from crisis.prevention.model import Account, PreventionPlan
from crisis.prevention.rules import check_account
from crisis.schedules.planning import parse_scheduled_posts
from crisis.statements.approval_rule import parse_approval_rule
from crisis.statements.targets import parse_includes, parse_publisher, resolve_groups
from crisis.webcare.lines import parse_webcare

_DURATION = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")

_ROLE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

_USER_ID = re.compile(r"^([UW][A-Z0-9]{2,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
"""A person's id on the chat: a Slack user id (U..., W...) or an Entra object id (Teams)."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_CHANNEL_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


_URL_OPTIONS = {"url", "instance", "service"}
"""Source options that are web addresses (a feed, a Mastodon instance, a Bluesky service)."""
MAX_DURATION_S = 3650 * 86400

def parse_duration(text: object, path: str) -> timedelta:
    """'90s', '5m', '1h30m', '2d' -> timedelta; anything else is a PlanError naming `path`."""
    match = _DURATION.match(text) if isinstance(text, str) and text.strip() else None
    if not match or not any(match.groups()):
        raise PlanError(path, f"'{text}' is not a duration; write e.g. 90s, 5m, 1h30m or 2d")
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    if not 0 < total <= MAX_DURATION_S:  # a zero, or one no clock can add (9999999999d overflowed)
        raise PlanError(path, "a duration must be longer than zero and at most ten years")
    return timedelta(seconds=total)

def parse_plan(data: object) -> CrisisPlan:
    """Validate a plan mapping (as loaded from YAML); raise PlanError at the first thing wrong."""
    root = _mapping(data, "")
    _no_unknown_keys(root, "", {
        "organisation", "channel_prefix", "announce_channel", "alerts_channel", "lead_role",
        "roles", "severities", "crisis_types", "statement_approval", "monitor", "statements",
        "debrief", "admins", "private_rooms", "language", "timezone", "prevention", "chat", "playbooks", "drills",
        "webcare",
    })
    roles = _roles(_required(root, "roles", ""))
    role_keys = {r.key for r in roles}
    lead = _text(root.get("lead_role", "crisis_lead"), "lead_role")
    if lead not in role_keys:
        raise PlanError("lead_role", f"'{lead}' is not one of the roles ({', '.join(sorted(role_keys))})")
    prefix = _text(root.get("channel_prefix", "crisis"), "channel_prefix")
    if not _CHANNEL_PREFIX.match(prefix):
        raise PlanError("channel_prefix", "use lowercase letters, digits, - and _ (at most 40 characters)")
    types = root.get("crisis_types", ["offensive_post", "complaint_wave", "account_leak", "outage", "other"])
    if not isinstance(types, list) or not types or not all(isinstance(t, str) and t.strip() for t in types):
        raise PlanError("crisis_types", "must be a non-empty list of names")
    return CrisisPlan(
        organisation=_text(root["organisation"] if "organisation" in root else
                           render(msg("organisation.default"), locale=plan_language(root.get("language", "en"))),
                           "organisation"),
        channel_prefix=prefix,
        announce_channel=_channel(_required(root, "announce_channel", ""), "announce_channel"),
        alerts_channel=_channel(root["alerts_channel"], "alerts_channel") if "alerts_channel" in root else None,
        lead_role=lead,
        roles=roles,
        severities=_severities(_required(root, "severities", "")),
        crisis_types=tuple(t.strip() for t in types),
        approval=_approval(root.get("statement_approval", {}), role_keys),
        monitor=_monitor(root.get("monitor", {}), role_keys),
        statements=_statements(root.get("statements", {}), plan_language(root.get("language", "en"))),
        debrief=_debrief(root.get("debrief", {})),
        admins=_people(root.get("admins", []), "admins", set()),
        private_rooms=_private_rooms(root.get("private_rooms", {}), tuple(t.strip() for t in types)),
        prevention=_prevention(root.get("prevention", {}), role_keys),
        language=plan_language(root.get("language", "en")),
        timezone=plan_zone(root.get("timezone", "UTC")),
        chat=_chat(root.get("chat", "slack")),
        playbooks=parse_playbooks(root.get("playbooks"), tuple(t.strip() for t in types)),
        drills=parse_drills(root.get("drills")),
        webcare=parse_webcare(root.get("webcare"), tuple(root["severities"])),
    )

def _chat(value: object) -> str:
    text = _text(value, "chat")
    if text not in CHAT_PLATFORMS:
        raise PlanError("chat", f"'{text}' is not a chat crisisbot works in; use one of {', '.join(CHAT_PLATFORMS)}")
    return text

def _roles(data: object) -> tuple[Role, ...]:
    section = _mapping(data, "roles")
    if not section:
        raise PlanError("roles", "name at least one role")
    roles = []
    for key, body in section.items():
        path = f"roles.{key}"
        if not isinstance(key, str) or not _ROLE_KEY.match(key):
            raise PlanError(path, "a role key is lowercase letters, digits and _ (e.g. comms_lead)")
        fields = _mapping(body, path)
        _no_unknown_keys(fields, path, {"name", "primary", "backup"})
        primary = _person(_required(fields, "primary", path), f"{path}.primary")
        backup = _person(fields["backup"], f"{path}.backup") if fields.get("backup") else None
        if backup == primary:
            raise PlanError(f"{path}.backup", "the backup is the same person as the primary")
        roles.append(Role(key, _text(fields.get("name", key.replace("_", " ").capitalize()), f"{path}.name"),
                          primary, backup))
    return tuple(roles)

def _severities(data: object) -> tuple[Severity, ...]:
    section = _mapping(data, "severities")
    result = []
    for key, body in section.items():
        path = f"severities.{key}"
        if key not in SEVERITIES:
            raise PlanError(path, f"unknown severity; use {', '.join(SEVERITIES)}")
        fields = _mapping(body, path)
        _no_unknown_keys(fields, path, {"description", "ack_within", "update_every", "triage"})
        result.append(Severity(
            key,
            _text(_required(fields, "description", path), f"{path}.description"),
            parse_duration(_required(fields, "ack_within", path), f"{path}.ack_within"),
            parse_duration(_required(fields, "update_every", path), f"{path}.update_every"),
            _triage(fields["triage"], f"{path}.triage") if "triage" in fields else DEFAULT_TRIAGE[key],
        ))
    missing = [s for s in SEVERITIES if s not in section]
    if missing:
        raise PlanError("severities", f"missing {', '.join(missing)}; define all of SEV1..SEV4")
    return tuple(sorted(result, key=lambda s: s.key))

def _triage(data: object, path: str) -> TriageCriteria:
    fields = _mapping(data, path)
    _no_unknown_keys(fields, path, {"volume_ratio", "negative_share", "reach"})
    for name, top in (("volume_ratio", None), ("negative_share", 1), ("reach", None)):
        value = fields.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0
                                  or (top is not None and value > top)):
            raise PlanError(f"{path}.{name}", "use a number of at least 0" + (" and at most 1" if top else ""))
    return TriageCriteria(fields.get("volume_ratio"), fields.get("negative_share"), fields.get("reach"))

def _approval(data: object, role_keys: set[str]) -> dict[str, ApprovalRule]:
    section = _mapping(data, "statement_approval")
    rules = {}
    for key, text in section.items():
        path = f"statement_approval.{key}"
        if key != "default" and key not in SEVERITIES:
            raise PlanError(path, f"use 'default' or a severity ({', '.join(SEVERITIES)})")
        rules[key] = parse_approval_rule(_text(text, path), role_keys, path)
    return rules

def _statements(data: object, language: str = "en") -> StatementsPlan:
    section = _mapping(data, "statements")
    _no_unknown_keys(section, "statements", {"publish_channel", "stakeholder_channel", "all_staff_channel",
                                             "brand_channels", "targets", "templates", "scheduled_posts"})
    channels = section.get("brand_channels", [])
    if not isinstance(channels, list):
        raise PlanError("statements.brand_channels", "must be a list of channels")
    targets = {k: Target(k, render(msg(f"target.{k}"), locale=language) if has(f"target.{k}") else n, lim)
               for k, (n, lim) in DEFAULT_TARGETS.items()}  # brand names as they are, the others in the plan's words
    if section.get("all_staff_channel"):  # the employee briefing's target
        targets[ALL_STAFF_TARGET] = Target(ALL_STAFF_TARGET, render(msg("target.all_staff"), locale=language))
    for key, body in _mapping(section.get("targets", {}), "statements.targets").items():
        path = f"statements.targets.{key}"
        fields = _mapping(body, path)
        _no_unknown_keys(fields, path, {"name", "limit", "publisher", "includes"})
        publisher = _mapping(fields.get("publisher"), f"{path}.publisher")
        publisher = parse_publisher(publisher, f"{path}.publisher") if publisher else {}
        includes = parse_includes(fields, path)
        platform = key if key in targets else publisher.get("type")  # a target of its own takes its platform's limit
        limit = fields.get("limit", targets[platform].limit if platform in targets else None)
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise PlanError(f"{path}.limit", "a character limit is a whole number above 0 (or leave it out)")
        name = fields.get("name", targets[key].name if key in targets else key)
        targets[key] = Target(key, _text(name, f"{path}.name"), limit, publisher, includes)
    targets = resolve_groups(targets)
    templates = []
    for key, body in _mapping(section.get("templates", {}), "statements.templates").items():
        path = f"statements.templates.{key}"
        fields = _mapping(body, path)
        _no_unknown_keys(fields, path, {"name", "text"})
        text = _text(_required(fields, "text", path), f"{path}.text")
        unknown = [f for f in re.findall(r"{(\w*)}", text) if f not in TEMPLATE_FIELDS]
        if unknown:
            raise PlanError(f"{path}.text", f"unknown placeholder {{{unknown[0]}}}; use {', '.join(TEMPLATE_FIELDS)}")
        templates.append(Template(key, _text(fields.get("name", key), f"{path}.name"), text))
    return StatementsPlan(
        publish_channel=_channel(section["publish_channel"], "statements.publish_channel")
        if section.get("publish_channel") else None,
        stakeholder_channel=_channel(section["stakeholder_channel"], "statements.stakeholder_channel")
        if section.get("stakeholder_channel") else None,
        all_staff_channel=_channel(section["all_staff_channel"], "statements.all_staff_channel")
        if section.get("all_staff_channel") else None,
        brand_channels=tuple(_channel(c, f"statements.brand_channels.{i}") for i, c in enumerate(channels)),
        targets=tuple(targets.values()), templates=tuple(templates), scheduled_posts=parse_scheduled_posts(
            section.get("scheduled_posts"), {k: t.publisher for k, t in targets.items()}))

def _debrief(data: object) -> DebriefPlan:
    section = _mapping(data, "debrief")
    _no_unknown_keys(section, "debrief", {"questions", "deadline", "remind_after", "participants", "archive_channel"})
    questions = DEFAULT_QUESTIONS
    if "questions" in section:
        items = section["questions"]
        if not isinstance(items, list) or not items:
            raise PlanError("debrief.questions", "must be a non-empty list of {key, text, kind}")
        questions = tuple(_question(item, f"debrief.questions.{i}") for i, item in enumerate(items))
        keys = [q.key for q in questions]
        if len(set(keys)) != len(keys):
            raise PlanError("debrief.questions", "two questions have the same key")
        questionnaire.check_questions(questions)
    participants = section.get("participants", "role_holders")
    if participants not in ("role_holders", "everyone"):
        raise PlanError("debrief.participants", "use role_holders or everyone (role holders and anyone who posted)")
    archive = section.get("archive_channel", False)
    if not isinstance(archive, bool):
        raise PlanError("debrief.archive_channel", "use true or false")
    deadline = parse_duration(section.get("deadline", "48h"), "debrief.deadline")
    given = parse_duration(section["remind_after"], "debrief.remind_after") if "remind_after" in section else None
    return DebriefPlan(questions, deadline, questionnaire.remind_after(given, deadline, section.get("deadline", "48h")),
                       participants, archive)

def _question(data: object, path: str) -> Question:
    fields = _mapping(data, path)
    _no_unknown_keys(fields, path, {"key", "text", "kind", "required"})
    key = _text(_required(fields, "key", path), f"{path}.key")
    if not _ROLE_KEY.match(key):
        raise PlanError(f"{path}.key", "a question key is lowercase letters, digits and _")
    kind = fields.get("kind", "text")
    if kind not in {k.value for k in QuestionKind}:
        raise PlanError(f"{path}.kind", "use text, scale (1-5) or follow_ups")
    return Question(key, _text(_required(fields, "text", path), f"{path}.text"), QuestionKind(kind),
                    bool(fields.get("required", False)))

def _monitor(data: object, role_keys: set[str]) -> MonitorPlan:
    section = _mapping(data, "monitor")
    _no_unknown_keys(section, "monitor", {"terms", "sources", "bucket_minutes", "settle", "retention_days",
                                          "crisis_update_every", "spikes", "sentiment_model", "responders"})
    terms = section.get("terms", [])
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise PlanError("monitor.terms", "must be a list of watched terms, e.g. [acme, \"acme coffee\"]")
    terms = [t.strip() for t in terms]
    sources_data = section.get("sources", [])
    if not isinstance(sources_data, list):
        raise PlanError("monitor.sources", "must be a list of sources")
    sources: list[SourceConfig] = []
    for index, body in enumerate(sources_data):
        sources.append(_source(body, f"monitor.sources.{index}", terms, {s.name for s in sources}))
    minutes = section.get("bucket_minutes", 5)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 60 or 60 % minutes:
        raise PlanError("monitor.bucket_minutes", "use a whole number of minutes that divides an hour (1..60)")
    settle = parse_duration(section.get("settle", "2m"), "monitor.settle")
    if settle > MAX_SETTLE:
        raise PlanError("monitor.settle", "wait at most an hour for late mentions: warnings would come too late")
    days = section.get("retention_days", 30)
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise PlanError("monitor.retention_days", "use a whole number of days, at least 1")
    spikes = _mapping(section.get("spikes", {}), "monitor.spikes")
    model = section.get("sentiment_model")
    return MonitorPlan(
        terms=tuple(terms), sources=tuple(sources), bucket_minutes=minutes, settle=settle, retention_days=days,
        crisis_update_every=parse_duration(section.get("crisis_update_every", "30m"), "monitor.crisis_update_every"),
        spike_settings=dict(spikes), sentiment_model=_text(model, "monitor.sentiment_model") if model else None,
        responders=_people(section["responders"], "monitor.responders", role_keys) if "responders" in section
        else None,
    )

def _source(body: object, path: str, terms: list[str], taken: set[str]) -> SourceConfig:
    fields = dict(_mapping(body, path))
    name = _text(_required(fields, "name", path), f"{path}.name")
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,39}$", name):
        raise PlanError(f"{path}.name", "use lowercase letters, digits, - and _ (it appears in /ingest/<name>)")
    if name in taken:
        raise PlanError(f"{path}.name", f"two sources are called '{name}'")
    kind = _text(_required(fields, "type", path), f"{path}.type")
    if kind not in SOURCE_KINDS:
        raise PlanError(f"{path}.type", f"unknown source type; use one of {', '.join(SOURCE_KINDS)}")
    term = _text(_required(fields, "term", path), f"{path}.term")
    if term not in terms:
        raise PlanError(f"{path}.term", f"'{term}' is not one of monitor.terms")
    every = parse_duration(fields.get("every", "1m"), f"{path}.every")
    required, optional = SOURCE_KINDS[kind]
    options = {k: v for k, v in fields.items() if k not in {"name", "type", "term", "every"}}
    _no_unknown_keys(options, path, set(required) | set(optional))
    for key in required:
        _required(options, key, path)
    if kind == "mastodon" and not (options.get("hashtag") or options.get("query")):
        raise PlanError(path, "a mastodon source needs a hashtag or a query")
    for key in _URL_OPTIONS & options.keys():
        _http_url(options[key], f"{path}.{key}")
    return SourceConfig(name, kind, term, every, {k: _text(v, f"{path}.{k}") for k, v in options.items()})

def _private_rooms(data: object, kinds: tuple[str, ...]) -> PrivateRooms:
    section = _mapping(data, "private_rooms")
    _no_unknown_keys(section, "private_rooms", {"crisis_types", "severities", "hide_title"})
    hide_title = section.get("hide_title", True)
    if not isinstance(hide_title, bool):
        raise PlanError("private_rooms.hide_title", "use true or false")
    return PrivateRooms(_names(section.get("crisis_types", []), "private_rooms.crisis_types", kinds, "crisis_types"),
                        _names(section.get("severities", []), "private_rooms.severities", SEVERITIES, "severities"),
                        hide_title)

def _prevention(data: object, role_keys: set[str]) -> PreventionPlan:
    section = _mapping(data, "prevention")
    _no_unknown_keys(section, "prevention", {"security_channel", "security_lead", "review_every", "review_within",
                                             "accounts"})
    items = section.get("accounts", [])
    if not isinstance(items, list):
        raise PlanError("prevention.accounts", "must be a list of accounts {platform, handle, owner, ...}")
    accounts: dict[str, Account] = {}
    for index, body in enumerate(items):
        account = _account(body, f"prevention.accounts.{index}")
        if account.key in accounts:
            raise PlanError(f"prevention.accounts.{index}", f"{account.label} is listed twice")
        accounts[account.key] = account
    channel = section.get("security_channel")
    if accounts and not channel:
        raise PlanError("prevention.security_channel", "is required when accounts are listed (flags go there)")
    lead = section.get("security_lead")
    if lead and _text(lead, "prevention.security_lead") not in role_keys:
        _person(lead, "prevention.security_lead")
    return PreventionPlan(
        security_channel=_channel(channel, "prevention.security_channel") if channel else None,
        security_lead=_text(lead, "prevention.security_lead") if lead else None,
        review_every=parse_duration(section.get("review_every", "91d"), "prevention.review_every"),
        review_within=parse_duration(section.get("review_within", "14d"), "prevention.review_within"),
        accounts=tuple(accounts.values()))

def _account(body: object, path: str) -> Account:
    fields = _mapping(body, path)
    _no_unknown_keys(fields, path, {"platform", "handle", "owner", "two_factor", "credential", "access"})
    two_factor = fields.get("two_factor", False)
    if not isinstance(two_factor, bool):
        raise PlanError(f"{path}.two_factor", "use true or false")
    access = fields.get("access", [])
    if not isinstance(access, list):
        raise PlanError(f"{path}.access", "must be a list of Slack user ids (U...) or emails")
    account = Account(_text(_required(fields, "platform", path), f"{path}.platform").lower(),
                      _text(_required(fields, "handle", path), f"{path}.handle"),
                      _person(_required(fields, "owner", path), f"{path}.owner"), two_factor,
                      _text(_required(fields, "credential", path), f"{path}.credential"),
                      tuple(dict.fromkeys(_person(p, f"{path}.access.{i}") for i, p in enumerate(access))))
    try:
        check_account(account)
    except BadInput as error:  # the value is not repeated: it may be a password
        raise PlanError(f"{path}.{error.field}", t(error.key, **error.params)) from None
    return account

def _names(value: object, path: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """A list of names, each one of `allowed` (the plan's `what`)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PlanError(path, f"must be a list of {what}, e.g. [{allowed[0]}]")
    for index, name in enumerate(value):
        if not isinstance(name, str) or name.strip() not in allowed:
            raise PlanError(f"{path}.{index}", f"'{name}' is not one of the {what} ({', '.join(allowed)})")
    return tuple(name.strip() for name in value)

def _mapping(data: object, path: str) -> Mapping[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise PlanError(path, "expected a mapping of keys to values here")
    return data

def _required(data: Mapping[str, Any], key: str, path: str) -> Any:
    if data.get(key) in (None, ""):
        raise PlanError(f"{path}.{key}" if path else key, "is required")
    return data[key]

def _text(value: object, path: str) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
        raise PlanError(path, "expected a text value")
    return str(value).strip()

def _person(value: object, path: str) -> str:
    text = _text(value, path)
    if not (_USER_ID.match(text) or _EMAIL.match(text)):
        raise PlanError(path, f"'{text}' is neither a Slack user id (U...) or Entra object id, nor an email address")
    return text

def _people(value: object, path: str, role_keys: set[str]) -> tuple[str, ...]:
    """A list of people (Slack user ids or emails), and of role keys when `role_keys` names some."""
    what = "role keys, Slack user ids (U...) or emails" if role_keys else "Slack user ids (U...) or emails"
    if not isinstance(value, list):
        raise PlanError(path, f"must be a list of {what}")
    people = []
    for index, item in enumerate(value):
        text = _text(item, f"{path}.{index}")
        if text not in role_keys and not (_USER_ID.match(text) or _EMAIL.match(text)):
            raise PlanError(f"{path}.{index}", f"'{text}' is not one of {what}")
        people.append(text)
    return tuple(people)

def _http_url(value: object, path: str) -> str:
    """An http(s) address; not echoed back in the error, as it may carry a token."""
    text = _text(value, path)
    try:
        parts = urlsplit(text)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not re.search(r"\s", text)
    except ValueError:
        valid = False
    if not valid:
        raise PlanError(path, "is not an http(s) address; write e.g. https://news.example/feed.rss")
    return text

def _channel(value: object, path: str) -> str:
    text = _text(value, path)
    if not re.match(r"^(#[a-z0-9_-]{1,80}|[CG][A-Z0-9]{2,}|\d+:[^\s:]+(:[^\s:]+)*)$", text):  # Slack ids, 19:…@thread…
        raise PlanError(path, f"'{text}' is neither a channel id (C...) nor a #channel-name")
    return text


def _no_unknown_keys(data: Mapping[str, Any], path: str, known: set[str]) -> None:
    for key in data:
        if key not in known:
            where = f"{path}.{key}" if path else str(key)
            raise PlanError(where, f"unknown key; expected one of {', '.join(sorted(known))}")
