"""Domain objects for the database tests, at fixed UTC times."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from crisis.monitor.mentions import Mention
from crisis.monitor.model import SpikeAlert
from crisis.room.model import Crisis, Page, PageLevel, RoleAssignment
from crisis.statements.model import Approval, Decision, PausedPost, PressInquiry, Statement, StatementVersion

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


def a_version(number: int, **changes: object) -> StatementVersion:
    values: dict = dict(number=number, text=f"We are sorry about the bags (v{number}).", author="U0COMMS",
                        created_at=T0 + timedelta(minutes=10 * number))
    values.update(changes)
    return StatementVersion(**values)


def an_approval(version: int, user: str = "U0LEGAL", decision: Decision = Decision.APPROVE,
                **changes: object) -> Approval:
    values: dict = dict(version=version, role="legal", user=user, decision=decision,
                        at=T0 + timedelta(minutes=10 * version + 5))
    values.update(changes)
    return Approval(**values)


def a_statement(crisis_id: int, **changes: object) -> Statement:
    values: dict = dict(crisis_id=crisis_id, target="twitter", author="U0COMMS", created_at=T0 + timedelta(minutes=10),
                        versions=[a_version(1)])
    values.update(changes)
    return Statement(**values)


def a_paused_post(crisis_id: int, scheduled_id: str = "Q0SCHED1", **changes: object) -> PausedPost:
    values: dict = dict(crisis_id=crisis_id, channel_id="C0BRAND", text="Fly with us this winter!",
                        post_at=T0 + timedelta(hours=3), scheduled_id=scheduled_id, author="U0SOCIAL",
                        blocks_json='[{"type": "section"}]', paused_at=T0 + timedelta(minutes=1))
    values.update(changes)
    return PausedPost(**values)


def an_inquiry(crisis_id: int, **changes: object) -> PressInquiry:
    values: dict = dict(crisis_id=crisis_id, outlet="Daily Planet", contact="lois@planet.example",
                        question="How many bags were lost?", deadline=T0 + timedelta(hours=4), logged_by="U0COMMS",
                        logged_at=T0 + timedelta(minutes=20))
    values.update(changes)
    return PressInquiry(**values)


def a_debrief(crisis_id: int, **changes: object) -> Debrief:
    values: dict = dict(crisis_id=crisis_id, participants=["U0LEAD", "U0COMMS", "U0LEGAL"],
                        invited_at=T0 + timedelta(days=1), deadline=T0 + timedelta(days=4),
                        remind_at=T0 + timedelta(days=3))
    values.update(changes)
    return Debrief(**values)


def a_response(crisis_id: int, user: str = "U0COMMS", **changes: object) -> DebriefResponse:
    values: dict = dict(crisis_id=crisis_id, user=user,
                        answers={"went_well": "Paging was fast", "response_speed": 4, "roles_clear": 5},
                        submitted_at=T0 + timedelta(days=2), updated_at=T0 + timedelta(days=2))
    values.update(changes)
    return DebriefResponse(**values)


def a_follow_up(crisis_id: int, text: str = "Add a baggage FAQ", **changes: object) -> FollowUp:
    values: dict = dict(crisis_id=crisis_id, text=text, owner="U0COMMS", due=T0 + timedelta(days=14),
                        created_by="U0LEAD", created_at=T0 + timedelta(days=2))
    values.update(changes)
    return FollowUp(**values)
