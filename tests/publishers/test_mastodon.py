"""MastodonPublisher against a fake instance: the status posted, idempotent retries, failures as PublishFailed."""
import socket

import pytest
from slack_sdk import WebClient

from crisis.errors import PublishFailed
from crisis.statements.length import count_characters, length_check
from publishers.mastodon import MastodonPublisher, idempotency_key
from publishers.registry import build_publishers
from sources.http import HttpClient
from tests.crisis.plans import make_plan
from tests.publishers.statements import approved, revised

FAST = HttpClient(timeout=0.2)
CLIENT = WebClient(token="xoxb-test")


def publisher(mastodon, token="secret-token"):
    return MastodonPublisher(mastodon.url + "/", token, FAST)


def test_posts_a_public_status_and_returns_its_url(mastodon):
    text = "We are sorry & we fix it <today>."
    url = publisher(mastodon).publish(approved(text), text)
    assert url == f"{mastodon.url}/@acme/1"
    [request] = mastodon.requests
    assert request.path == "/api/v1/statuses"
    assert request.body == {"status": text, "visibility": "public"}
    assert request.headers["authorization"] == "Bearer secret-token"
    assert request.headers["idempotency-key"] == "crisisbot-statement-7-v1"


def test_a_retry_of_the_same_version_reuses_the_key_and_a_new_version_gets_a_new_one(mastodon):
    statement = approved("First words.")
    first = publisher(mastodon).publish(statement, "First words.")
    again = publisher(mastodon).publish(statement, "First words.")
    newer = publisher(mastodon).publish(revised(statement, "Better words."), "Better words.")
    keys = [r.headers["idempotency-key"] for r in mastodon.requests]
    assert keys[0] == keys[1] != keys[2]
    assert first == again != newer
    assert [s["content"] for s in mastodon.statuses] == ["First words.", "Better words."]


def test_other_statements_get_other_keys():
    assert idempotency_key(approved(statement_id=7)) != idempotency_key(approved(statement_id=8))


def test_503_is_publish_failed_and_the_retry_posts_once(mastodon):
    mastodon.fail_status = 503
    with pytest.raises(PublishFailed, match="Mastodon answered 503") as caught:
        publisher(mastodon).publish(approved(), "We are sorry.")
    assert "503" in caught.value.reason
    assert mastodon.statuses == []
    mastodon.fail_status = None
    assert publisher(mastodon).publish(approved(), "We are sorry.") == f"{mastodon.url}/@acme/1"
    assert len(mastodon.statuses) == 1


def test_a_timeout_is_publish_failed_and_the_retry_gets_the_status_made_meanwhile(mastodon):
    mastodon.block = True
    with pytest.raises(PublishFailed, match=r"no answer from 127\.0\.0\.1:\d+ within 0\.2 s"):
        publisher(mastodon).publish(approved(), "We are sorry.")
    mastodon.release.set()
    assert mastodon.made.wait(5)
    assert publisher(mastodon).publish(approved(), "We are sorry.") == f"{mastodon.url}/@acme/1"
    assert len(mastodon.requests) == 2 and len(mastodon.statuses) == 1


def test_a_refused_token_carries_mastodons_words(mastodon):
    with pytest.raises(PublishFailed, match="Mastodon answered 401: The access token is invalid"):
        publisher(mastodon, token="wrong").publish(approved(), "We are sorry.")


def test_a_wrong_instance_path_is_publish_failed(mastodon):
    with pytest.raises(PublishFailed, match="Mastodon answered 404: Record not found"):
        MastodonPublisher(mastodon.url + "/elsewhere", "secret-token", FAST).publish(approved(), "We are sorry.")


def test_a_success_without_a_url_is_publish_failed(mastodon):
    mastodon.fail_status = 200
    with pytest.raises(PublishFailed, match="Mastodon answered 200 without a status URL"):
        publisher(mastodon).publish(approved(), "We are sorry.")


def test_over_500_characters_is_refused_before_sending(mastodon):
    with pytest.raises(PublishFailed, match="501 characters; Mastodon takes at most 500"):
        publisher(mastodon).publish(approved("x" * 501), "x" * 501)
    assert mastodon.requests == []
    publisher(mastodon).publish(approved("x" * 500), "x" * 500)
    assert len(mastodon.statuses) == 1


