"""Domain objects for the database tests, at fixed UTC times."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crisis.model import Crisis, Page, PageLevel, RoleAssignment

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def a_crisis(**changes: object) -> Crisis:
    values: dict = dict(title="Baggage meltdown", severity="SEV2", kind="service", opened_by="U0OPENER",
                        opened_at=T0, description="Bags lost at LHR", link="https://example.com/t/1",
                        roles=[RoleAssignment("lead", "U0LEAD", "U0LEADB"), RoleAssignment("comms", "U0COMMS"),
                               RoleAssignment("legal", None)])
    values.update(changes)
    return Crisis(**values)


def a_page(crisis_id: int, **changes: object) -> Page:
    values: dict = dict(crisis_id=crisis_id, role="comms", user_id="U0COMMS", level=PageLevel.PRIMARY, created_at=T0,
                        escalate_at=T0 + timedelta(minutes=15), deliver_at=T0 + timedelta(minutes=2))
    values.update(changes)
    return Page(**values)
