"""The plan's schedulers: one per listed target (with its publisher's secret) and Hootsuite's, labelled as people
know the accounts; a missing secret is named, never shown."""
import pytest

from crisis.errors import PlanError
from publishers.schedules.facebook import FacebookSchedule
from publishers.schedules.hootsuite import HootsuiteSchedule
from publishers.schedules.mastodon import MastodonSchedule
from publishers.schedules.registry import build_schedulers
from tests.crisis.plans import make_plan

STATEMENTS = {
    "targets": {"mastodon": {"publisher": {"type": "mastodon", "instance": "https://m.example", "token_env": "M_T"}},
                "fb": {"publisher": {"type": "facebook", "page_id": "1046", "token_env": "FB_T"}}},
    "scheduled_posts": {"targets": ["mastodon", "fb"], "hootsuite": {"token_env": "H_T"}}}


def test_each_listed_account_gets_its_scheduler():
    built = build_schedulers(make_plan(statements=STATEMENTS), {"M_T": "m", "FB_T": "f", "H_T": "h"})
    assert {key: (label, type(s)) for key, (label, s) in built.items()} == {
        "mastodon": ("Mastodon m.example", MastodonSchedule), "fb": ("Facebook Page 1046", FacebookSchedule),
        "hootsuite": ("Hootsuite", HootsuiteSchedule)}


def test_a_missing_secret_is_named():
    with pytest.raises(PlanError) as missing:
        build_schedulers(make_plan(statements=STATEMENTS), {"M_T": "m", "FB_T": "f"})
    assert missing.value.path == "statements.scheduled_posts.hootsuite.token_env" and "H_T" in str(missing.value)
