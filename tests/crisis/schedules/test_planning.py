"""`statements.scheduled_posts` in the plan: targets with a Mastodon or Facebook Page publisher, a Hootsuite account
with one credential; whatever is wrong is named by its key path, never repeating a credential."""
import pytest

from crisis.errors import PlanError
from tests.crisis.plans import make_plan

TARGETS = {"mastodon": {"publisher": {"type": "mastodon", "instance": "https://m.example", "token_env": "M_TOKEN"}},
           "fb": {"publisher": {"type": "facebook", "page_id": "1046", "token_file": "/run/secrets/fb"}},
           "x": {"limit": 280}}


def plan_with(scheduled):
    return make_plan(statements={"targets": TARGETS, "scheduled_posts": scheduled})


def test_targets_and_hootsuite_are_read():
    settings = plan_with({"targets": ["mastodon", "fb", "mastodon"],
                          "hootsuite": {"token_env": "HOOTSUITE_TOKEN", "profiles": [115185509, "42"]}}
                         ).statements.scheduled_posts
    assert settings.targets == ("mastodon", "fb")
    assert settings.hootsuite == {"token_env": "HOOTSUITE_TOKEN", "profiles": "115185509,42"}
    assert make_plan().statements.scheduled_posts.targets == ()


@pytest.mark.parametrize(("scheduled", "path"), [
    ({"targets": ["x"]}, "statements.scheduled_posts.targets.0"),  # no platform publisher
    ({"targets": ["nowhere"]}, "statements.scheduled_posts.targets.0"),
    ({"targets": "mastodon"}, "statements.scheduled_posts.targets"),
    ({"buffer": {}}, "statements.scheduled_posts.buffer"),
    ({"hootsuite": {"token": "s3cret-value"}}, "statements.scheduled_posts.hootsuite.token"),
    ({"hootsuite": {"api": "https://h.example"}}, "statements.scheduled_posts.hootsuite.token_env"),
    ({"hootsuite": {"token_env": "A", "token_file": "/f"}}, "statements.scheduled_posts.hootsuite.token_file"),
    ({"hootsuite": {"token_env": "A", "api": "ftp://h.example"}}, "statements.scheduled_posts.hootsuite.api"),
    ({"hootsuite": {"token_env": "A", "profiles": ["me"]}}, "statements.scheduled_posts.hootsuite.profiles"),
    ("yes", "statements.scheduled_posts"),
])
def test_what_is_wrong_is_named_by_its_path(scheduled, path):
    with pytest.raises(PlanError) as wrong:
        plan_with(scheduled)
    assert wrong.value.path == path and "s3cret-value" not in str(wrong.value)
