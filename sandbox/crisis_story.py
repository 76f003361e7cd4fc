"""The demo's crisis, step by step, played by people who act on what they see: against a bot in this process
or against real `crisisbot serve` processes (a `Stage` says which), so fault and replica tests share one story.

Each step acts, then waits until its result shows in the sandbox; while it does not, time passes a little
(the stage's `nudge`: timers run, retries come due) and, for what a person did, the person tries once more.
Times are minutes after the start: a step never moves the clock back, so a nudge only delays what follows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Protocol, TypeVar

from crisis.plan import CrisisPlan
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from sandbox.demo import DEBRIEF_ANSWERS, OPEN_FORM
from sandbox.faults import RandomFaults
from sandbox.final_state import FinalState, final_state
from sandbox.local_bot import SettableClock, start_local_bot, team_plan, team_plan_data
from sandbox.slack_api import SlackSandbox
from sandbox.slack_user import SlackUser

T = TypeVar("T")
Send = Callable[[SlackUser], "tuple[int, str]"]
ROLES_PAGED = ("lead", "comms", "legal", "social")
STATEMENT_FORM = {
    ids.TARGET_BLOCK: {ids.TARGET_INPUT: {"type": "static_select", "selected_option": {"value": "x"}}},
    ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: {"type": "static_select", "selected_option": {"value": "holding"}}},
    ids.TEXT_BLOCK: {ids.TEXT_INPUT: ""}}
STEPS = ("open", "acknowledge", "escalate", "statement", "reminder", "update", "close", "debrief", "report",
         "follow-up")
"""The story's steps in order; `play(until=...)` stops after one (a restart test's random point)."""

APPROVAL = {"default": "any 2 of comms_lead, legal, crisis_lead"}
"""As in the demo: two of the three approve, never the author alone."""


def story_plan_data(users: dict[str, str]) -> dict[str, Any]:
    """The story's plan as plan-file data (for `crisisbot serve`)."""
    return team_plan_data(users, statement_approval=APPROVAL)


def story_plan(users: dict[str, str]) -> CrisisPlan:
    return team_plan(users, statement_approval=APPROVAL)


class StoryStuck(AssertionError):
    """A step's result never showed: something the bot had to do was lost."""


class Stage(Protocol):
    """Where the story is played."""

    sandbox: SlackSandbox
    users: dict[str, str]
    polls: int
    """How many times a step looks for its result (nudging in between) before it is declared lost."""
    patience: int
    """How many times a person looks for the result of what they did before doing it again."""

    def send(self, request: Send) -> tuple[int, str]:
        """Deliver what a person did (a signed request) to the bot, as Slack would."""

    def at(self, minutes: float) -> None:
        """The clock to `minutes` after the story's start, unless it is already later."""

    def settle(self) -> None:
        """Let the work started so far run (listeners, the timers at the current time)."""

    def nudge(self) -> None:
        """A little time passes (the result did not show yet)."""


