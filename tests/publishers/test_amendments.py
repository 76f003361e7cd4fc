"""Corrections and retractions on each platform's fake: edits where the platform allows them (Mastodon, Facebook,
Slack), replies with their own keys elsewhere (Bluesky, X), new posts on LinkedIn; deletions, a post gone already
counting as deleted. Faults: 401/403 final, 429 with its wait, 5xx retried, and an answer lost half-way through
repeated without a second reply or a lost post."""
import pytest

from crisis.errors import PublishFailed
from publishers.bluesky import TID_ALPHABET, BlueskyPublisher, record_key
from publishers.facebook import FacebookPagePublisher
from publishers.linkedin import LinkedInPublisher
from publishers.mastodon import MastodonPublisher
from publishers.slack_channel import SlackChannelPublisher
from publishers.x import XPublisher
from sources.http import HttpClient
from tests.publishers.statements import AT, approved

FAST = HttpClient(timeout=0.5)
TEXT = "We are sorry for the delays."
FIXED = "Correction: flights resume at 14:00, not 12:00."
LONG = " ".join(f"Update {n}: we are sorry for the delays on today's flights & we are rebooking everyone."
                for n in range(1, 7))


def original(target, text=TEXT):
    return approved(text, statement_id=7, target=target)


def amendment(target, text=FIXED, attempts=1):
    """The correction or retraction as its publisher sees it: statement #8, claimed `attempts` times."""
    return approved(text, statement_id=8, target=target, attempts=attempts)


def mastodon_publisher(fake):
    return MastodonPublisher(fake.url, fake.token, FAST)


def x_publisher(fake):
    return XPublisher(fake.token, fake.url, FAST)


def bluesky_publisher(fake):
    return BlueskyPublisher(fake.handle, fake.token, fake.url, FAST)


def facebook_publisher(fake):
    return FacebookPagePublisher(fake.page_id, fake.token, fake.url, fake.version, FAST)


# --- Mastodon: edit and delete ---------------------------------------------------------------------

def test_mastodon_edits_the_status_once_however_often_the_edit_is_sent(mastodon):
    publisher = mastodon_publisher(mastodon)
    ref = publisher.publish(original("mastodon"), TEXT)
    mastodon.lose_answer("PUT /api/v1/statuses/1")  # applied, its answer lost: the tick sends it again
    with pytest.raises(PublishFailed):
        publisher.correct(amendment("mastodon"), ref, FIXED)
    assert publisher.correct(amendment("mastodon", attempts=2), ref, FIXED) == ref
    [status] = mastodon.statuses
    assert (status["content"], status["edits"]) == (FIXED, "2")  # the same text twice: one status, as corrected
    assert [r.method for r in mastodon.requests] == ["POST", "PUT", "PUT"]


def test_mastodon_deletes_the_status_and_a_status_gone_already_counts_as_deleted(mastodon):
    publisher = mastodon_publisher(mastodon)
    ref = publisher.publish(original("mastodon"), TEXT)
    mastodon.lose_answer("DELETE /api/v1/statuses/1")
    with pytest.raises(PublishFailed):
        publisher.retract(amendment("mastodon"), ref, "We withdraw it.")
    assert publisher.retract(amendment("mastodon", attempts=2), ref, "We withdraw it.") == ref
    assert mastodon.statuses == []


@pytest.mark.parametrize(("status", "headers", "permanent", "wait"), [
    (401, {}, True, None), (403, {}, True, None), (429, {"Retry_After": "30"}, False, 30.0), (503, {}, False, None)])
def test_mastodon_faults_on_an_edit_are_final_or_retried(mastodon, status, headers, permanent, wait):
    publisher = mastodon_publisher(mastodon)
    ref = publisher.publish(original("mastodon"), TEXT)
    mastodon.fail("PUT /api/v1/statuses/1", status, **headers)
    with pytest.raises(PublishFailed, match=f"^Mastodon answered {status}") as caught:
        publisher.correct(amendment("mastodon"), ref, FIXED)
    assert (caught.value.permanent, caught.value.retry_after) == (permanent, wait)
    assert mastodon.statuses[0]["content"] == TEXT


# --- Slack channel: chat.update and chat.delete -------------------------------------------------------

def test_the_slack_channel_message_is_edited_then_deleted_once(sandbox, client, channel):
    publisher = SlackChannelPublisher(client, channel)
    ref = publisher.publish(original("slack"), TEXT)
    assert publisher.correct(amendment("slack"), ref, "Flights <resume> at 14:00") == ref
    [message] = sandbox.messages(channel)
    assert message["text"] == "Flights &lt;resume&gt; at 14:00"
    assert publisher.retract(amendment("slack"), ref, "We withdraw it.") == ref
    assert sandbox.messages(channel) == []
    assert publisher.retract(amendment("slack", attempts=2), ref, "We withdraw it.") == ref  # gone already: done


