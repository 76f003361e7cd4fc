"""End to end: mentions in (file replay, webhook) -> spike warning in Slack -> the team's answers."""
import json
import urllib.request
from datetime import timedelta

import pytest

from crisis.monitor import services as monitoring
from crisis.monitor.delivery import POST_LEASE
from crisis.monitor.model import AlertStatus
from crisis.monitor.services import Monitor
from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.mention_stream import (
    SPIKE_AT,
    START,
    monitor_plan_section,
    write_stream,
)

TOKEN = "push-secret"


@pytest.fixture
def stream(tmp_path):
    return write_stream(tmp_path / "mentions.jsonl")


@pytest.fixture
def watcher(uow_factory, stream):
    clock = SettableClock(START)
    plan = lambda users: team_plan(users, monitor=monitor_plan_section(stream))
    local = start_local_bot(uow_factory, clock=clock, plan=plan, tokens={"PUSH_TOKEN": TOKEN})
    local.poll("replay")  # the replay starts now: the file's first mention is "now"
    yield local
    local.stop()
    assert local.executor.failures == []


def shared_in(file):
    """The channels a sandbox file was shared to (without its bytes)."""
    return json.dumps({k: v for k, v in file.items() if k != "content"})


def replay_until(bot, moment):
    """Move the clock and poll once (the stream is under the 5,000 rows a poll may return)."""
    bot.clock.current = moment
    bot.poll("replay")


def alerts_channel(bot):
    return bot.sandbox.channel_by_name("brand-alerts")["id"]


def warnings_in(bot, channel):
    return [m for m in bot.sandbox.messages(channel) if ids.OPEN_FROM_ALERT in json.dumps(m)
            or "Spike in mentions" in m.get("text", "")]


def raise_warning(bot):
    replay_until(bot, SPIKE_AT - timedelta(minutes=5))
    assert bot.monitor_tick().posted == 0  # two calm days: no warning
    for _ in range(4):
        bot.clock.advance(minutes=5)
        replay_until(bot, bot.clock.now())
        bot.monitor_tick()
    warnings = [m for m in warnings_in(bot, alerts_channel(bot)) if ids.OPEN_FROM_ALERT in json.dumps(m)]
    assert {w["text"].split("*")[1] for w in warnings} == {"Spike in mentions of acme",
                                                           "Negative mentions of acme are up"}
    return next(w for w in warnings if "Spike in mentions" in w["text"])


@pytest.mark.one_database  # what Slack shows; storage and races run on both backends below
def test_spike_warning_has_numbers_examples_chart_and_buttons_once(watcher):
    warning = raise_warning(watcher)
    text = json.dumps(warning, ensure_ascii=False)
    assert "Spike in mentions of acme" in text and "× the normal volume" in text
    assert "Reputation" in text and "/100" in text
    assert "boycott" in text or "nurses" in text or "Never again" in text  # example mentions
    for action in (ids.OPEN_FROM_ALERT, ids.FALSE_ALARM, ids.SNOOZE, ids.LABEL_MENTION):
        assert action in text
    charts = [f for f in watcher.sandbox.files() if f["content"][:8] == b"\x89PNG\r\n\x1a\n"]
    assert charts and alerts_channel(watcher) in shared_in(charts[0])
    calls_before = len(watcher.sandbox.calls)
    watcher.monitor_tick()
    assert not [c for c in watcher.sandbox.calls[calls_before:] if c.method == "chat.postMessage"]


def test_restart_in_the_middle_of_a_spike_gives_no_second_warning(watcher, uow_factory):
    raise_warning(watcher)
    restarted = Monitor(watcher.ports.__class__(plan=watcher.ports.plan, uow=uow_factory, chat=watcher.ports.chat,
                                                clock=watcher.clock), watcher.monitor.sources, watcher.monitor.scorer)
    watcher.clock.advance(minutes=5)
    replay_until(watcher, watcher.clock.now())
    monitoring.monitor_tick(monitor=restarted)
    assert len([m for m in warnings_in(watcher, alerts_channel(watcher)) if "Spike in mentions" in m["text"]]) == 1


