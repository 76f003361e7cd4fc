"""End to end: a deactivated person's access revoked with the alert's buttons (the signed user_change event, sent
twice), the register modal refusing a password, and an access review answered by its owner."""
import json

import pytest

from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import last_view, replies_to


def plan(users):
    return team_plan(users, admins=[users["lead"]], prevention={
        "security_channel": "#security", "security_lead": "crisis_lead", "accounts": [
            {"platform": "x", "handle": "@acmecoffee", "owner": users["social"], "two_factor": True,
             "credential": "1Password / Social / X", "access": [users["social"], users["opener"]]},
            {"platform": "instagram", "handle": "acme.coffee", "owner": users["comms"], "two_factor": True,
             "credential": "1Password / Social / Instagram", "access": [users["comms"], users["opener"]]}]})


@pytest.fixture
def bot(uow_factory, sleeps):
    local = start_local_bot(uow_factory, clock=SettableClock(), plan=plan, sleep=sleeps.append)
    local.sandbox.add_channel("security")
    yield local
    local.stop()
    assert local.executor.failures == []


def alerts(bot):
    return [m for m in bot.sandbox.messages("security") if ids.REVOKE_ACCESS in json.dumps(m)
            or "Access to revoke" in json.dumps(m)]


def test_a_deactivation_alerts_and_each_account_is_revoked_with_its_button(bot):
    status, _ = bot.deactivate("opener", event_id="Ev1")
    assert status == 200
    bot.slack.send_event({"type": "user_change", "user": bot.sandbox.user(bot.users["opener"])}, "Ev1", retry_num=1)
    bot.deactivate("opener", event_id="Ev2")  # the same change, delivered again as a new event
    bot.settle()
    (alert,) = alerts(bot)
    assert json.dumps(alert).count(ids.REVOKE_ACCESS) == 2
    bot.click("legal", "security", alert["ts"], ids.REVOKE_ACCESS, "1|x:@acmecoffee")
    assert any("Only the security lead" in r for r in replies_to(bot, "legal"))
    bot.click("social", "security", alert["ts"], ids.REVOKE_ACCESS, "1|x:@acmecoffee")
    (alert,) = alerts(bot)
    assert json.dumps(alert).count(ids.REVOKE_ACCESS) == 1 and "revoked by" in json.dumps(alert)
    bot.clock.advance(days=1)
    bot.tick()
    reminders = [m for m in bot.sandbox.messages("security") if "Reminder" in m.get("text", "")]
    assert len(reminders) == 1 and "Instagram acme.coffee" in reminders[0]["text"]


def test_the_register_modal_refuses_a_password_and_the_owner_answers_the_review(bot, uow_factory):
    bot.command("lead", "accounts", "general")
    view = last_view(bot)
    platform = {"type": "static_select", "selected_option": {"value": "tiktok"}}
    values = {ids.PLATFORM_BLOCK: {ids.PLATFORM_INPUT: platform},
              ids.HANDLE_BLOCK: {ids.HANDLE_INPUT: "@acme"},
              ids.OWNER_BLOCK: {ids.OWNER_INPUT: {"type": "users_select", "selected_user": bot.users["social"]}},
              ids.CREDENTIAL_BLOCK: {ids.CREDENTIAL_INPUT: "Sup3r-Secret!"},
              ids.ACCESS_BLOCK: {ids.ACCESS_INPUT: {"type": "multi_users_select",
                                                    "selected_users": [bot.users["legal"]]}}}
    status, answer = bot.submit("lead", view["id"], values)
    assert ids.CREDENTIAL_BLOCK in json.loads(answer)["errors"]
    values[ids.CREDENTIAL_BLOCK] = {ids.CREDENTIAL_INPUT: "1Password / Social / TikTok"}
    bot.submit("lead", view["id"], values)
    with uow_factory() as uow:
        assert [(a.key, a.two_factor, a.access) for a in uow.accounts.all()] == [
            ("tiktok:@acme", False, (bot.users["legal"],))]
    bot.tick()
    flags = " ".join(m.get("text", "") for m in bot.sandbox.messages("security"))
    assert "TikTok @acme* has no two-factor" in flags
    dm = bot.sandbox.dm_channel(bot.users["social"])
    review = next(m for m in bot.sandbox.messages(dm) if "Access review of TikTok" in m.get("text", ""))
    bot.click("social", dm, review["ts"], ids.KEEP_ACCESS)
    review = next(m for m in bot.sandbox.messages(dm) if m["ts"] == review["ts"])
    assert ids.KEEP_ACCESS not in json.dumps(review) and "keeps access" in json.dumps(review)
