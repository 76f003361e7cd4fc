"""FacebookPagePublisher against the fake Graph API: the Page post, its own post found before a retry and after a
duplicate refusal, and Graph errors (token, permission, rate limits) as short PublishFailed reasons."""
import pytest

from crisis.errors import PublishFailed
from publishers.facebook import FacebookPagePublisher
from sources.http import HttpClient
from tests.publishers.statements import approved

FAST = HttpClient(timeout=0.5)
TEXT = "We are sorry & we are fixing it: https://acme.example/status"


def publisher(fake, token=None):
    return FacebookPagePublisher(fake.page_id, token or fake.token, fake.url, fake.version, FAST)


def test_posts_on_the_page_with_the_token_in_a_header_only(facebook):
    url = publisher(facebook).publish(approved(TEXT, target="facebook"), TEXT)
    assert url == f"https://www.facebook.com/{facebook.page_id}_1001"
    [request] = facebook.requests
    assert (request.method, request.path, request.body) == ("POST", f"/v23.0/{facebook.page_id}/feed",
                                                            {"message": TEXT})
    assert request.headers["authorization"] == f"Bearer {facebook.token}" and not request.query


def test_a_retry_after_a_lost_answer_finds_the_post_instead_of_posting_again(facebook):
    facebook.lose_answer("POST /v23.0")
    with pytest.raises(PublishFailed, match="Server disconnected") as caught:
        publisher(facebook).publish(approved(TEXT, target="facebook"), TEXT)
    assert not caught.value.permanent and len(facebook.posts) == 1
    again = publisher(facebook).publish(approved(TEXT, target="facebook", attempts=2), TEXT)
    assert again == f"https://www.facebook.com/{facebook.posts[0]['id']}"
    assert len(facebook.posts) == 1 and facebook.routes("POST") == [f"/v23.0/{facebook.page_id}/feed"]


def test_a_duplicate_refusal_is_answered_with_the_post_already_made(facebook):
    publisher(facebook).publish(approved(TEXT, target="facebook"), TEXT)
    assert publisher(facebook).publish(approved(TEXT, target="facebook"), TEXT).endswith(facebook.posts[0]["id"])
    assert len(facebook.posts) == 1


def test_a_retry_that_finds_nothing_posts(facebook):
    facebook.fail("POST /v23.0", 500)
    with pytest.raises(PublishFailed, match=r"Facebook answered 500: An unexpected error.*\(code 2\)") as caught:
        publisher(facebook).publish(approved(TEXT, target="facebook"), TEXT)
    assert not caught.value.permanent
    publisher(facebook).publish(approved(TEXT, target="facebook", attempts=2), TEXT)
    assert len(facebook.posts) == 1


def test_an_expired_token_is_final(facebook):
    with pytest.raises(PublishFailed, match=r"answered 400: Invalid OAuth access token.*\(code 190\)") as caught:
        publisher(facebook, token="expired-page-token").publish(approved(TEXT, target="facebook"), TEXT)
    assert caught.value.permanent and "expired-page-token" not in caught.value.reason