@dataclass
class Story:
    stage: Stage
    start: datetime
    channel: str = ""
    """The crisis channel's id, once opened."""

    @property
    def sandbox(self) -> SlackSandbox:
        return self.stage.sandbox

    def user(self, who: str) -> str:
        return self.stage.users[who]

    # --- what people do and see ---------------------------------------------------------------------

    def until(self, what: str, found: Callable[[], T | None], again: Callable[[], Any] | None = None) -> T:
        """`found()` once it is something. Meanwhile time passes a little at a time; what a person did, the
        person does again (up to twice) when its result is not there after `stage.patience` looks."""
        tries = 3 if again else 1
        for attempt in range(tries):
            for _ in range(self.stage.patience if attempt < tries - 1 else self.stage.polls):
                self.stage.settle()
                value = found()
                if value:
                    return value
                self.stage.nudge()
            if again and attempt < tries - 1:
                try:
                    again()
                except LookupError:  # what the person would click again is gone (the card moved on): nothing to do
                    pass
        tail = "\n".join(self.sandbox.transcript().splitlines()[-40:])
        raise StoryStuck(f"never happened: {what}; what people saw last:\n{tail}")

    def command(self, who: str, text: str, channel: str) -> None:
        self.stage.send(lambda slack: slack.command(self.user(who), "/crisis", text, channel=channel))

    def click(self, who: str, channel: str, ts: str, action_id: str, value: str | None = None) -> None:
        self.stage.send(lambda slack: slack.click(self.user(who), channel, ts, action_id, value))

    def modal(self, who: str, callback_id: str, open_it: Callable[[], None]) -> dict[str, Any]:
        """Do what opens a modal; the modal once it shows (the person tries again if it does not)."""
        before = {v["id"] for v in self.sandbox.views_opened()}

        def shown() -> dict[str, Any] | None:
            return next((v for v in self.sandbox.views_opened() if v["id"] not in before
                         and v.get("callback_id") == callback_id), None)
        open_it()
        return self.until(f"{callback_id} modal for {who}", shown, again=open_it)

    def submit(self, who: str, view: dict[str, Any], values: dict[str, dict[str, Any]]) -> None:
        self.stage.send(lambda slack: slack.submit_view(self.user(who), view["id"], values))

    def messages(self, channel: str | None, has: str = "") -> list[dict[str, Any]]:
        found = self.sandbox.messages(channel) if channel else []
        return [m for m in found if has in str(m.get("blocks")) + str(m.get("text"))]

    def dm(self, who: str) -> str | None:
        return self.sandbox.dm_channel(self.user(who))

    def page_of(self, who: str) -> dict[str, Any] | None:
        pages = self.messages(self.dm(who), ids.ACKNOWLEDGE)
        return pages[-1] if pages else None

    def acknowledge(self, who: str) -> None:
        """`who` acknowledges their newest page; done when that page shows it (no button any more)."""
        page = self.until(f"page to {who}", lambda: self.page_of(who))
        dm = self.dm(who) or ""

        def done() -> bool:
            return not any(m["ts"] == page["ts"] for m in self.messages(dm, ids.ACKNOWLEDGE))
        self.click(who, dm, page["ts"], ids.ACKNOWLEDGE)
        self.until(f"{who}'s acknowledgement shown", done,
                   again=lambda: done() or self.click(who, dm, page["ts"], ids.ACKNOWLEDGE))

    # --- the story ----------------------------------------------------------------------------------

    def open(self) -> None:
        general = self.sandbox.channel_by_name("general")["id"]
        view = self.modal("lead", ids.OPEN_MODAL, lambda: self.command("lead", "open", general))
        self.submit("lead", view, OPEN_FORM)
        created = self.until("the crisis channel", lambda: next(
            (c for c in reversed(self.sandbox.calls_to("conversations.create")) if c.response.get("ok")), None))
        self.channel = created.response["channel"]["id"]
        for who in ROLES_PAGED:
            self.until(f"page to {who}", lambda who=who: self.page_of(who))

    def acknowledgements(self) -> None:
        for minute, who in ((1, "lead"), (2, "legal"), (3, "social")):
            self.stage.at(minute)
            self.acknowledge(who)

    def escalation(self) -> None:
        self.stage.at(11)
        self.until("the comms page escalated to the backup", lambda: self.page_of("comms_backup"))
        self.stage.at(13)
        self.acknowledge("comms_backup")

    def statement(self) -> None:
        self.stage.at(18)
        view = self.modal("comms_backup", ids.DRAFT_MODAL, lambda: self.command("comms_backup", "draft", self.channel))
        self.submit("comms_backup", view, STATEMENT_FORM)
        card = self.until("the approval card", lambda: (self.messages(self.channel, ids.APPROVE) or [None])[-1])
        statements = self.sandbox.channel_by_name("statements")["id"]
        self.stage.at(22)
        self.click("legal", self.channel, card["ts"], ids.APPROVE)
        self.until("legal's approval on the card", lambda: "approved v1" in str(self.messages(self.channel)),
                   again=lambda: self.click("legal", self.channel, card["ts"], ids.APPROVE))
        self.stage.at(24)
        self.click("lead", self.channel, card["ts"], ids.APPROVE)
        self.until("the statement published to #statements", lambda: self.messages(statements),
                   again=lambda: self.click("lead", self.channel, card["ts"], ids.APPROVE))

    def reminder(self) -> None:
        self.stage.at(85)
        self.until("the update reminder", lambda: self.messages(self.channel, "no update in the last"))

    def update(self) -> None:
        self.stage.at(90)
        stakeholders = self.sandbox.channel_by_name("stakeholders")["id"]
        self.command("comms_backup", "update Apology is out; we are talking to two nurses' associations",
                     self.channel)
        self.until("the update in #stakeholders", lambda: self.messages(stakeholders))

    def close(self) -> None:
        self.stage.at(140)
        view = self.modal("lead", ids.CLOSE_MODAL, lambda: self.command("lead", "close", self.channel))
        self.submit("lead", view, {ids.RESOLUTION_BLOCK: {
            ids.RESOLUTION_INPUT: "Ad pulled, apology posted, reposts down 80%."}})
        for who in DEBRIEF_ANSWERS:
            self.until(f"debrief invitation to {who}", lambda who=who: self.messages(self.dm(who), ids.DEBRIEF_START))

    def debrief(self) -> None:
        due = (self.start + timedelta(days=4)).date().isoformat()
        for who, answers in DEBRIEF_ANSWERS.items():
            dm = self.dm(who)
            invite = self.messages(dm, ids.DEBRIEF_START)[-1]
            view = self.modal(who, ids.DEBRIEF_MODAL, lambda who=who, dm=dm, ts=invite["ts"]: self.click(
                who, dm, ts, ids.DEBRIEF_START))
            values = {key: ({key: {"type": "static_select", "selected_option": {"value": value}}}
                            if value.isdigit() else {key: value}) for key, value in answers.items()}
            if who == "legal":
                values[ids.follow_up_block(0, "text")] = {"text": "Add legal sign-off to the campaign checklist"}
                values[ids.follow_up_block(0, "owner")] = {"owner": {"type": "users_select",
                                                                     "selected_user": self.user("legal")}}
                values[ids.follow_up_block(0, "due")] = {"due": {"type": "datepicker", "selected_date": due}}
            self.submit(who, view, values)
            self.until(f"{who}'s answers saved", lambda dm=dm: self.messages(dm, "answers are saved"))
        self.stage.at(27 * 60)
        self.until("the debrief reminder", lambda: self.messages(self.dm("lead"), "Reminder: the debrief"))

    def report(self) -> None:
        self.stage.at(51 * 60)
        self.until("the report uploaded", lambda: [f for f in self.sandbox.files() if self.channel in str(f)])

    def follow_up(self) -> None:
        self.stage.at(4 * 24 * 60)
        self.until("the follow-up reminder", lambda: self.messages(self.dm("legal"), "Follow-up from"))

    def play(self, until: str = STEPS[-1]) -> None:
        steps = dict(zip(STEPS, (self.open, self.acknowledgements, self.escalation, self.statement, self.reminder,
                                 self.update, self.close, self.debrief, self.report, self.follow_up)))
        for name, step in steps.items():
            step()
            if name == until:
                return


