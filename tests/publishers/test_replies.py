"""The repliers against their platform fakes (Mastodon, X, Facebook Page): anyone's post read with its author, the
reply sent as a reply to it (in_reply_to), once: Mastodon by its Idempotency-Key (and our reply found on a retry once
the key is forgotten), X and Facebook by finding our reply before a retry and after an answer lost on the way;
401/429/5xx become one PublishFailed."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pytest

from crisis.errors import PublishFailed
from crisis.statements.length import count_characters
from crisis.takedowns.ports import PostUnavailable
from publishers.registry import build_repliers
from publishers.bluesky_replies import BlueskyReplies
from publishers.replies import FacebookReplies, MastodonReplies, XReplies
from sources.http import HttpClient
from tests.crisis.plans import make_plan
from tests.publishers.conftest import per_platform

FAST = HttpClient(timeout=0.5)
SINCE = datetime.now(timezone.utc) - timedelta(hours=1)


@dataclass
class Platform:
    name: str
    route: str
    build: Callable[[Any], Any]
    theirs: Callable[[Any], str]
    """Puts a post by @jane on the fake; its link."""
    replies: Callable[[Any], list[tuple[str, str]]]
    """(the post replied to, the text) of each reply on the fake."""
    gone: Callable[[Any], str]


def _x_post(fake):
    fake.usernames["999"] = "jane"
    return f"https://x.com/jane/status/{fake.add_post('Your ad is awful!', author_id='999')['id']}"


def _bluesky_post(fake):
    rkey = fake.add_other("jane.example.com", "Your ad is awful!")["uri"].rpartition("/")[2]
    return f"https://bsky.app/profile/jane.example.com/post/{rkey}"


def _bluesky_replies(fake):
    handles = {did: handle for handle, did in fake.known.items()}
    found = []
    for post in fake.posts.values():
        parent = post["value"].get("reply", {}).get("parent", {}).get("uri", "")
        did, _, rkey = parent.removeprefix("at://").partition("/app.bsky.feed.post/")
        found.append((f"{handles.get(did, did)}/{rkey}", post["value"]["text"]))
    return found


PLATFORMS = {
    "mastodon": Platform(
        "Mastodon", "POST /api/v1/statuses", lambda f: MastodonReplies(f.url, f.token, FAST),
        lambda f: f.add_status("Your ad is awful!", acct="jane")["url"],
        lambda f: [(s["in_reply_to_id"], s["content"]) for s in f.statuses if s.get("in_reply_to_id")],
        lambda f: f"{f.url}/@jane/999"),
    "x_api": Platform(
        "X", "POST /2/tweets", lambda f: XReplies(f.token, f.url, FAST), _x_post,
        lambda f: [(p["referenced_tweets"][0]["id"], p["text"]) for p in f.posts if p.get("referenced_tweets")],
        lambda f: "https://x.com/jane/status/404"),
    "facebook": Platform(
        "Facebook", "POST /v23.0/", lambda f: FacebookReplies(f.page_id, f.token, f.url, f.version, FAST),
        lambda f: f"https://www.facebook.com/{f.add_post('Your ad is awful!', page='999', name='Jane')['id']}",
        lambda f: [(post, c["message"]) for post, cs in f.comments.items() for c in cs],
        lambda f: f"https://www.facebook.com/{f.page_id}_404"),
    "bluesky": Platform(
        "Bluesky", "POST /xrpc/com.atproto.repo.createRecord",
        lambda f: BlueskyReplies(f.handle, f.token, f.url, FAST), _bluesky_post, _bluesky_replies,
        lambda f: "https://bsky.app/profile/jane.example.com/post/3m99999999999"),
}


platform = per_platform(PLATFORMS)


def test_anyones_post_is_read_and_replied_to_once_even_when_sent_again(platform):
    kind, fake, replier = platform
    post_id = replier.recognise(kind.theirs(fake))
    post = replier.fetch(post_id)
    assert post.text == "Your ad is awful!" and "jane" in post.author.lower() and post.url.startswith("http")
    url = replier.reply(post_id, "@jane sorry & thanks", "crisisbot-reply-1", False, SINCE)
    again = replier.reply(post_id, "@jane sorry & thanks", "crisisbot-reply-1", True, SINCE)
    assert url == again and url.startswith("http")
    assert [(p, t.replace("&amp;", "&")) for p, t in kind.replies(fake)] == [(post_id, "@jane sorry & thanks")]


def test_an_answer_lost_on_the_way_is_found_on_the_retry(platform):
    kind, fake, replier = platform
    post_id = replier.recognise(kind.theirs(fake))
    route = kind.route + (f"{post_id}/comments" if kind.name == "Facebook" else "")
    fake.lose_answer(route)
    try:  # Bluesky looks its record key up at once; the others fail and look on the retry
        first = replier.reply(post_id, "@jane we are on it", "crisisbot-reply-2", False, SINCE)
    except PublishFailed:
        assert kind.name != "Bluesky"
        first = None
    again = replier.reply(post_id, "@jane we are on it", "crisisbot-reply-2", True, SINCE)
    assert first in (None, again)
    assert len(kind.replies(fake)) == 1


def test_a_gone_post_is_refused_and_outside_failures_are_one_publish_failed(platform):
    kind, fake, replier = platform
    with pytest.raises(PostUnavailable):
        replier.fetch(replier.recognise(kind.gone(fake)))
    post_id = replier.recognise(kind.theirs(fake))
    fake.fail(kind.route, 429, Retry_After="30")
    with pytest.raises(PublishFailed) as limited:
        replier.reply(post_id, "@jane hi", "crisisbot-reply-3", False, SINCE)
    assert not limited.value.permanent and kind.replies(fake) == []


def test_the_plans_accounts_get_repliers_and_links_elsewhere_are_not_theirs(mastodon):
    plan = make_plan(statements={"targets": {"mastodon": {"name": "Mastodon", "publisher": {
        "type": "mastodon", "instance": mastodon.url, "token_env": "MASTODON_TOKEN"}}}})
    repliers = build_repliers(plan, {"MASTODON_TOKEN": mastodon.token}, FAST)
    account, replier = repliers["mastodon"]
    assert account.startswith("Mastodon ") and replier.recognise("https://evil.example/jane/1") is None


def test_a_status_of_another_instance_is_found_through_the_search_and_replied_to(mastodon):
    replier = MastodonReplies(mastodon.url, mastodon.token, FAST)
    remote = mastodon.add_remote("https://other.example/@jane/777", "Your ad is awful!", "jane@other.example")
    post_id = replier.recognise("https://other.example/@jane/777")
    assert replier.fetch(post_id).author == "@jane@other.example"
    replier.reply(post_id, "@jane@other.example sorry", "crisisbot-reply-9", False, SINCE)
    assert [(s["in_reply_to_id"], s["content"]) for s in mastodon.statuses if s.get("in_reply_to_id")] == [
        (remote["id"], "@jane@other.example sorry")]
    with pytest.raises(PostUnavailable):
        replier.fetch(replier.recognise("https://other.example/@jane/404"))


def test_a_mastodon_reply_counts_a_long_link_as_23_characters_as_the_card_does(mastodon):
    replier = MastodonReplies(mastodon.url, mastodon.token, FAST)
    mastodon.add_remote("https://other.example/@jane/777", "Your ad is awful!", "jane@other.example")
    post_id = replier.recognise("https://other.example/@jane/777")
    text = "@jane@other.example " + "We are sorry. " * 30 + "https://acme.example/" + "help/" * 30
    assert len(text) > 500 and count_characters(text, "mastodon") <= 500
    replier.reply(post_id, text, "crisisbot-reply-9", False, SINCE)
    assert [s["content"] for s in mastodon.statuses if s.get("in_reply_to_id")] == [text]


def test_a_mastodon_retry_after_the_key_is_forgotten_finds_its_reply_instead_of_replying_again(mastodon):
    """An hour later Mastodon no longer knows the key: our reply under that post is found among the account's own
    statuses; the same words under another post are another reply."""
    replier = MastodonReplies(mastodon.url, mastodon.token, FAST)
    first, other = (replier.recognise(mastodon.add_status("Your ad is awful!", acct=who)["url"])
                    for who in ("jane", "joe"))
    url = replier.reply(first, "@jane sorry", "crisisbot-reply-1", False, SINCE)
    replier.reply(other, "@jane sorry", "crisisbot-reply-2", False, SINCE)
    mastodon.forget_keys()
    assert replier.reply(first, "@jane sorry", "crisisbot-reply-1", True, SINCE) == url
    assert [s["in_reply_to_id"] for s in mastodon.statuses if s.get("in_reply_to_id")] == [first, other]
    assert [(r.method, r.path) for r in mastodon.requests][-2:] == [
        ("GET", "/api/v1/accounts/verify_credentials"), ("GET", "/api/v1/accounts/109000001/statuses")]

