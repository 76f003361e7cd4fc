"""The post removers against their platform fakes (Mastodon, Bluesky, Facebook Page, X): a post's link recognised, the
brand's own post read and archived, someone else's or a gone one refused, the delete sent once; 401/403, 429 with
Retry-After and 5xx become one short PublishFailed with nothing removed; a delete whose answer was lost is found
gone on the retry, never removed twice."""
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from crisis.errors import PlanError, PublishFailed
from crisis.ports import Ports
from crisis.takedowns import services
from crisis.takedowns.model import TakedownState
from crisis.takedowns.ports import PostUnavailable
from publishers.bluesky_posts import BlueskyPosts
from publishers.facebook_posts import FacebookPosts
from publishers.mastodon_posts import MastodonPosts
from publishers.registry import build_removers
from publishers.x_posts import XPosts
from sources.http import HttpClient
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase
from tests.crisis.plans import make_plan
from tests.crisis.rooms import open_one
from tests.publishers.conftest import per_platform

FAST = HttpClient(timeout=0.5)
RKEYS = iter(f"3m{n:011d}" for n in range(100))


@dataclass
class Platform:
    name: str
    delete_route: str
    build: Callable[[Any], Any]
    own: Callable[[Any], str]
    """Puts a post of the brand's account on the fake; returns its link."""
    other: Callable[[Any], str]
    gone: Callable[[Any], str]
    there: Callable[[Any], bool]
    """Whether the brand's post is still on the fake."""
    other_name: str = "jane"
    """How a refusal names the other account."""


