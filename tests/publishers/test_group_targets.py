"""A group target (`includes: [mastodon, bluesky]`): read and checked with key paths, its limit the strictest of
its accounts', its publishers the publish channel and each included account in order, and one holding statement
published to every account once, a failed one retried without posting again where it already worked, and retracted
from every account."""
from __future__ import annotations

import pytest
from slack_sdk import WebClient

from crisis.errors import PlanError
from crisis.ports import Ports
from crisis.statements import amendments, services
from crisis.statements.length import length_check
from crisis.statements.model import Amendment, StatementState
from publishers.bluesky import BlueskyPublisher
from publishers.mastodon import MastodonPublisher
from publishers.registry import build_publishers, build_removers, build_repliers
from publishers.slack_channel import SlackChannelPublisher
from sources.http import HttpClient
from tests.crisis.conftest import chat, clock, db  # noqa: F401 (the use cases' in-memory ports)
from tests.crisis.plans import make_plan
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_services import decide, draft, saved
from tests.publishers.statements import approved

CLIENT = WebClient(token="xoxb-test")
MASTODON = {"type": "mastodon", "instance": "https://social.example", "token_env": "ACME_MASTODON_TOKEN"}
BLUESKY = {"type": "bluesky", "handle": "acme.bsky.social", "token_env": "ACME_BSKY_PASSWORD"}
ENVIRON = {"ACME_MASTODON_TOKEN": "m-token", "ACME_BSKY_PASSWORD": "app-pass"}
SOCIAL = {"name": "All social accounts", "includes": ["mastodon", "bluesky"]}


def group_plan(group=None, **targets):
    return make_plan(statements={"publish_channel": "#statements", "targets": {
        "mastodon": {"publisher": MASTODON}, "bluesky": {"publisher": BLUESKY}, **targets,
        "social": SOCIAL if group is None else group}})


def test_a_group_is_read_with_the_strictest_limit_of_its_accounts():
    social = group_plan().statements.target("social")
    assert (social.name, social.includes, social.limit, dict(social.publisher)) == (
        "All social accounts", ("mastodon", "bluesky"), 300, {})
    statement = approved("Sorry 🙏🏽 " * 40, target="social")  # 320 graphemes: fits Mastodon, not Bluesky
    assert length_check(statement, group_plan()) == (320, 300, True)
    roomy = group_plan(bluesky={"limit": 900, "publisher": BLUESKY})  # Bluesky threads: Mastodon is strictest
    assert roomy.statements.target("social").limit == 500
    assert length_check(statement, roomy) == (360, 500, False)


@pytest.mark.parametrize(("group", "path", "problem"), [
    ({"includes": ["mastodon", "tiktok"]}, "includes.1", "tiktok is not a statement target"),
    ({"includes": ["social"]}, "includes.0", "cannot include itself"),
    ({"includes": ["everything"]}, "includes.0", "everything is a group itself"),
    ({"includes": []}, "includes", "non-empty list of target keys"),
    ({"includes": "mastodon"}, "includes", "non-empty list of target keys"),
    ({"includes": ["mastodon"], "publisher": MASTODON}, "includes", "not both"),
    ({"includes": ["mastodon"], "limit": 280}, "limit", "strictest of its included targets"),
    ({"includes": ["mastodon", "mastodon"]}, "includes.1", "named twice"),
    ({"includes": ["mastodon", "press"]}, "includes.1", "press has no publisher account"),
])
def test_a_group_that_cannot_publish_is_one_plan_error_at_its_key_path(group, path, problem):
    with pytest.raises(PlanError) as caught:
        group_plan(group, everything={"includes": ["mastodon"]})
    assert caught.value.path == f"statements.targets.social.{path}"
    assert problem in caught.value.problem


