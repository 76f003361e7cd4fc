"""A whole crisisbot on loopback, wired by wiring/root.py: sandbox Slack, the Bolt app over HTTP, a database."""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from crisis.monitor import services as monitoring
from crisis.monitor.sentiment import CrisisScorer, Scorer
from crisis.monitor.services import Monitor
from crisis.plan import CrisisPlan
from crisis.plan_parsing import parse_plan
from crisis.ports import Ports, UnitOfWorkFactory
from crisis.room import services
from handlers.after_acks import WHILE_ANSWERING, AfterAcks
from handlers.slack_client import make_web_client
from sandbox.slack_api import POLL_SECONDS, SlackSandbox
from sandbox.slack_user import SlackUser
from wiring.root import Crisisbot, wire

SIGNING_SECRET = "sandbox-signing-secret"
REPO = Path(__file__).resolve().parents[1]
TEAM = {
    "lead": ("dana", "Dana Reyes"), "lead_backup": ("omar", "Omar Haddad"),
    "comms": ("lea", "Lea Novak"), "comms_backup": ("sam", "Sam Carter"),
    "legal": ("maria", "Maria Rossi"), "social": ("jo", "Jo Kim"), "opener": ("alex", "Alex Moreau"),
}
"""The sandbox workspace's people: key -> (Slack name, real name)."""
CHANNELS = ("crisis-announce", "general", "brand-alerts", "statements", "stakeholders", "brand-social")


class SettableClock:
    """The bot's clock in local runs: starts now (or at a given time) and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime.now(timezone.utc).replace(microsecond=0)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


LOCAL_THREADS = 8
"""Threads of each of the local bot's after-ack pools."""


