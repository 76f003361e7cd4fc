"""The Teams adapter's conversation references in the database (teams.conversations.ConversationStore)."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db.teams.rows import TeamsConversationRow


class SqlConversations:
    """Each call in a short transaction of its own: a reference is written when learned, read when sending."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, key: str) -> tuple[str, str, str] | None:
        with Session(self.engine) as session:
            row = session.get(TeamsConversationRow, key)
            return (row.conversation_id, row.service_url, row.kind) if row else None

    def put(self, key: str, conversation_id: str, service_url: str, kind: str) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(TeamsConversationRow, key, with_for_update=True)
            if row is None:
                session.add(TeamsConversationRow(key=key, conversation_id=conversation_id, service_url=service_url,
                                                 kind=kind, updated_at=datetime.now(UTC)))
            elif (row.conversation_id, row.service_url, row.kind) != (conversation_id, service_url, kind):
                row.conversation_id, row.service_url, row.kind = conversation_id, service_url, kind
                row.updated_at = datetime.now(UTC)
