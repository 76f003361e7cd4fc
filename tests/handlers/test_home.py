"""End to end: the signed `app_home_opened` event publishes each person's Home tab through the sandbox's
views.publish (a person with no role sees open crises and why, nothing private), the tick refreshes the Home of
who opened it once something they see changed, and a Home tab the app's manifest does not enable fails quietly."""
import json

import pytest

from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import open_crisis, page_to, replies_to


def plan(users):
    return team_plan(users, admins=[users["lead"]], monitor={"terms": ["acme"]}, prevention={
        "security_channel": "#security", "security_lead": "crisis_lead", "accounts": [
            {"platform": "x", "handle": "@acmecoffee", "owner": users["social"], "two_factor": False,
             "credential": "1Password / Social / X", "access": [users["social"]]}]})


@pytest.fixture
def bot(uow_factory, sleeps):
    local = start_local_bot(uow_factory, clock=SettableClock(), plan=plan, sleep=sleeps.append)
    local.sandbox.add_channel("security")
    yield local
    local.stop()
    assert local.executor.failures == []


def home(bot, who):
    view = bot.sandbox.home_view(bot.users.get(who, who))
    return json.dumps(view["blocks"], ensure_ascii=False) if view else None


def test_each_person_sees_their_home_and_someone_with_no_role_what_everyone_may(bot):
    channel = open_crisis(bot, title="Barista video")
    stranger = bot.sandbox.add_user("kim")
    status, _ = bot.open_home(stranger)
    assert status == 200
    seen = home(bot, stranger)
    assert "Barista video" in seen and "You hold no role in the crisis plan" in seen
    assert "Your pages" not in seen and "Account hygiene" not in seen and "two-factor" not in seen
    bot.open_home("lead")
    seen = home(bot, "lead")
    assert f"Crisis lead for *Barista video* in <#{channel['id']}>" in seen
    assert "*X / Twitter @acmecoffee* has no two-factor authentication" in seen
    (image,) = [b for b in bot.sandbox.home_view(bot.users["lead"])["blocks"] if b["type"] == "image"]
    assert image["alt_text"] == "acme: mentions, last 24 hours" and image["slack_file"]["id"] == bot.sandbox.files()[0]["id"]
    assert len(bot.sandbox.files()) == 1  # one chart for both: drawn again in the next hour only
    bot.clock.advance(hours=1)
    bot.open_home("lead")
    assert len(bot.sandbox.files()) == 2
    bot.open_home("legal", tab="messages")
    assert home(bot, "legal") is None
    assert replies_to(bot, stranger) == [] and replies_to(bot, "lead") == []


def test_what_people_typed_is_shown_as_typed_and_pings_nobody(bot):
    open_crisis(bot, title="<!channel> & <@U0BOSS> boycott")
    bot.open_home("legal")
    seen = home(bot, "legal")
    assert "&lt;!channel&gt; &amp; &lt;@U0BOSS&gt; boycott" in seen and "<!channel>" not in seen


def test_an_acknowledged_page_leaves_the_home_of_who_opened_it_at_the_next_check(bot):
    channel = open_crisis(bot)
    bot.open_home("legal")
    assert "Legal for" in home(bot, "legal")
    publishes = len(bot.sandbox.calls_to("views.publish"))
    bot.clock.advance(seconds=20)
    bot.wired.tick()
    assert len(bot.sandbox.calls_to("views.publish")) == publishes  # nothing changed: not published again
    bot.click("legal", channel["id"], page_to(bot, channel["id"], "legal")["ts"], ids.ACKNOWLEDGE)
    bot.clock.advance(seconds=20)
    bot.wired.tick()
    assert "No page waits for you." in home(bot, "legal")
    assert [c.args["user_id"] for c in bot.sandbox.calls_to("views.publish")[publishes:]] == [bot.users["legal"]]


def test_a_home_tab_the_manifest_does_not_enable_is_logged_and_nobody_is_bothered(bot, caplog):
    bot.sandbox.set_home_tab(False)
    status, _ = bot.open_home("lead")
    assert status == 200 and home(bot, "lead") is None
    assert "not_enabled" in caplog.text and replies_to(bot, "lead") == []