class IdleTrackingExecutor(AfterAcks):
    """Runs Bolt listeners after their ack, as `serve` does, and lets the caller wait until all of them are done."""

    def __init__(self, *, at_once_threads: int = LOCAL_THREADS, kept_threads: int = LOCAL_THREADS,
                 initializer: Callable[[], None] | None = None, while_answering: int = WHILE_ANSWERING) -> None:
        super().__init__(at_once_threads=at_once_threads, kept_threads=kept_threads, initializer=initializer,
                         while_answering=while_answering)
        self._pending: set[Future[Any]] = set()
        self._guard = threading.Lock()
        self.failures: list[BaseException] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._tracked(super().submit(fn, *args, **kwargs))

    def submit_kept(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._tracked(super().submit_kept(fn, *args, **kwargs))

    def _tracked(self, future: Future[Any]) -> Future[Any]:
        with self._guard:
            self._pending.add(future)
        return future

    def wait_idle(self, timeout: float = 30) -> None:
        while True:
            with self._guard:
                pending, self._pending = self._pending, set()
            if not pending:
                return
            done, not_done = wait(pending, timeout=timeout)
            if not_done:
                raise TimeoutError(f"{len(not_done)} listener(s) still running after {timeout} s")
            self.failures.extend(f.exception() for f in done if f.exception())


def team_plan(users: dict[str, str], announce: str = "#crisis-announce", **changes: Any) -> CrisisPlan:
    """A plan whose roles are held by the sandbox's people (ids from `users`)."""
    return parse_plan(team_plan_data(users, announce, **changes))


def team_plan_data(users: dict[str, str], announce: str = "#crisis-announce", **changes: Any) -> dict[str, Any]:
    """team_plan as the data of a plan file (what `crisisbot serve` reads from CRISIS_PLAN)."""
    data: dict[str, Any] = {
        "organisation": "Acme Coffee", "channel_prefix": "crisis", "announce_channel": announce,
        "alerts_channel": "#brand-alerts",
        "lead_role": "crisis_lead",
        "roles": {
            "crisis_lead": {"name": "Crisis lead", "primary": users["lead"], "backup": users["lead_backup"]},
            "comms_lead": {"name": "Comms lead", "primary": users["comms"], "backup": users["comms_backup"]},
            "legal": {"name": "Legal", "primary": users["legal"]},
            "social_media": {"name": "Social-media manager", "primary": users["social"]},
        },
        "severities": {
            "SEV1": {"description": "Viral and damaging", "ack_within": "5m", "update_every": "30m"},
            "SEV2": {"description": "Spreading fast", "ack_within": "10m", "update_every": "1h"},
            "SEV3": {"description": "Contained", "ack_within": "30m", "update_every": "4h"},
            "SEV4": {"description": "Watch closely", "ack_within": "2h", "update_every": "1d"},
        },
        "statement_approval": {"default": "comms_lead AND legal"},
        "statements": {"publish_channel": "#statements", "stakeholder_channel": "#stakeholders",
                       "brand_channels": ["#brand-social"], "templates": {"holding": {
                           "name": "Holding statement",
                           "text": "We are aware of concerns about {title}. We are looking into it urgently and "
                                   "will share an update soon. — {organisation}"}}},
    }
    data.update(changes)
    return data


@dataclass
class LocalBot:
    sandbox: SlackSandbox
    slack: SlackUser
    wired: Crisisbot
    users: dict[str, str]
    clock: SettableClock
    executor: IdleTrackingExecutor
    _stop: list[Callable[[], None]] = field(default_factory=list)

    @property
    def ports(self) -> Ports:
        return self.wired.ports

    @property
    def monitor(self) -> Monitor:
        return self.wired.monitor

    @property
    def app_url(self) -> str:
        return self.slack.url

    def command(self, who: str, text: str, channel: str, **send: Any) -> tuple[int, str]:
        """`who` runs `/crisis <text>` in `channel`; returns once every listener it started is done."""
        return self._settled(self.slack.command(self.users.get(who, who), "/crisis", text, channel=channel, **send))

    def click(self, who: str, channel: str, ts: str, action_id: str, value: str | None = None,
              **send: Any) -> tuple[int, str]:
        return self._settled(self.slack.click(self.users.get(who, who), channel, ts, action_id, value, **send))

    def double_click(self, who: str, channel: str, ts: str, action_id: str) -> list[tuple[int, str]]:
        """Two clicks on the same message before it changes, arriving together."""
        user = self.users.get(who, who)
        bodies = [self.slack.click_body(user, channel, ts, action_id) for _ in range(2)]
        with ThreadPoolExecutor(max_workers=2) as clicks:
            answers = list(clicks.map(self.slack.post, bodies))
        self.settle()
        return answers

    def submit(self, who: str, view_id: str, values: dict[str, dict[str, Any]], **send: Any) -> tuple[int, str]:
        return self._settled(self.slack.submit_view(self.users.get(who, who), view_id, values, **send))

    def open_home(self, who: str, tab: str = "home", **send: Any) -> tuple[int, str]:
        """`who` opens the app's Home (or Messages) tab; Slack sends the signed `app_home_opened` event."""
        return self._settled(self.slack.open_home(self.users.get(who, who), tab, **send))

    def deactivate(self, who: str, **send: Any) -> tuple[int, str]:
        """A workspace admin deactivates `who`; Slack sends the signed `user_change` event (see SlackUser)."""
        return self._settled(self.slack.deactivate(self.users.get(who, who), **send))

    def tick(self) -> services.TickReport:
        """Pages and escalations (what most tests look at); the other timers run too."""
        return self.wired.tick().pages

    def poll(self, source: str) -> monitoring.MonitorReport:
        return monitoring.poll_source(source, monitor=self.monitor)

    def monitor_tick(self) -> monitoring.MonitorReport:
        return monitoring.monitor_tick(monitor=self.monitor)

    def settle(self) -> None:
        self.executor.wait_idle()

    def _settled(self, answer: tuple[int, str]) -> tuple[int, str]:
        self.settle()
        return answer

    def stop(self) -> None:
        for stop in reversed(self._stop):
            stop()


def seed_team(sandbox: SlackSandbox, deactivated: tuple[str, ...] = ()) -> dict[str, str]:
    """The TEAM and CHANNELS in the sandbox; the people's ids by TEAM key."""
    users = {key: sandbox.add_user(name, email=f"{name}@acme.example", real_name=real, deleted=key in deactivated)
             for key, (name, real) in TEAM.items()}
    for channel in CHANNELS:
        sandbox.add_channel(channel)
    return users


def start_local_bot(uow: UnitOfWorkFactory, *, clock: SettableClock | None = None,
                    plan: Callable[[dict[str, str]], CrisisPlan] = team_plan,
                    sleep: Callable[[float], None] | None = None, latency: float = 0.0,
                    deactivated: tuple[str, ...] = (), base_dir: Path = REPO, scorer: Scorer | None = None,
                    tokens: dict[str, str] | None = None, timeout: float = 10,
                    executor: IdleTrackingExecutor | None = None) -> LocalBot:
    """Start the sandbox, seed the team and channels, and serve the Bolt app on 127.0.0.1; `timeout` is the
    Slack client's, per call (make it short where the sandbox injects timeouts); `executor` runs the listeners'
    work after their ack (one that never runs it stands for a process killed right after acking)."""
    clock = clock or SettableClock()
    sandbox = SlackSandbox(clock=lambda: clock.now().timestamp()).start()
    sandbox.latency = latency
    users = seed_team(sandbox, deactivated)
    client = make_web_client(sandbox.token, sandbox.api_url, timeout=timeout,  # type: ignore[arg-type]
                             clock=lambda: clock.now().timestamp(), **({"sleep": sleep} if sleep else {}))
    executor = executor or IdleTrackingExecutor()
    wired = wire(plan(users), uow, client, signing_secret=SIGNING_SECRET, clock=clock, scorer=scorer or CrisisScorer(),
                 environ=tokens or {}, base_dir=base_dir, after_acks=executor)
    server = wired.http_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), name="crisisbot-http", daemon=True)
    thread.start()
    slack = SlackUser(f"http://127.0.0.1:{server.server_port}", SIGNING_SECRET, sandbox)
    bot = LocalBot(sandbox, slack, wired, users, clock, executor)
    bot._stop += [sandbox.stop, lambda: executor.shutdown(wait=True), server.server_close, server.shutdown]
    return bot
