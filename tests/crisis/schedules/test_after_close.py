"""Paused posts once their crisis is closed: a removal still pending stops (the post stays scheduled, recorded so),
one under way at the close is offered on its own, and no post is resumed while another crisis is open."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import IllegalTransition, PublishFailed
from crisis.i18n import msg, render
from crisis.schedules import services as schedules
from crisis.schedules.model import PlannedPost
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.rooms import close, open_one

LATER = T0 + timedelta(days=2)


@pytest.fixture
def mastodon():
    return FakeScheduler(PlannedPost("101", "Black Friday deals!", LATER),
                         PlannedPost("102", "Our new ad", LATER + timedelta(hours=1)))


@pytest.fixture
def ports(ports, mastodon):
    return replace(ports, schedulers={"mastodon": ("Mastodon social.example", mastodon)})


def paused(ports, crisis):
    with ports.uow() as uow:
        return {p.scheduled_id: p for p in uow.paused_posts.for_crisis(crisis.id)}


def test_a_removal_still_pending_at_the_close_stops_and_leaves_the_post_scheduled(ports, chat, clock, mastodon):
    mastodon.fail["remove"] = [PublishFailed("Mastodon answered 503")]
    crisis = open_one(ports)
    close(ports, crisis)
    clock.advance(minutes=10)
    assert schedules.removal_tick(ports=ports) == 0
    post = paused(ports, crisis)["101"]
    assert "101" in {p.id for p in mastodon.posts}
    assert (post.deleted, post.remove_due_at, post.remove_failure) == (
        False, None, "the crisis closed before it could be removed, so it was left scheduled")
    assert [list(ids) for *_, ids in chat.named("offer_paused_posts")] == [[paused(ports, crisis)["102"].id]]


def test_a_removal_under_way_at_the_close_offers_its_post_on_its_own(ports, chat, clock, mastodon):
    mastodon.fail["remove"] = [PublishFailed("Mastodon answered 503")]
    crisis = open_one(ports)
    mastodon.before_remove = lambda post_id: close(ports, crisis)  # the close comes while the retry is at Mastodon
    clock.advance(minutes=10)
    assert schedules.removal_tick(ports=ports) == 1
    posts = paused(ports, crisis)
    assert [list(ids) for *_, ids in chat.named("offer_paused_posts")] == [[posts["102"].id], [posts["101"].id]]


def test_a_resume_while_another_crisis_is_open_is_refused_naming_it_and_a_discard_is_not(ports, mastodon):
    first = open_one(ports)
    posts = paused(ports, first)
    second = open_one(ports, key="view:V2")
    close(ports, first)
    with pytest.raises(IllegalTransition) as refused:
        schedules.decide_paused_post(posts["101"].id, True, user="ULEAD", ports=ports)
    assert render(msg(refused.value.key, **refused.value.params)) == (
        f"The crisis *{second.title}* is open now: resume this post once it is closed. You can discard it now.")
    assert mastodon.posts == []
    schedules.decide_paused_post(posts["102"].id, False, user="ULEAD", ports=ports)
    assert paused(ports, first)["102"].outcome == "discarded"
