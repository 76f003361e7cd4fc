"""XPublisher against the fake X API v2: posts and threads of replies, each post found (text and parent) before a
retry and after a duplicate refusal, and X's problems as short PublishFailed reasons."""
import pytest

from crisis.errors import PublishFailed
from crisis.statements.length import count_characters
from publishers.x import XPublisher
from sources.http import HttpClient
from tests.publishers.statements import approved

FAST = HttpClient(timeout=0.5)
TEXT = "We are sorry & <really> fixing it: https://acme.example/status?id=7"
LONG = " ".join(f"Update {n}: we are sorry for the delays on today's flights & we are rebooking everyone."
               for n in range(1, 7))


def publisher(fake, token=None):
    return XPublisher(token or fake.token, fake.url, FAST)


def test_posts_the_text_and_returns_the_posts_url(x_api):
    url = publisher(x_api).publish(approved(TEXT, target="x"), TEXT)
    assert url == f"https://x.com/i/web/status/{x_api.posts[0]['id']}"
    [request] = x_api.requests
    assert (request.path, request.body) == ("/2/tweets", {"text": TEXT})
    assert request.headers["authorization"] == f"Bearer {x_api.token}"


def test_a_long_text_is_a_thread_of_replies(x_api):
    publisher(x_api).publish(approved(LONG, target="x"), LONG)
    bodies = [r.body for r in x_api.requests]
    assert len(bodies) == 2 and all(count_characters(b["text"], "x") <= 280 for b in bodies)
    assert bodies[1]["reply"] == {"in_reply_to_tweet_id": x_api.posts[0]["id"]}


def test_a_retry_after_a_lost_answer_mid_thread_posts_only_what_is_missing(x_api):
    text = LONG.replace("Update", "Note") + " " + LONG  # four posts
    x_api.lose_answer("POST /2/tweets")  # the first lands, its answer is lost
    with pytest.raises(PublishFailed, match="Server disconnected"):
        publisher(x_api).publish(approved(text, target="x"), text)
    publisher(x_api).publish(approved(text, target="x", attempts=2), text)
    assert len(x_api.posts) == 4
    assert [p.get("referenced_tweets", [{}])[0].get("id") for p in x_api.posts] == \
        [None] + [p["id"] for p in x_api.posts[:3]]


def test_a_duplicate_refusal_is_answered_with_the_post_already_made(x_api):
    first = publisher(x_api).publish(approved(TEXT, target="x"), TEXT)
    assert publisher(x_api).publish(approved(TEXT, target="x"), TEXT) == first
    assert len(x_api.posts) == 1


def test_an_expired_token_is_final_and_says_so(x_api):
    with pytest.raises(PublishFailed, match=r"X answered 401: Unauthorized \(check the token") as caught:
        publisher(x_api, token="expired-user-token").publish(approved(TEXT, target="x"), TEXT)
    assert caught.value.permanent and "expired-user-token" not in caught.value.reason
