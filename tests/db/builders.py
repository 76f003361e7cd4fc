"""Domain objects for the database tests, at fixed UTC times."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crisis.model import Crisis, Page, PageLevel, RoleAssignment
from crisis.monitor.mentions import Mention
from crisis.monitor.watch import SpikeAlert

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


def a_mention(source_id: str, **changes: object) -> Mention:
    values: dict = dict(source="mastodon", source_id=source_id, author="@ann", text=f"my bag is lost ({source_id})",
                        url=f"https://m.example/{source_id}", created_at=T0, language="en", term="acme",
                        feed="mastodon-search", compound=-0.6, label="negative")
    values.update(changes)
    return Mention(**values)


def an_alert(**changes: object) -> SpikeAlert:
    values: dict = dict(term="acme", kind="volume", level=1, started_at=T0, bucket_start=T0, observed=40.0,
                        baseline=8.0, band_low=2.0, band_high=15.0, ratio=5.0, is_update=False, spam=False,
                        created_at=T0 + timedelta(minutes=5), mentions=40, negative_share=0.7, reputation=3)
    values.update(changes)
    return SpikeAlert(**values)
