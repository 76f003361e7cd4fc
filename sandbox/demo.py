"""`crisisbot demo`: mentions replayed into the monitor, a spike warning, and the crisis it becomes, played against
the Slack sandbox and the local fakes of Mastodon and Bluesky (sandbox/demo_platforms.py) and printed as what each
person saw: brand posts paused at open, the holding statement on every account, the ad taken down, a reply."""
from __future__ import annotations

import logging
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from crisis.i18n import Number, PlainStyle, Time, msg, render, t, voice
from crisis.monitor.mentions import parse_time
from crisis.plan import CrisisPlan
from crisis.plan_parsing import parse_plan
from crisis.schedules.model import QUEUE, PausedPost
from crisis.timeline import describe
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from sandbox.demo_platforms import GROUP, DemoPlatforms
from sandbox.demo_script import ROLE_NAMES, SCRIPTS, DemoScript
from sandbox.local_bot import (
    REPO,
    LocalBot,
    SettableClock,
    start_local_bot,
    team_plan_data,
)
from sources.mention_files import FORMATS, read_mentions

EXAMPLES = REPO / "examples"
TERM = "acme"
STEP = timedelta(minutes=5)
FAST_STEP = timedelta(hours=1)
WATCH_CLOSELY = timedelta(hours=4)
"""The last part of the replay is stepped bucket by bucket, so a warning shows up when it would live."""


def open_form(title: str, description: str, kind: str = "offensive_post",
              link: str = "https://social.example/acme/ad-42") -> dict[str, Any]:
    """The open modal's values as a person fills them in."""
    return {
        ids.TITLE_BLOCK: {ids.TITLE_INPUT: title},
        ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
        ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": kind}}},
        ids.DESCRIPTION_BLOCK: {ids.DESCRIPTION_INPUT: description},
        ids.LINK_BLOCK: {ids.LINK_INPUT: {"type": "url_text_input", "value": link}},
    }


OPEN_FORM = open_form(SCRIPTS["en"].title, SCRIPTS["en"].description)
"""The open modal as the English demo fills it (other stories and benchmarks reuse it)."""
DEBRIEF_ANSWERS = SCRIPTS["en"].answers


