"""The close offer of paused posts: every post gets its buttons, however many were paused."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.i18n import render
from crisis.schedules import services as schedules
from crisis.schedules.model import PlannedPost
from crisis.statements.views import OFFERED_POSTS, paused_posts_offer
from crisis.views import Buttons
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.rooms import close, open_one

SLACK_BLOCKS = 50


@pytest.fixture
def ports(ports):
    posts = [PlannedPost(str(100 + i), f"Promo {i}", T0 + timedelta(days=2, hours=i), (f"https://m.example/{i}.png",))
             for i in range(2 * OFFERED_POSTS + 3)]
    return replace(ports, schedulers={"mastodon": ("Mastodon social.example", FakeScheduler(*posts))})


def test_every_paused_post_gets_its_buttons_in_messages_slack_can_take(ports, chat):
    crisis = open_one(ports)
    close(ports, crisis)
    [(_, _, _, ids)] = chat.named("offer_paused_posts")
    with ports.uow() as uow:
        posts = [p for p in uow.paused_posts.for_crisis(crisis.id) if p.id in ids]
    cards = paused_posts_offer(crisis, posts)
    offered = [b.group for card in cards for b in card.parts if isinstance(b, Buttons)]
    assert len(ids) == 33 and offered == [f"paused-{i}" for i in ids]
    assert [len(card.parts) <= SLACK_BLOCKS for card in cards] == [True, True, True]
    assert render(cards[0].summary).startswith(f"The crisis *{crisis.title}* is closed. 33 scheduled")
    assert render(cards[2].summary) == f"Paused brand posts of *{crisis.title}*, 31–33 of 33: resume or discard each."


def test_a_resumed_post_goes_back_with_the_settings_its_provider_gave_it(ports):
    options = '{"spoiler_text": "Spoilers", "visibility": "private"}'
    mastodon = FakeScheduler(PlannedPost("7", "Members-only preview", T0 + timedelta(days=2), options_json=options))
    ports = replace(ports, schedulers={"mastodon": ("Mastodon social.example", mastodon)})
    crisis = open_one(ports)
    close(ports, crisis)
    with ports.uow() as uow:
        [post] = uow.paused_posts.for_crisis(crisis.id)
    assert post.options_json == options
    schedules.decide_paused_post(post.id, True, user=crisis.opened_by, ports=ports)
    assert [(p.text, p.options_json) for p in mastodon.posts] == [("Members-only preview", options)]
