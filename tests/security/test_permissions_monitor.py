"""End to end, docs/security.md's rows of spike warnings: anyone who sees one may open a crisis from it; only
the monitor's responders snooze it, call it a false alarm or label its mentions."""
import json
from urllib.parse import quote, unquote_plus

import pytest

from crisis.monitor.model import AlertStatus
from handlers import ids
from sandbox.local_bot import SettableClock
from tests.handlers.flows import OPEN_VALUES, last_view
from tests.handlers.mention_stream import START, monitor_plan_section, write_stream
from tests.handlers.test_monitor import alerts_channel, raise_warning, warnings_in
from tests.security.permission_steps import ADMIN, refused, start_crew, stop_crew

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def watching(uow_factory, tmp_path, **monitor):
    bot = start_crew(uow_factory, clock=SettableClock(START),
                     monitor=monitor_plan_section(write_stream(tmp_path / "mentions.jsonl")) | monitor)
    bot.poll("replay")
    return bot


@pytest.fixture
def watcher(uow_factory, tmp_path):
    bot = watching(uow_factory, tmp_path)
    yield bot
    stop_crew(bot)


def alert_of(bot, warning):
    with bot.ports.uow() as uow:
        return uow.alerts.get(int(warning["blocks"][-1]["elements"][0]["value"]))


def snoozed_by(bot):
    with bot.ports.uow() as uow:
        return uow.watches.lock("acme").snoozed_by


def labels(bot):
    with bot.ports.uow() as uow:
        return [(mention.source_id, label) for mention, label in uow.labels.export()]


def label(bot, who, warning):
    """`who` labels the warning's first example mention "neutral"."""
    body = bot.slack.click_body(bot.users[who], alerts_channel(bot), warning["ts"], ids.LABEL_MENTION)
    payload = json.loads(unquote_plus(body.split("=", 1)[1]))
    menu = next(b for b in warning["blocks"] if b.get("accessory", {}).get("action_id") == ids.LABEL_MENTION)
    payload["actions"][0]["selected_option"] = menu["accessory"]["options"][1]
    bot.slack.post("payload=" + quote(json.dumps(payload)))
    bot.settle()


def test_by_default_the_admins_and_the_crisis_lead_answer_warnings(watcher):
    warning = raise_warning(watcher)
    channel = alerts_channel(watcher)
    views = len(watcher.sandbox.views_opened())
    for who in ("comms", "social", "outsider"):
        watcher.click(who, channel, warning["ts"], ids.SNOOZE)
        refused(watcher, who, "Only the monitor's responders")
        watcher.click(who, channel, warning["ts"], ids.FALSE_ALARM)
        refused(watcher, who, "Only the monitor's responders")
        label(watcher, who, warning)
        refused(watcher, who, "Only the monitor's responders")
    assert len(watcher.sandbox.views_opened()) == views and labels(watcher) == []
    assert snoozed_by(watcher) is None and alert_of(watcher, warning).status is AlertStatus.NEW
    label(watcher, "lead", warning)
    assert [choice for _, choice in labels(watcher)] == ["neutral"]
    watcher.click("admin", channel, warning["ts"], ids.FALSE_ALARM)
    watcher.submit("admin", last_view(watcher)["id"], {ids.REASON_BLOCK: {ids.REASON_INPUT: "Planned launch"}})
    assert (alert_of(watcher, warning).status, alert_of(watcher, warning).answered_by) == (
        AlertStatus.FALSE_ALARM, watcher.users["admin"])
    other = next(w for w in warnings_in(watcher, channel) if w["ts"] != warning["ts"])
    watcher.click("lead_backup", channel, other["ts"], ids.SNOOZE)
    assert snoozed_by(watcher) == watcher.users["lead_backup"]


def test_the_plan_names_its_monitor_responders_people_or_roles(uow_factory, tmp_path):
    bot = watching(uow_factory, tmp_path, responders=["social_media", ADMIN[1]])
    try:
        warning = raise_warning(bot)
        bot.click("lead", alerts_channel(bot), warning["ts"], ids.SNOOZE)
        refused(bot, "lead", "Only the monitor's responders")
        assert snoozed_by(bot) is None
        label(bot, "social", warning)
        bot.click("admin", alerts_channel(bot), warning["ts"], ids.SNOOZE)
        assert labels(bot) and snoozed_by(bot) == bot.users["admin"]
    finally:
        stop_crew(bot)


def test_anyone_who_sees_a_warning_opens_a_crisis_from_it(watcher):
    warning = raise_warning(watcher)
    watcher.click("outsider", alerts_channel(watcher), warning["ts"], ids.OPEN_FROM_ALERT)
    view = last_view(watcher)
    values = dict(OPEN_VALUES, **{ids.TITLE_BLOCK: {ids.TITLE_INPUT: view_title(view)}})
    watcher.submit("outsider", view["id"], values)
    alert = alert_of(watcher, warning)
    assert (alert.status, alert.answered_by) == (AlertStatus.CRISIS, watcher.users["outsider"])
    with watcher.ports.uow() as uow:
        assert [e.kind.value for e in uow.timeline.for_crisis(alert.crisis_id)][0] == "opened"
        assert uow.crises.get(alert.crisis_id).opened_by == watcher.users["outsider"]


def view_title(view):
    field = next(b for b in view["blocks"] if b.get("block_id") == ids.TITLE_BLOCK)
    return field["element"].get("initial_value", "Spike")
