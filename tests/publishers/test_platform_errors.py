"""Every platform publisher against its fake: 401, 403, 429 with Retry-After (or the platform's reset header),
5xx and a Graph rate limit become one short PublishFailed (final or retried, how long to wait), never holding the
token, with nothing posted."""
import json
from datetime import UTC, datetime, timedelta

import pytest

from crisis.due import back_off
from crisis.errors import PublishFailed
from publishers.answers import MAX_WAIT, retry_after
from publishers.bluesky import BlueskyPublisher
from publishers.facebook import FacebookPagePublisher
from publishers.linkedin import LinkedInPublisher
from publishers.mastodon import MastodonPublisher
from publishers.x import XPublisher
from sources.http import HttpClient, HttpResponse
from tests.publishers.statements import approved

FAST = HttpClient(timeout=0.5)
PLATFORMS = {  # fixture: (name in the reason, the route a post takes, the publisher on the fake)
    "bluesky": ("Bluesky", "POST /xrpc/com.atproto.repo.createRecord",
                lambda f: BlueskyPublisher(f.handle, f.token, f.url, FAST)),
    "facebook": ("Facebook", "POST /v23.0",
                 lambda f: FacebookPagePublisher(f.page_id, f.token, f.url, f.version, FAST)),
    "linkedin": ("LinkedIn", "POST /rest/posts",
                 lambda f: LinkedInPublisher(f.organization, f.token, f.url, http=FAST)),
    "x_api": ("X", "POST /2/tweets", lambda f: XPublisher(f.token, f.url, FAST)),
}
GRAPH_RATE_LIMIT = {"error": {"message": "(#32) Page request limit reached", "type": "OAuthException", "code": 32}}
PAGE_USAGE = json.dumps({"104857600": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 5}]})


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize(("status", "headers", "permanent", "wait"), [
    (401, {}, True, None), (403, {}, True, None), (429, {"Retry_After": "120"}, False, 120.0), (500, {}, False, None),
    (503, {}, False, None),
])
def test_errors_are_short_publish_failures_and_nothing_is_posted(request, platform, status, headers, permanent, wait):
    name, route, build = PLATFORMS[platform]
    fake = request.getfixturevalue(platform)
    fake.fail(route, status, **headers)
    with pytest.raises(PublishFailed, match=f"^{name} answered {status}") as caught:
        build(fake).publish(approved(target=platform), "We are sorry.")
    assert (caught.value.permanent, caught.value.retry_after) == (permanent, wait)
    assert ("check the token" in caught.value.reason) is (status in (401, 403))
    assert fake.token not in caught.value.reason and len(caught.value.reason) < 200
    assert not fake.posts


@pytest.mark.parametrize(("platform", "status", "body", "headers", "wait"), [
    ("bluesky", 429, None, {"RateLimit_Reset": "60"}, 60.0),  # seconds from now
    ("x_api", 429, None, {"x_rate_limit_reset": "900"}, 900.0),
    ("facebook", 400, GRAPH_RATE_LIMIT, {"X_Business_Use_Case_Usage": PAGE_USAGE}, 300.0),
])
def test_the_platforms_own_rate_limit_signals_say_how_long_to_wait(request, platform, status, body, headers, wait):
    name, route, build = PLATFORMS[platform]
    fake = request.getfixturevalue(platform)
    fake.fail(route, status, body, **headers)
    with pytest.raises(PublishFailed) as caught:
        build(fake).publish(approved(target=platform), "We are sorry.")
    assert (caught.value.permanent, caught.value.retry_after) == (False, wait)


NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(("headers", "wait"), [
    ({"X-RateLimit-Reset": "2026-11-25T14:01:30.000000Z"}, 90.0),  # Mastodon: an ISO 8601 time
    ({"X-RateLimit-Reset": "2026-11-25T13:59:00+00:00"}, 0.0),
    ({"Retry-After": "inf"}, None), ({"Retry-After": "nan"}, None), ({"Retry-After": "-inf"}, None),
    ({"Retry-After": "inf", "X-RateLimit-Reset": "2026-11-25T14:00:30Z"}, 30.0),
    ({"Retry-After": "1e12"}, MAX_WAIT), ({"X-Rate-Limit-Reset": "99999999999"}, MAX_WAIT),
    ({"X-RateLimit-Reset": "2030-01-01T00:00:00Z"}, MAX_WAIT),
])
def test_a_wait_is_a_finite_number_of_seconds_at_most_a_day(headers, wait):
    assert retry_after(HttpResponse(429, headers, b"", "https://m.example"), NOW) == wait


@pytest.mark.parametrize("value", ["inf", "1e12"])
def test_an_absurd_retry_after_still_backs_off(x_api, value):
    x_api.fail("POST /2/tweets", 429, Retry_After=value)
    with pytest.raises(PublishFailed) as caught:
        XPublisher(x_api.token, x_api.url, FAST).publish(approved(target="x"), "We are sorry.")
    due, _ = back_off(caught.value, 1, NOW)
    assert due is not None and due - NOW <= timedelta(seconds=MAX_WAIT)


def test_mastodons_iso_reset_time_is_waited_for(mastodon):
    mastodon.fail("POST /api/v1/statuses", 429, X_RateLimit_Reset="2999-01-01T00:00:00.000000Z")
    with pytest.raises(PublishFailed) as caught:
        MastodonPublisher(mastodon.url, mastodon.token, FAST).publish(approved(), "We are sorry.")
    assert caught.value.retry_after == MAX_WAIT


def test_a_graph_wait_beyond_reason_is_capped_or_ignored(facebook):
    usage = json.dumps({"104857600": [{"type": "pages", "estimated_time_to_regain_access": 10**9}]})
    facebook.fail("POST /v23.0", 400, GRAPH_RATE_LIMIT, X_Business_Use_Case_Usage=usage)
    with pytest.raises(PublishFailed) as caught:
        FacebookPagePublisher(facebook.page_id, facebook.token, facebook.url, facebook.version, FAST).publish(
            approved(target="facebook"), "We are sorry.")
    assert caught.value.retry_after == MAX_WAIT
