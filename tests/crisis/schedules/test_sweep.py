"""Brand posts scheduled after the crisis opened: the room's tick pauses them too, every few minutes, and tells the
room once per post."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import PublishFailed
from crisis.events import EventKind
from crisis.room import services as room_services
from crisis.schedules.model import PlannedPost
from crisis.schedules.sweep import SWEEP_EVERY
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.rooms import close, kinds, open_one

LATER = T0 + timedelta(days=1)


@pytest.fixture
def mastodon():
    return FakeScheduler(PlannedPost("100", "Winter menu", LATER))


@pytest.fixture
def ports(ports, mastodon):
    return replace(ports, schedulers={"mastodon": ("Mastodon social.example", mastodon)})


def ticks(ports, clock, minutes: int) -> None:
    for _ in range(minutes * 12):
        clock.advance(seconds=5)
        room_services.tick(ports=ports)


def notices(chat) -> list[str]:
    return [c[3] for c in chat.named("post") if c[2] == "schedule.paused_later"]


def test_a_post_scheduled_after_the_open_is_paused_by_the_tick_and_the_room_told_once(ports, clock, chat, mastodon):
    crisis = open_one(ports)
    mastodon.posts.append(PlannedPost("999", "Flash sale tonight!", LATER))
    ticks(ports, clock, 6)
    assert mastodon.posts == []
    with ports.uow() as uow:
        assert [p.scheduled_id for p in uow.paused_posts.for_crisis(crisis.id)] == ["100", "999"]
    [told] = notices(chat)
    assert "1 brand post(s) scheduled since the crisis opened were paused" in told and "Flash sale tonight!" in told
    ticks(ports, clock, 6)
    assert len(notices(chat)) == 1
    close(ports, crisis)
    [(_, _, _, offered)] = chat.named("offer_paused_posts")
    assert len(offered) == 2


def test_the_schedules_are_read_every_few_minutes_not_every_tick(ports, clock, mastodon):
    open_one(ports)
    reads = len(mastodon.named("planned"))
    ticks(ports, clock, 30)
    assert len(mastodon.named("planned")) - reads == 30 // int(SWEEP_EVERY.total_seconds() // 60)


def test_an_unreadable_schedule_is_read_again_at_the_next_sweep_and_only_logged(ports, clock, mastodon):
    crisis = open_one(ports)
    mastodon.fail["planned"] = [PublishFailed("Mastodon answered 503")]
    mastodon.posts.append(PlannedPost("999", "Flash sale tonight!", LATER))
    ticks(ports, clock, 11)
    assert mastodon.posts == []
    assert EventKind.SCHEDULE_UNREAD not in kinds(ports, crisis)  # the sweep tries again; the timeline is the team's


def test_a_closed_crisis_is_swept_no_more(ports, clock, mastodon):
    crisis = open_one(ports)
    mastodon.posts.append(PlannedPost("999", "Flash sale tonight!", LATER))
    ticks(ports, clock, 6)
    assert mastodon.posts == []
    close(ports, crisis)
    mastodon.posts.append(PlannedPost("1000", "Spring menu", LATER))
    reads = len(mastodon.named("planned"))
    ticks(ports, clock, 11)
    assert len(mastodon.named("planned")) == reads and [p.id for p in mastodon.posts] == ["1000"]