def test_open_crisis_from_the_warning_links_both(watcher):
    warning = raise_warning(watcher)
    status, _ = watcher.click("lead", alerts_channel(watcher), warning["ts"], ids.OPEN_FROM_ALERT)
    assert status == 200
    view = watcher.sandbox.views_opened()[-1]
    prefilled = json.dumps(view, ensure_ascii=False)
    assert "acme" in prefilled and "× normal" in prefilled and "complaint_wave" in prefilled
    title = next(b for b in view["blocks"] if b["block_id"] == ids.TITLE_BLOCK)["element"]["initial_value"]
    values = {ids.TITLE_BLOCK: {ids.TITLE_INPUT: title},
              ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
              ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select",
                                                "selected_option": {"value": "complaint_wave"}}}}
    watcher.submit("lead", view["id"], values)
    with watcher.ports.uow() as uow:
        crisis = uow.crises.open_for_term("acme")
        [alert] = [a for a in uow.alerts.for_crisis(crisis.id)]
    assert alert.status is AlertStatus.CRISIS
    updated = next(m for m in watcher.sandbox.messages(alerts_channel(watcher)) if m["ts"] == warning["ts"])
    assert "opened a crisis from this warning" in json.dumps(updated)
    assert ids.OPEN_FROM_ALERT not in json.dumps(updated)
    watcher.clock.advance(minutes=31)
    replay_until(watcher, watcher.clock.now())
    watcher.monitor_tick()
    assert any("in the last hour" in m.get("text", "") for m in watcher.sandbox.messages(crisis.channel_id))
    pin = watcher.sandbox.pins(crisis.channel_id)[0]
    ts = pin["message"]["ts"] if "message" in pin else pin["ts"]
    card = next(m for m in watcher.sandbox.messages(crisis.channel_id) if m["ts"] == ts)
    assert "Reputation of acme" in json.dumps(card)


def open_values(view):
    """The open-crisis modal's answers as its person submits them: the prefilled title, SEV2, a complaint wave."""
    title = next(b for b in view["blocks"] if b["block_id"] == ids.TITLE_BLOCK)["element"]["initial_value"]
    return {ids.TITLE_BLOCK: {ids.TITLE_INPUT: title},
            ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
            ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "complaint_wave"}}}}


def test_two_people_opening_from_one_warning_open_one_crisis(watcher):
    warning = raise_warning(watcher)
    channel = alerts_channel(watcher)
    watcher.click("lead", channel, warning["ts"], ids.OPEN_FROM_ALERT)
    lead_view = watcher.sandbox.views_opened()[-1]
    watcher.click("comms", channel, warning["ts"], ids.OPEN_FROM_ALERT)  # before the lead submits
    comms_view = watcher.sandbox.views_opened()[-1]
    watcher.submit("lead", lead_view["id"], open_values(lead_view))
    watcher.submit("comms", comms_view["id"], open_values(comms_view))
    created = [c for c in watcher.sandbox.calls_to("conversations.create") if c.response.get("ok")]
    assert len(created) == 1
    with watcher.ports.uow() as uow:
        [crisis] = uow.crises.open()
        assert [a.answered_by for a in uow.alerts.for_crisis(crisis.id)] == [watcher.users["lead"]]
    told = json.dumps(watcher.sandbox.ephemeral_messages(watcher.users["comms"]), ensure_ascii=False)
    assert "A crisis was already opened from this spike warning" in told and crisis.channel_id in told


