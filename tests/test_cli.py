"""Start-up: missing tokens, broken plans and unreachable databases stop with one clear line."""
import os
import queue
import signal
import sys
import threading
from datetime import datetime, timezone

import pytest

import bot

PLAN = "examples/crisis-plan.yaml"


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DATABASE_URL", "CRISIS_PLAN",
                 "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CRISIS_PLAN", PLAN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite'}")
    return monkeypatch


def one_line_error(capsys):
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    return err


@pytest.mark.parametrize("command,missing", [(["serve"], "SLACK_SIGNING_SECRET"), (["run"], "SLACK_APP_TOKEN")])
def test_missing_tokens(env, capsys, command, missing):
    env.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    assert bot.main(command) == 2
    assert one_line_error(capsys).startswith(f"crisisbot: {missing} is not set")


def test_missing_bot_token(env, capsys):
    env.setenv("SLACK_SIGNING_SECRET", "s")
    assert bot.main(["serve"]) == 2
    assert "SLACK_BOT_TOKEN is not set" in one_line_error(capsys)


def test_broken_plan_names_file_and_line(env, capsys, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("roles:\n  legal: {primary: nobody}\n")
    env.setenv("CRISIS_PLAN", str(plan))
    env.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    env.setenv("SLACK_SIGNING_SECRET", "s")
    assert bot.main(["serve", "--port", "0"]) == 2
    assert f"{plan}, line 2 (roles.legal.primary)" in one_line_error(capsys)


def test_unreachable_database_is_one_line_without_password(env, capsys):
    env.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    env.setenv("SLACK_SIGNING_SECRET", "s")
    env.setenv("DATABASE_URL", "postgresql://crisis:hunter2@127.0.0.1:1/crisis")
    assert bot.main(["serve", "--port", "0"]) == 2
    err = one_line_error(capsys)
    assert "127.0.0.1:1" in err and "hunter2" not in err


def test_db_upgrade_creates_the_schema(env, capsys, tmp_path):
    assert bot.main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert (tmp_path / "bot.sqlite").exists()


def test_scheduler_runs_one_job_per_source_plus_the_ticks_and_the_heartbeat(tmp_path):
    from crisis.monitor.services import Monitor
    from crisis.ports import Ports
    from sources.registry import build_sources
    from tests.crisis.fakes import FakeClock, FakeDatabase
    from tests.crisis.plans import make_plan
    from wiring.root import Crisisbot
    plan = make_plan(monitor={"terms": ["acme"], "sources": [
        {"name": "press", "type": "rss", "term": "acme", "url": "https://news.example/feed", "every": "5m"},
        {"name": "push", "type": "webhook", "term": "acme", "token_env": "T"}]})
    db, clock = FakeDatabase(), FakeClock()
    ports = Ports(plan=plan, uow=db, chat=None, clock=clock, runner="this one")
    monitor = Monitor(ports, build_sources(plan.monitor, tmp_path), scorer=None)
    scheduler = Crisisbot(ports=ports, app=None, monitor=monitor).start_scheduler(seconds=3600)
    try:
        assert db.tables["runners"] == {"this one": clock.now()}  # alive before it serves anything
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"beat", "crisis-tick", "monitor-tick", "source-press"}
        assert jobs["source-press"].trigger.interval.total_seconds() == 300
        assert jobs["beat"].trigger.interval.total_seconds() == 10
        assert all((j.coalesce, j.max_instances, j.misfire_grace_time) == (True, 1, 30) for j in jobs.values())
    finally:
        scheduler.shutdown(wait=False)


@pytest.mark.skipif(sys.platform != "linux", reason="a niceness per thread is Linux's")
def test_the_monitors_jobs_run_nicer_than_the_threads_that_answer_requests(tmp_path):
    """Scoring a spike's mentions (seconds of every core with the encoder tier) must not slow the acks."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from crisis.monitor.services import Monitor
    from crisis.ports import Ports
    from sources.registry import build_sources
    from tests.crisis.fakes import FakeClock, FakeDatabase
    from tests.crisis.plans import make_plan
    from wiring.root import AFTER_ACK_NICENESS, add_monitor_jobs
    plan = make_plan(monitor={"terms": ["acme"], "sources": [
        {"name": "press", "type": "rss", "term": "acme", "url": "https://news.example/feed", "every": "5m"}]})
    ports = Ports(plan=plan, uow=FakeDatabase(), chat=None, clock=FakeClock(), runner="this one")
    monitor = Monitor(ports, build_sources(plan.monitor, tmp_path), scorer=None)
    niceness = queue.Queue()
    scheduler = BackgroundScheduler(timezone=timezone.utc)
    add_monitor_jobs(scheduler, monitor, lambda source: niceness.put(
        (source, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))), seconds=3600)
    scheduler.start()
    try:
        scheduler.modify_job("source-press", next_run_time=datetime.now(timezone.utc))  # due now, not in 5 minutes
        mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        assert niceness.get(timeout=30) == ("press", min(19, mine + AFTER_ACK_NICENESS))
    finally:
        scheduler.shutdown(wait=False)


def test_serve_does_the_held_work_after_the_acks_before_the_process_ends():
    from cli.commands import _serve
    from handlers.after_acks import AfterAcks

    after_acks, done = AfterAcks(kept_threads=2, while_answering=0), []
    after_acks.started()  # a request being answered when SIGTERM came: kept work is held
    after_acks.submit_kept(done.append, "acknowledged")

    class Stopped:
        def serve_forever(self) -> None:
            assert after_acks.held() == 1
            raise SystemExit(0)  # what the SIGTERM handler raises

    class Timers:
        def shutdown(self) -> None:
            pass

    previous = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit):
            _serve(Stopped(), Timers(), "http://127.0.0.1:0/slack/events", after_acks)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert done == ["acknowledged"]
