"""End to end, what drives a spike: on the warning posted to Slack, in `/crisis pulse`, in the crisis's report,
and in `crisisbot backtest --explain` (the sandbox's mention stream: two calm days, then an angry burst)."""
import json
from datetime import timedelta
from pathlib import Path

import pytest

import bot as cli
from crisis.debrief.export import export_report
from handlers import ids
from reports.report import render_report
from tests.handlers import test_monitor
from tests.handlers.mention_stream import SPIKE_AT
from tests.handlers.test_monitor import alerts_channel, raise_warning, replay_until

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

stream, watcher = test_monitor.stream, test_monitor.watcher  # the monitor's end-to-end fixtures

EXAMPLE_PLAN = Path(__file__).parents[2] / "examples" / "crisis-plan.yaml"


def test_the_warning_shows_what_drives_the_spike(watcher):
    shown = json.dumps(raise_warning(watcher)["blocks"], ensure_ascii=False)
    assert "What drives it" in shown and "compared with" in shown
    assert "*Rising terms*" in shown
    assert any(f"*{word}*: " in shown for word in ("boycott", "disgusting", "shameful", "never"))
    assert "*lovely*" not in shown and "*acme*" not in shown  # calm words and the term itself drive nothing
    assert "*By platform*" in shown and "*By source*" in shown and "negative" in shown
    assert "*Most shared posts*" in shown and "copies by" in shown


def test_the_pulse_shows_what_drives_the_last_hour(watcher):
    replay_until(watcher, SPIKE_AT + timedelta(minutes=30))
    watcher.command("comms", "pulse acme", "general")
    dm = watcher.sandbox.dm_channel(watcher.users["comms"])
    [pulse] = [m for m in watcher.sandbox.messages(dm) if "last 24 hours" in m.get("text", "")]
    shown = json.dumps(pulse["blocks"], ensure_ascii=False)
    assert "What drives it" in shown and "*Rising terms*" in shown and "*By platform*" in shown


def test_the_report_of_a_crisis_opened_from_the_warning_shows_what_drove_it(watcher):
    warning = raise_warning(watcher)
    watcher.click("lead", alerts_channel(watcher), warning["ts"], ids.OPEN_FROM_ALERT)
    view = watcher.sandbox.views_opened()[-1]
    title = next(b for b in view["blocks"] if b["block_id"] == ids.TITLE_BLOCK)["element"]["initial_value"]
    watcher.submit("lead", view["id"], {
        ids.TITLE_BLOCK: {ids.TITLE_INPUT: title},
        ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
        ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "complaint_wave"}}}})
    with watcher.ports.uow() as uow:
        crisis = uow.crises.open_for_term("acme")
    report = export_report(str(crisis.id), uow=watcher.ports.uow, ports=lambda: watcher.ports, render=render_report)
    assert "## What drove it" in report.markdown and '<section id="drivers">' in report.html
    assert any(f"| term | {word} |" in report.markdown for word in ("boycott", "disgusting", "shameful", "never"))
    assert "| platform |" in report.markdown and "| source | replay |" in report.markdown
    assert "Most shared posts" in report.html


def test_backtest_explain_writes_the_drivers_of_each_warning(stream, tmp_path, capsys):
    plan = tmp_path / "plan.yaml"  # the example plan, learning for one day (the stream has two calm days)
    plan.write_text(EXAMPLE_PLAN.read_text().replace("  # spikes: {warmup_days: 3", "  spikes: {warmup_days: 1}  #"))
    out, explained = tmp_path / "warnings.csv", tmp_path / "drivers.jsonl"
    assert cli.main(["backtest", str(stream), "--out", str(out), "--plan", str(plan), "--explain", str(explained)]) == 0
    warnings = out.read_text().splitlines()[1:]
    records = [json.loads(line) for line in explained.read_text().splitlines()]
    assert warnings and len(records) == len(warnings)
    assert [f"{r['timestamp']},{r['kind']},{r['level']}" for r in records] == warnings
    first = records[0]
    assert first["mentions"] > 0 and first["baseline_mentions"] > 0
    assert {"boycott", "disgusting", "shameful", "never"} & {t["text"] for t in first["terms"]}
    assert first["platforms"] and first["platforms"][0]["negative_share"] is not None
    assert "what drove each warning" in capsys.readouterr().out


def test_backtest_explain_refuses_a_count_series(tmp_path, capsys):
    series = tmp_path / "series.csv"
    series.write_text("timestamp,value\n2026-11-25 10:00:00,3\n2026-11-25 10:05:00,4\n")
    assert cli.main(["backtest", str(series), "--out", str(tmp_path / "w.csv"), "--explain",
                     str(tmp_path / "d.jsonl")]) == 2
    assert "--explain needs a mention file" in capsys.readouterr().err
