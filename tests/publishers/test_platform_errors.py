"""Every platform publisher against its fake: 401, 403, 429 with Retry-After (or the platform's reset header),
5xx and a Graph rate limit become one short PublishFailed (final or retried, how long to wait), never holding the
token, with nothing posted."""
import json

import pytest

from crisis.errors import PublishFailed
from publishers.bluesky import BlueskyPublisher
from publishers.facebook import FacebookPagePublisher
from publishers.linkedin import LinkedInPublisher
from publishers.x import XPublisher
from sources.http import HttpClient
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
