"""Spike warnings on Teams, through the same monitor use cases as Slack: mentions replayed from a file, the
warning posted to the plan's alerts channel with its buttons and its chart (a compact PNG inside a card), Open
crisis from the warning (the open form pre-filled, the crisis linked back), False alarm with its reason form,
Snooze, a mention's label; a click on a warning someone already answered is refused and changes nothing."""
from __future__ import annotations

import base64
import io
import json
import threading
from datetime import timedelta
from wsgiref.simple_server import make_server

import pytest

from crisis.monitor.model import AlertStatus
from crisis.plan_parsing import parse_plan
from sandbox.local_bot import SettableClock, team_plan_data
from teams.client import Endpoints
from teams_sandbox.cards import card_lines
from tests.handlers.mention_stream import SPIKE_AT, START, monitor_plan_section, write_stream
from tests.teams.conftest import ANNOUNCE, PEOPLE, TEAM_ID, LocalTeams, _Quiet, said
from wiring.teams import TeamsSettings, http_app, start_scheduler, wire_teams

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

ALERTS = "19:brand-alerts@thread.tacv2"
MAX_ACTIVITY = 28 * 1024


@pytest.fixture
def watching(teams_sandbox, uow_factory, engine, tmp_path):
    teams_sandbox.state.add_conversation(ALERTS, "brand-alerts", "channel", bot_present=True)
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(users, announce=ANNOUNCE, statements={}, chat="teams", alerts_channel=ALERTS,
                                     monitor=monitor_plan_section(write_stream(tmp_path / "mentions.jsonl"))))
    clock = SettableClock(START)
    settings = TeamsSettings(app_id=teams_sandbox.state.app_id, secret=teams_sandbox.app_secret,
                             tenant_id=teams_sandbox.state.tenant_id, team_id=TEAM_ID, catalog_app_id="catalog-app",
                             service_url=f"{teams_sandbox.base_url}/", openid_url=teams_sandbox.openid_url,
                             endpoints=Endpoints(login=teams_sandbox.base_url, graph=teams_sandbox.base_url))
    bot = wire_teams(plan, uow_factory, engine, settings, clock=clock, environ={})
    server = make_server("127.0.0.1", 0, bot.app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    local = LocalTeams(teams_sandbox, bot, f"http://127.0.0.1:{server.server_port}/api/messages", clock)
    bot.poll("replay")
    yield local
    server.shutdown()
    server.server_close()


def _raise_warning(local):
    local.clock.current = SPIKE_AT - timedelta(minutes=5)
    local.bot.poll("replay")
    assert local.bot.monitor_tick().posted == 0, "two calm days: no warning"
    for _ in range(4):
        local.clock.advance(minutes=5)
        local.bot.poll("replay")
        local.bot.monitor_tick()
    alerts = local.sandbox.state.conversation(ALERTS)
    warning_id = next(i for i, a in alerts.activities.items() if "Spike in mentions" in _text(a))
    alerts.activities["old"] = alerts.activities[warning_id]
    return warning_id


def _text(activity):
    return "\n".join(card_lines(activity["attachments"][0]["content"])) if activity.get("attachments") else \
        activity.get("text", "")


def _alert(local):
    """The warning's alert, found by the button data of the card as first posted."""
    card = local.sandbox.state.conversation(ALERTS).activities["old"]["attachments"][0]["content"]
    value = next(a["data"]["value"] for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]
                 if a["verb"] == "snooze")
    with local.bot.ports.uow() as uow:
        return uow.alerts.get(int(value))


