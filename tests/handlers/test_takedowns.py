"""End to end: `/crisis takedown <url>` in the crisis room against a fake Mastodon instance: the post archived and
its approval card posted, approved by the statements' roles (never the one who asked), taken down once; an
unknown platform's link and a post already gone are refused with a clear reply and nothing recorded."""
import json
from functools import partial

import pytest

from crisis.takedowns.model import TakedownState
from handlers import ids
from tests.handlers.flows import mastodon_bot, messages_with_button, replies_to
from tests.handlers.post_actions import newest_card, of_room, room


@pytest.fixture
def bot(uow_factory, mastodon):
    with mastodon_bot(uow_factory, mastodon) as local:
        yield local


takedowns = partial(of_room, records=lambda uow: uow.takedowns)
card = partial(newest_card, heading="*Take-down #")


def test_asked_archived_approved_by_the_rule_roles_and_taken_down_once(bot, mastodon):
    channel = room(bot)
    status = mastodon.add_status("Nurses? Just <b>overpaid</b> coffee fans.")
    bot.command("social", f"takedown <{status['url']}>", channel)
    assert any("Take-down #1 asked for" in r for r in replies_to(bot, "social"))
    message = card(bot, channel)
    shown = json.dumps(message, ensure_ascii=False)
    for expected in ("Nurses? Just overpaid coffee fans.", "@acme", "31 reposts", ids.APPROVE_TAKEDOWN,
                     ids.REJECT_TAKEDOWN):
        assert expected in shown
    bot.click("lead", channel, message["ts"], ids.APPROVE_TAKEDOWN)
    assert any("Only the holders of" in r for r in replies_to(bot, "lead"))
    bot.click("comms", channel, message["ts"], ids.APPROVE_TAKEDOWN)
    assert mastodon.statuses  # legal has not approved yet
    bot.click("legal", channel, card(bot, channel)["ts"], ids.APPROVE_TAKEDOWN)
    [takedown] = takedowns(bot)
    assert (takedown.state, takedown.copy.text) == (TakedownState.TAKEN_DOWN, "Nurses? Just overpaid coffee fans.")
    assert not mastodon.statuses and mastodon.routes("DELETE") == [f"/api/v1/statuses/{status['id']}"]
    assert "Taken down from Mastodon" in json.dumps(card(bot, channel))
    assert ids.APPROVE_TAKEDOWN not in json.dumps(card(bot, channel))
    assert any("the post is down" in m.get("text", "") for m in bot.sandbox.messages(channel))


def test_the_requester_never_approves_their_own_takedown(bot, mastodon):
    channel = room(bot)
    bot.command("comms", f"takedown {mastodon.add_status('Oops')['url']}", channel)
    bot.click("comms", channel, card(bot, channel)["ts"], ids.APPROVE_TAKEDOWN)
    assert any("four eyes" in r for r in replies_to(bot, "comms"))
    assert takedowns(bot)[0].approvals == []


REFUSED = [
    ("https://x.com/acme/status/1234", "not a post of an account crisisbot can take posts down from"),
    ("{fake}/@acme/999", "already gone"),
    ("{fake}/@jane/{other}", "belongs to another account"),
    ("", "Type `/crisis takedown"),
]


def test_unknown_gone_or_someone_elses_posts_are_refused_with_nothing_recorded(bot, mastodon):
    channel = room(bot)
    other = mastodon.add_status("Jane's own post", acct="jane")
    for link, reply in REFUSED:
        bot.command("social", f"takedown {link.format(fake=mastodon.url, other=other['id'])}", channel)
        assert reply in replies_to(bot, "social")[-1]
    assert takedowns(bot) == [] and not mastodon.routes("DELETE")


def test_take_down_under_the_crisis_cards_link_asks_for_that_post(bot, mastodon):
    channel = room(bot)
    [crisis_card] = messages_with_button(bot, channel, ids.TAKE_DOWN_LINK)
    bot.click("social", channel, crisis_card["ts"], ids.TAKE_DOWN_LINK)  # the opener's link: https://example.com/...
    assert any("not a post of an account crisisbot can take posts down from" in r for r in replies_to(bot, "social"))
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        crisis.link = mastodon.add_status("Hi &lt;!channel&gt; &amp; friends")["url"]
        uow.crises.save(crisis)
        uow.commit()
    bot.click("social", channel, crisis_card["ts"], ids.TAKE_DOWN_LINK)
    [takedown] = takedowns(bot)
    assert (takedown.copy.text, takedown.requested_by) == ("Hi <!channel> & friends", bot.users["social"])
    shown = json.dumps(card(bot, channel))
    assert "&lt;!channel&gt; &amp; friends" in shown and "<!channel>" not in shown