def test_a_group_publishes_to_the_channel_then_each_included_account_in_order():
    plan = group_plan(mastodon_nl={"publisher": {**MASTODON, "token_env": "ACME_MASTODON_NL_TOKEN"}},
                      group={"includes": ["mastodon", "bluesky", "mastodon_nl"]})
    publishers = build_publishers(plan, CLIENT, {**ENVIRON, "ACME_MASTODON_NL_TOKEN": "nl-token"})
    assert [(label, type(p)) for label, p in publishers["social"]] == [
        ("Slack #statements", SlackChannelPublisher), ("Mastodon social.example", MastodonPublisher),
        ("Bluesky @acme.bsky.social", BlueskyPublisher), ("Mastodon social.example (mastodon_nl)", MastodonPublisher)]
    assert publishers["social"][3][1]._token == "nl-token"  # its own account's secret
    assert [label for label, _ in publishers["mastodon"]] == ["Slack #statements", "Mastodon social.example"]
    assert "social" not in build_removers(plan, {**ENVIRON, "ACME_MASTODON_NL_TOKEN": "nl-token"})
    assert "social" not in build_repliers(plan, {**ENVIRON, "ACME_MASTODON_NL_TOKEN": "nl-token"})
    with pytest.raises(PlanError) as caught:
        build_publishers(plan, CLIENT, ENVIRON)
    assert caught.value.path == "statements.targets.mastodon_nl.publisher.token_env"


@pytest.fixture
def plan(mastodon, bluesky):
    return make_plan(statements={"targets": {
        "mastodon": {"publisher": {**MASTODON, "instance": mastodon.url}},
        "bluesky": {"publisher": {**BLUESKY, "service": bluesky.url}}, "social": SOCIAL}})


@pytest.fixture
def ports(plan, clock, chat, db, mastodon, bluesky):  # noqa: F811
    environ = {"ACME_MASTODON_TOKEN": mastodon.token, "ACME_BSKY_PASSWORD": bluesky.token}
    publishers = build_publishers(plan, CLIENT, environ, HttpClient(timeout=2))
    return Ports(plan=plan, uow=db, chat=chat, clock=clock, publishers=publishers)


def test_one_statement_reaches_both_accounts_once_and_a_retry_skips_the_one_that_worked(
        ports, clock, mastodon, bluesky):  # noqa: F811
    crisis = open_one(ports)
    bluesky.fail("POST /xrpc/com.atproto.repo.createRecord", 503)
    statement = draft(ports, crisis, target="social", text="We are sorry. We are looking into it.")
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")  # the rule is met: Mastodon posts, Bluesky answers 503
    failed = saved(ports, statement)
    assert failed.state is StatementState.APPROVED and "Bluesky @acme.bsky.social: " in failed.publish_error
    assert [s["content"] for s in mastodon.statuses] == ["We are sorry. We are looking into it."]
    assert bluesky.posts == {}
    clock.advance(minutes=5)
    assert services.publish_tick(ports=ports) == 1
    published = saved(ports, statement)
    [post] = bluesky.posts.values()
    assert published.state is StatementState.PUBLISHED and post["value"]["text"] == mastodon.statuses[0]["content"]
    assert mastodon.routes("POST") == ["/api/v1/statuses"]  # the retry did not post to Mastodon again
    refs = dict(part.split(": ", 1) for part in published.published_ref.split(" · "))
    assert list(refs) == [f"Mastodon {mastodon.url.removeprefix('http://')}", "Bluesky @acme.bsky.social"]
    assert refs[f"Mastodon {mastodon.url.removeprefix('http://')}"] == mastodon.statuses[0]["url"]


def test_a_retraction_of_a_group_statement_deletes_its_post_on_each_account(ports, mastodon, bluesky):  # noqa: F811
    crisis = open_one(ports)
    statement = draft(ports, crisis, target="social", text="We are sorry. We are looking into it.")
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    assert len(mastodon.statuses) == 1 and len(bluesky.posts) == 1
    retraction = amendments.amend(statement.id, Amendment.RETRACTION, "We withdraw our statement.", user="USOCIAL",
                                  request_key="r1", ports=ports)
    decide(ports, retraction, "UCOMMS", key="r-comms")
    decide(ports, retraction, "ULEGAL", key="r-legal")
    assert saved(ports, retraction).state is StatementState.PUBLISHED
    assert mastodon.statuses == [] and bluesky.posts == {}
