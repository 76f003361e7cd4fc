"""Hostile posts in webcare: the author and text of the post replied to reach Slack escaped (no ping, no link
spoof) on the reply's card, as typed; a do-not-engage author written in another case still matches."""
from __future__ import annotations

import json

from crisis.plan_parsing import parse_plan
from crisis.webcare.model import PostSeen, Reply, account_key
from crisis.webcare.views import reply_card
from handlers.block_kit import message
from tests.crisis.fakes.outside import T0
from tests.crisis.plans import plan_data

HOSTILE = "<!channel> <https://evil.example|your bank> & <@U123>"


def test_the_posts_author_and_text_are_escaped_on_the_reply_card():
    plan = parse_plan(plan_data() | {"webcare": {"lines": {"sorry": {"text": "{author} sorry"}}}})
    reply = Reply("mastodon", "Mastodon <b>", "1", PostSeen(HOSTILE, HOSTILE, "https://social.example/posts/1"),
                  "sorry", "@jane sorry", "USOCIAL", T0, False, id=7)
    shown = json.dumps(message(reply_card(reply, None, plan)))
    assert "<!channel>" not in shown and "<@U123>" not in shown and "<https://evil" not in shown
    assert "&lt;!channel&gt;" in shown and "&amp;" in shown


def test_accounts_compare_without_case_and_leading_at():
    assert account_key("  @@Troll@Bad.Social ") == account_key("troll@bad.social") == "troll@bad.social"
