"""Real `crisisbot serve` processes against the sandbox, for replica and kill -9 tests, and the story's stage
that plays against them: requests alternate between the live replicas, time is a clock file they all read.

Each process runs `crisisbot serve --clock-file F --tick-seconds S` (cli/clock_file.py): its timers look for
due work every S seconds at the time written in F, so a test moves time by rewriting F, never by waiting.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from sandbox.crisis_story import Send, story_plan_data
from sandbox.faults import RandomFaults
from sandbox.local_bot import REPO, SIGNING_SECRET, seed_team
from sandbox.slack_api import SlackSandbox
from sandbox.slack_user import SlackUser

START_SECONDS = 120.0
"""How long a process may take to answer /healthz (imports are slow on a loaded machine)."""


class ClockFile:
    """The time every replica reads: written whole (replace, never in place) so no reader sees half of it."""

    def __init__(self, path: Path, start: datetime) -> None:
        self.path = path
        self.current = start
        self._write()

    def now(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment
        self._write()

    def _write(self) -> None:
        scratch = self.path.with_suffix(".new")
        scratch.write_text(self.current.isoformat(), encoding="utf-8")
        os.replace(scratch, self.path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeProcess:
    """One `crisisbot serve` replica on a fixed loopback port (the same after a restart)."""

    def __init__(self, name: str, database_url: str, plan: Path, clock: ClockFile, sandbox: SlackSandbox,
                 log: Path, tick_seconds: float = 0.2) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [sys.executable, str(REPO / "bot.py"), "serve", "--host", "127.0.0.1", "--port",
                        str(self.port), "--no-migrate", "--clock-file", str(clock.path),
                        "--tick-seconds", str(tick_seconds)]
        self.environ = {**os.environ, "SLACK_BOT_TOKEN": sandbox.token, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                        "SLACK_API_URL": sandbox.api_url, "DATABASE_URL": database_url, "CRISIS_PLAN": str(plan),
                        "LOG_LEVEL": "WARNING"}
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> ServeProcess:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(self.command, cwd=REPO, env=self.environ, stdout=out,
                                            stderr=subprocess.STDOUT)
        return self

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {self.log}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not answer /healthz within {START_SECONDS:.0f} s")

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """kill -9: no shutdown, no cleanup; whatever it was doing stops mid-way."""
        if self.process is not None and self.alive:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
            self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.alive:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def write_plan(path: Path, users: dict[str, str]) -> Path:
    """The story's plan as a plan file (JSON is YAML) for CRISIS_PLAN."""
    path.write_text(json.dumps(story_plan_data(users)), encoding="utf-8")
    return path


class ReplicaStage:
    """The story against real replicas: requests alternate between the live ones; time is the clock file.

    A step's result shows only after a replica's listener or timer ran, so `settle` waits a little (real
    time); `nudge` moves the clock on only when nothing showed for `quiet_seconds` of real time.
    `kills` maps a moment (the n-th request sent or clock moved, from 0) to (replica index, delay): that long
    after the moment the replica (None: the one the moment's request went to) is killed with SIGKILL, and
    started again if `restart`.
    """

    def __init__(self, sandbox: SlackSandbox, users: dict[str, str], replicas: list[ServeProcess],
                 clock: ClockFile, *, polls: int = 300, patience: int = 40, nudge_seconds: float = 20,
                 quiet_seconds: float = 0.5, kills: dict[int, tuple[int | None, float]] | None = None,
                 restart: bool = True) -> None:
        self.sandbox = sandbox
        self.users = users
        self.replicas = replicas
        self.clock = clock
        self.start = clock.now()
        self.polls = polls
        self.patience = patience
        self.nudge_seconds = nudge_seconds
        self.quiet_seconds = quiet_seconds
        self.nudges = 0
        self.sent: list[str] = []
        """Which replica each request went to."""
        self.kills = kills or {}
        self.restart = restart
        self._moments = 0
        self._turn = 0
        self._quiet_since = time.monotonic()

    def send(self, request: Send) -> tuple[int, str]:
        """To the next live replica; one that refuses the connection (killed) is skipped, as a load balancer
        would after its health check fails."""
        for _ in range(2 * len(self.replicas)):
            replica = self.replicas[self._turn % len(self.replicas)]
            self._turn += 1
            if not replica.alive:
                continue
            try:
                answer = request(SlackUser(replica.url, SIGNING_SECRET, self.sandbox))
            except (urllib.error.URLError, ConnectionError):
                continue
            self.sent.append(replica.name)
            self._moment(replica)
            return answer
        raise RuntimeError("no replica is alive")

    def at(self, minutes: float) -> None:
        moment = self.start + timedelta(minutes=minutes)
        if moment > self.clock.now():
            self.clock.set(moment)
            self._moment()

    def _moment(self, sent_to: ServeProcess | None = None) -> None:
        """Something happened: kill a replica if this moment is one of `kills`."""
        if self._moments in self.kills:
            index, delay = self.kills[self._moments]
            victim = self.replicas[index] if index is not None else sent_to or self.replicas[0]
            time.sleep(delay)
            victim.kill()
            if self.restart:
                victim.start().wait_ready()
        self._moments += 1
        self._quiet_since = time.monotonic()

    def settle(self) -> None:
        time.sleep(0.02)

    def nudge(self) -> None:
        if time.monotonic() - self._quiet_since >= self.quiet_seconds:
            self.nudges += 1
            self.clock.set(self.clock.now() + timedelta(seconds=self.nudge_seconds))
            self._quiet_since = time.monotonic()

    def describe(self) -> dict[str, Any]:
        return {"nudges": self.nudges, "moments": self._moments,
                "sent": {r.name: self.sent.count(r.name) for r in self.replicas},
                "kills": {r.name: r.kills for r in self.replicas}}


@contextmanager
def replicas(folder: Path, database_url: str, count: int, start: datetime,
             faults: RandomFaults | None = None) -> Iterator[tuple[SlackSandbox, dict[str, str], ClockFile,
                                                                   list[ServeProcess]]]:
    """A sandbox with the team, a clock file at `start`, the story's plan, and `count` replicas on the (migrated)
    database at `database_url`, started together and ready; all stopped at the end."""
    clock = ClockFile(folder / "clock", start)
    sandbox = SlackSandbox(clock=lambda: clock.now().timestamp()).start()
    users = seed_team(sandbox)
    plan = write_plan(folder / "plan.json", users)
    started = [ServeProcess(chr(ord("a") + n), database_url, plan, clock, sandbox, folder / f"replica-{n}.log")
               for n in range(count)]
    try:
        for replica in started:
            replica.start()
        for replica in started:
            replica.wait_ready()
        sandbox.inject_faults(faults)
        yield sandbox, users, clock, started
    finally:
        sandbox.inject_faults(None)
        for replica in started:
            replica.stop()
        sandbox.stop()
