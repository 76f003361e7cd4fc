"""ORM row of a post in crisisbot's own queue: once per key, its state and the publish's claim and outcome."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class QueuedPostRow(Base):
    __tablename__ = "queued_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    target: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    post_at: Mapped[datetime]
    created_by: Mapped[str]
    created_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(index=True)
    publish_attempts: Mapped[int]
    publish_due_at: Mapped[datetime | None] = mapped_column(index=True)
    published_ref: Mapped[str] = mapped_column(Text)
    publish_error: Mapped[str] = mapped_column(Text)
