"""An ack is final: what fails after it (the response_url reply, a Web API call, a person's error) leaves the HTTP
answer a 200 with the ack, the state changed once, the failure logged with context and no secret, nothing re-run."""
from __future__ import annotations

import json
import logging
import socket
import urllib.parse

import pytest

from crisis.i18n import t
from handlers import ids
from sandbox.slack_user import slash_command_body
from tests.handlers.flows import open_crisis, page_to, replies_to


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.WARNING)
    return caplog


def unreachable_url() -> str:
    """A loopback address nothing listens on (its port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/response/gone"


def expired_url(bot, user: str) -> str:
    """A response URL of the sandbox that it does not know (any more): it answers 404."""
    return bot.sandbox.response_url(user).rsplit("/", 1)[0] + "/expired"


def dm_texts(bot, who: str) -> str:
    return json.dumps(bot.sandbox.messages(bot.sandbox.dm_channel(bot.users[who])))


def note_count(bot, channel: str) -> int:
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        return [e.kind.value for e in uow.timeline.for_crisis(crisis.id)].count("note")


def assert_no_secret(bot, logs, url: str) -> None:
    assert bot.sandbox.token not in logs.text and url not in logs.text


@pytest.mark.parametrize("url_of", [lambda bot, user: unreachable_url(), expired_url],
                         ids=["unreachable", "answers 404"])
def test_a_command_whose_response_url_fails_is_acked_once_and_told_by_dm(bot, logs, url_of):
    channel = open_crisis(bot)["id"]
    comms = bot.users["comms"]
    url = url_of(bot, comms)
    body = slash_command_body("/crisis", "note Reporter called", comms, channel, team_id=bot.sandbox.team_id,
                              trigger_id=bot.sandbox.issue_trigger_id(comms), response_url=url)
    assert bot.slack.post(body) == (200, "")
    bot.settle()
    assert note_count(bot, channel) == 1
    assert t("notice.note_added") in dm_texts(bot, "comms")
    assert any(r.name == "handlers.replies" and "sending a DM instead" in r.getMessage() for r in logs.records)
    assert_no_secret(bot, logs, url)


def test_a_click_whose_response_url_is_unreachable_acknowledges_the_page_once(bot, logs):
    channel = open_crisis(bot)["id"]
    page = page_to(bot, channel, "legal")
    payload = json.loads(urllib.parse.parse_qs(
        bot.slack.click_body(bot.users["legal"], channel, page["ts"], ids.ACKNOWLEDGE))["payload"][0])
    url = payload["response_url"] = unreachable_url()
    assert bot.slack.post(urllib.parse.urlencode({"payload": json.dumps(payload)})) == (200, "")
    bot.settle()
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        events = [e.kind.value for e in uow.timeline.for_crisis(crisis.id)]
    assert crisis.role("legal").acked_by == bot.users["legal"] and events.count("acknowledged") == 1
    assert "acknowledged" in dm_texts(bot, "legal")
    assert_no_secret(bot, logs, url)


def test_a_web_api_call_failing_after_the_ack_is_logged_with_context_told_and_not_run_again(bot, logs):
    bot.sandbox.fail_next("views.open", error="expired_trigger_id")
    assert bot.command("opener", "open Late modal", "general") == (200, "")
    assert len(bot.sandbox.calls_to("views.open")) == 1
    [failure] = bot.executor.failures  # raised into the executor's future, after the request was answered
    bot.executor.failures.clear()
    assert type(failure).__name__ == "SlackApiError"
    [logged] = [r for r in logs.records if r.name == "handlers.errors"]
    general = bot.sandbox.channel("general")["id"]
    assert logged.levelno == logging.ERROR and logged.getMessage() == (
        f"crisis_command failed after its ack (/crisis from {bot.users['opener']} in {general}, "
        f"team {bot.sandbox.team_id}): SlackApiError")
    assert any(t("error.internal") in r for r in replies_to(bot, "opener"))
    assert bot.sandbox.token not in logs.text
    assert bot.command("opener", "open Late modal", "general")[0] == 200  # a new command (new trigger) works
    assert len(bot.sandbox.calls_to("views.open")) == 2


def test_a_person_error_raised_after_the_ack_keeps_the_ack(bot):
    assert bot.command("opener", "explode now", "general") == (200, "")
    assert any("explode" in r for r in replies_to(bot, "opener"))


def test_a_modal_with_a_field_error_is_answered_in_the_ack_and_runs_no_work(bot):
    bot.command("opener", "open Something", "general")
    view = bot.sandbox.views_opened()[-1]
    status, answer = bot.submit("opener", view["id"], {ids.TITLE_BLOCK: {ids.TITLE_INPUT: ""}})
    assert status == 200 and json.loads(answer)["response_action"] == "errors"
    assert not bot.sandbox.calls_to("conversations.create")