class LocalStage:
    """The story against a bot in this process (start_local_bot): timers run by calling the tick."""

    def __init__(self, bot: Any, *, polls: int = 40, patience: int = 4, nudge_seconds: float = 5) -> None:
        self.bot = bot
        self.sandbox: SlackSandbox = bot.sandbox
        self.users: dict[str, str] = bot.users
        self.polls = polls
        self.patience = patience
        self.start = bot.clock.now()
        self.nudge_seconds = nudge_seconds
        self.nudges = 0
        """How often the story had to wait for a result (none in a run without faults)."""

    def send(self, request: Send) -> tuple[int, str]:
        answer = request(self.bot.slack)
        self.bot.settle()
        return answer

    def at(self, minutes: float) -> None:
        self.bot.clock.current = max(self.bot.clock.current, self.start + timedelta(minutes=minutes))

    def settle(self) -> None:
        self.bot.settle()
        self.bot.wired.tick()
        self.bot.settle()

    def nudge(self) -> None:
        self.nudges += 1
        self.bot.clock.advance(seconds=self.nudge_seconds)


def play_in_process(folder: Path, start: datetime, faults: RandomFaults | None = None,
                    timeout: float = 10) -> tuple[FinalState, LocalStage]:
    """The whole story against a bot in this process on a new SQLite file in `folder`, with the sandbox
    injecting `faults`; where it ended, and the stage (its nudges). StoryStuck if a step's result is lost."""
    engine = make_engine(f"sqlite:///{folder / 'story.sqlite'}")
    upgrade(engine)
    bot = start_local_bot(SqlUnitOfWorkFactory(engine), clock=SettableClock(start), plan=story_plan,
                          sleep=lambda seconds: None, timeout=timeout)
    stage = LocalStage(bot)
    try:
        bot.sandbox.inject_faults(faults)
        Story(stage, start).play()
        bot.sandbox.inject_faults(None)
        return final_state(bot.sandbox, engine), stage
    finally:
        bot.stop()
        engine.dispose()
