"""ORM rows of prevention: the admins' account entries, notices sent once, offboardings and access reviews."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class CardColumns:
    """Where a card is shown and whether it must be shown again (crisis.prevention.model.Shown)."""

    card_channel_id: Mapped[str | None]
    card_ref: Mapped[str | None]
    card_due_at: Mapped[datetime | None] = mapped_column(index=True)
    card_attempts: Mapped[int]
    card_changes: Mapped[int]
    card_shown: Mapped[int]


class SocialAccountRow(Base):
    """An account entered in the admin modal; `key` (platform:handle) is unique, so an entry replaces its own."""

    __tablename__ = "social_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    platform: Mapped[str]
    handle: Mapped[str]
    owner: Mapped[str]
    two_factor: Mapped[bool]
    credential: Mapped[str]
    access: Mapped[list[str]]
    updated_by: Mapped[str | None]
    updated_at: Mapped[datetime | None]


class PreventionNoticeRow(Base):
    """A message sent once: the unique key makes a finding (or a reminder) said twice a no-op."""

    __tablename__ = "prevention_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    kind: Mapped[str]
    recipient: Mapped[str]
    params: Mapped[dict[str, Any]]
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int]
    sent_at: Mapped[datetime | None]
    failed: Mapped[str] = mapped_column(Text)


class OffboardingRow(CardColumns, Base):
    """One departure of a person (unique user and departure: their first, second ...): the accounts to revoke, who
    revoked what, the alert's card."""

    __tablename__ = "offboarding"
    __table_args__ = (UniqueConstraint("user", "departure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str]
    departure: Mapped[int]
    email: Mapped[str | None]
    left_at: Mapped[datetime]
    accounts: Mapped[list[str]]
    labels: Mapped[dict[str, Any]]
    revoked: Mapped[dict[str, Any]]
    remind_at: Mapped[datetime | None] = mapped_column(index=True)
    reminders: Mapped[int]


class AccessReviewRow(CardColumns, Base):
    """One account's review in one round (unique account and round): holders, decisions, the owner's card."""

    __tablename__ = "access_review"
    __table_args__ = (UniqueConstraint("account", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str]
    label: Mapped[str]
    round: Mapped[str]
    owner: Mapped[str]
    holders: Mapped[list[str]]
    started_at: Mapped[datetime] = mapped_column(index=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    decisions: Mapped[dict[str, Any]]
    completed_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
