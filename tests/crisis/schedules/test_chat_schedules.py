"""Scheduled messages in the plan's brand channels (the chat's own scheduler): paused at open, each stored before it
is deleted, retried when a deletion fails, and resumed, rescheduled or discarded at close."""
import threading
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised
from crisis.events import EventKind
from crisis.room import services as room_services
from crisis.room.rules import SET_UP_LEASE
from crisis.schedules import services as schedules
from crisis.statements.ports import ScheduledPost
from tests.crisis.fakes import FakeChat
from tests.crisis.fakes.outside import T0
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, kinds, open_one

LATER = T0 + timedelta(hours=5)


@pytest.fixture
def plan():
    return make_plan(statements={"brand_channels": ["#brand", "#brand-eu"]})


@pytest.fixture
def chat(chat):
    chat.scheduled["CBRAND"] = [ScheduledPost("Q1", "CBRAND", "Black Friday deals!", LATER),
                                ScheduledPost("Q2", "CBRAND", "Our new ad", LATER + timedelta(hours=1))]
    return chat


# --- paused brand posts ------------------------------------------------------------------------------

def paused(ports, crisis):
    with ports.uow() as uow:
        return uow.paused_posts.for_crisis(crisis.id)


def test_opening_pauses_scheduled_brand_posts_keeping_each_before_deleting_it(ports, chat):
    crisis = open_one(ports)
    posts = paused(ports, crisis)
    assert [(p.scheduled_id, p.text, p.post_at, p.deleted, p.outcome) for p in posts] == [
        ("Q1", "Black Friday deals!", LATER, True, ""), ("Q2", "Our new ad", LATER + timedelta(hours=1), True, "")]
    assert chat.scheduled["CBRAND"] == []
    assert sorted(c[2] for c in chat.named("delete_scheduled")) == ["Q1", "Q2"]
    assert EventKind.POSTS_PAUSED in kinds(ports, crisis)
    assert chat.named("update_card")[-1][5].paused_posts == 2


def test_a_post_that_could_not_be_unscheduled_is_kept_and_paused_again_later(ports, chat, clock):
    chat.fail["delete_scheduled"] = ["internal_error"]
    crisis = open_one(ports)
    assert [(p.scheduled_id, p.deleted) for p in paused(ports, crisis)] == [("Q1", False), ("Q2", True)]
    assert paused(ports, crisis)[0].remove_failure == "internal_error"
    assert schedules.removal_tick(ports=ports) == 0  # not due yet
    clock.advance(seconds=11)
    assert schedules.removal_tick(ports=ports) == 1
    assert [(p.scheduled_id, p.deleted) for p in paused(ports, crisis)] == [("Q1", True), ("Q2", True)]


def test_closing_offers_the_paused_posts_to_the_lead_who_resumes_or_discards_each_once(ports, chat, clock):
    crisis = open_one(ports)
    first, second = paused(ports, crisis)
    with pytest.raises(IllegalTransition):
        schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports)  # the crisis is still open
    close(ports, crisis)
    assert chat.named("offer_paused_posts") == [("offer_paused_posts", "ULEAD", crisis.id, (first.id, second.id))]
    with pytest.raises(NotAuthorised):
        schedules.decide_paused_post(first.id, True, user="ULEGAL", ports=ports)
    resumed = schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports)
    assert (resumed.outcome, resumed.new_post_at, resumed.decided_by) == ("resumed", LATER, "ULEAD")
    assert chat.named("schedule") == [("schedule", "CBRAND", "Black Friday deals!", LATER)]
    with pytest.raises(IllegalTransition):
        schedules.decide_paused_post(first.id, False, user="ULEAD", ports=ports)
    assert schedules.decide_paused_post(second.id, False, user="ULEAD", ports=ports).outcome == "discarded"
    assert kinds(ports, crisis)[-2:] == [EventKind.POST_RESUMED, EventKind.POST_DISCARDED]
    assert len(chat.named("schedule")) == 1


def test_a_post_whose_time_passed_resumes_only_at_a_new_time(ports, chat, clock):
    crisis = open_one(ports)
    close(ports, crisis)
    post = paused(ports, crisis)[0]
    clock.current = LATER + timedelta(minutes=1)
    with pytest.raises(BadInput):
        schedules.decide_paused_post(post.id, True, user="ULEAD", ports=ports)
    assert chat.named("schedule") == []
    when = datetime(2026, 11, 26, 9, 0, tzinfo=T0.tzinfo)
    assert schedules.decide_paused_post(post.id, True, user="ULEAD", ports=ports, new_time=when).new_post_at == when
    assert chat.named("schedule")[0][3] == when


def test_nothing_is_offered_at_close_when_nothing_was_paused(ports, chat):
    chat.scheduled.clear()
    close(ports, open_one(ports))
    assert chat.named("offer_paused_posts") == []


def card_shows(chat):
    """The facts on the card as people see it now: those of its last post or update."""
    return [c for c in chat.calls if c[0] in ("post_card", "update_card")][-1][-1]


def test_posts_paused_before_the_card_exists_are_counted_when_it_is_posted(ports, chat, clock):
    chat.fail["post_card"] = ["internal_error"]  # the posts are paused at open, the card comes with the next tick
    crisis = open_one(ports)
    assert chat.scheduled["CBRAND"] == [] and not chat.named("post_card")
    clock.advance(seconds=SET_UP_LEASE.total_seconds() + 60)
    assert room_services.tick(ports=ports).rooms_finished == 1
    assert card_shows(chat).paused_posts == 2
    assert len(paused(ports, crisis)) == 2


class CardAfterPausing(FakeChat):
    """Posts the card only once every brand post is off the schedule (the order that used to lose the count)."""

    def __init__(self) -> None:
        super().__init__()
        self.unscheduled = threading.Event()

    def delete_scheduled(self, channel_id: str, scheduled_id: str) -> None:
        super().delete_scheduled(channel_id, scheduled_id)
        if not self.scheduled[channel_id]:
            self.unscheduled.set()

    def post_card(self, crisis, plan, facts):
        assert self.unscheduled.wait(timeout=10)
        return super().post_card(crisis, plan, facts)


def test_the_card_counts_posts_paused_while_it_was_being_posted(ports):
    chat = CardAfterPausing()
    chat.scheduled["CBRAND"] = [ScheduledPost("Q1", "CBRAND", "Black Friday deals!", LATER)]
    ports = replace(ports, chat=chat)
    open_one(ports)
    assert card_shows(chat).paused_posts == 1
