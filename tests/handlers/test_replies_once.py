"""Person-only notices are promised at least once: a response_url reply whose answer is lost is sent again (never
turned into a DM besides), a DM is sent only when the URL refused, and a DM reply is keyed by its request, so a
request run again finds it; telling the person never fails the work."""
from __future__ import annotations

import pytest

from crisis.i18n import msg
from handlers.replies import RESPONSE_ATTEMPTS, reply
from handlers.slack_client import make_web_client
from sandbox.faults import RandomFaults
from sandbox.slack_api import SlackSandbox
from tests.handlers.test_slack_client_once import SHORT, FirstCalls


@pytest.fixture
def sandbox():
    with SlackSandbox() as started:
        yield started


@pytest.fixture
def client(sandbox):
    return make_web_client(sandbox.token, sandbox.api_url, sleep=lambda seconds: None, timeout=SHORT)


@pytest.fixture
def dana(sandbox):
    return sandbox.add_user("dana")


def clicked(sandbox, user):
    channel = sandbox.add_channel("general", members=[user])
    return {"type": "block_actions", "user": {"id": user}, "actions": [{"action_ts": "1.2"}],
            "response_url": sandbox.response_url(user, channel)}


def submitted(user, view="V1"):
    return {"type": "view_submission", "user": {"id": user}, "view": {"id": view, "private_metadata": ""}}


def dms(sandbox, user):
    channel = sandbox.dm_channel(user)
    return [m["text"] for m in sandbox.messages(channel)] if channel else []


@pytest.mark.parametrize("kind", ["lost_dropped", "lost_timeout"])
def test_a_reply_whose_answer_is_lost_is_sent_again_not_dmed(sandbox, client, dana, kind):
    sandbox.inject_faults(FirstCalls(kind, "response"))
    reply(clicked(sandbox, dana), client, msg("page.level.primary"))
    assert len(sandbox.responses()) == 2 and dms(sandbox, dana) == []


def test_a_response_url_that_keeps_failing_ends_in_a_dm(sandbox, client, dana):
    sandbox.inject_faults(RandomFaults(1.0, 0, ("server_error",), routes=frozenset({"response"})))
    reply(clicked(sandbox, dana), client, msg("page.level.primary"))
    assert len([f for f in sandbox.injected_faults() if f.route == "response"]) == RESPONSE_ATTEMPTS
    assert len(dms(sandbox, dana)) == 1


def test_a_dm_reply_shows_once_though_its_answer_is_lost_or_its_request_runs_again(sandbox, client, dana):
    sandbox.inject_faults(FirstCalls("lost_timeout", "chat.postMessage"))
    reply(submitted(dana), client, msg("page.level.primary"))
    reply(submitted(dana), client, msg("page.level.primary"))
    assert len(dms(sandbox, dana)) == 1
    reply(submitted(dana, view="V2"), client, msg("page.level.primary"))
    assert len(dms(sandbox, dana)) == 2


def test_telling_the_person_never_fails_the_work(sandbox, client, dana):
    sandbox.inject_faults(RandomFaults(1.0, 0, ("timeout",), hold_seconds=SHORT + 0.3))
    reply(submitted(dana), client, msg("page.level.primary"))
    assert dms(sandbox, dana) == []
