"""build_publishers: the Slack publish channel for every target, a target's platform account with its secret from
the environment or a secrets file, and clear plan errors with key paths."""
import pytest
from slack_sdk import WebClient

from crisis.errors import PlanError
from publishers.bluesky import BlueskyPublisher
from publishers.facebook import FacebookPagePublisher
from publishers.linkedin import LinkedInPublisher
from publishers.mastodon import MastodonPublisher
from publishers.registry import build_publishers
from publishers.slack_channel import SlackChannelPublisher
from publishers.x import XPublisher
from tests.crisis.plans import make_plan

CLIENT = WebClient(token="xoxb-test")
MASTODON = {"type": "mastodon", "instance": "https://social.example/", "token_env": "ACME_MASTODON_TOKEN"}


def test_the_publish_channel_serves_every_target_and_mastodon_its_own():
    plan = make_plan(statements={"publish_channel": "#statements", "targets": {"mastodon": {"publisher": MASTODON}}})
    publishers = build_publishers(plan, CLIENT, {"ACME_MASTODON_TOKEN": "t0ken"})
    assert set(publishers) == {t.key for t in plan.statements.targets}
    assert [(label, type(p)) for label, p in publishers["press"]] == [("Slack #statements", SlackChannelPublisher)]
    assert [(label, type(p)) for label, p in publishers["mastodon"]] == [
        ("Slack #statements", SlackChannelPublisher), ("Mastodon social.example", MastodonPublisher)]


def test_without_a_publish_channel_only_mastodon_targets_have_publishers():
    plan = make_plan(statements={"targets": {"mastodon": {"publisher": MASTODON}}})
    publishers = build_publishers(plan, CLIENT, {"ACME_MASTODON_TOKEN": "t0ken"})
    assert [label for label, _ in publishers["mastodon"]] == ["Mastodon social.example"]
    assert publishers["x"] == []


@pytest.mark.parametrize("environ", [{}, {"ACME_MASTODON_TOKEN": "  "}])
def test_an_unset_token_variable_fails_at_build_time(environ):
    plan = make_plan(statements={"targets": {"mastodon": {"publisher": MASTODON}}})
    with pytest.raises(PlanError, match="ACME_MASTODON_TOKEN") as caught:
        build_publishers(plan, CLIENT, environ)
    assert caught.value.path == "statements.targets.mastodon.publisher.token_env"


def test_an_instance_that_is_not_a_url_fails_when_the_plan_is_read():
    with pytest.raises(PlanError) as caught:
        make_plan(statements={"targets": {"mastodon": {"publisher": {**MASTODON, "instance": "social.example"}}}})
    assert caught.value.path == "statements.targets.mastodon.publisher.instance"


PLATFORMS = {
    "bluesky": {"type": "bluesky", "handle": "acme.bsky.social", "token_env": "ACME_BSKY_PASSWORD"},
    "facebook": {"type": "facebook", "page_id": "104857600", "token_env": "ACME_FB_TOKEN", "api_version": "v23.0"},
    "linkedin": {"type": "linkedin", "organization": "urn:li:organization:5515715", "token_env": "ACME_LI_TOKEN"},
    "x": {"type": "x", "token_file": "SET_BY_TEST"},
}


def test_every_platform_gets_its_publisher_with_its_secret_from_the_environment_or_a_file(tmp_path):
    secret = tmp_path / "x-token"
    secret.write_text("x-user-token\n")
    targets = {key: {"publisher": {**options, **({"token_file": str(secret)} if key == "x" else {})}}
               for key, options in PLATFORMS.items()}
    plan = make_plan(statements={"targets": targets})
    environ = {"ACME_BSKY_PASSWORD": "app-pass", "ACME_FB_TOKEN": "page-token", "ACME_LI_TOKEN": "li-token"}
    publishers = build_publishers(plan, CLIENT, environ)
    assert [(label, type(p)) for key in PLATFORMS for label, p in publishers[key]] == [
        ("Bluesky @acme.bsky.social", BlueskyPublisher), ("Facebook Page 104857600", FacebookPagePublisher),
        ("LinkedIn 5515715", LinkedInPublisher), ("X", XPublisher)]
    assert publishers["x"][0][1]._headers["Authorization"] == "Bearer x-user-token"


def test_a_secrets_file_that_cannot_be_read_is_named_not_shown(tmp_path):
    plan = make_plan(statements={"targets": {"x": {"publisher": {"type": "x",
                                                                 "token_file": str(tmp_path / "missing")}}}})
    with pytest.raises(PlanError, match="cannot read the X user access token from .*missing") as caught:
        build_publishers(plan, CLIENT, {})
    assert caught.value.path == "statements.targets.x.publisher.token_file"
    (tmp_path / "empty").write_text("  \n")
    plan = make_plan(statements={"targets": {"x": {"publisher": {"type": "x", "token_file": str(tmp_path / "empty")}}}})
    with pytest.raises(PlanError, match="is empty"):
        build_publishers(plan, CLIENT, {})


@pytest.mark.parametrize(("publisher", "path", "problem"), [
    ({"type": "myspace", "token_env": "T"}, "type", "use one of mastodon, bluesky, facebook, linkedin, x"),
    ({"type": "bluesky", "token_env": "T"}, "handle", "is required for a bluesky publisher"),
    ({"type": "x", "token_env": "T", "token_file": "/run/secrets/x"}, "token_file", "name the credential once"),
    ({"type": "x"}, "token_env", "never the token itself"),
    ({"type": "x", "token_env": "T", "token": "abc"}, "token", "unknown option for a x publisher"),
    ({"type": "x", "token_env": "my token"}, "token_env", "the name of an environment variable"),
    ({"type": "bluesky", "handle": "acme", "token_env": "T"}, "handle", "a Bluesky handle"),
    ({"type": "bluesky", "handle": "acme.bsky.social", "token_env": "T", "service": "ftp://pds"}, "service", "http(s)"),
    ({"type": "facebook", "page_id": "acme", "token_env": "T"}, "page_id", "numeric id"),
    ({"type": "linkedin", "organization": "acme", "token_env": "T"}, "organization", "numeric id or urn"),
    ({"type": "linkedin", "organization": "1", "token_env": "T", "api_version": "2024-11"}, "api_version", "YYYYMM"),
    ({"type": "facebook", "page_id": "1", "token_env": ["T"]}, "token_env", "non-empty text"),
])
def test_publisher_options_are_checked_with_their_key_path(publisher, path, problem):
    with pytest.raises(PlanError) as caught:
        make_plan(statements={"targets": {"brand": {"publisher": publisher}}})
    assert caught.value.path == f"statements.targets.brand.publisher.{path}"
    assert problem in caught.value.problem