# --- X: a reply, and the thread deleted --------------------------------------------------------------

def test_x_corrects_with_a_reply_and_a_retry_after_a_lost_answer_replies_once(x_api):
    publisher = x_publisher(x_api)
    ref = publisher.publish(original("x"), TEXT)
    first = x_api.posts[0]["id"]
    x_api.lose_answer("POST /2/tweets")
    with pytest.raises(PublishFailed):
        publisher.correct(amendment("x"), ref, FIXED)
    reply = publisher.correct(amendment("x", attempts=2), ref, FIXED)
    assert len(x_api.posts) == 2 and x_api.posts[1]["referenced_tweets"] == [{"type": "replied_to", "id": first}]
    assert reply == f"https://x.com/i/web/status/{x_api.posts[1]['id']}"


def test_x_retracts_the_whole_thread_last_post_first_and_resumes_after_a_failure(x_api):
    publisher = x_publisher(x_api)
    ref = publisher.publish(original("x", LONG), LONG)
    publisher.correct(amendment("x"), ref, FIXED)
    assert len(x_api.posts) == 3
    x_api.fail("DELETE /2/tweets", 429, x_rate_limit_reset="60")
    with pytest.raises(PublishFailed) as caught:
        publisher.retract(amendment("x"), ref, "We withdraw it.")
    assert (caught.value.permanent, caught.value.retry_after) == (False, 60.0)
    x_api.faults.clear()
    deleted = [r.path for r in x_api.requests if r.method == "DELETE"]
    assert publisher.retract(amendment("x", attempts=2), ref, "We withdraw it.") == ref
    assert x_api.posts == []
    deleted = [r.path.rpartition("/")[2] for r in x_api.requests if r.method == "DELETE"][len(deleted):]
    assert deleted[-1] == ref.rpartition("/")[2]  # the first post last: a failure leaves a thread hanging from it


def test_x_retracts_a_thread_however_many_posts_the_account_made_since(x_api):
    publisher = x_publisher(x_api)
    ref = publisher.publish(original("x", LONG), LONG)
    publisher.correct(amendment("x"), ref, FIXED)
    ours = [p["id"] for p in x_api.posts]
    for n in range(250):
        x_api.add_post(f"Reply {n}: we are on it.")
    publisher.retract(amendment("x"), ref, "We withdraw it.")
    assert [p["id"] for p in x_api.posts if p["id"] in ours] == [] and len(x_api.posts) == 250
    assert [r.query.get("pagination_token") for r in x_api.requests if r.path.endswith("/tweets")
            and r.method == "GET"] == [None, "100", "200"]


def test_x_refuses_a_retraction_whose_thread_is_out_of_reach_and_deletes_nothing(x_api):
    publisher = x_publisher(x_api)
    ref = publisher.publish(original("x", LONG), LONG)
    for n in range(1000):
        x_api.add_post(f"Reply {n}: we are on it.")
    with pytest.raises(PublishFailed, match="not among the account's latest 1000 posts") as caught:
        publisher.retract(amendment("x"), ref, "We withdraw it.")
    assert caught.value.permanent and len(x_api.posts) == 1002
    assert not [r for r in x_api.requests if r.method == "DELETE"]


def test_x_refuses_an_expired_token_finally(x_api):
    ref = x_publisher(x_api).publish(original("x"), TEXT)
    with pytest.raises(PublishFailed, match=r"X answered 401.*check the token") as caught:
        XPublisher("expired", x_api.url, FAST).retract(amendment("x"), ref, "We withdraw it.")
    assert caught.value.permanent and len(x_api.posts) == 1


# --- Bluesky: a reply with root and parent, records deleted -----------------------------------------------

def test_bluesky_corrects_with_a_reply_to_the_original_under_its_own_key(bluesky):
    publisher = bluesky_publisher(bluesky)
    ref = publisher.publish(original("bluesky"), TEXT)
    first = bluesky.posts[record_key(original("bluesky"), 0)]
    bluesky.lose_answer("POST /xrpc/com.atproto.repo.createRecord")  # the reply is found under its key at once
    publisher.correct(amendment("bluesky"), ref, FIXED)
    url = publisher.correct(amendment("bluesky", attempts=2), ref, FIXED)  # and again by a retry
    key = record_key(amendment("bluesky"), 0)
    assert url.endswith(f"/post/{key}") and len(bluesky.posts) == 2
    assert bluesky.posts[key]["value"]["reply"] == {"root": {"uri": first["uri"], "cid": first["cid"]},
                                                    "parent": {"uri": first["uri"], "cid": first["cid"]}}


