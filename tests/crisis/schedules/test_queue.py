"""crisisbot's own queue: `/crisis schedule` and a content calendar queue posts once, in the team's time zone; the
tick publishes them through the target's publishers when due, never while a crisis is open; at open they are
paused like any scheduler's and at close resumed (back in the queue) or discarded."""
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crisis.errors import BadInput, NotAuthorised, PublishFailed
from crisis.room import drills
from crisis.schedules import queue
from crisis.schedules import services as schedules
from crisis.schedules.queue import CARRIER_IDS
from tests.crisis.fakes.outside import T0, FakePublisher
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, open_one

WHEN = "2026-11-25 14:30"  # Amsterdam: 13:30 UTC
AT = datetime(2026, 11, 25, 13, 30, tzinfo=UTC)


@pytest.fixture
def plan():
    return make_plan(timezone="Europe/Amsterdam")


@pytest.fixture
def publishers():
    return {"mastodon": [("Mastodon", FakePublisher("mastodon"))]}


def mastodon(ports) -> FakePublisher:
    return ports.publishers["mastodon"][0][1]


def queued(ports):
    with ports.uow() as uow:
        return uow.queued_posts.queued()


def test_schedule_queues_a_post_once_at_the_teams_time(ports):
    post = queue.schedule_post("mastodon", WHEN, "  Winter sale starts!  ", user="UCOMMS", request_key="c1",
                               ports=ports)
    again = queue.schedule_post("mastodon", WHEN, "Winter sale starts!", user="UCOMMS", request_key="c1", ports=ports)
    assert (post.target, post.text, post.post_at, post.state) == ("mastodon", "Winter sale starts!", AT, "queued")
    assert again.id == post.id and len(queued(ports)) == 1


def test_the_schedule_command_reads_target_day_time_and_text_and_says_when_it_goes_out(ports):
    told = queue.schedule_command(f"mastodon {WHEN} Winter sale starts!", user="UCOMMS", request_key="c1", ports=ports)
    assert told.key == "schedule.queued" and told.params["at"].at == AT
    assert [(p.target, p.text, p.post_at) for p in queued(ports)] == [("mastodon", "Winter sale starts!", AT)]
    with pytest.raises(BadInput) as refused:
        queue.schedule_command("mastodon 2026-11-25", user="UCOMMS", request_key="c2", ports=ports)
    assert (refused.value.key, refused.value.params["zone"]) == ("error.schedule_usage", "Europe/Amsterdam")


@pytest.mark.parametrize(("target", "when", "text", "key"), [
    ("tiktok", WHEN, "hi", "error.schedule_unknown_target"),
    ("mastodon", "tomorrow", "hi", "error.schedule_usage"),
    ("mastodon", "2026-11-25 09:00", "hi", "error.schedule_in_past"),
    ("mastodon", WHEN, "   ", "error.schedule_text"),
    ("mastodon", WHEN, "x" * 501, "error.schedule_text"),  # Mastodon's limit
])
def test_bad_schedules_are_refused_saying_what_to_type(ports, target, when, text, key):
    with pytest.raises(BadInput) as refused:
        queue.schedule_post(target, when, text, user="UCOMMS", request_key="c1", ports=ports)
    assert refused.value.key == key and queued(ports) == []


def test_only_the_crisis_team_queues_posts(ports):
    with pytest.raises(NotAuthorised):
        queue.schedule_post("mastodon", WHEN, "hi", user="USTRANGER", request_key="c1", ports=ports)


def test_a_calendar_imported_twice_queues_each_row_once_and_says_which_rows_were_refused(ports):
    rows = [{"target": "mastodon", "date": "2026-11-25", "time": "14:30", "text": "Winter sale"},
            {"target": "mastodon", "date": "2026-11-26", "time": "09:00", "text": "Day two"},
            {"target": "nowhere", "date": "2026-11-26", "time": "09:00", "text": "?"},
            {"target": "mastodon", "date": "2026-11-26", "time": "", "text": "no time"}]
    first = queue.import_calendar(rows, user="operator", ports=ports)
    assert (first.added, first.known, [line for line, _ in first.refused]) == (2, 0, [4, 5])
    assert "nowhere" in first.refused[0][1]
    again = queue.import_calendar(rows, user="operator", ports=ports)
    assert (again.added, again.known) == (0, 2)
    assert [p.text for p in queued(ports)] == ["Winter sale", "Day two"]


def test_due_posts_are_published_once_through_the_targets_publishers(ports, clock):
    post = queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=ports)
    assert queue.publish_tick(ports=ports) == 0  # not yet
    clock.current = AT
    assert queue.publish_tick(ports=ports) == 1
    assert queue.publish_tick(ports=ports) == 0
    assert mastodon(ports).published == [(CARRIER_IDS + post.id, "Winter sale")]
    with ports.uow() as uow:
        stored = uow.queued_posts.get(post.id)
    assert (stored.state, stored.published_ref) == ("published", "Mastodon=https://mastodon.example/1")


def test_a_failed_publish_is_retried_and_a_refusal_is_final(ports, clock):
    post = queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=ports)
    mastodon(ports).fail = [PublishFailed("Mastodon answered 503"),
                            PublishFailed("Mastodon answered 401 (check the token)", permanent=True)]
    clock.current = AT
    assert queue.publish_tick(ports=ports) == 0
    clock.advance(seconds=11)
    queue.publish_tick(ports=ports)
    with ports.uow() as uow:
        stored = uow.queued_posts.get(post.id)
    assert (stored.state, stored.publish_attempts, "401" in stored.publish_error) == ("failed", 2, True)
    assert mastodon(ports).published == []


