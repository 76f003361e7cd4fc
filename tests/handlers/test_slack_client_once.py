"""A Slack call whose answer was lost is never applied twice (issue 10): posts carry a key in their metadata and
are looked up before being sent again; topics, invites, pins, schedules, channels and uploads are checked or
taken as done; a stable key finds a post an earlier attempt made (a re-send after a lease)."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from crisis.debrief.services import REPORT_LEASE
from crisis.errors import ChatFailure
from crisis.i18n import msg
from crisis.monitor.delivery import POST_LEASE
from crisis.room.model import CardFacts, Crisis, Page, PageLevel
from crisis.room.rules import DELIVERY_LEASE
from crisis.statements.rules import PUBLISH_LEASE
from handlers.slack_chat import SlackChat
from handlers.slack_client import bots_client, make_web_client
from handlers.slack_once import LOOKBACK, POST_EVENT
from sandbox.faults import RandomFaults
from sandbox.local_bot import seed_team, team_plan
from sandbox.slack_api import SlackSandbox

SHORT = 1.0
"""The client's timeout (seconds); a `timeout` fault holds the call longer."""
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).timestamp()


class FirstCalls(RandomFaults):
    """`kind` for the first `times` calls on each of `routes`, then nothing."""

    def __init__(self, kind: str, *routes: str, times: int = 1) -> None:
        super().__init__(1.0, 0, (kind,), hold_seconds=SHORT + 0.3)
        self.kind, self.left = kind, {route: times for route in routes}

    def draw(self, route: str, content: str = "") -> str | None:
        if self.left.get(route, 0) > 0:
            self.left[route] -= 1
            return self.kind
        return None


class Planned(RandomFaults):
    """Per route, the kinds its next calls get, in order."""

    def __init__(self, plan: dict[str, list[str]]) -> None:
        super().__init__(1.0, 0, ("dropped",), hold_seconds=SHORT + 0.3)
        self.plan = {route: list(kinds) for route, kinds in plan.items()}

    def draw(self, route: str, content: str = "") -> str | None:
        kinds = self.plan.get(route)
        return kinds.pop(0) if kinds else None


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def sandbox(clock):
    with SlackSandbox(clock=clock) as started:
        yield started


@pytest.fixture
def chat(sandbox, clock):
    return SlackChat(make_web_client(sandbox.token, sandbox.api_url, sleep=lambda seconds: None, timeout=SHORT,
                                     clock=clock))


@pytest.fixture
def team(sandbox):
    return seed_team(sandbox)


@pytest.fixture
def crisis(sandbox, team):
    channel = sandbox.add_channel("crisis-x")
    return Crisis("Ad video", "SEV2", "offensive_post", team["lead"], datetime.fromtimestamp(START, UTC),
                  channel_id=channel, channel_name="crisis-x", id=7)


def said(sandbox, what: str) -> list[str]:
    return [e.lines[0] for e in sandbox.entries() if e.who == "@crisisbot" and what in e.lines[0]]


@pytest.mark.parametrize("kind", ["lost_timeout", "lost_dropped", "timeout", "dropped", "server_error"])
def test_a_post_shows_once_whatever_became_of_its_first_answer(sandbox, chat, crisis, team, kind):
    sandbox.inject_faults(FirstCalls(kind, "chat.postMessage"))
    ts = chat.post_card(crisis, team_plan(team), CardFacts())
    [card] = sandbox.messages(crisis.channel_id)
    assert card["ts"] == ts and card["metadata"]["event_payload"] == {"key": "card:7"}
    assert [f.kind for f in sandbox.injected_faults()] == [kind]


def test_a_post_without_identity_is_keyed_anew_and_found_after_a_lost_answer(sandbox, chat, crisis):
    sandbox.inject_faults(FirstCalls("lost_dropped", "chat.postMessage"))
    chat.post(crisis.channel_id, msg("page.level.primary"))
    chat.post(crisis.channel_id, msg("page.level.primary"))  # a second notice is a second post
    keys = [m["metadata"]["event_payload"]["key"] for m in sandbox.messages(crisis.channel_id)]
    assert len(keys) == 2 and len(set(keys)) == 2
    assert all(m["metadata"]["event_type"] == POST_EVENT for m in sandbox.messages(crisis.channel_id))


def test_a_page_sent_again_after_its_lease_finds_both_earlier_posts(sandbox, chat, crisis, team, clock):
    when = datetime.fromtimestamp(START, UTC)
    page = Page(7, "legal", team["legal"], PageLevel.PRIMARY, when, when, when, id=3)
    plan = team_plan(team)
    first = chat.send_page(crisis, plan, page)
    clock.now += DELIVERY_LEASE.total_seconds() + 10
    again = chat.send_page(crisis, plan, page)
    assert again == first
    assert len(sandbox.messages(crisis.channel_id)) == 1
    assert len(sandbox.messages(sandbox.dm_channel(team["legal"]))) == 1