def _bluesky_post(fake, text="Our new ad, enjoy!"):
    rkey = next(RKEYS)
    fake.posts[rkey] = {"uri": f"at://{fake.did}/app.bsky.feed.post/{rkey}", "cid": "bafyreiexample",
                        "value": {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-12-05T09:00:00.000Z"}}
    return rkey


PLATFORMS = {
    "mastodon": Platform(
        "Mastodon", "DELETE /api/v1/statuses/", lambda f: MastodonPosts(f.url, f.token, FAST),
        lambda f: f.add_status("Our new ad, enjoy!")["url"], lambda f: f.add_status("My post", acct="jane")["url"],
        lambda f: f"{f.url}/@acme/999", lambda f: bool(f.statuses)),
    "bluesky": Platform(
        "Bluesky", "POST /xrpc/com.atproto.repo.deleteRecord", lambda f: BlueskyPosts(f.handle, f.token, f.url, FAST),
        lambda f: f"https://bsky.app/profile/{f.handle}/post/{_bluesky_post(f)}",
        lambda f: "https://bsky.app/profile/jane.example.com/post/3m22222222222",
        lambda f: f"https://bsky.app/profile/{f.handle}/post/3m99999999999", lambda f: bool(f.posts)),
    "facebook": Platform(
        "Facebook", "DELETE /v23.0/", lambda f: FacebookPosts(f.page_id, f.token, f.url, f.version, FAST),
        lambda f: f"https://www.facebook.com/{f.add_post('Our new ad, enjoy!')['id']}",
        lambda f: f"https://www.facebook.com/{f.add_post('Their post', page='999', name='Jane')['id']}",
        lambda f: f"https://www.facebook.com/{f.page_id}_404", lambda f: any(p["from"]["id"] == f.page_id
                                                                              for p in f.posts)),
    "x_api": Platform(
        "X", "DELETE /2/tweets/", lambda f: XPosts(f.token, f.url, FAST),
        lambda f: f"https://x.com/acme/status/{f.add_post('Our new ad, enjoy!')['id']}",
        lambda f: f"https://twitter.com/jane/status/{f.add_post('Their post', author_id='999')['id']}",
        lambda f: "https://x.com/acme/status/404", lambda f: any(p.get("author_id") == f.user_id for p in f.posts),
        other_name="999"),
}


platform = per_platform(PLATFORMS)


def test_the_brands_post_is_read_with_its_author_time_and_counts_then_removed_once(platform):
    kind, fake, posts = platform
    post_id = posts.recognise(kind.own(fake))
    copy = posts.fetch(post_id)
    assert copy.text == "Our new ad, enjoy!" and copy.posted_at.isoformat() == "2026-12-05T09:00:00+00:00"
    assert copy.author and copy.url.startswith("http")
    if kind.name != "Bluesky":  # getRecord carries no counts
        assert copy.metrics and all(isinstance(v, int) for v in copy.metrics.values())
    assert posts.remove(post_id) is True and not kind.there(fake)
    assert posts.remove(post_id) is False  # gone: the second removal removes nothing


def test_links_elsewhere_are_not_recognised(platform):
    _, _, posts = platform
    for url in ("https://example.com/@acme/1", "https://x.com/acme", "https://bsky.app/profile/acme",
                "https://social.example.com/posts/1"):
        assert posts.recognise(url) is None


def test_a_gone_post_and_someone_elses_are_refused_before_anything_is_removed(platform):
    kind, fake, posts = platform
    with pytest.raises(PostUnavailable) as gone:
        posts.fetch(posts.recognise(kind.gone(fake)))
    assert gone.value.why == "gone"
    with pytest.raises(PostUnavailable) as other:
        posts.fetch(posts.recognise(kind.other(fake)))
    assert other.value.why == "not_ours" and kind.other_name in other.value.detail.lower()
    assert not fake.routes("DELETE") and kind.delete_route not in {f"POST {r}" for r in fake.routes()}


@pytest.mark.parametrize(("status", "headers", "permanent", "wait"), [
    (401, {}, True, None), (403, {}, True, None), (429, {"Retry_After": "120"}, False, 120.0), (500, {}, False, None),
    (503, {}, False, None),
])
def test_refusals_rate_limits_and_server_errors_are_short_failures_and_the_post_stays(platform, status, headers,
                                                                                      permanent, wait):
    kind, fake, posts = platform
    post_id = posts.recognise(kind.own(fake))
    fake.fail(kind.delete_route, status, **headers)
    with pytest.raises(PublishFailed, match=f"^{kind.name} answered {status}") as caught:
        posts.remove(post_id)
    assert (caught.value.permanent, caught.value.retry_after) == (permanent, wait)
    assert fake.token not in caught.value.reason and len(caught.value.reason) < 200
    assert kind.there(fake)


def test_an_answer_lost_after_the_delete_landed_is_found_gone_on_the_retry(platform):
    kind, fake, posts = platform
    post_id = posts.recognise(kind.own(fake))
    fake.lose_answer(kind.delete_route)
    with pytest.raises(PublishFailed) as lost:
        posts.remove(post_id)
    assert not lost.value.permanent and lost.value.retry_after is None
    assert not kind.there(fake)
    assert posts.remove(post_id) is False


def test_the_plans_mastodon_bluesky_facebook_and_x_accounts_get_removers_and_linkedin_does_not():
    plan = make_plan(statements={"targets": {
        "mastodon": {"publisher": {"type": "mastodon", "instance": "https://social.example/", "token_env": "M"}},
        "bluesky": {"publisher": {"type": "bluesky", "handle": "acme.bsky.social", "token_env": "B"}},
        "facebook": {"publisher": {"type": "facebook", "page_id": "104857600", "token_env": "F"}},
        "x": {"publisher": {"type": "x", "token_env": "X"}},
        "linkedin": {"publisher": {"type": "linkedin", "organization": "5515715", "token_env": "L"}}}})
    removers = build_removers(plan, {"M": "m", "B": "b", "F": "f", "X": "x", "L": "l"})
    assert {target: (label, type(remover)) for target, (label, remover) in removers.items()} == {
        "mastodon": ("Mastodon social.example", MastodonPosts), "bluesky": ("Bluesky @acme.bsky.social", BlueskyPosts),
        "facebook": ("Facebook Page 104857600", FacebookPosts), "x": ("X", XPosts)}
    with pytest.raises(PlanError, match="statements.targets.mastodon.publisher.token_env"):
        build_removers(plan, {"B": "b", "F": "f", "X": "x", "L": "l"})


def test_through_the_use_case_a_delete_whose_answer_was_lost_is_retried_and_counted_once(mastodon):
    clock, chat, db = FakeClock(), FakeChat(), FakeDatabase()
    ports = Ports(plan=make_plan(), uow=db, chat=chat, clock=clock,
                  removers={"mastodon": ("Mastodon", MastodonPosts(mastodon.url, mastodon.token, FAST))})
    crisis = open_one(ports)
    url = mastodon.add_status("Our new ad, enjoy!")["url"]
    takedown = services.request_takedown(crisis.channel_id, url, user="USOCIAL", request_key="ask", ports=ports)
    mastodon.lose_answer("DELETE /api/v1/statuses/")
    services.decide(takedown.id, approve=True, user="UCOMMS", request_key="a1", ports=ports)
    services.decide(takedown.id, approve=True, user="ULEGAL", request_key="a2", ports=ports)
    assert not mastodon.statuses  # the delete landed; its answer did not
    clock.advance(seconds=10)
    services.tick(ports=ports)
    with ports.uow() as uow:
        kept = uow.takedowns.get(takedown.id)
    assert (kept.state, kept.remove_attempts, kept.copy.text) == (TakedownState.TAKEN_DOWN, 2, "Our new ad, enjoy!")
    assert mastodon.routes("DELETE") == [f"/api/v1/statuses/{takedown.post_id}"] * 2
    assert [c[2] for c in chat.named("post")][-2:] == ["takedown.retrying_notice", "takedown.taken_down_notice"]
