"""`crisisbot demo`: a scripted crisis played against the sandbox, printed as what each person saw."""
from __future__ import annotations

import logging
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from crisis.i18n import render
from crisis.timeline import describe
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from sandbox.local_bot import LocalBot, SettableClock, start_local_bot

START = datetime(2026, 11, 25, 8, 58, tzinfo=timezone.utc)
OPEN_FORM = {
    ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Offensive ad video goes viral"},
    ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
    ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "offensive_post"}}},
    ids.DESCRIPTION_BLOCK: {ids.DESCRIPTION_INPUT: "Our new ad is being shared as mocking nurses; 4k reposts in an hour."},
    ids.LINK_BLOCK: {ids.LINK_INPUT: {"type": "url_text_input", "value": "https://social.example/acme/ad-42"}},
}


def run_demo(out: TextIO) -> int:
    logging.getLogger().setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="crisisbot-demo-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        upgrade(engine)
        bot = start_local_bot(SqlUnitOfWorkFactory(engine), clock=SettableClock(START))
        try:
            channel = _play(bot, out)
            out.write("\n=== What each person saw in Slack ===\n")
            out.write(bot.sandbox.transcript() + "\n")
            _print_timeline(bot, channel, out)
        finally:
            bot.stop()
            engine.dispose()
    return 0


def _say(out: TextIO, text: str) -> None:
    out.write(f"  - {text}\n")


def _play(bot: LocalBot, out: TextIO) -> str:
    out.write("crisisbot demo: a scripted crisis against the local Slack sandbox (no network, temporary SQLite)\n")
    bot.clock.advance(minutes=2)
    bot.command("opener", "open Offensive ad video", "general")
    view = bot.sandbox.views_opened()[-1]
    bot.submit("opener", view["id"], OPEN_FORM)
    channel = next(c.response["channel"] for c in bot.sandbox.calls_to("conversations.create") if c.response["ok"])
    _say(out, f"Alex opened a SEV2 crisis: channel #{channel['name']}, card pinned, 4 roles paged")
    for who in ("lead", "legal", "social"):
        bot.clock.advance(minutes=1)
        _acknowledge(bot, channel["id"], who)
    _say(out, "Dana (crisis lead), Maria (legal) and Jo (social media) acknowledged; Lea (comms) did not")
    bot.clock.advance(minutes=8)
    report = bot.tick()
    _say(out, f"10 minutes later the timer fired: {report.escalated} page escalated to the comms backup")
    bot.clock.advance(minutes=2)
    _acknowledge(bot, channel["id"], "comms_backup")
    _say(out, "Sam (comms backup) acknowledged and now holds the comms lead role")
    bot.clock.advance(minutes=20)
    bot.command("lead", "note Holding statement drafted; legal is reviewing", channel["id"])
    _say(out, "Dana added a note to the timeline")
    bot.clock.advance(hours=1, minutes=47)
    bot.command("lead", "close", channel["id"])
    view = bot.sandbox.views_opened()[-1]
    bot.submit("lead", view["id"], {ids.RESOLUTION_BLOCK: {
        ids.RESOLUTION_INPUT: "Ad pulled, apology posted, reposts down 80%."}})
    _say(out, "Dana closed the crisis after 2 h 20 min")
    return channel["id"]


def _acknowledge(bot: LocalBot, channel_id: str, who: str) -> None:
    user = bot.users[who]
    dm = bot.sandbox.dm_channel(user)
    page = next(m for m in reversed(bot.sandbox.messages(dm)) if ids.ACKNOWLEDGE in str(m.get("blocks")))
    bot.click(who, dm, page["ts"], ids.ACKNOWLEDGE)


def _print_timeline(bot: LocalBot, channel_id: str, out: TextIO) -> None:
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        events = uow.timeline.for_crisis(crisis.id)
    out.write(f"\n=== Timeline of crisis #{crisis.id} ({len(events)} entries) ===\n")
    for event in events:
        out.write(f"{event.at:%H:%M}  {render(describe(event, bot.ports.plan))}\n")
