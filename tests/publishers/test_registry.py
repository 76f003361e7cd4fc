"""build_publishers: the Slack publish channel for every target, a target's Mastodon account, clear plan errors."""
import pytest
from slack_sdk import WebClient

from crisis.errors import PlanError
from publishers.mastodon import MastodonPublisher
from publishers.registry import build_publishers
from publishers.slack_channel import SlackChannelPublisher
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


def test_an_instance_that_is_not_a_url_fails_at_build_time():
    plan = make_plan(statements={"targets": {"mastodon": {"publisher": {**MASTODON, "instance": "social.example"}}}})
    with pytest.raises(PlanError) as caught:
        build_publishers(plan, CLIENT, {"ACME_MASTODON_TOKEN": "t0ken"})
    assert caught.value.path == "statements.targets.mastodon.publisher.instance"