def test_nothing_queued_goes_out_while_a_crisis_is_open_and_open_pauses_the_queue(ports, clock):
    post = queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=ports)
    crisis = open_one(ports)
    with ports.uow() as uow:
        [paused] = uow.paused_posts.for_crisis(crisis.id)
        assert uow.queued_posts.get(post.id).state == "paused"
    assert (paused.source, paused.scheduled_id, paused.deleted) == ("queue", str(post.id), True)
    later = queue.schedule_post("mastodon", "2026-11-25 15:00", "During the crisis", user="UCOMMS",
                                request_key="c2", ports=ports)
    clock.current = AT + timedelta(hours=1)
    assert queue.publish_tick(ports=ports) == 0  # held while the crisis is open
    close(ports, crisis)
    assert queue.publish_tick(ports=ports) == 1  # the one queued during the crisis (its time has come)
    assert mastodon(ports).published == [(CARRIER_IDS + later.id, "During the crisis")]
    when = AT + timedelta(days=1)
    schedules.decide_paused_post(paused.id, True, user="ULEAD", ports=ports, new_time=when)
    assert [(p.id, p.post_at) for p in queued(ports)] == [(post.id, when)]
    clock.current = when
    assert queue.publish_tick(ports=ports) == 1
    assert mastodon(ports).published[-1] == (CARRIER_IDS + post.id, "Winter sale")


def test_a_discarded_queued_post_never_goes_out(ports, clock):
    queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=ports)
    crisis = open_one(ports)
    close(ports, crisis)
    with ports.uow() as uow:
        [paused] = uow.paused_posts.for_crisis(crisis.id)
    schedules.decide_paused_post(paused.id, False, user="ULEAD", ports=ports)
    clock.current = AT
    assert queue.publish_tick(ports=ports) == 0 and mastodon(ports).published == []


def test_a_drill_neither_pauses_nor_holds_the_queue(ports, clock):
    queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=ports)
    drills.start_drill("", actor="UOPENER", request_key="command:T1", ports=ports)
    assert len(queued(ports)) == 1
    clock.current = AT
    assert queue.publish_tick(ports=ports) == 1


def test_the_queue_is_published_with_ids_apart_from_every_statement(ports):
    post = replace(queue.schedule_post("mastodon", WHEN, "x", user="UCOMMS", request_key="c1", ports=ports))
    carrier = queue.carrier(post)
    assert carrier.id == CARRIER_IDS + post.id and carrier.current.text == "x" and T0 < AT


class OpensACrisis(FakePublisher):
    """A second publisher of the target: a crisis opens while it is at the platform (then it fails or not)."""

    def __init__(self) -> None:
        super().__init__("bluesky")
        self.ports, self.opened = None, None

    def publish(self, statement, text):
        if self.opened is None:
            self.opened = open_one(self.ports)
        return super().publish(statement, text)


@pytest.fixture
def opens_a_crisis():
    return OpensACrisis()


@pytest.fixture
def racing(ports, opens_a_crisis):
    opens_a_crisis.ports = ports
    return replace(ports, publishers={"mastodon": [("Bluesky", opens_a_crisis), ("Mastodon", FakePublisher())]})


def test_a_post_being_published_when_a_crisis_opens_is_paused_once_that_fails_and_a_discard_keeps_it_off(
        racing, opens_a_crisis, clock):
    post = queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=racing)
    opens_a_crisis.fail = [PublishFailed("Bluesky answered 503")]
    clock.current = AT
    assert queue.publish_tick(ports=racing) == 0  # the open's removal waits for this publish, which fails
    crisis = opens_a_crisis.opened
    clock.advance(minutes=10)  # the publish's lease is over
    assert schedules.removal_tick(ports=racing) == 1
    with racing.uow() as uow:
        [paused] = uow.paused_posts.for_crisis(crisis.id)
        assert (uow.queued_posts.get(post.id).state, paused.deleted) == ("paused", True)
    close(racing, crisis)
    schedules.decide_paused_post(paused.id, False, user="ULEAD", ports=racing)
    clock.advance(hours=2)
    assert queue.publish_tick(ports=racing) == 0 and opens_a_crisis.published == []


def test_a_crisis_opened_mid_publish_stops_the_next_publisher_and_what_went_out_is_not_offered_as_paused(
        racing, opens_a_crisis, chat, clock):
    post = queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=racing)
    clock.current = AT
    queue.publish_tick(ports=racing)  # out on Bluesky as the crisis opens; Mastodon is not called
    crisis = opens_a_crisis.opened
    assert racing.publishers["mastodon"][1][1].published == []
    clock.advance(minutes=10)  # the publish's lease is over
    schedules.removal_tick(ports=racing)
    with racing.uow() as uow:
        [paused] = uow.paused_posts.for_crisis(crisis.id)
        assert (uow.queued_posts.get(post.id).state, paused.deleted) == ("paused", True)
    close(racing, crisis)
    assert [list(ids) for *_, ids in chat.named("offer_paused_posts")] == [[paused.id]]


def test_a_post_that_went_out_as_the_crisis_opened_is_recorded_so_and_not_offered(racing, opens_a_crisis, chat,
                                                                                   clock):
    racing = replace(racing, publishers={"mastodon": [("Bluesky", opens_a_crisis)]})
    opens_a_crisis.ports = racing
    queue.schedule_post("mastodon", WHEN, "Winter sale", user="UCOMMS", request_key="c1", ports=racing)
    clock.current = AT
    assert queue.publish_tick(ports=racing) == 1
    crisis = opens_a_crisis.opened
    clock.advance(minutes=10)  # the publish's lease is over
    schedules.removal_tick(ports=racing)
    with racing.uow() as uow:
        [paused] = uow.paused_posts.for_crisis(crisis.id)
    assert (paused.deleted, paused.outcome) == (False, "published")
    close(racing, crisis)
    assert chat.named("offer_paused_posts") == []
