"""`crisisbot demo --story prevention`: the plan's account register, a departure, an access review, an
account-leak drill with its playbook and the security lead's App Home, played against the sandbox."""
from __future__ import annotations

import json
import logging
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO

from crisis.i18n import Time, msg, t
from crisis.plan import CrisisPlan
from crisis.plan_parsing import parse_plan
from crisis.prevention.model import AccessReview, Shown
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from sandbox.demo import say, script_plan_data, team_voice, tick_first_steps
from sandbox.local_bot import LocalBot, SettableClock, start_local_bot
from sandbox.transcript import said

START = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
LAST_ROUND = timedelta(days=84)
"""The team's previous access-review round (completed) started this long before the story: the quarter's next
round comes due a week in."""
SECURITY = "security"


def _plan(users: dict[str, str], language: str) -> CrisisPlan:
    """The sandbox team's plan with a register of two brand accounts: X with 2FA, Instagram without; Alex (the
    social-media backup) has access to both."""
    data = script_plan_data(users, language, prevention={
        "security_channel": f"#{SECURITY}", "security_lead": "crisis_lead", "accounts": [
            {"platform": "x", "handle": "@acmecoffee", "owner": users["social"], "two_factor": True,
             "credential": "1Password / Social / X",
             "access": [users["social"], users["comms_backup"], users["opener"]]},
            {"platform": "instagram", "handle": "acme.coffee", "owner": users["comms"], "two_factor": False,
             "credential": "1Password / Social / Instagram", "access": [users["comms"], users["opener"]]}]})
    data["roles"]["social_media"]["backup"] = users["opener"]
    return parse_plan(data)


def run_prevention_demo(out: TextIO, language: str = "en") -> int:
    """Play the prevention story in `language` (en or nl) on a SQLite file in a temporary folder."""
    logging.getLogger().setLevel(logging.WARNING)
    script = team_voice(out, language)
    if script is None:
        return 2
    with tempfile.TemporaryDirectory(prefix="crisisbot-demo-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        upgrade(engine)
        bot = start_local_bot(SqlUnitOfWorkFactory(engine), clock=SettableClock(START),
                              plan=lambda users: _plan(users, language))
        bot.sandbox.add_channel(SECURITY)
        for user in bot.users.values():
            bot.sandbox.set_locale(user, script.locale)
        try:
            _play(bot, out)
            out.write("\n" + t("demo.transcript") + "\n" + bot.sandbox.transcript() + "\n")
            out.write("\n" + t("demo.prevention.home") + "\n" + "\n".join(_home(bot, "lead")) + "\n")
        finally:
            bot.stop()
            engine.dispose()
    return 0


def _play(bot: LocalBot, out: TextIO) -> None:
    out.write(t("demo.prevention.intro") + "\n")
    _last_round(bot)
    bot.wired.tick()
    say(out, "demo.prevention.flagged", n=len(bot.sandbox.messages(SECURITY)))
    bot.clock.advance(hours=2)
    bot.deactivate("opener")
    alert, buttons = _buttons(bot, SECURITY, ids.REVOKE_ACCESS)
    say(out, "demo.prevention.deactivated", n=len(buttons))
    bot.click("lead", SECURITY, alert["ts"], ids.REVOKE_ACCESS, buttons[0]["value"])
    bot.clock.advance(minutes=20)
    bot.click("comms", SECURITY, alert["ts"], ids.REVOKE_ACCESS, buttons[1]["value"])
    say(out, "demo.prevention.revoked")
    bot.clock.current = START - LAST_ROUND + bot.ports.plan.prevention.review_every + timedelta(hours=1)
    bot.wired.tick()
    _review(bot, "social", (ids.KEEP_ACCESS,))  # Alex's revoked access is not asked about again
    bot.wired.tick()
    say(out, "demo.prevention.reviewed", at=Time(bot.clock.now()))
    bot.clock.advance(days=1)
    general = bot.sandbox.channel_by_name("general")["id"]
    bot.command("lead", "drill account_leak", general)
    channel = next(c.response["channel"] for c in reversed(bot.sandbox.calls_to("conversations.create"))
                   if c.response["ok"])
    say(out, "demo.prevention.drill", channel=channel["name"])
    bot.clock.advance(minutes=3)
    say(out, "demo.prevention.checklist", n=tick_first_steps(bot, channel["id"], "social", 2))
    bot.clock.advance(minutes=5)
    bot.open_home("lead")
    say(out, "demo.prevention.opened_home")


def _last_round(bot: LocalBot) -> None:
    """The previous quarter's reviews, done: recorded as the bot records them, so the next round waits its turn."""
    started = START - LAST_ROUND
    plan = bot.ports.plan.prevention
    with bot.ports.uow() as uow:
        for account in plan.accounts:
            uow.reviews.add(AccessReview(account.key, account.label, started.date().isoformat(), account.owner, [],
                                         started, started + plan.review_within, completed_at=started,
                                         card=Shown(shown=1)))
        uow.commit()


def _buttons(bot: LocalBot, channel: str, action_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The newest message in `channel` with `action_id` buttons, and those buttons."""
    message = next(m for m in reversed(bot.sandbox.messages(channel)) if action_id in json.dumps(m))
    found = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
             if e["action_id"] == action_id]
    return message, found


def _review(bot: LocalBot, owner: str, answers: tuple[str, ...]) -> None:
    """The account's owner answers their access review in their DM: one answer per holder, in order."""
    dm = bot.sandbox.dm_channel(bot.users[owner]) or ""
    for answer in answers:
        card, buttons = _buttons(bot, dm, answer)
        bot.click(owner, dm, card["ts"], answer, buttons[0]["value"])


def _home(bot: LocalBot, who: str) -> list[str]:
    """`who`'s Home tab as they read it: the transcript's last publication of it, mentions and dates resolved."""
    where = said(msg("demo.log.home_tab_of", user=f"@{bot.sandbox.user(bot.users[who])['name']}"))
    published = [e for e in bot.sandbox.entries() if e.where == where][-1]
    return [line for text in published.lines[1:] for line in text.splitlines()]