def run_demo(out: TextIO, mentions: Path | None = None, language: str = "en",
             platforms: DemoPlatforms | None = None) -> int:
    """Play the demo; `mentions` replays another CSV/JSONL file (e.g. a team's export) instead of the language's own
    stream; `language` is the team's (its plan, its people's words, its clock and its mentions: see
    sandbox/demo_script); `platforms`: started fakes to play against (a test reads them afterwards), else the demo
    starts its own and stops them."""
    chosen = demo_inputs(out, mentions, language)
    if chosen is None:
        return 2
    script, path = chosen
    first, last = time_range(path)
    social = platforms or DemoPlatforms.start()
    with tempfile.TemporaryDirectory(prefix="crisisbot-demo-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        upgrade(engine)
        bot = start_local_bot(SqlUnitOfWorkFactory(engine), clock=SettableClock(first), tokens=social.tokens,
                              plan=lambda users: _plan(users, path, language, social))
        for user in bot.users.values():
            bot.sandbox.set_locale(user, script.locale)
        try:
            channel = _play(bot, out, path, last, script, social)
            out.write("\n" + t("demo.transcript") + "\n")
            out.write(bot.sandbox.transcript() + "\n")
            if channel:
                _print_timeline(bot, channel, out)
        finally:
            bot.stop()
            engine.dispose()
            if platforms is None:
                social.stop()
    return 0


def demo_inputs(out: TextIO, mentions: Path | None, language: str) -> tuple[DemoScript, Path] | None:
    """The crisis story's script (its team's words and clock now spoken) and mention file (the language's own, or
    `mentions`); None (said on `out`) for a language without a script or a file that cannot be replayed."""
    logging.getLogger().setLevel(logging.WARNING)
    script = team_voice(out, language)
    if script is None:
        return None
    path = Path(mentions or EXAMPLES / script.mentions).resolve()
    if path.suffix.lower() not in FORMATS or not path.is_file():
        out.write(t("demo.bad_file", path=str(path)) + "\n")
        return None
    return script, path


def team_voice(out: TextIO, language: str) -> DemoScript | None:
    """The language's script, its words and clock now the team's; None (said on `out`) for a language the demo
    has no script for."""
    script = SCRIPTS.get(language)
    if script is None:
        out.write(t("demo.bad_language", language=language, languages=", ".join(SCRIPTS)) + "\n")
        return None
    voice.speak_as_team(voice.Voice(language, ZoneInfo(script.timezone)))
    return script


def script_plan_data(users: dict[str, str], language: str, **changes: Any) -> dict[str, Any]:
    """The sandbox team's plan as the language's team writes it (their roles, severities, templates)."""
    script = SCRIPTS[language]
    data = team_plan_data(users, language=language, timezone=script.timezone, **{**script.plan, **changes})
    for role, name in ROLE_NAMES.get(language, {}).items():
        data["roles"][role]["name"] = name
    return data


def _plan(users: dict[str, str], path: Path, language: str, platforms: DemoPlatforms) -> CrisisPlan:
    script = SCRIPTS[language]
    data = script_plan_data(users, language, statement_approval={
        "default": "any 2 of comms_lead, legal, crisis_lead"}, monitor={
        "terms": [TERM], "crisis_update_every": "30m",
        "sources": [{"name": "demo-replay", "type": "file", "term": TERM, "path": str(path), "every": "1m"}]},
        webcare={"approval_from_severity": "SEV2", "lines": {"sorry": {
            "name": script.reply_line[0], "text": script.reply_line[1]}}})
    data["statements"] = {**data["statements"], **platforms.statements(script.group_name)}
    return parse_plan(data)


def time_range(path: Path) -> tuple[datetime, datetime]:
    """The first and last mention times of a file sorted by time (the replay's start and end)."""
    times = [parse_time(row["created_at"]) for row in read_mentions(path) if row.get("created_at")]
    return min(times), max(times)


def say(out: TextIO, key: str, **params: Any) -> None:
    """One line of the story, from the catalog (demo.*), in the plan's language."""
    out.write(f"  - {t(key, **params)}\n")


def detail(out: TextIO, key: str, **params: Any) -> None:
    """A line under the story's last one (what a fake or the database holds)."""
    out.write(f"      {t(key, **params)}\n")


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


def _play(bot: LocalBot, out: TextIO, path: Path, last: datetime, script: DemoScript,
          platforms: DemoPlatforms) -> str | None:
    out.write(t("demo.intro", file=path.name) + "\n")
    say(out, "demo.platforms", mastodon=platforms.mastodon.url, bluesky=platforms.bluesky.url)
    bot.poll("demo-replay")
    ad = _before_the_crisis(bot, out, platforms, script, last)
    stored, warnings = _replay(bot, last - WATCH_CLOSELY, FAST_STEP)
    if not warnings:
        say(out, "demo.quiet", n=Number(stored))
        more, warnings = _replay(bot, last + STEP, STEP)
        stored += more
    if not warnings:
        say(out, "demo.no_warning", n=Number(stored))
        return None
    warning = warnings[0]
    say(out, "demo.warning", at=Time(bot.clock.now()))
    alerts = bot.sandbox.channel_by_name("brand-alerts")["id"]
    bot.click("lead", alerts, warning["ts"], ids.OPEN_FROM_ALERT)
    view = bot.sandbox.views_opened()[-1]
    bot.submit("lead", view["id"], open_form(script.title, script.description, link=ad))
    paged = bot.clock.now()
    channel = next(c.response["channel"] for c in reversed(bot.sandbox.calls_to("conversations.create"))
                   if c.response["ok"])
    say(out, "demo.opened", button=msg("warning.open_crisis"), channel=channel["name"])
    _paused_at_open(bot, out, channel["id"], platforms)
    for who in ("lead", "legal", "social"):
        bot.clock.advance(minutes=1)
        _acknowledge(bot, who)
    say(out, "demo.acknowledged")
    _take_down(bot, out, channel["id"], ad)
    bot.clock.advance(minutes=1)
    say(out, "demo.playbook_ticked", n=tick_first_steps(bot, channel["id"], "social", 2))
    bot.clock.advance(minutes=4)
    report = bot.tick()
    say(out, "demo.escalated", n=report.escalated, after=bot.clock.now() - paged)
    bot.clock.advance(minutes=2)
    _acknowledge(bot, "comms_backup")
    say(out, "demo.backup_acknowledged")
    bot.clock.advance(minutes=18)
    bot.poll("demo-replay")
    bot.monitor_tick()
    bot.command("lead", f"note {script.note}", channel["id"])
    say(out, "demo.numbers")
    _statement(bot, out, channel["id"])
    bot.clock.advance(minutes=10)
    _reply_from_warning(bot, out, channel["id"], warning, path, script, platforms)
    bot.clock.advance(minutes=26)
    bot.command("comms_backup", f"update {script.update}", channel["id"])
    say(out, "demo.update")
    bot.clock.advance(hours=1)
    bot.command("lead", "close", channel["id"])
    view = bot.sandbox.views_opened()[-1]
    bot.submit("lead", view["id"], {ids.RESOLUTION_BLOCK: {
        ids.RESOLUTION_INPUT: script.resolution}})
    say(out, "demo.closed")
    _paused_posts(bot, out, channel["id"], platforms)
    _debrief(bot, out, channel["id"], script)
    return channel["id"]


def _debrief(bot: LocalBot, out: TextIO, channel: str, script: DemoScript) -> None:
    """Three people answer the questionnaire; at the deadline the report is built, uploaded and written out."""
    for who, answers in script.answers.items():
        dm = bot.sandbox.dm_channel(bot.users[who])
        invite = next(m for m in bot.sandbox.messages(dm) if ids.DEBRIEF_START in str(m.get("blocks")))
        bot.click(who, dm, invite["ts"], ids.DEBRIEF_START)
        values = {key: ({key: {"type": "static_select", "selected_option": {"value": value}}} if value.isdigit()
                        else {key: value}) for key, value in answers.items()}
        if who == "legal":
            values[ids.follow_up_block(0, "text")] = {"text": script.follow_up}
            values[ids.follow_up_block(0, "owner")] = {"owner": {"type": "users_select",
                                                                 "selected_user": bot.users["legal"]}}
        bot.submit(who, bot.sandbox.views_opened()[-1]["id"], values)
    say(out, "demo.answered")
    bot.clock.advance(hours=49)
    bot.tick()
    _queue_published(bot, out, channel)
    folder = Path(tempfile.mkdtemp(prefix="crisisbot-demo-report-"))
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        record = uow.debriefs.for_crisis(crisis.id)
    (folder / "report.md").write_text(record.report_markdown, encoding="utf-8")
    (folder / "report.html").write_text(record.report_html, encoding="utf-8")
    say(out, "demo.report")
    out.write(f"\n{t('demo.report_written')}\n  {folder / 'report.md'}\n  {folder / 'report.html'}\n")


def _statement(bot: LocalBot, out: TextIO, channel: str) -> None:
    """Sam drafts the holding statement; his own approval does not count; legal and the lead approve."""
    bot.clock.advance(minutes=5)
    bot.command("comms_backup", "draft", channel)
    bot.submit("comms_backup", bot.sandbox.views_opened()[-1]["id"], {
        ids.TARGET_BLOCK: {ids.TARGET_INPUT: {"type": "static_select", "selected_option": {"value": GROUP}}},
        ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: {"type": "static_select", "selected_option": {"value": "holding"}}},
        ids.TEXT_BLOCK: {ids.TEXT_INPUT: ""}})
    card = next(m for m in reversed(bot.sandbox.messages(channel)) if ids.APPROVE in str(m.get("blocks")))
    bot.click("comms_backup", channel, card["ts"], ids.APPROVE)
    say(out, "demo.drafted")
    bot.clock.advance(minutes=4)
    bot.click("legal", channel, card["ts"], ids.APPROVE)
    bot.clock.advance(minutes=2)
    bot.click("lead", channel, card["ts"], ids.APPROVE)
    with bot.ports.uow() as uow:
        statement = uow.statements.for_crisis(uow.crises.by_channel(channel).id)[-1]
    say(out, "demo.approved", target=bot.ports.plan.statements.target_name(statement.target),
        refs=statement.published_ref)