def test_an_instance_the_plan_says_allows_more_takes_up_to_the_targets_limit(mastodon):
    plan = make_plan(statements={"targets": {"mastodon": {"limit": 1000, "publisher": {
        "type": "mastodon", "instance": mastodon.url, "token_env": "ACME_MASTODON_TOKEN"}}}})
    [(_, built)] = build_publishers(plan, CLIENT, {"ACME_MASTODON_TOKEN": mastodon.token}, FAST)["mastodon"]
    text = "We are sorry. " * 71  # 994 characters
    assert length_check(approved(text, target="mastodon"), plan).over is False
    built.publish(approved(text, target="mastodon"), text)
    assert [s["content"] for s in mastodon.statuses] == [text]
    with pytest.raises(PublishFailed, match="1,001 characters; Mastodon takes at most 1,000"):
        built.publish(approved("x" * 1001, statement_id=8), "x" * 1001)


def test_a_long_link_counts_as_23_characters_as_on_the_approval_card(mastodon):
    link = "https://www.example.com/press/2025/11/25/statement-on-the-service-outage-and-what-we-are-doing-about-it"
    text = "We are sorry. " * 32 + "Details: " + link
    assert len(text) > 500 and count_characters(text, "mastodon") == 480
    publisher(mastodon).publish(approved(text), text)
    assert [s["content"] for s in mastodon.statuses] == [text]
    longer = "x" * 478 + " " + link
    with pytest.raises(PublishFailed, match="502 characters; Mastodon takes at most 500"):
        publisher(mastodon).publish(approved(longer, statement_id=8), longer)


def test_an_unreachable_instance_is_publish_failed():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(PublishFailed, match=r"cannot reach 127\.0\.0\.1"):
        MastodonPublisher(f"http://127.0.0.1:{port}", "secret-token", FAST).publish(approved(), "We are sorry.")


def test_an_unstored_statement_cannot_be_published(mastodon):
    with pytest.raises(ValueError):
        publisher(mastodon).publish(approved(statement_id=None), "We are sorry.")
    assert mastodon.requests == []


def test_a_retry_after_mastodon_forgot_the_key_finds_its_status_instead_of_posting_again(mastodon):
    mastodon.add_status("Something else we said.")
    url = publisher(mastodon).publish(approved(), "We are sorry.")
    mastodon.forget_keys()  # an hour later
    assert publisher(mastodon).publish(approved(attempts=2), "We are sorry.") == url
    assert [s["content"] for s in mastodon.statuses] == ["<p>Something else we said.</p>", "We are sorry."]
    assert [(r.method, r.path) for r in mastodon.requests][1:] == [
        ("GET", "/api/v1/accounts/verify_credentials"), ("GET", "/api/v1/accounts/109000001/statuses")]


def test_a_retry_that_finds_nothing_posts_once(mastodon):
    mastodon.add_status("We are sorry.", created_at="2020-01-01T00:00:00.000Z")  # an older statement's words
    publisher(mastodon).publish(approved(attempts=2), "We are sorry.")
    assert len(mastodon.statuses) == 2 and [r.method for r in mastodon.requests] == ["GET", "GET", "POST"]


def test_a_retry_whose_look_up_fails_posts_nothing(mastodon):
    mastodon.fail("GET /api/v1/accounts/109000001/statuses", 503)
    with pytest.raises(PublishFailed, match="Mastodon answered 503"):
        publisher(mastodon).publish(approved(attempts=2), "We are sorry.")
    assert mastodon.statuses == []


def test_a_token_that_cannot_read_retries_on_the_key_alone(mastodon):
    url = publisher(mastodon).publish(approved(), "We are sorry.")
    mastodon.fail("GET /api/v1/accounts/verify_credentials", 403)
    assert publisher(mastodon).publish(approved(attempts=2), "We are sorry.") == url
    assert len(mastodon.statuses) == 1 and [r.method for r in mastodon.requests] == ["POST", "GET", "POST"]
