"""`crisisbot demo`: mentions replayed into the monitor, a spike warning, and the crisis it becomes,
played against the sandbox and printed as what each person saw."""
from __future__ import annotations

import logging
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from crisis.i18n import PlainStyle, render
from crisis.monitor.mentions import parse_time
from crisis.plan import CrisisPlan
from crisis.timeline import describe
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from sandbox.local_bot import REPO, LocalBot, SettableClock, start_local_bot, team_plan
from sources.mention_files import FORMATS, read_mentions

DEMO_MENTIONS = REPO / "examples" / "mentions-demo.jsonl"
TERM = "acme"
STEP = timedelta(minutes=5)
FAST_STEP = timedelta(hours=1)
WATCH_CLOSELY = timedelta(hours=4)
"""The last part of the replay is stepped bucket by bucket, so a warning shows up when it would live."""
OPEN_FORM = {
    ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Offensive ad video goes viral"},
    ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
    ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "offensive_post"}}},
    ids.DESCRIPTION_BLOCK: {ids.DESCRIPTION_INPUT: "Our new ad is being shared as mocking nurses; 4k reposts in an hour."},
    ids.LINK_BLOCK: {ids.LINK_INPUT: {"type": "url_text_input", "value": "https://social.example/acme/ad-42"}},
}


def run_demo(out: TextIO, mentions: Path | None = None) -> int:
    """Play the demo; `mentions` replays another CSV/JSONL file (e.g. a team's export) instead."""
    logging.getLogger().setLevel(logging.WARNING)
    path = Path(mentions or DEMO_MENTIONS).resolve()
    if path.suffix.lower() not in FORMATS or not path.is_file():
        out.write(f"crisisbot demo: {path} is not a readable .csv or .jsonl mention file\n")
        return 2
    first, last = _time_range(path)
    with tempfile.TemporaryDirectory(prefix="crisisbot-demo-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        upgrade(engine)
        bot = start_local_bot(SqlUnitOfWorkFactory(engine), clock=SettableClock(first),
                              plan=lambda users: _plan(users, path))
        try:
            channel = _play(bot, out, path, last)
            out.write("\n=== What each person saw in Slack ===\n")
            out.write(bot.sandbox.transcript() + "\n")
            if channel:
                _print_timeline(bot, channel, out)
        finally:
            bot.stop()
            engine.dispose()
    return 0


def _plan(users: dict[str, str], path: Path) -> CrisisPlan:
    return team_plan(users, statement_approval={"default": "any 2 of comms_lead, legal, crisis_lead"}, monitor={
        "terms": [TERM], "crisis_update_every": "30m",
        "sources": [{"name": "demo-replay", "type": "file", "term": TERM, "path": str(path), "every": "1m"}],
    })


def _time_range(path: Path) -> tuple[datetime, datetime]:
    """The first and last mention times of a file sorted by time (the replay's start and end)."""
    times = [parse_time(row["created_at"]) for row in read_mentions(path) if row.get("created_at")]
    return min(times), max(times)


def _say(out: TextIO, text: str) -> None:
    out.write(f"  - {text}\n")


def _replay(bot: LocalBot, until: datetime, step: timedelta) -> tuple[int, list[dict[str, Any]]]:
    """Advance the clock in steps, polling and ticking the monitor; stop at the first warning."""
    stored = 0
    while bot.clock.now() < until:
        bot.clock.advance(seconds=step.total_seconds())
        stored += bot.poll("demo-replay").stored
        if bot.monitor_tick().posted:
            return stored, _warnings(bot)
    return stored, []


def _warnings(bot: LocalBot) -> list[dict[str, Any]]:
    alerts = bot.sandbox.channel_by_name("brand-alerts")["id"]
    return [m for m in bot.sandbox.messages(alerts) if ids.OPEN_FROM_ALERT in str(m.get("blocks"))]


def _play(bot: LocalBot, out: TextIO, path: Path, last: datetime) -> str | None:
    out.write(f"crisisbot demo: {path.name} replayed into the mention monitor, against the local Slack sandbox "
              "(no network, temporary SQLite)\n")
    bot.poll("demo-replay")
    brand = bot.sandbox.channel_by_name("brand-social")["id"]
    for hours, text in ((30, "It's Latte Day tomorrow! 20% off all lattes :coffee:"),
                        (100, "Our new ad is out: have you seen it? :clapper:")):
        bot.sandbox.add_scheduled_message(brand, text, (last + timedelta(hours=hours)).timestamp())
    stored, warnings = _replay(bot, last - WATCH_CLOSELY, FAST_STEP)
    if not warnings:
        _say(out, f"{stored:,} mentions of the quiet days replayed hour by hour: no warning (normal rhythm)")
        more, warnings = _replay(bot, last + STEP, STEP)
        stored += more
    if not warnings:
        _say(out, f"{stored:,} mentions replayed; the detector raised no warning in this file")
        return None
    warning = warnings[0]
    _say(out, f"{bot.clock.now():%a %H:%M} UTC: spike warning in #brand-alerts with its chart")
    alerts = bot.sandbox.channel_by_name("brand-alerts")["id"]
    bot.click("lead", alerts, warning["ts"], ids.OPEN_FROM_ALERT)
    view = bot.sandbox.views_opened()[-1]
    bot.submit("lead", view["id"], OPEN_FORM)
    channel = next(c.response["channel"] for c in reversed(bot.sandbox.calls_to("conversations.create"))
                   if c.response["ok"])
    _say(out, f"Dana pressed [Open crisis]: #{channel['name']}, card pinned, 4 roles paged, "
              "2 scheduled brand posts paused")
    for who in ("lead", "legal", "social"):
        bot.clock.advance(minutes=1)
        _acknowledge(bot, who)
    _say(out, "Dana (crisis lead), Maria (legal) and Jo (social media) acknowledged; Lea (comms) did not")
    bot.clock.advance(minutes=8)
    report = bot.tick()
    _say(out, f"10 minutes later the timer fired: {report.escalated} page escalated to the comms backup")
    bot.clock.advance(minutes=2)
    _acknowledge(bot, "comms_backup")
    _say(out, "Sam (comms backup) acknowledged and now holds the comms lead role")
    bot.clock.advance(minutes=18)
    bot.poll("demo-replay")
    bot.monitor_tick()
    bot.command("lead", "note Ad paused in all markets; agency informed", channel["id"])
    _say(out, "The monitor posted the numbers in the crisis channel; Dana added a note")
    _statement(bot, out, channel["id"])
    bot.clock.advance(minutes=40)
    bot.command("comms_backup", "update Apology is out; we are talking to two nurses' associations", channel["id"])
    _say(out, "Sam posted an update (crisis channel, timeline and #stakeholders)")
    bot.clock.advance(hours=1)
    bot.command("lead", "close", channel["id"])
    view = bot.sandbox.views_opened()[-1]
    bot.submit("lead", view["id"], {ids.RESOLUTION_BLOCK: {
        ids.RESOLUTION_INPUT: "Ad pulled, apology posted, reposts down 80%."}})
    _say(out, "Dana closed the crisis")
    _paused_posts(bot, out)
    _debrief(bot, out, channel["id"])
    return channel["id"]


DEBRIEF_ANSWERS = {
    "legal": {"went_well": "Statement approved within 15 minutes of the first draft.",
              "went_badly": "The ad went live without legal review.", "response_speed": "4", "roles_clear": "5",
              "lesson": "Paid campaigns need a legal sign-off too."},
    "social": {"went_well": "The spike warning came 10 minutes after the first posts.",
               "went_badly": "We kept answering individual posts before the statement was out.",
               "root_cause": "The agency's review skipped the target audience check.", "response_speed": "3",
               "roles_clear": "4", "lesson": "Pause replies until the holding statement is out."},
    "comms_backup": {"went_well": "Backup paging worked when Lea was offline.", "response_speed": "4",
                     "roles_clear": "3", "lesson": "Keep the on-call list current on weekends."},
}


def _debrief(bot: LocalBot, out: TextIO, channel: str) -> None:
    """Three people answer the questionnaire; at the deadline the report is built, uploaded and written out."""
    for who, answers in DEBRIEF_ANSWERS.items():
        dm = bot.sandbox.dm_channel(bot.users[who])
        invite = next(m for m in bot.sandbox.messages(dm) if ids.DEBRIEF_START in str(m.get("blocks")))
        bot.click(who, dm, invite["ts"], ids.DEBRIEF_START)
        values = {key: ({key: {"type": "static_select", "selected_option": {"value": value}}} if value.isdigit()
                        else {key: value}) for key, value in answers.items()}
        if who == "legal":
            values[ids.follow_up_block(0, "text")] = {"text": "Add legal sign-off to the campaign checklist"}
            values[ids.follow_up_block(0, "owner")] = {"owner": {"type": "users_select",
                                                                 "selected_user": bot.users["legal"]}}
        bot.submit(who, bot.sandbox.views_opened()[-1]["id"], values)
    _say(out, "Maria, Jo and Sam answered the debrief questionnaire (the others did not)")
    bot.clock.advance(hours=49)
    bot.tick()
    folder = Path(tempfile.mkdtemp(prefix="crisisbot-demo-report-"))
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        record = uow.debriefs.for_crisis(crisis.id)
    (folder / "report.md").write_text(record.report_markdown, encoding="utf-8")
    (folder / "report.html").write_text(record.report_html, encoding="utf-8")
    _say(out, "48 hours later the debrief closed and the report was uploaded to the crisis channel")
    out.write(f"\nReport written to:\n  {folder / 'report.md'}\n  {folder / 'report.html'}\n")


def _statement(bot: LocalBot, out: TextIO, channel: str) -> None:
    """Sam drafts the holding statement; his own approval does not count; legal and the lead approve."""
    bot.clock.advance(minutes=5)
    bot.command("comms_backup", "draft", channel)
    bot.submit("comms_backup", bot.sandbox.views_opened()[-1]["id"], {
        ids.TARGET_BLOCK: {ids.TARGET_INPUT: {"type": "static_select", "selected_option": {"value": "x"}}},
        ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: {"type": "static_select", "selected_option": {"value": "holding"}}},
        ids.TEXT_BLOCK: {ids.TEXT_INPUT: ""}})
    card = next(m for m in reversed(bot.sandbox.messages(channel)) if ids.APPROVE in str(m.get("blocks")))
    bot.click("comms_backup", channel, card["ts"], ids.APPROVE)
    _say(out, "Sam drafted the holding statement from the plan's template; his own approval was refused (four eyes)")
    bot.clock.advance(minutes=4)
    bot.click("legal", channel, card["ts"], ids.APPROVE)
    bot.clock.advance(minutes=2)
    bot.click("lead", channel, card["ts"], ids.APPROVE)
    _say(out, "Maria (legal) and Dana (crisis lead) approved: published once to #statements")


