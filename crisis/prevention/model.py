"""Dataclasses of prevention: the brand's social accounts, notices to the security channel, offboardings and
access reviews."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

PLATFORMS: dict[str, str] = {
    "x": "X / Twitter", "instagram": "Instagram", "facebook": "Facebook", "linkedin": "LinkedIn",
    "mastodon": "Mastodon", "bluesky": "Bluesky", "tiktok": "TikTok", "youtube": "YouTube", "threads": "Threads",
}
"""Platform key -> the name people read."""


@dataclass(frozen=True)
class Account:
    """One brand social account: who owns it, whether two-factor authentication is on, where its credential
    lives (the name of a password-manager entry, never the password) and who has access (people by chat id or
    email). From the plan (id None) or entered in the admin modal (stored; it replaces the plan's entry)."""

    platform: str
    handle: str
    owner: str
    two_factor: bool
    credential: str
    access: tuple[str, ...] = ()
    updated_by: str | None = None
    updated_at: datetime | None = None
    id: int | None = None

    @property
    def key(self) -> str:
        return account_key(self.platform, self.handle)

    @property
    def label(self) -> str:
        return f"{PLATFORMS.get(self.platform, self.platform)} {self.handle}"


def account_key(platform: str, handle: str) -> str:
    """How an account is named in stored rows and buttons: platform and handle, case folded."""
    return f"{platform}:{handle.strip().lower()}"


@dataclass(frozen=True)
class PreventionPlan:
    """The plan's `prevention:` section."""

    security_channel: str | None = None
    security_lead: str | None = None
    """A person or a role key (its primary, then its backup): overdue reviews escalate to them."""
    review_every: timedelta = timedelta(days=91)
    review_within: timedelta = timedelta(days=14)
    accounts: tuple[Account, ...] = ()


class NoticeKind(StrEnum):
    NO_TWO_FACTOR = "no_2fa"
    OWNER_LEFT = "owner_left"
    NO_ROLE = "no_role"
    UNKNOWN_PERSON = "unknown_person"
    UNREVOKED = "unrevoked"
    REVIEW_OVERDUE = "review_overdue"
    REVIEW_DONE = "review_done"


@dataclass
class Notice:
    """One message for the security channel or a person, sent once (its key is unique): a hygiene finding, an
    offboarding's daily reminder, an overdue review. Sent by the tick with a lease, retried after a back-off."""

    key: str
    kind: str
    recipient: str
    """A channel or a person as the plan names them."""
    params: dict[str, Any]
    """Plain JSON values the notice's view is built from (account label, person ids, counts)."""
    due_at: datetime | None
    attempts: int = 0
    sent_at: datetime | None = None
    failed: str = ""
    id: int | None = None


@dataclass
class Shown:
    """A card kept up to date in chat: every change counts one more in `changes`; the sender claims it while
    `due_at` (its lease), shows the current state, and records how many changes that showed."""

    channel_id: str | None = None
    ref: str | None = None
    due_at: datetime | None = None
    attempts: int = 0
    changes: int = 1
    shown: int = 0


@dataclass
class Offboarding:
    """A person who left (deactivated in chat) and the accounts they had access to. One per departure: someone
    who came back and leaves again with access no earlier departure covers gets another (`departure` 2, 3 ...)."""

    user: str
    email: str | None
    left_at: datetime
    accounts: list[str]
    """Keys of the accounts to revoke."""
    labels: dict[str, str]
    """Account key -> its label, as it was when the person left."""
    revoked: dict[str, dict[str, str]] = field(default_factory=dict)
    """Account key -> {"by": who, "at": ISO time}."""
    card: Shown = field(default_factory=Shown)
    remind_at: datetime | None = None
    reminders: int = 0
    departure: int = 1
    """The person's first, second ... departure recorded: unique with `user`."""
    id: int | None = None

    @property
    def unrevoked(self) -> list[str]:
        return [key for key in self.accounts if key not in self.revoked]


@dataclass
class AccessReview:
    """One account's access review of one round: its owner keeps or removes each access holder."""

    account: str
    label: str
    round: str
    """The round's first day (ISO date): unique with the account, so a round starts once."""
    owner: str
    holders: list[str]
    started_at: datetime
    due_at: datetime
    decisions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Person -> {"keep": bool, "by": who, "at": ISO time}."""
    completed_at: datetime | None = None
    escalated_at: datetime | None = None
    card: Shown = field(default_factory=Shown)
    id: int | None = None

    @property
    def undecided(self) -> list[str]:
        return [person for person in self.holders if person not in self.decisions]
