"""Scenarios of practice and of crisisbot's own queue, the same on every platform: a drill opens a room marked DRILL,
pages its people and tells only them; a bad drill type opens nothing; a brand post queued with `schedule` waits
out a crisis (paused at open, given back at close) and goes out when due."""
from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.plan import CrisisPlan

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _wall(plan: CrisisPlan, at) -> str:
    return f"{at.astimezone(plan.zone):%Y-%m-%d %H:%M}"


def test_a_drill_opens_a_room_marked_drill_and_tells_only_its_participants(driver):
    told = driver.command("opener", "drill", in_room=False)
    assert "Drill started in" in told and "nothing goes public" in told
    crisis = driver.crisis()
    assert crisis.drill and crisis.channel_name.startswith("drill-")
    assert "DRILL:" in driver.card()
    page = driver.page_to("comms")
    assert "DRILL:" in page and "Acknowledge" in page.buttons
    assert "Comms lead is acknowledged" in driver.acknowledge_page("comms")
    assert driver.announcements() == [], "the organisation is not alarmed by a practice"
    for who in ("lead", "comms_backup", "legal", "opener"):
        assert any("crisis opened by" in m and "DRILL:" in m for m in driver.dm(who)), f"{who} is told directly"


def test_a_drill_of_an_unknown_type_is_refused_with_the_plans_types_and_opens_nothing(driver):
    told = driver.command("opener", "drill meteor", in_room=False)
    assert "There is no crisis type `meteor` to practise" in told and "outage" in told
    assert driver.crisis() is None


def test_a_queued_brand_post_waits_out_the_crisis_and_goes_out_when_due(driver):
    at = (driver.clock.now() + timedelta(hours=5)).replace(second=0, microsecond=0)
    told = driver.command("social", f"schedule x {_wall(driver.ports.plan, at)} Happy Latte Day!", in_room=False)
    assert "Queued for" in told
    assert "<YYYY-MM-DD HH:MM>" in driver.command("social", "schedule", in_room=False), "the usage, nothing queued"
    driver.open_crisis()
    assert driver.room_says("scheduled brand post(s) paused")
    driver.close("lead", "Done")
    offer = next(m for m in driver.dm("lead") if "Happy Latte Day!" in m and "Resume" in m.buttons)
    driver.click("lead", offer, "Resume")
    with driver.ports.uow() as uow:
        assert [p.outcome for p in uow.paused_posts.for_crisis(1)] == ["resumed"]
        [post] = uow.queued_posts.queued()
    assert (post.text, post.post_at) == ("Happy Latte Day!", at)
    driver.tick(hours=5, minutes=1)
    with driver.ports.uow() as uow:
        post = uow.queued_posts.get(post.id)
    assert post.state == "published" and post.published_ref, "published when due, once the crisis is closed"
