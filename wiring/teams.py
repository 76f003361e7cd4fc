"""Wiring for Microsoft Teams: the adapter (teams/) on the plan, the database and the TEAMS_* settings. A Teams
deployment is a process whose chat is Teams: its own Ports with TeamsChat, /api/messages for the Bot Connector,
and the same room tick. (One process hosting Slack and Teams teams side by side needs each crisis to know its
platform: issue 12, still open.)"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine

from crisis.clock import Clock, SystemClock
from crisis.monitor import services as monitoring
from crisis.monitor.sentiment import Scorer
from crisis.monitor.services import Monitor
from crisis.plan import CrisisPlan
from crisis.ports import Ports, UnitOfWorkFactory
from crisis.statements.ports import Publisher
from crisis.schedules.ports import Scheduler
from crisis.takedowns.ports import PostRemover
from crisis.webcare.ports import Replier
from crisis.ticks import RoomTickReport, room_tick
from db.teams.repositories import SqlConversations
from db.uow import SqlUnitOfWorkFactory
from reports.charts import compact_png, monitor_chart
from reports.report import render_report
from teams.app import TeamsApp
from teams.auth import BOT_FRAMEWORK_OPENID, AuthSettings, ConnectorAuth
from teams.chat import TeamsChat
from teams.client import Endpoints, TeamsClient
from teams.conversations import Conversations
from teams.files import ChannelFiles
from teams.rooms import Rooms
from wiring.settings import Settings, StartupError, from_plan

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

TICK_SECONDS = 5
DEFAULT_SERVICE_URL = "https://smba.trafficmanager.net/teams/"
"""Where proactive messages go before any activity told us the tenant's own service URL."""


@dataclass(frozen=True)
class TeamsSettings:
    app_id: str
    secret: str
    tenant_id: str
    team_id: str | None
    """The team crisis channels are made in; none: every crisis room is a group chat."""
    catalog_app_id: str
    """The app's id in the tenant's app catalog (installing it for people and chats)."""
    service_url: str = DEFAULT_SERVICE_URL
    anonymous: bool = False
    openid_url: str = BOT_FRAMEWORK_OPENID
    endpoints: Endpoints = Endpoints()

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> TeamsSettings:
        anonymous = environ.get("TEAMS_ANONYMOUS", "").strip().lower() in ("1", "true", "yes")
        app_id = environ.get("TEAMS_APP_ID", "").strip()
        if not app_id and not anonymous:
            raise StartupError("TEAMS_APP_ID is not set: the bot's Entra app id (or TEAMS_ANONYMOUS=1 for a local run "
                               "without authentication, see docs/teams.md)")
        defaults = Endpoints()
        return cls(app_id=app_id, secret=environ.get("TEAMS_APP_SECRET", ""),
                   tenant_id=environ.get("TEAMS_TENANT_ID", ""), team_id=environ.get("TEAMS_TEAM_ID") or None,
                   catalog_app_id=environ.get("TEAMS_CATALOG_APP_ID", "") or app_id,
                   service_url=environ.get("TEAMS_SERVICE_URL") or DEFAULT_SERVICE_URL, anonymous=anonymous,
                   openid_url=environ.get("TEAMS_OPENID_URL") or BOT_FRAMEWORK_OPENID,
                   endpoints=Endpoints(login=environ.get("TEAMS_LOGIN_URL") or defaults.login,
                                       graph=environ.get("TEAMS_GRAPH_URL") or defaults.graph,
                                       bot_tenant=environ.get("TEAMS_BOT_TENANT") or defaults.bot_tenant))


@dataclass
class TeamsBot:
    ports: Ports
    chat: TeamsChat
    app: TeamsApp
    monitor: Monitor
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    """Where the ingest webhook finds its sources' tokens."""

    def tick(self) -> RoomTickReport:
        return room_tick(ports=self.ports, render=render_report)

    def poll(self, source: str) -> monitoring.MonitorReport:
        return monitoring.poll_source(source, monitor=self.monitor)

    def monitor_tick(self) -> monitoring.MonitorReport:
        """Spike detection, warnings (with their charts) posted in Teams, crisis updates: the monitor's tick."""
        return monitoring.monitor_tick(monitor=self.monitor)

    def routes(self) -> dict[str, TeamsApp]:
        return {"/api/messages": self.app}


