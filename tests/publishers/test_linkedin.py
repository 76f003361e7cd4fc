"""LinkedInPublisher against the fake Posts API: the organisation post (version headers, little-text escaping),
its own post found before a retry or named by a duplicate refusal, and errors as short PublishFailed reasons."""
import pytest

from crisis.errors import PublishFailed
from publishers.linkedin import LinkedInPublisher, commentary
from sources.http import HttpClient
from tests.publishers.statements import approved

FAST = HttpClient(timeout=0.5)
TEXT = "We are sorry (truly) & #sorry: details at https://acme.example/status_page"


def publisher(fake, token=None):
    return LinkedInPublisher(fake.organization.rpartition(":")[2], token or fake.token, fake.url, "202611", FAST)


def test_posts_for_the_organisation_with_linkedins_headers_and_escaped_commentary(linkedin):
    url = publisher(linkedin).publish(approved(TEXT, target="linkedin"), TEXT)
    urn = linkedin.posts[0]["id"]
    assert url == f"https://www.linkedin.com/feed/update/{urn}/"
    [request] = linkedin.requests
    assert request.headers["linkedin-version"] == "202611"
    assert request.headers["x-restli-protocol-version"] == "2.0.0"
    assert request.body == {
        "author": linkedin.organization, "visibility": "PUBLIC", "lifecycleState": "PUBLISHED",
        "commentary": r"We are sorry \(truly\) & \#sorry: details at https://acme.example/status\_page",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "isReshareDisabledByAuthor": False}
    assert commentary(r"a\b @x [y] <z> {w} | * ~") == r"a\\b \@x \[y\] \<z\> \{w\} \| \* \~"


def test_a_retry_after_a_lost_answer_finds_the_post_instead_of_posting_again(linkedin):
    linkedin.lose_answer("POST /rest/posts")
    with pytest.raises(PublishFailed, match="Server disconnected"):
        publisher(linkedin).publish(approved(TEXT, target="linkedin"), TEXT)
    again = publisher(linkedin).publish(approved(TEXT, target="linkedin", attempts=2), TEXT)
    assert again.endswith(f"{linkedin.posts[0]['id']}/") and len(linkedin.posts) == 1
    assert linkedin.routes("POST") == ["/rest/posts"]


def test_a_duplicate_refusal_names_the_post_already_made(linkedin):
    first = publisher(linkedin).publish(approved(TEXT, target="linkedin"), TEXT)
    assert publisher(linkedin).publish(approved(TEXT, target="linkedin"), TEXT) == first
    assert len(linkedin.posts) == 1


def test_a_revoked_token_is_final(linkedin):
    with pytest.raises(PublishFailed, match="LinkedIn answered 401: INVALID_ACCESS_TOKEN") as caught:
        publisher(linkedin, token="revoked-token").publish(approved(TEXT, target="linkedin"), TEXT)
    assert caught.value.permanent and "revoked-token" not in caught.value.reason
