"""The crisis plan: roles and who holds them, severities, approval rules; validated from a mapping."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from crisis.debrief.model import DEFAULT_QUESTIONS, Question
from crisis.monitor.recordings import DrillsPlan
from crisis.prevention.model import PreventionPlan
from crisis.webcare.model import WebcarePlan
from crisis.schedules.model import SchedulesPlan

SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
CHAT_PLATFORMS = ("slack", "teams")


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    primary: str
    backup: str | None = None


@dataclass(frozen=True)
class TriageCriteria:
    """The monitor's figures for a term over the last hour that suggest a severity; each one set must be met."""

    volume_ratio: float | None = None
    """Mentions against the normal volume (2 = twice as many)."""
    negative_share: float | None = None
    """Negative among the mentions with a sentiment score, 0..1."""
    reach: int | None = None
    """Distinct authors."""


DEFAULT_TRIAGE = {"SEV1": TriageCriteria(8, 0.6, 500), "SEV2": TriageCriteria(4, 0.5, 100),
                  "SEV3": TriageCriteria(2, 0.4, 20), "SEV4": TriageCriteria(1.5)}
"""What a plan without `triage:` under a severity gets: common escalation thresholds of social-media teams."""


@dataclass(frozen=True)
class Severity:
    key: str
    description: str
    ack_within: timedelta
    update_every: timedelta
    triage: TriageCriteria | None = None
    """When the monitor's figures suggest this severity (`/crisis triage`, the open modal)."""


@dataclass(frozen=True)
class ApprovalRule:
    """A statement is approved when `needed` distinct roles of `roles` approved (AND: all of them)."""

    roles: tuple[str, ...]
    needed: int

    def describe(self) -> str:
        if self.needed == len(self.roles):
            return " AND ".join(self.roles)
        return f"any {self.needed} of {', '.join(self.roles)}"


SOURCE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required options, optional options)
    "file": (("path",), ("speed", "text_column", "time_column", "id_column", "author_column")),
    "rss": (("url",), ()),
    "webhook": (("token_env",), ()),
    "mastodon": (("instance",), ("hashtag", "query", "token_env")),
    "bluesky": (("query",), ("service", "token_env")),
}


@dataclass(frozen=True)
class SourceConfig:
    """One configured mention source: its kind, the watched term it feeds, how often it is polled."""

    name: str
    kind: str
    term: str
    every: timedelta
    options: Mapping[str, str] = field(default_factory=dict)


MAX_SETTLE = timedelta(hours=1)
"""The longest the spike detector waits after a bucket ends (monitor.settle, or a term's slowest poll): longer,
warnings come too late to matter."""


@dataclass(frozen=True)
class MonitorPlan:
    terms: tuple[str, ...] = ()
    sources: tuple[SourceConfig, ...] = ()
    bucket_minutes: int = 5
    settle: timedelta = timedelta(minutes=2)
    """How long after a bucket ends the spike detector waits before reading it, for mentions that arrive late (a
    listening tool's delay, a post fetched by the next poll); see crisis.monitor.services.settle_time."""
    retention_days: int = 30
    crisis_update_every: timedelta = timedelta(minutes=30)
    spike_settings: Mapping[str, Any] = field(default_factory=dict)
    sentiment_model: str | None = None
    responders: tuple[str, ...] | None = None
    """Who may snooze, call a false alarm and label mentions: people or role keys (a role means its primary
    and backup); None (not in the plan) means the plan's admins and the crisis lead role's primary and backup."""

    def source(self, name: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.name == name), None)


DEFAULT_TARGETS: dict[str, tuple[str, int | None]] = {
    # target key: (name people see, character limit or None)
    "x": ("X / Twitter", 280),
    "instagram": ("Instagram", 2200),
    "facebook": ("Facebook", 63206),
    "linkedin": ("LinkedIn", 3000),
    "mastodon": ("Mastodon", 500),
    "bluesky": ("Bluesky", 300),
    "press": ("Press release", None),
    "customer_care": ("Customer-care macro", None),
    "internal": ("Internal", None),
}

ALL_STAFF_TARGET = "all_staff"
"""The employee briefing's target (crisis/statements/briefing.py): a plan with `statements.all_staff_channel` has it."""


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    limit: int | None = None
    publisher: Mapping[str, str] = field(default_factory=dict)
    """Where an approved statement for this target is also published (e.g. type: mastodon)."""
    includes: tuple[str, ...] = ()
    """A group target: the keys of the other targets whose accounts it publishes to, in order (it has no publisher
    of its own; its limit is the strictest of theirs)."""


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    text: str


