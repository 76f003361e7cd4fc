"""/metrics: request latency per surface, Web API failures, due work, monitor lag and mentions ingested."""
from __future__ import annotations

import json
import threading
import urllib.request
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from slack_sdk.errors import SlackApiError

from crisis import due
from db.backlog import due_backlog
from handlers import ids
from handlers.slack_client import make_web_client
from sandbox.demo import OPEN_FORM
from sandbox.local_bot import LOCAL_THREADS
from sandbox.slack_user import JSON
from tests.operations.conftest import TOKEN
from wiring.metrics import Metrics


def scrape(server) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample /metrics shows: (name, labels) -> value."""
    with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/metrics", timeout=10) as answer:
        text = answer.read().decode()
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def count(samples, surface: str, status: str = "200") -> float:
    return samples.get(("crisisbot_request_seconds_count", (("status", status), ("surface", surface))), 0)


def test_requests_are_timed_per_surface(served, local):
    server, slack = served
    opener = local.users["opener"]
    slack.command(opener, "/crisis", "open Outage", channel="general")
    local.settle()
    view = local.sandbox.views_opened()[-1]
    slack.submit_view(opener, view["id"], {**OPEN_FORM, ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Outage"}})
    local.settle()
    assert slack.post(json.dumps({"type": "url_verification", "challenge": "c0ffee"}), JSON)[0] == 200
    mention = {"id": "m1", "text": "acme lost my bag", "created_at": local.clock.now().isoformat(), "author": "sam"}
    request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}/ingest/listener",
                                     data=json.dumps([mention]).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
    channel = local.sandbox.calls_to("conversations.create")[-1].response["channel"]["id"]
    legal = local.users["legal"]
    page = next(m for m in local.sandbox.messages(channel) if ids.ACKNOWLEDGE in json.dumps(m) and legal in json.dumps(m))
    slack.click(legal, channel, page["ts"], ids.ACKNOWLEDGE)
    local.settle()
    samples = scrape(server)
    assert [count(samples, s) for s in ("command", "view", "event", "ingest", "action")] == [1, 1, 1, 1, 1]
    assert samples[("crisisbot_mentions_ingested_total", (("source", "listener"),))] == 1


def test_refused_requests_are_not_timed_as_a_surface(served):
    server, slack = served
    assert slack.post("command=/crisis&text=help", signature="v0=" + "0" * 64)[0] == 401
    assert not any(name == "crisisbot_request_seconds_count" for name, _ in scrape(server))


def test_web_api_failures_are_counted_by_method_and_error(local):
    metrics = Metrics()
    client = make_web_client(local.sandbox.token, local.sandbox.api_url, sleep=lambda seconds: None,
                             on_failure=metrics.slack_failure)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0NOSUCH", text="hello")
    local.sandbox.fail_next("chat.postMessage", status=500, times=4)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="general", text="hello")
    unreachable = make_web_client("xoxb-x", "http://127.0.0.1:9/api/", on_failure=metrics.slack_failure, timeout=2)
    with pytest.raises(OSError):
        unreachable.auth_test()
    failures = {tuple(s.labels.values()): s.value for family in metrics.registry.collect()
                for s in family.samples if s.name == "crisisbot_slack_api_failures_total"}
    assert failures == {("chat.postMessage", "channel_not_found"): 1, ("chat.postMessage", "internal_error"): 1,
                        ("auth.test", "URLError"): 1}


def test_web_api_failures_of_the_bots_client_show_on_its_metrics(served, replica, local):
    server, _ = served
    with pytest.raises(SlackApiError):
        replica.app.client.chat_postMessage(channel="C0NOSUCH", text="hello")
    local.sandbox.fail_next("chat.postMessage", status=500, times=4)
    with pytest.raises(SlackApiError):
        replica.app.client.chat_postMessage(channel="general", text="hello")
    samples = scrape(server)
    failures = {labels: value for (name, labels), value in samples.items()
                if name == "crisisbot_slack_api_failures_total"}
    assert failures == {(("error", "channel_not_found"), ("method", "chat.postMessage")): 1,
                        (("error", "internal_error"), ("method", "chat.postMessage")): 1}


def test_due_work_is_counted_per_kind_with_its_oldest_age(served, local, engine):
    server, _ = served
    assert {b.kind: b.count for b in due_backlog(engine, local.clock.now())} == dict.fromkeys(
        ("page", "escalation", "card_update", "debrief", "warning", "request"), 0)
    local.command("opener", "open Outage", "general")
    view = local.sandbox.views_opened()[-1]
    local.submit("opener", view["id"], {**OPEN_FORM, ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Outage"}})
    due.take_request("view:V0CUTSHORT", "handlers.room.views.open_submitted", "{}", ports=local.ports)
    local.clock.advance(hours=5)
    samples = scrape(server)
    items = {labels[0][1]: value for (name, labels), value in samples.items() if name == "crisisbot_due_work_items"}
    ages = {labels[0][1]: v for (name, labels), v in samples.items() if name == "crisisbot_due_work_oldest_seconds"}
    assert items["escalation"] >= 1 and items["card_update"] == 1 and items["page"] == 0
    assert 0 < ages["card_update"] <= timedelta(hours=5).total_seconds()
    assert items["request"] == 1 and ages["request"] == (timedelta(hours=5) - due.REDO_AFTER).total_seconds()
    assert samples[("crisisbot_database_readable", ())] == 1


def test_monitor_lag_is_the_time_since_each_polled_source_was_polled(served, replica, local, tmp_path):
    server, _ = served
    started = local.clock.now()
    local.clock.advance(seconds=40)
    assert scrape(server)[("crisisbot_monitor_lag_seconds", (("source", "replay"),))] == 40
    (tmp_path / "replay.jsonl").write_text(json.dumps(
        {"id": "r1", "text": "acme is down", "created_at": started.isoformat(), "author": "jo"}) + "\n")
    report = replica.poll("replay")
    local.clock.advance(seconds=90)
    samples = scrape(server)
    assert samples[("crisisbot_monitor_lag_seconds", (("source", "replay"),))] == 90
    assert ("crisisbot_monitor_lag_seconds", (("source", "listener"),)) not in samples  # pushed, never polled
    assert report.stored == 1 and samples[("crisisbot_mentions_ingested_total", (("source", "replay"),))] == 1


def test_work_after_the_acks_shows_held_queued_and_unfinished(served, local):
    server, _ = served
    gate = threading.Event()
    local.executor.started()  # requests being answered: beyond two running pieces, kept work is held
    pieces = [local.executor.submit_kept(gate.wait, 10) for _ in range(3)]
    busy = [local.executor.submit(gate.wait, 10) for _ in range(LOCAL_THREADS + 1)]  # one waits for a thread
    samples = scrape(server)
    assert samples[("crisisbot_after_ack_work", (("state", "held"),))] == 1
    assert samples[("crisisbot_after_ack_work", (("state", "queued"),))] == 1
    assert samples[("crisisbot_after_ack_work", (("state", "unfinished"),))] == 3 + LOCAL_THREADS + 1
    gate.set()
    local.executor.finished()
    assert all(piece.result(10) for piece in pieces + busy)
    local.settle()
    samples = scrape(server)
    assert samples[("crisisbot_after_ack_work", (("state", "held"),))] == 0
    assert samples[("crisisbot_after_ack_work", (("state", "queued"),))] == 0
    assert samples[("crisisbot_after_ack_work", (("state", "unfinished"),))] == 0