@pytest.mark.one_database  # what Slack shows; storage and races run on both backends below
def test_false_alarm_asks_why_and_keeps_the_answer(watcher):
    warning = raise_warning(watcher)
    watcher.click("lead", alerts_channel(watcher), warning["ts"], ids.FALSE_ALARM)
    view = watcher.sandbox.views_opened()[-1]
    _status, body = watcher.submit("lead", view["id"], {ids.REASON_BLOCK: {ids.REASON_INPUT: "  "}})
    assert json.loads(body)["response_action"] == "errors"
    watcher.submit("lead", view["id"], {ids.REASON_BLOCK: {ids.REASON_INPUT: "Planned campaign launch"}})
    updated = next(m for m in watcher.sandbox.messages(alerts_channel(watcher)) if m["ts"] == warning["ts"])
    assert "false alarm: Planned campaign launch" in json.dumps(updated)
    with watcher.ports.uow() as uow:
        alert = uow.alerts.get(int(warning["blocks"][-1]["elements"][0]["value"]))
    assert alert.status is AlertStatus.FALSE_ALARM and alert.feedback == "Planned campaign launch"


@pytest.mark.one_database  # what Slack shows; storage and races run on both backends below
def test_snooze_silences_the_term_for_an_hour(watcher):
    warning = raise_warning(watcher)
    watcher.click("lead", alerts_channel(watcher), warning["ts"], ids.SNOOZE)
    with watcher.ports.uow() as uow:
        watch = uow.watches.lock("acme")
    assert watch.snoozed_until == watcher.clock.now() + timedelta(hours=1)
    updated = next(m for m in watcher.sandbox.messages(alerts_channel(watcher)) if m["ts"] == warning["ts"])
    assert "snoozed warnings" in json.dumps(updated)


@pytest.mark.one_database  # what Slack shows; storage and races run on both backends below
def test_sample_mentions_can_be_labelled_for_training(watcher):
    warning = raise_warning(watcher)
    body = watcher.slack.click_body(watcher.users["lead"], alerts_channel(watcher), warning["ts"], ids.LABEL_MENTION)
    payload = json.loads(urllib.request.unquote(body.split("=", 1)[1].replace("+", " ")))
    option = next(b for b in warning["blocks"] if b.get("accessory", {}).get("action_id") == ids.LABEL_MENTION)
    payload["actions"][0]["selected_option"] = option["accessory"]["options"][1]  # neutral
    from urllib.parse import quote
    watcher.slack.post("payload=" + quote(json.dumps(payload)))
    watcher.settle()
    with watcher.ports.uow() as uow:
        [(mention, label)] = uow.labels.export()
    assert label == "neutral" and mention.text


