"""`crisisbot demo --platform teams`: the demo's crisis story on Microsoft Teams, played against the loopback Teams
sandbox (teams_sandbox/) and the Teams adapter wired as `crisisbot serve-teams` wires it, and printed as what each
person saw: cards as text with their buttons, who clicked what."""
from __future__ import annotations

import tempfile
import threading
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from wsgiref.simple_server import WSGIRequestHandler, make_server

from sqlalchemy.engine import Engine

from crisis.i18n import Number, Time, msg, render, t, voice
from crisis.plan_parsing import parse_plan
from crisis.timeline import describe
from crisis.views import Action
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from sandbox.demo import (
    FAST_STEP,
    STEP,
    TERM,
    WATCH_CLOSELY,
    demo_inputs,
    say,
    script_plan_data,
    time_range,
)
from sandbox.demo_script import DemoScript
from sandbox.local_bot import SettableClock
from teams.client import Endpoints
from teams_sandbox.people import TeamsPerson
from teams_sandbox.server import TeamsSandbox
from teams_sandbox.state import Conversation
from wiring.teams import TeamsBot, TeamsSettings, wire_teams

PEOPLE = {"lead": ("dana@acme.example", "Dana Reyes"), "lead_backup": ("omar@acme.example", "Omar Haddad"),
          "comms": ("lea@acme.example", "Lea Novak"), "comms_backup": ("sam@acme.example", "Sam Carter"),
          "legal": ("maria@acme.example", "Maria Rossi"), "social": ("jo@acme.example", "Jo Kim")}
CHANNELS = {"announce": "crisis-announce", "alerts": "brand-alerts", "statements": "statements",
            "stakeholders": "stakeholders"}
TEAM_ID = "acme-comms-team"
"""The team whose channels are the crisis rooms (TEAMS_TEAM_ID)."""


def channel_id(key: str) -> str:
    return f"19:{CHANNELS[key]}@thread.tacv2"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@dataclass