def wire_teams(plan: CrisisPlan, uow: UnitOfWorkFactory, engine: Engine, settings: TeamsSettings, *,
               clock: Clock | None = None, scorer: Scorer | None = None, environ: Mapping[str, str] = os.environ,
               base_dir: Path | None = None, removers: Mapping[str, tuple[str, PostRemover]] | None = None,
               repliers: Mapping[str, tuple[str, Replier]] | None = None,
               schedulers: Mapping[str, tuple[str, Scheduler]] | None = None) -> TeamsBot:
    """`scorer`, `environ` and `base_dir`: the mention monitor's and the drill recordings', as for Slack
    (wiring.root.build_monitor, drill_recordings);
    `removers` / `repliers`: the plan's accounts that take posts down / reply to posts (wiring.root.post_removers,
    post_repliers); `schedulers`: those whose scheduled posts are paused at open (wiring.root.schedulers)."""
    from wiring.root import build_monitor, drill_recordings

    client = TeamsClient(settings.app_id, settings.secret, settings.tenant_id, settings.endpoints)
    conversations = Conversations(client, SqlConversations(engine), settings.service_url, settings.catalog_app_id)
    chat = TeamsChat(client, conversations, Rooms(client, conversations, settings.team_id),
                     ChannelFiles(client, conversations, settings.team_id),
                     draw_chart=lambda chart: compact_png(monitor_chart(chart)))
    ports = Ports(plan=plan, uow=uow, chat=chat, clock=clock or SystemClock(), removers=removers or {},
                  publishers=teams_publishers(plan, client, conversations, settings.team_id, chat, environ),
                  repliers=repliers or {}, schedulers=schedulers or {},
                  recordings=drill_recordings(plan, base_dir))
    auth = ConnectorAuth(AuthSettings(settings.app_id, settings.anonymous, settings.openid_url))
    return TeamsBot(ports, chat, TeamsApp(ports, chat, auth), build_monitor(ports, environ, base_dir, scorer), environ)


def teams_publishers(plan: CrisisPlan, client: TeamsClient, conversations: Conversations, team_id: str | None,
                     chat: TeamsChat, environ: Mapping[str, str]) -> dict[str, list[tuple[str, Publisher]]]:
    """The plan's publish (and all-staff) channel as Teams channels, and each target's own platform account."""
    from publishers.registry import build_publishers, teams_channels

    return from_plan(build_publishers, plan, teams_channels(client, conversations, team_id, chat.rooms.name_of),
                     environ)


def teams_from_settings(settings: Settings, *, migrate: bool, clock: Clock | None = None) -> TeamsBot:
    """`crisisbot serve-teams`: the plan, database and TEAMS_* settings the environment names."""
    from wiring.root import load_plan_file, open_database, post_removers, post_repliers, schedulers, speak_plan

    plan = load_plan_file(settings)
    if plan.chat != "teams":
        raise StartupError(f"{settings.plan_path} says the team works in {plan.chat} (chat:); serve-teams serves a "
                           "plan with `chat: teams`")
    speak_plan(plan)
    engine = open_database(settings.database_url, migrate=migrate)
    return wire_teams(plan, SqlUnitOfWorkFactory(engine), engine, TeamsSettings.from_environ(settings.environ),
                      clock=clock, environ=settings.environ, removers=post_removers(plan, settings.environ),
                      repliers=post_repliers(plan, settings.environ), schedulers=schedulers(plan, settings.environ))


def http_app(bot: TeamsBot) -> WsgiApp:
    """/api/messages for the Bot Connector, mentions pushed by listening tools at /ingest/<source> (the same
    webhook as Slack's server), /healthz for the load balancer."""
    from wiring.root import ingest_route

    ingest = ingest_route(bot.ports, lambda source, mentions: monitoring.ingest(source, mentions, monitor=bot.monitor),
                          bot.environ)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/api/messages":
            return bot.app(environ, start_response)
        if path.startswith("/ingest/"):
            return ingest(environ, start_response)
        status = "200 OK" if path == "/healthz" else "404 Not Found"
        start_response(status, [("Content-Type", "text/plain")])
        return [b"ok" if path == "/healthz" else b"not found"]
    return app


def start_scheduler(bot: TeamsBot, seconds: float = TICK_SECONDS) -> BackgroundScheduler:
    """The same room tick as Slack's (pages, escalations, cards, reminders) and the same monitor jobs (sources
    polled, spikes warned of): rows are the timers."""
    from wiring.root import MONITOR_SECONDS, add_monitor_jobs, beating

    scheduler = beating(bot.ports, seconds)
    scheduler.add_job(bot.tick, "interval", seconds=seconds, id="crisis-tick", coalesce=True, max_instances=1,
                      misfire_grace_time=30)
    add_monitor_jobs(scheduler, bot.monitor, bot.poll, MONITOR_SECONDS)
    scheduler.start()
    return scheduler