@pytest.fixture
def news_watcher(uow_factory, tmp_path):
    """The watcher, its burst's mentions news articles whose id is their URL: longer than the 150 characters Slack
    keeps of an option's value."""
    path = write_stream(tmp_path / "news.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    for row in rows:
        if row["created_at"] >= SPIKE_AT.isoformat().replace("+00:00", "Z"):
            row["id"] = row["url"] = f"https://www.example-news.com/business/{'acme-mocking-nurses-' * 6}{row['id']}"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    local = start_local_bot(uow_factory, clock=SettableClock(START), tokens={"PUSH_TOKEN": TOKEN},
                            plan=lambda users: team_plan(users, monitor=monitor_plan_section(path)))
    local.poll("replay")
    yield local
    local.stop()
    assert local.executor.failures == []


@pytest.mark.one_database  # what Slack shows; storage and races run on both backends below
def test_a_news_article_whose_id_is_its_long_url_can_be_labelled(news_watcher):
    warning = raise_warning(news_watcher)
    menu = next(b for b in warning["blocks"] if b.get("accessory", {}).get("action_id") == ids.LABEL_MENTION)
    assert all(len(option["value"]) <= 150 for option in menu["accessory"]["options"])
    body = news_watcher.slack.click_body(news_watcher.users["lead"], alerts_channel(news_watcher), warning["ts"],
                                         ids.LABEL_MENTION)
    payload = json.loads(urllib.request.unquote(body.split("=", 1)[1].replace("+", " ")))
    payload["actions"][0]["selected_option"] = menu["accessory"]["options"][0]  # negative
    from urllib.parse import quote
    news_watcher.slack.post("payload=" + quote(json.dumps(payload)))
    news_watcher.settle()
    with news_watcher.ports.uow() as uow:
        [(mention, label)] = uow.labels.export()
    assert label == "negative" and mention.source_id.startswith("https://www.example-news.com/business/")
    assert len(mention.source_id) > 150 and mention.url in json.dumps(menu)


def test_webhook_push_is_stored_all_or_nothing(watcher):
    url = watcher.app_url.replace("/slack/events", "/ingest/push")
    at = (START - timedelta(hours=1)).isoformat()
    good = [{"id": "p1", "text": "acme rocks", "created_at": at, "author": "@a"},
            {"id": "p2", "text": "acme is awful", "created_at": at, "author": "@b"}]

    def push(items, token=TOKEN):
        request = urllib.request.Request(url, data=json.dumps(items).encode(), method="POST",
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            return refused.code, json.loads(refused.read())

    assert push(good, token="wrong")[0] == 401
    assert push(good + [{"id": "p3", "text": "no time"}])[0] == 422
    status, answer = push(good)
    assert status == 200 and answer["stored"] == 2
    assert push(good)[1]["stored"] == 0
    with watcher.ports.uow() as uow:
        assert uow.mentions.get("webhook:push", "p2").label == "negative"
        assert uow.mentions.get("webhook:push", "p3") is None


def test_failing_source_is_reported_once_and_its_recovery(watcher, stream):
    stream.rename(stream.with_suffix(".gone"))
    for _ in range(5):
        watcher.clock.advance(hours=1)
        watcher.poll("replay")
    notices = [m["text"] for m in watcher.sandbox.messages(alerts_channel(watcher)) if "replay" in m.get("text", "")]
    assert len(notices) == 1 and "failing" in notices[0] and "not found" in notices[0]
    stream.with_suffix(".gone").rename(stream)
    watcher.clock.advance(hours=2)
    watcher.poll("replay")
    notices = [m["text"] for m in watcher.sandbox.messages(alerts_channel(watcher)) if "replay" in m.get("text", "")]
    assert len(notices) == 2 and "works again" in notices[1]


@pytest.mark.one_database  # what Slack shows; storage and races run on both backends below
def test_pulse_sends_the_last_day_with_a_chart(watcher):
    replay_until(watcher, SPIKE_AT)
    watcher.command("comms", "pulse acme", "general")
    dm = watcher.sandbox.dm_channel(watcher.users["comms"])
    assert any("last 24 hours" in m.get("text", "") for m in watcher.sandbox.messages(dm))
    assert any(dm in shared_in(f) for f in watcher.sandbox.files())
    watcher.command("comms", "pulse nosuchbrand", "general")
    assert any("not a watched term" in json.dumps(m) for m in watcher.sandbox.ephemeral_messages(watcher.users["comms"]))



def test_an_alert_whose_poster_died_after_posting_is_found_not_posted_twice(watcher):
    raise_warning(watcher)
    with watcher.ports.uow() as uow:
        alert_id = uow.alerts.unposted(10, now=watcher.clock.now(),
                                       stale_before=watcher.clock.now() + timedelta(days=1))
    assert alert_id == []  # both warnings were posted
    with watcher.ports.uow() as uow:  # a claim without a message: the process died while posting
        alert = uow.alerts.lock(1)
        alert.message_ts, alert.channel_id, alert.posted_at = None, None, watcher.clock.now()
        uow.alerts.save(alert)
        uow.commit()
    before = len(warnings_in(watcher, alerts_channel(watcher)))
    watcher.monitor_tick()
    assert len(warnings_in(watcher, alerts_channel(watcher))) == before  # the claim is still fresh
    watcher.clock.advance(seconds=POST_LEASE.total_seconds() + 60)
    watcher.monitor_tick()
    watcher.monitor_tick()
    # the warning had reached Slack before the process died: it is found by its key, not posted twice
    assert len(warnings_in(watcher, alerts_channel(watcher))) == before
    with watcher.ports.uow() as uow:
        alert = uow.alerts.lock(1)
    assert alert.message_ts is not None and alert.channel_id == alerts_channel(watcher)
