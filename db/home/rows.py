"""ORM row of the Home tab: one per person who opened it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class HomeViewerRow(Base):
    __tablename__ = "home_viewer"

    user: Mapped[str] = mapped_column(primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(index=True)
    check_at: Mapped[datetime] = mapped_column(index=True)
    digest: Mapped[str]