@dataclass(frozen=True)
class StatementsPlan:
    publish_channel: str | None = None
    stakeholder_channel: str | None = None
    all_staff_channel: str | None = None
    """Where an approved employee briefing is posted (the ALL_STAFF_TARGET's only publisher)."""
    brand_channels: tuple[str, ...] = ()
    targets: tuple[Target, ...] = tuple(Target(k, n, lim) for k, (n, lim) in DEFAULT_TARGETS.items())
    templates: tuple[Template, ...] = ()
    scheduled_posts: SchedulesPlan = field(default_factory=SchedulesPlan)
    """Whose scheduled posts are paused at open besides the brand channels' (crisis.schedules)."""

    def target(self, key: str) -> Target | None:
        return next((t for t in self.targets if t.key == key), None)

    def target_name(self, key: str) -> str:
        target = self.target(key)
        return target.name if target else key

    def template(self, key: str) -> Template | None:
        return next((t for t in self.templates if t.key == key), None)


@dataclass(frozen=True)
class DebriefPlan:
    questions: tuple[Question, ...] = DEFAULT_QUESTIONS
    deadline: timedelta = timedelta(hours=48)
    remind_after: timedelta = timedelta(hours=24)
    participants: str = "role_holders"  # or "everyone": also anyone who posted in the crisis channel
    archive_channel: bool = False


@dataclass(frozen=True)
class PrivateRooms:
    """Which crises get a private channel, by crisis type or by severity at open, and whether its name
    leaves out the title (`<prefix>-<yyyymmdd>-<n>`)."""

    crisis_types: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    hide_title: bool = True

    def cover(self, kind: str, severity: str) -> bool:
        return kind in self.crisis_types or severity in self.severities


@dataclass(frozen=True)
class CrisisPlan:
    organisation: str
    channel_prefix: str
    announce_channel: str
    lead_role: str
    roles: tuple[Role, ...]
    severities: tuple[Severity, ...]
    crisis_types: tuple[str, ...]
    approval: Mapping[str, ApprovalRule] = field(default_factory=dict)
    alerts_channel: str | None = None
    monitor: MonitorPlan = field(default_factory=MonitorPlan)
    statements: StatementsPlan = field(default_factory=StatementsPlan)
    debrief: DebriefPlan = field(default_factory=DebriefPlan)
    private_rooms: PrivateRooms = field(default_factory=PrivateRooms)
    admins: tuple[str, ...] = ()
    """People (Slack ids or emails) with the crisis lead's powers in every crisis (docs/security.md)."""
    prevention: PreventionPlan = field(default_factory=PreventionPlan)
    """The brand's social accounts and who watches over them (crisis/prevention)."""
    language: str = "en"
    """The team's language: a shipped catalog of crisis/i18n ('en', 'nl'); a reader's own Slack language wins
    for what only they see."""
    timezone: str = "UTC"
    """The team's clock (an IANA name, e.g. Europe/Amsterdam): times are shown and typed in it, stored in UTC."""
    chat: str = "slack"
    """The chat platform the team works in (CHAT_PLATFORMS); a process serves one (`serve` or `serve-teams`)."""
    playbooks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Crisis type -> the plan's own checklist steps, replacing the shipped ones (crisis/playbooks/steps.py)."""
    drills: DrillsPlan = field(default_factory=DrillsPlan)
    """Recorded mention streams a drill may replay (`/crisis drill [type] replay=<name>`)."""
    webcare: WebcarePlan = field(default_factory=WebcarePlan)
    """Approved reply lines, which replies need approval, accounts never engaged (crisis/webcare/lines.py)."""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def role(self, key: str) -> Role | None:
        return next((r for r in self.roles if r.key == key), None)

    def role_name(self, key: str | None) -> str:
        """The role's name as people read it; the key itself for a role the plan no longer has."""
        role = self.role(key) if key else None
        return role.name if role else (key or "?")

    def severity(self, key: str) -> Severity | None:
        return next((s for s in self.severities if s.key == key), None)

    def approval_rule(self, severity: str) -> ApprovalRule | None:
        return self.approval.get(severity) or self.approval.get("default")


TEMPLATE_FIELDS = ("title", "severity", "organisation", "started", "kind")
"""Placeholders a holding-statement template may use, filled from the crisis: {title}, {organisation}..."""