class TeamsStory:
    """The bot on loopback, its Teams, its people, and when each line of the transcript was seen."""

    sandbox: TeamsSandbox
    bot: TeamsBot
    url: str
    clock: SettableClock
    seen_at: list[datetime] = field(default_factory=list)

    def person(self, key: str) -> TeamsPerson:
        return TeamsPerson(self.sandbox, PEOPLE[key][0], self.url)

    def stamp(self) -> None:
        """The transcript's new lines happened now (the sandbox keeps no clock of its own)."""
        new = len(self.sandbox.state.transcript) - len(self.seen_at)
        self.seen_at.extend([self.clock.now()] * new)

    def say(self, who: str, text: str, where: str | None = None) -> None:
        self.person(who).say(text, where)
        self.stamp()

    def click(self, who: str, where: str, activity_id: str, verb: str, inputs: dict[str, str] | None = None,
              card: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """`who` presses the button of `verb` on a card (the activity's, or `card` they see in its place); the card
        the bot answers with, if any."""
        person = self.person(who)
        shown = card if card is not None else person.card(where, activity_id)
        answer = person.click(where, activity_id, button_title(shown, verb), inputs, card=shown)
        self.stamp()
        value = answer.json().get("value") if answer.content else None
        return value if isinstance(value, dict) and value.get("type") == "AdaptiveCard" else None

    def conversation(self, where: str) -> Conversation:
        return self.sandbox.state.conversation(where)

    def chat_of(self, who: str) -> Conversation:
        return self.sandbox.state.personal_chat(self.person(who).id)

    def newest(self, where: str, verb: str) -> str | None:
        """The newest activity in `where` whose card offers `verb`."""
        found = [i for i, a in self.conversation(where).activities.items() if verb in _verbs(a)]
        return found[-1] if found else None

    def room(self) -> Conversation | None:
        fixed = {channel_id(key) for key in CHANNELS}
        return next((c for c in self.sandbox.state.conversations.values()
                     if c.kind in ("channel", "groupChat") and c.id not in fixed), None)


def run_teams_demo(out: TextIO, mentions: Path | None = None, language: str = "en", *, engine: Engine | None = None,
                   sandbox: TeamsSandbox | None = None) -> int:
    """Play the demo on Teams; `mentions` and `language` as for the Slack demo (sandbox/demo.run_demo). A given
    `engine` (migrated) and started `sandbox` are the caller's to look at afterwards and to close; by default both
    are made here and gone at the end."""
    chosen = demo_inputs(out, mentions, language)
    if chosen is None:
        return 2
    script, path = chosen
    first, last = time_range(path)
    with ExitStack() as owned:
        if engine is None:
            folder = owned.enter_context(tempfile.TemporaryDirectory(prefix="crisisbot-teams-demo-"))
            engine = make_engine(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
            owned.callback(engine.dispose)
            upgrade(engine)
        if sandbox is None:
            sandbox = TeamsSandbox().start()
            owned.callback(sandbox.stop)
        story, server = start_story(sandbox, engine, SettableClock(first), path, language)
        owned.callback(server.server_close)
        owned.callback(server.shutdown)
        room = play(story, out, path, last, script)
        out.write("\n" + t("demo.teams.transcript") + "\n")
        out.write(transcript(story) + "\n")
        if room:
            _print_timeline(story, room, out)
    return 0


def start_story(sandbox: TeamsSandbox, engine: Engine, clock: SettableClock, path: Path,
                language: str) -> tuple[TeamsStory, Any]:
    """The tenant (its people, without the app: the bot installs it for each through Graph to page them; the
    team's channels), the Teams-wired bot serving /api/messages on loopback."""
    for email, name in PEOPLE.values():
        sandbox.state.add_user(email, name)
    for key, name in CHANNELS.items():
        sandbox.state.add_conversation(channel_id(key), name, "channel", bot_present=True)
    users = {key: email for key, (email, _) in PEOPLE.items()}
    data = script_plan_data(users, language, chat="teams", announce_channel=channel_id("announce"),
                            alerts_channel=channel_id("alerts"),
                            statement_approval={"default": "any 2 of comms_lead, legal, crisis_lead"},
                            monitor={"terms": [TERM], "crisis_update_every": "30m", "sources": [
                                {"name": "demo-replay", "type": "file", "term": TERM, "path": str(path),
                                 "every": "1m"}]})
    statements = {key: value for key, value in data["statements"].items() if key != "brand_channels"}
    data["statements"] = {**statements, "publish_channel": channel_id("statements"),
                          "stakeholder_channel": channel_id("stakeholders")}
    settings = TeamsSettings(app_id=sandbox.state.app_id, secret=sandbox.app_secret,
                             tenant_id=sandbox.state.tenant_id, team_id=TEAM_ID, catalog_app_id="crisisbot-catalog",
                             service_url=f"{sandbox.base_url}/", openid_url=sandbox.openid_url,
                             endpoints=Endpoints(login=sandbox.base_url, graph=sandbox.base_url))
    bot = wire_teams(parse_plan(data), SqlUnitOfWorkFactory(engine), engine, settings, clock=clock, environ={})
    server = make_server("127.0.0.1", 0, bot.app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True, name="teams-demo-bot").start()
    return TeamsStory(sandbox, bot, f"http://127.0.0.1:{server.server_port}/api/messages", clock), server


def _replay(story: TeamsStory, until: datetime, step: timedelta) -> tuple[int, bool]:
    """Advance the clock in steps, polling and ticking the monitor; stop at the first warning."""
    stored = 0
    while story.clock.now() < until:
        story.clock.advance(seconds=step.total_seconds())
        stored += story.bot.poll("demo-replay").stored
        posted = story.bot.monitor_tick().posted
        story.stamp()
        if posted:
            return stored, True
    return stored, False


def play(story: TeamsStory, out: TextIO, path: Path, last: datetime, script: DemoScript) -> str | None:
    """The story, step by step; the crisis room's conversation id (None when the file raised no warning)."""
    out.write(t("demo.teams.intro", file=path.name) + "\n")
    story.bot.poll("demo-replay")
    stored, warned = _replay(story, last - WATCH_CLOSELY, FAST_STEP)
    if not warned:
        say(out, "demo.quiet", n=Number(stored))
        more, warned = _replay(story, last + STEP, STEP)
        stored += more
    alerts = channel_id("alerts")
    warning = story.newest(alerts, Action.OPEN_CRISIS_FROM_ALERT.value)
    if not warned or warning is None:
        say(out, "demo.no_warning", n=Number(stored))
        return None
    say(out, "demo.warning", at=Time(story.clock.now()))
    form = story.click("lead", alerts, warning, Action.OPEN_CRISIS_FROM_ALERT.value)
    story.click("lead", alerts, warning, "open_crisis", card=form, inputs={
        "title": script.title, "description": script.description, "severity": "SEV2", "kind": "offensive_post",
        "link": "https://social.example/acme/ad-42"})
    paged = story.clock.now()
    room = story.room()
    if room is None:
        return None
    say(out, "demo.teams.opened", room=room.name, kind=msg(f"demo.teams.kind.{room.kind}"))
    for who in ("lead", "legal", "social"):
        story.clock.advance(minutes=1)
        acknowledge(story, who)
    say(out, "demo.acknowledged")
    story.clock.advance(minutes=1)
    say(out, "demo.playbook", n=tick_first_steps(story, room.id, "social", 2))
    story.clock.advance(minutes=8)
    report = story.bot.tick()
    story.stamp()
    say(out, "demo.escalated", n=report.pages.escalated, after=story.clock.now() - paged)
    story.clock.advance(minutes=2)
    acknowledge(story, "comms_backup")
    say(out, "demo.backup_acknowledged")
    story.clock.advance(minutes=18)
    story.bot.poll("demo-replay")
    story.bot.monitor_tick()
    story.stamp()
    story.say("lead", f"crisis note {script.note}", room.id)
    say(out, "demo.numbers")
    statement(story, out, room.id)
    press_desk(story, out, room.id)
    story.clock.advance(minutes=40)
    story.say("comms_backup", f"crisis update {script.update}", room.id)
    say(out, "demo.update")
    story.clock.advance(hours=1)
    story.say("lead", f"crisis close {script.resolution}", room.id)
    say(out, "demo.closed")
    debrief(story, out, room.id, script)
    return room.id


def acknowledge(story: TeamsStory, who: str) -> None:
    chat = story.chat_of(who)
    page = story.newest(chat.id, Action.ACKNOWLEDGE_PAGE.value)
    if page is not None:
        story.click(who, chat.id, page, Action.ACKNOWLEDGE_PAGE.value)


def tick_first_steps(story: TeamsStory, room: str, who: str, n: int) -> int:
    """`who` ticks the first `n` steps of the room's playbook checklist (each click updates the card in place, so
    the first "Mark done" left is the next step); how many they ticked."""
    ticked = 0
    for _ in range(n):
        checklist = story.newest(room, Action.TICK_STEP.value)
        if checklist is None:
            break
        card = story.person(who).card(room, checklist)
        step = next((a for a in _actions(card) if a.get("verb") == Action.TICK_STEP.value
                     and a.get("data", {}).get("done") is True), None)
        if step is None:
            break
        story.person(who).click(room, checklist, step["title"], card={**card, "actions": [step], "body": []})
        story.stamp()
        ticked += 1
    return ticked


def statement(story: TeamsStory, out: TextIO, room: str) -> None:
    """Sam asks for the draft form and posts the plan's holding statement; his own approval does not count (four
    eyes); Maria (legal) and Dana (crisis lead) approve, and it is published once to the statements channel."""
    story.clock.advance(minutes=5)
    story.say("comms_backup", "crisis draft", room)
    form = story.newest(room, "statement_draft")
    if form is None:
        return
    story.click("comms_backup", room, form, "statement_draft", inputs={"target": "x", "template": "holding",
                                                                        "text": ""})
    card = story.newest(room, Action.APPROVE_STATEMENT.value)
    if card is None:
        return
    story.click("comms_backup", room, card, Action.APPROVE_STATEMENT.value)
    say(out, "demo.drafted")
    story.clock.advance(minutes=4)
    story.click("legal", room, card, Action.APPROVE_STATEMENT.value)
    story.clock.advance(minutes=2)
    story.click("lead", room, card, Action.APPROVE_STATEMENT.value)
    story.bot.tick()
    story.stamp()
    say(out, "demo.teams.approved", channel=CHANNELS["statements"])


def press_desk(story: TeamsStory, out: TextIO, room: str) -> None:
    """Jo logs a journalist's question from the inquiry form and answers it with the published statement."""
    story.clock.advance(minutes=3)
    story.say("social", "crisis press", room)
    form = story.newest(room, "press_inquiry")
    if form is None:
        return
    deadline = voice.local(story.clock.now() + timedelta(hours=2))
    story.click("social", room, form, "press_inquiry", inputs={
        "outlet": "Retail Weekly", "contact": "desk@retailweekly.example",
        "question": "Will Acme Coffee pull the ad, and will you apologise to nurses?",
        "deadline_day": f"{deadline:%Y-%m-%d}", "deadline_time": f"{deadline:%H:%M}"})
    inquiry = story.newest(room, Action.ANSWER_INQUIRY.value)
    if inquiry is None:
        return
    story.clock.advance(minutes=2)
    choose = story.click("social", room, inquiry, Action.ANSWER_INQUIRY.value)
    if choose is not None and "press_answer" in _card_verbs(choose):
        story.click("social", room, inquiry, "press_answer", card=choose)
    say(out, "demo.teams.press")


def debrief(story: TeamsStory, out: TextIO, room: str, script: DemoScript) -> None:
    """Three people answer the questionnaire from their invitation; at the deadline the report is built and put in
    the crisis channel's files, and written out here too."""
    for who, answers in script.answers.items():
        chat = story.chat_of(who)
        invitation = story.newest(chat.id, Action.START_DEBRIEF.value)
        if invitation is None:
            continue
        form = story.click(who, chat.id, invitation, Action.START_DEBRIEF.value)
        values = dict(answers)
        if who == "legal":
            values |= {"follow_up_0_text": script.follow_up, "follow_up_0_owner": story.person("legal").id}
        story.click(who, chat.id, invitation, "debrief_answers", inputs=values, card=form)
    say(out, "demo.answered")
    story.clock.advance(hours=49)
    story.bot.tick()
    story.stamp()
    with story.bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(room)
        record = uow.debriefs.for_crisis(crisis.id) if crisis else None
    if record is None or not record.report_markdown:
        return
    folder = Path(tempfile.mkdtemp(prefix="crisisbot-teams-demo-report-"))
    (folder / "report.md").write_text(record.report_markdown, encoding="utf-8")
    (folder / "report.html").write_text(record.report_html, encoding="utf-8")
    say(out, "demo.teams.report")
    out.write(f"\n{t('demo.report_written')}\n  {folder / 'report.md'}\n  {folder / 'report.html'}\n")


def transcript(story: TeamsStory) -> str:
    """What people saw, in order: when, where, who, and each card as text (its buttons in brackets)."""
    story.stamp()
    lines = []
    for at, (where, who, said) in zip(story.seen_at, story.sandbox.state.transcript):
        head = f"{voice.local(at):%H:%M}  {where}  {who}: "
        shown = [part for line in said for part in line.split("\n")] or [""]
        lines.append(head + shown[0])
        lines.extend(" " * 7 + line for line in shown[1:])
    return "\n".join(lines)


def _print_timeline(story: TeamsStory, room: str, out: TextIO) -> None:
    with story.bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(room)
        events = uow.timeline.for_crisis(crisis.id)
    out.write("\n" + t("demo.timeline", id=crisis.id, n=len(events)) + "\n")
    style = story.bot.chat.render.style
    out.writelines(f"{voice.local(e.at):%H:%M}  {render(describe(e, story.bot.ports.plan), style)}\n" for e in events)


def button_title(card: dict[str, Any], verb: str) -> str:
    return next(str(a.get("title")) for a in _actions(card) if a.get("verb") == verb)


def _actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(card.get("actions") or [])
    for element in card.get("body") or []:
        if element.get("type") == "ActionSet":
            found.extend(element.get("actions") or [])
    return found


def _card_verbs(card: dict[str, Any]) -> set[str]:
    return {str(a.get("verb")) for a in _actions(card)}


def _verbs(activity: dict[str, Any]) -> set[str]:
    return {verb for attachment in activity.get("attachments") or []
            for verb in _card_verbs(attachment.get("content") or {})}

