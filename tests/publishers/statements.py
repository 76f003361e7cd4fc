"""Stored statements for the publisher tests."""
from __future__ import annotations

from datetime import UTC, datetime

from crisis.statements.model import Statement, StatementState, StatementVersion

AT = datetime(2025, 11, 25, 21, 0, tzinfo=UTC)


def approved(text: str = "We are sorry.", statement_id: int = 7, target: str = "mastodon",
             attempts: int = 1) -> Statement:
    """An approved statement as a publisher sees it: claimed `attempts` times (2 or more: a retry)."""
    return Statement(crisis_id=1, target=target, author="UCOMMS", created_at=AT,
                     versions=[StatementVersion(1, text, "UCOMMS", AT)], state=StatementState.APPROVED,
                     publish_attempts=attempts, id=statement_id)


def revised(statement: Statement, text: str) -> Statement:
    number = statement.current.number + 1
    statement.versions.append(StatementVersion(number, text, "UCOMMS", AT))
    return statement