def test_a_post_older_than_the_lookback_is_not_looked_for(sandbox, chat, crisis, team, clock):
    chat.post_card(crisis, team_plan(team), CardFacts())
    clock.now += LOOKBACK + 1
    chat.post_card(crisis, team_plan(team), CardFacts())
    assert len(sandbox.messages(crisis.channel_id)) == 2


def test_the_lookback_outlasts_every_lease_and_the_longest_back_off():
    longest = max(DELIVERY_LEASE, POST_LEASE, PUBLISH_LEASE, REPORT_LEASE).total_seconds()
    assert LOOKBACK >= longest + 5 * 60


def test_a_post_is_not_repeated_blindly_when_the_lookup_fails_too(sandbox, chat, crisis):
    sandbox.inject_faults(Planned({"chat.postMessage": ["lost_dropped"], "conversations.history": ["dropped"] * 99}))
    with pytest.raises(ChatFailure) as failed:
        chat.post(crisis.channel_id, msg("page.level.primary"))
    assert failed.value.reason == "connection_error" and not failed.value.permanent
    assert len(sandbox.messages(crisis.channel_id)) == 1


def test_a_topic_set_again_or_after_a_lost_answer_shows_once(sandbox, chat, crisis):
    sandbox.inject_faults(FirstCalls("lost_timeout", "conversations.setTopic"))
    chat.set_topic(crisis.channel_id, msg("page.level.primary"))
    chat.set_topic(crisis.channel_id, msg("page.level.primary"))
    assert len(said(sandbox, "set the channel topic")) == 1
    chat.set_topic(crisis.channel_id, msg("page.level.backup"))
    assert len(said(sandbox, "set the channel topic")) == 2


@pytest.mark.parametrize("kind", ["lost_timeout", "lost_dropped"])
def test_an_invite_and_a_pin_whose_answers_are_lost_show_once(sandbox, chat, crisis, team, kind):
    sandbox.inject_faults(FirstCalls(kind, "conversations.invite", "pins.add"))
    if kind == "lost_timeout":  # slack_sdk repeats only dropped connections: the domain calls again
        with pytest.raises(ChatFailure):
            chat.invite(crisis.channel_id, [team["legal"]])
    assert chat.invite(crisis.channel_id, [team["legal"]]) == []
    ts = sandbox.add_message(crisis.channel_id, "hello", team["lead"])
    if kind == "lost_timeout":
        with pytest.raises(ChatFailure):
            chat.pin(crisis.channel_id, ts)
    chat.pin(crisis.channel_id, ts)
    assert len(said(sandbox, "added")) == 1 and len(said(sandbox, "pinned")) == 1


def test_a_channel_created_whose_answer_is_lost_is_found(sandbox, chat):
    sandbox.inject_faults(FirstCalls("lost_dropped", "conversations.create"))
    ref = chat.create_channel("crisis-new", private=False)
    assert sandbox.channel(ref.id)["name"] == "crisis-new"
    assert len(said(sandbox, "created the channel")) == 1


def test_a_schedule_whose_answer_is_lost_is_made_once(sandbox, chat, crisis, clock):
    sandbox.inject_faults(FirstCalls("lost_timeout", "chat.scheduleMessage"))
    at = datetime.fromtimestamp(START + 3600, UTC)
    scheduled = chat.schedule(crisis.channel_id, "later", at)
    assert [s["id"] for s in sandbox.scheduled_messages()] == [scheduled]
    sandbox.inject_faults(FirstCalls("lost_dropped", "chat.deleteScheduledMessage"))
    chat.delete_scheduled(crisis.channel_id, scheduled)
    assert sandbox.scheduled_messages() == []


def test_an_upload_whose_completion_answer_is_lost_makes_one_file(sandbox, chat, crisis):
    sandbox.inject_faults(FirstCalls("lost_timeout", "files.completeUploadExternal"))
    file_id = chat.upload_report(crisis, "# report", "<h1>report</h1>", None)
    files = sandbox.files()
    assert len(files) == 2 and file_id in {f["id"] for f in files}
    assert len([m for m in sandbox.messages(crisis.channel_id) if m.get("files")]) == 1


def test_bolts_per_request_copy_of_the_client_leads_back_to_it(sandbox):
    client = make_web_client(sandbox.token, sandbox.api_url)
    copy = WebClient(token=client.token, base_url=client.base_url, retry_handlers=client.retry_handlers.copy())
    assert bots_client(copy) is client and bots_client(client) is client
    stranger = WebClient(token="xoxb-other", base_url=client.base_url, retry_handlers=client.retry_handlers.copy())
    assert bots_client(stranger) is stranger