def test_bluesky_retracts_every_post_of_the_thread_and_resumes_half_way(bluesky):
    publisher = bluesky_publisher(bluesky)
    ref = publisher.publish(original("bluesky", LONG), LONG)
    assert len(bluesky.posts) == 2
    bluesky.lose_answer("POST /xrpc/com.atproto.repo.deleteRecord")  # the last post goes, the answer is lost
    with pytest.raises(PublishFailed):
        publisher.retract(amendment("bluesky"), ref, "We withdraw it.")
    assert list(bluesky.posts) == [record_key(original("bluesky"), 0)]  # what is left hangs from the first post
    assert publisher.retract(amendment("bluesky", attempts=2), ref, "We withdraw it.") == ref
    assert bluesky.posts == {}


def test_a_bluesky_retraction_deletes_the_corrections_below_the_original_first_and_nothing_else(bluesky):
    publisher = bluesky_publisher(bluesky)
    ref = publisher.publish(original("bluesky", LONG), LONG)
    publisher.correct(amendment("bluesky", LONG), ref, LONG)  # a correction of two posts
    other = approved("Our other statement.", statement_id=9, target="bluesky")
    other = publisher.publish(other, other.current.text)
    for n in range(150):  # the account posted since: the corrections are on the second page
        own(bluesky, f"Reply {n}: we are on it.")
    publisher.retract(approved("We withdraw it.", statement_id=10, target="bluesky"), ref, "We withdraw it.")
    assert [p["value"]["text"] for p in bluesky.posts.values()][:1] == ["Our other statement."]
    assert len(bluesky.posts) == 151 and other.endswith(next(iter(bluesky.posts)))
    deleted = [r.body["rkey"] for r in bluesky.requests if r.path.endswith("deleteRecord")]
    assert deleted == [record_key(amendment("bluesky"), 1), record_key(amendment("bluesky"), 0),
                       record_key(original("bluesky"), 1), record_key(original("bluesky"), 0)]


def test_a_bluesky_retraction_whose_corrections_are_out_of_reach_deletes_nothing(bluesky):
    publisher = bluesky_publisher(bluesky)
    ref = publisher.publish(original("bluesky"), TEXT)
    publisher.correct(amendment("bluesky"), ref, FIXED)
    for n in range(1000):
        own(bluesky, f"Reply {n}: we are on it.")
    with pytest.raises(PublishFailed, match="^Bluesky: the post's thread is not among the account's latest 1000") \
            as caught:
        publisher.retract(amendment("bluesky"), ref, "We withdraw it.")
    assert caught.value.permanent and len(bluesky.posts) == 1002


def own(fake, text):
    """A later post of the account, made elsewhere: its key is its own time's, after every statement's."""
    value = (int(AT.timestamp()) + 3600) * 1_000_000 + len(fake.posts) << 10 | 1023
    rkey = "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))
    fake.posts[rkey] = {"uri": f"at://{fake.did}/app.bsky.feed.post/{rkey}", "cid": f"bafyrei{rkey}",
                        "value": {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2025-11-25T22:00:00Z"}}

# --- Facebook: edit and delete ---------------------------------------------------------------------------

def test_facebook_edits_then_deletes_the_post_and_a_post_gone_counts_as_deleted(facebook):
    publisher = facebook_publisher(facebook)
    ref = publisher.publish(original("facebook"), TEXT)
    assert publisher.correct(amendment("facebook"), ref, FIXED) == ref
    assert [p["message"] for p in facebook.posts] == [FIXED]
    publisher.retract(amendment("facebook"), ref, "We withdraw it.")
    publisher.retract(amendment("facebook", attempts=2), ref, "We withdraw it.")
    assert facebook.posts == []


@pytest.mark.parametrize(("status", "permanent"), [(403, True), (500, False)])
def test_facebook_faults_on_a_deletion_are_final_or_retried_and_keep_the_post(facebook, status, permanent):
    publisher = facebook_publisher(facebook)
    ref = publisher.publish(original("facebook"), TEXT)
    facebook.fail(f"DELETE /{facebook.version}/", status)
    with pytest.raises(PublishFailed, match=f"^Facebook answered {status}") as caught:
        publisher.retract(amendment("facebook"), ref, "We withdraw it.")
    assert caught.value.permanent is permanent and len(facebook.posts) == 1


# --- LinkedIn: a new post -----------------------------------------------------------------------------------

def test_linkedin_corrects_and_retracts_with_new_posts_found_again_on_a_retry(linkedin):
    publisher = LinkedInPublisher(linkedin.organization, linkedin.token, linkedin.url, http=FAST)
    ref = publisher.publish(original("linkedin"), TEXT)
    linkedin.lose_answer("POST /rest/posts")
    with pytest.raises(PublishFailed):
        publisher.correct(amendment("linkedin"), ref, FIXED)
    correction = publisher.correct(amendment("linkedin", attempts=2), ref, FIXED)
    assert correction != ref and [p["commentary"] for p in linkedin.posts] == [TEXT, FIXED]