def _before_the_crisis(bot: LocalBot, out: TextIO, platforms: DemoPlatforms, script: DemoScript,
                       last: datetime) -> str:
    """The ad is live on the brand's Mastodon account, two posts are scheduled there and one is queued in crisisbot;
    returns the ad's link."""
    ad = platforms.post(script.ad_post, last - timedelta(hours=5))  # an hour before the backlash
    for hours, text in zip((30, 100), script.brand_posts):
        platforms.schedule(text, last + timedelta(hours=hours))
    when = (last + timedelta(hours=30)).astimezone(bot.ports.plan.zone)
    brand = bot.sandbox.channel_by_name("brand-social")["id"]
    bot.command("social", f"schedule mastodon {when:%Y-%m-%d %H:%M} {script.queued_post}", brand)
    say(out, "demo.scheduled", n=Number(len(platforms.mastodon.scheduled)), ad=ad)
    return ad


def _paused_at_open(bot: LocalBot, out: TextIO, channel: str, platforms: DemoPlatforms) -> None:
    for post in _paused(bot, channel):
        detail(out, "demo.paused_post", source=post.account or post.source, text=post.text)
    detail(out, "demo.mastodon_scheduled", n=Number(len(platforms.mastodon.scheduled)))


def _paused(bot: LocalBot, channel: str) -> list[PausedPost]:
    with bot.ports.uow() as uow:
        return uow.paused_posts.for_crisis(uow.crises.by_channel(channel).id)


