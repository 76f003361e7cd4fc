"""BlueskyPublisher against the fake PDS: facets at UTF-8 byte offsets, threads of 300 graphemes, one record per
key after a lost answer or a retry, and XRPC errors as short PublishFailed reasons."""
import pytest

from crisis.errors import PublishFailed
from crisis.statements.length import graphemes
from publishers.bluesky import BlueskyPublisher, byte_span, record_key
from sources.http import HttpClient
from tests.publishers.statements import approved

FAST = HttpClient(timeout=0.5)


def publisher(fake, password=None):
    return BlueskyPublisher("@" + fake.handle, password or fake.token, fake.url, FAST)


def test_links_and_mentions_are_facets_at_utf8_byte_offsets(bluesky):
    text = "Café update 🙏: see https://acme.example/status, acme.com/faq and @jane.example.com (not @nobody.example)."
    statement = approved(text, target="bluesky")
    url = publisher(bluesky).publish(statement, text)
    rkey = record_key(statement, 0)
    assert url == f"https://bsky.app/profile/{bluesky.handle}/post/{rkey}"
    record = bluesky.posts[rkey]["value"]
    assert record["text"] == text and "reply" not in record
    encoded = text.encode()
    spans = [(encoded[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode(), f["features"][0])
             for f in record["facets"]]
    assert spans == [
        ("https://acme.example/status", {"$type": "app.bsky.richtext.facet#link", "uri": "https://acme.example/status"}),
        ("acme.com/faq", {"$type": "app.bsky.richtext.facet#link", "uri": "https://acme.com/faq"}),
        ("@jane.example.com", {"$type": "app.bsky.richtext.facet#mention", "did": bluesky.known["jane.example.com"]}),
    ]
    assert byte_span("é🙏x", 2, 3) == {"byteStart": 6, "byteEnd": 7}


def test_a_long_text_is_a_thread_of_replies_each_within_300_graphemes(bluesky):
    sentence = "We are sorry 👨‍👩‍👧 for the delay on flight AC123, and we are rebooking everyone today. "
    text = sentence * 8
    statement = approved(text, target="bluesky")
    publisher(bluesky).publish(statement, text)
    posts = [bluesky.posts[record_key(statement, i)] for i in range(len(bluesky.posts))]
    assert len(posts) == 3
    assert all(len(graphemes(p["value"]["text"])) <= 300 for p in posts)
    assert " ".join(p["value"]["text"] for p in posts) == text.strip()
    root = {"uri": posts[0]["uri"], "cid": posts[0]["cid"]}
    assert posts[1]["value"]["reply"] == {"root": root, "parent": root}
    assert posts[2]["value"]["reply"] == {"root": root, "parent": {"uri": posts[1]["uri"], "cid": posts[1]["cid"]}}


def test_a_lost_answer_is_found_under_the_record_key_not_posted_again(bluesky):
    bluesky.lose_answer("POST /xrpc/com.atproto.repo.createRecord")
    statement = approved(target="bluesky")
    assert publisher(bluesky).publish(statement, "We are sorry.").endswith(record_key(statement, 0))
    assert len(bluesky.posts) == 1
    assert bluesky.routes("GET")[-1] == "/xrpc/com.atproto.repo.getRecord"


def test_a_retry_after_a_lost_answer_in_a_thread_looks_each_post_up_and_posts_none_twice(bluesky):
    text = "We are sorry. " * 40  # two posts
    bluesky.lose_answer("POST /xrpc/com.atproto.repo.createRecord")  # the first post is made, its answer lost
    bluesky.fail("GET /xrpc/com.atproto.repo.getRecord", 503)  # and the look-up right after fails too
    statement = approved(text, target="bluesky")
    with pytest.raises(PublishFailed, match="Server disconnected"):
        publisher(bluesky).publish(statement, text)
    assert len(bluesky.posts) == 1  # applied, but the publisher could not know
    statement.publish_attempts = 2  # the service's next claim
    before = len(bluesky.routes())
    publisher(bluesky).publish(statement, text)
    assert len(bluesky.posts) == 2
    assert bluesky.posts[record_key(statement, 1)]["value"]["reply"]["parent"]["uri"] == \
        bluesky.posts[record_key(statement, 0)]["uri"]
    assert bluesky.routes()[before:] == ["/xrpc/com.atproto.server.createSession",
                                         "/xrpc/com.atproto.repo.createRecord"]  # only the second post


def test_a_wrong_app_password_is_final_and_not_repeated(bluesky):
    with pytest.raises(PublishFailed, match="401: AuthenticationRequired.*check the token") as caught:
        publisher(bluesky, password="wrong-password").publish(approved(target="bluesky"), "We are sorry.")
    assert caught.value.permanent and "wrong-password" not in caught.value.reason