def test_the_warning_with_its_chart_opens_a_crisis_from_a_prefilled_form(watching):
    warning_id = _raise_warning(watching)
    alerts = watching.sandbox.state.conversation(ALERTS)
    text = _text(alerts.activities[warning_id])
    assert "× the normal volume" in text and "/100" in text
    assert "[Open crisis] [False alarm] [Snooze 1h]" in text
    assert "[Negative] [Neutral] [Positive]" in text, "example mentions can be labelled"
    assert "use the buttons under a mention" in text and "⋯" not in text, "Teams has no ⋯ menu"
    assert "Negative · @" in text and "negative · @" not in text, "the label in the catalog's words"
    ids = [i for i in alerts.activities if i != "old"]
    chart = alerts.activities[ids[ids.index(warning_id) + 1]]["attachments"][0]["content"]
    image = next(e for e in chart["body"] if e["type"] == "Image")
    assert image["url"].startswith("data:image/png;base64,")
    png = base64.b64decode(image["url"].split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
    assert all(len(str(a)) < MAX_ACTIVITY for a in alerts.activities.values()), "each fits a Teams message"
    dana = watching.person("lead")
    form = dana.click(ALERTS, warning_id, "Open crisis").json()["value"]
    fields = {e["id"]: e.get("value") for e in form["body"] if e.get("id")}
    assert fields["title"].startswith("Mentions of acme") and fields["kind"] == "complaint_wave"
    assert fields["severity"] in ("SEV1", "SEV2", "SEV3") and "spike warning" in fields["description"]
    advice = "\n".join(card_lines(form))
    assert "Is this a crisis?" in advice and "mentions" in advice and "you decide" in advice, \
        "the monitor's triage on top, as in Slack's modal"
    assert advice.index("you decide") < advice.index("Title"), "above the fields"
    alerts.activities["form"] = {"attachments": [{"content": form}]}
    opened = dana.click(ALERTS, "form", "Open crisis")
    assert "is open" in " ".join(card_lines(opened.json()["value"]))
    alert = _alert(watching)
    with watching.bot.ports.uow() as uow:
        crisis = uow.crises.get(1)
    assert crisis.term == "acme" and alert.status is AlertStatus.CRISIS and alert.crisis_id == crisis.id
    shown = _text(alerts.activities[warning_id])
    assert "[Open crisis]" not in shown and "Dana Reyes" in shown, "the warning is updated in place for everyone"
    stale = watching.person("social").click(ALERTS, "old", "Open crisis").json()["value"]
    assert "already opened from this warning" in " ".join(card_lines(stale))
    with watching.bot.ports.uow() as uow:
        assert uow.crises.get(2) is None, "the stale card opened nothing"


def test_two_people_submitting_the_form_of_one_warning_open_one_crisis(watching):
    warning_id = _raise_warning(watching)
    alerts = watching.sandbox.state.conversation(ALERTS)
    dana, sam = watching.person("lead"), watching.person("social")
    for name, person in (("dana", dana), ("sam", sam)):  # both forms are shown before either is submitted
        form = person.click(ALERTS, warning_id, "Open crisis").json()["value"]
        alerts.activities[f"form {name}"] = {"attachments": [{"content": form}]}
    assert "is open" in " ".join(card_lines(dana.click(ALERTS, "form dana", "Open crisis").json()["value"]))
    told = " ".join(card_lines(sam.click(ALERTS, "form sam", "Open crisis").json()["value"]))
    assert "A crisis was already opened from this spike warning" in told and "No second crisis" in told
    with watching.bot.ports.uow() as uow:
        assert [c.id for c in uow.crises.open()] == [1]
    assert _alert(watching).crisis_id == 1


def test_crisis_open_typed_shows_the_monitors_triage_as_slacks_modal_does(watching):
    _raise_warning(watching)
    form = said(watching, watching.person("opener"), "crisis open Ad backlash")
    assert "Is this a crisis?" in form and "Suggested severity" in form and "you decide" in form
    assert form.index("you decide") < form.index("Title") and "<Severity: SEV2>" in form, "the suggestion chosen"


def test_false_alarm_asks_why_then_a_stale_snooze_is_refused(watching):
    warning_id = _raise_warning(watching)
    alerts = watching.sandbox.state.conversation(ALERTS)
    dana = watching.person("lead")
    form = dana.click(ALERTS, warning_id, "False alarm").json()["value"]
    assert any(e.get("id") == "reason" for e in form["body"])
    assert _alert(watching).status is AlertStatus.NEW, "the form alone decides nothing"
    alerts.activities["form"] = {"attachments": [{"content": form}]}
    answer = dana.click(ALERTS, "form", "Save", inputs={"reason": "A planned campaign"}).json()["value"]
    assert "marked this a false alarm: A planned campaign" in " ".join(card_lines(answer))
    assert "[Snooze 1h]" not in _text(alerts.activities[warning_id]), "updated in place for everyone"
    refused = watching.person("lead_backup").click(ALERTS, "old", "Snooze 1h").json()["value"]
    assert "already answered" in " ".join(card_lines(refused))
    assert _alert(watching).status is AlertStatus.FALSE_ALARM
    with watching.bot.ports.uow() as uow:
        assert uow.watches.lock("acme").snoozed_until is None


def test_only_responders_may_snooze_and_labels_are_stored(watching):
    warning_id = _raise_warning(watching)
    refused = watching.person("social").click(ALERTS, warning_id, "Snooze 1h").json()["value"]
    assert "Only the monitor's responders" in " ".join(card_lines(refused))
    no_form = watching.person("social").click(ALERTS, warning_id, "False alarm").json()["value"]
    assert "Only the monitor's responders" in " ".join(card_lines(no_form)), "no reason form for them"
    assert _alert(watching).status is AlertStatus.NEW
    omar = watching.person("lead_backup")
    snoozed = omar.click(ALERTS, warning_id, "Snooze 1h").json()["value"]
    assert "snoozed until" in " ".join(card_lines(snoozed))
    labelled = omar.click(ALERTS, warning_id, "Negative").json()["value"]
    assert "marked Negative" in " ".join(card_lines(labelled))
    with watching.bot.ports.uow() as uow:
        assert uow.watches.lock("acme").snoozed_by == omar.id
        assert [label for _, label in uow.labels.export()] == ["negative"]


def test_serve_teams_schedules_the_sources_and_the_monitor_tick(watching):
    scheduler = start_scheduler(watching.bot, seconds=3600)
    try:
        assert {job.id for job in scheduler.get_jobs()} >= {"crisis-tick", "source-replay", "monitor-tick"}
    finally:
        scheduler.shutdown(wait=False)


def test_mentions_pushed_to_the_ingest_webhook_are_stored_on_teams_too(teams_sandbox, uow_factory, engine, tmp_path):
    plan = parse_plan(team_plan_data({k: e for k, (e, _) in PEOPLE.items()}, announce=ANNOUNCE, statements={},
                                     chat="teams", alerts_channel=ALERTS,
                                     monitor=monitor_plan_section(write_stream(tmp_path / "mentions.jsonl"))))
    settings = TeamsSettings(app_id=teams_sandbox.state.app_id, secret=teams_sandbox.app_secret,
                             tenant_id=teams_sandbox.state.tenant_id, team_id=TEAM_ID, catalog_app_id="catalog-app",
                             service_url=f"{teams_sandbox.base_url}/", openid_url=teams_sandbox.openid_url,
                             endpoints=Endpoints(login=teams_sandbox.base_url, graph=teams_sandbox.base_url))
    bot = wire_teams(plan, uow_factory, engine, settings, clock=SettableClock(START),
                     environ={"PUSH_TOKEN": "push-secret"})
    app = http_app(bot)
    at = (START - timedelta(hours=1)).isoformat()
    body = json.dumps([{"id": "p1", "text": "acme is awful", "created_at": at, "author": "@a"}]).encode()

    def push(token):
        answered = {}
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/ingest/push", "CONTENT_LENGTH": str(len(body)),
                   "CONTENT_TYPE": "application/json", "HTTP_AUTHORIZATION": f"Bearer {token}",
                   "wsgi.input": io.BytesIO(body)}
        answer = json.loads(b"".join(app(environ, lambda status, headers: answered.update(status=status))))
        return answered["status"], answer

    assert push("wrong")[0].startswith("401")
    status, answer = push("push-secret")
    assert status.startswith("200") and answer == {"ok": True, "received": 1, "stored": 1}
    assert push("push-secret")[1]["stored"] == 0, "the same mention twice is stored once"