def _take_down(bot: LocalBot, out: TextIO, channel: str, ad: str) -> None:
    """Jo asks to take the ad down (her own approval would not count); Maria and Dana approve and it goes."""
    bot.command("social", f"takedown {ad}", channel)
    card = next(m for m in reversed(bot.sandbox.messages(channel)) if ids.APPROVE_TAKEDOWN in str(m.get("blocks")))
    for who in ("legal", "lead"):
        bot.clock.advance(minutes=2)
        bot.click(who, channel, card["ts"], ids.APPROVE_TAKEDOWN)
    with bot.ports.uow() as uow:
        [takedown] = uow.takedowns.for_crisis(uow.crises.by_channel(channel).id)
    say(out, "demo.taken_down", account=takedown.account, state=msg(f"takedown.state.{takedown.state.value}"))
    detail(out, "demo.archived", author=takedown.copy.author, text=takedown.copy.text,
        reposts=Number(takedown.copy.metrics.get("reposts", 0)))


def _reply_from_warning(bot: LocalBot, out: TextIO, channel: str, warning: dict[str, Any], path: Path,
                        script: DemoScript, platforms: DemoPlatforms) -> None:
    """Dana presses Reply under the warning's first example (its post found on the brand's instance; a replayed
    file without such links: Jo types `/crisis reply` for a complaint on the instance) and picks the plan's line;
    the crisis is SEV2, so Maria and Sam approve the reply before it goes out."""
    alerts = bot.sandbox.channel_by_name("brand-alerts")["id"]
    url = next((e["value"] for b in warning["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["action_id"] == ids.REPLY_MENTION), None)
    if url is not None:
        mention = next(row for row in read_mentions(path) if row.get("url") == url)
        who, author = "lead", mention["author"]
        platforms.federate(url, mention["text"], author, parse_time(mention["created_at"]))
        bot.click(who, alerts, warning["ts"], ids.REPLY_MENTION, url)
    else:
        who, (author, text) = "social", script.complaint
        url = platforms.post(text, bot.clock.now(), author=author)
        bot.command(who, f"reply {url}", channel)
    bot.submit(who, bot.sandbox.views_opened()[-1]["id"], {
        ids.REPLY_LINE_BLOCK: {ids.REPLY_LINE_INPUT: {"type": "static_select", "selected_option": {"value": "sorry"}}},
        ids.REPLY_TEXT_BLOCK: {ids.REPLY_TEXT_INPUT: ""}})
    if who == "lead":
        say(out, "demo.reply_asked", button=msg("reply.button"), author=author)
    else:
        say(out, "demo.reply_typed", author=author)
    for approver in ("legal", "comms_backup"):
        bot.clock.advance(minutes=2)
        card = next(m for m in reversed(bot.sandbox.messages(channel)) if ids.APPROVE_REPLY in str(m.get("blocks")))
        bot.click(approver, channel, card["ts"], ids.APPROVE_REPLY)
    for reply in platforms.replies():
        say(out, "demo.reply_sent", url=reply["url"], to=url)


def _queue_published(bot: LocalBot, out: TextIO, channel: str) -> None:
    """The queued post resumed at close went out through its target's publishers when it was due."""
    with bot.ports.uow() as uow:
        queued = [uow.queued_posts.get(int(p.scheduled_id)) for p in _paused(bot, channel) if p.source == QUEUE]
    for post in queued:
        if post is not None and post.published_ref:
            say(out, "demo.queue_published", refs=" · ".join(post.published_ref.splitlines()))


def _paused_posts(bot: LocalBot, out: TextIO, channel: str, platforms: DemoPlatforms) -> None:
    """Dana resumes the first Mastodon post (scheduled there again) and the queued one, and discards the ad's."""
    dm = bot.sandbox.dm_channel(bot.users["lead"])
    offer = next((m for m in bot.sandbox.messages(dm or "") if ids.RESUME_POST in str(m.get("blocks"))), None)
    if offer is None:
        return
    posts = _paused(bot, channel)
    mastodon = sorted((p for p in posts if p.source == "mastodon"), key=lambda p: p.post_at)
    for post in (mastodon[0], *(p for p in posts if p.source == QUEUE)):
        bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(post.id))
    for post in mastodon[1:]:
        bot.click("lead", dm, offer["ts"], ids.DISCARD_POST, str(post.id))
    say(out, "demo.paused", n=Number(len(platforms.mastodon.scheduled)))


def _acknowledge(bot: LocalBot, who: str) -> None:
    dm = bot.sandbox.dm_channel(bot.users[who])
    pages = [m for m in bot.sandbox.messages(dm or "") if ids.ACKNOWLEDGE in str(m.get("blocks"))] if dm else []
    if pages:
        bot.click(who, dm, pages[-1]["ts"], ids.ACKNOWLEDGE)


def tick_first_steps(bot: LocalBot, channel_id: str, who: str, n: int) -> int:
    """`who` ticks the first `n` steps of the room's playbook checklist; how many they ticked."""
    checklist = next((m for m in bot.sandbox.messages(channel_id) if ids.TICK_STEP in str(m.get("blocks"))), None)
    steps = [b["block_id"] for b in checklist["blocks"] if "accessory" in b][:n] if checklist else []
    for step in steps:
        bot.click(who, channel_id, checklist["ts"], ids.TICK_STEP, value=step)
    return len(steps)


def _print_timeline(bot: LocalBot, channel_id: str, out: TextIO) -> None:
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        events = uow.timeline.for_crisis(crisis.id)
    out.write("\n" + t("demo.timeline", id=crisis.id, n=len(events)) + "\n")
    style = _SandboxNames(bot)
    for event in events:
        out.write(f"{voice.local(event.at):%H:%M}  {render(describe(event, bot.ports.plan), style)}\n")


class _SandboxNames(PlainStyle):
    """Plain text with the sandbox's people and channels by name."""

    def __init__(self, bot: LocalBot) -> None:
        self.bot = bot

    def user(self, user_id: str) -> str:
        return "@" + (self.bot.sandbox.user(user_id) or {}).get("name", user_id)

    def channel(self, channel_id: str) -> str:
        return "#" + (self.bot.sandbox.channel(channel_id) or {}).get("name", channel_id)
