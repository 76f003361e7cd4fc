"""ORM rows of the Teams adapter: the conversation references it needs to message people and rooms proactively."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class TeamsConversationRow(Base):
    """Where the bot reaches a person (their Entra object id: the 1:1 chat) or a crisis room (its conversation id:
    a channel or the group chat made instead), at which Bot Connector service URL, and what kind it is."""

    __tablename__ = "teams_conversation"

    key: Mapped[str] = mapped_column(primary_key=True)
    conversation_id: Mapped[str]
    service_url: Mapped[str]
    kind: Mapped[str]
    """personal, channel, private_channel or group_chat."""
    updated_at: Mapped[datetime]