def _paused_posts(bot: LocalBot, out: TextIO) -> None:
    dm = bot.sandbox.dm_channel(bot.users["lead"])
    offer = next((m for m in bot.sandbox.messages(dm or "") if ids.RESUME_POST in str(m.get("blocks"))), None)
    if offer is None:
        return
    buttons = [e for b in offer["blocks"] if b["type"] == "actions" for e in b["elements"]]
    resume = next(b for b in buttons if b["action_id"] == ids.RESUME_POST)
    discard = next(b for b in buttons if b["action_id"] == ids.DISCARD_POST and b["value"] != resume["value"])
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, resume["value"])
    bot.click("lead", dm, offer["ts"], ids.DISCARD_POST, discard["value"])
    _say(out, "Dana resumed one paused brand post and discarded the other")


def _acknowledge(bot: LocalBot, who: str) -> None:
    dm = bot.sandbox.dm_channel(bot.users[who])
    pages = [m for m in bot.sandbox.messages(dm or "") if ids.ACKNOWLEDGE in str(m.get("blocks"))] if dm else []
    if pages:
        bot.click(who, dm, pages[-1]["ts"], ids.ACKNOWLEDGE)


def _print_timeline(bot: LocalBot, channel_id: str, out: TextIO) -> None:
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        events = uow.timeline.for_crisis(crisis.id)
    out.write(f"\n=== Timeline of crisis #{crisis.id} ({len(events)} entries) ===\n")
    style = _SandboxNames(bot)
    for event in events:
        out.write(f"{event.at:%H:%M}  {render(describe(event, bot.ports.plan), style)}\n")


class _SandboxNames(PlainStyle):
    """Plain text with the sandbox's people and channels by name."""

    def __init__(self, bot: LocalBot) -> None:
        self.bot = bot

    def user(self, user_id: str) -> str:
        return "@" + (self.bot.sandbox.user(user_id) or {}).get("name", user_id)

    def channel(self, channel_id: str) -> str:
        return "#" + (self.bot.sandbox.channel(channel_id) or {}).get("name", channel_id)
