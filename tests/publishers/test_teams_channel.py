"""The Teams channel publisher against the loopback Teams sandbox: the statement posted as a card carrying our
marker, a retry that finds the post already there (Graph's channel messages) instead of posting twice, a refusal
as one PublishFailed, a correction edited in place; and the registry that gives a Teams plan's channels to it."""
from __future__ import annotations

import pytest

from crisis.errors import PublishFailed
from crisis.plan import ALL_STAFF_TARGET
from publishers.registry import build_publishers, teams_channels
from publishers.teams_channel import TeamsChannelPublisher, message_id
from teams.client import Endpoints, TeamsClient
from teams.conversations import Conversations
from teams_sandbox.cards import activity_lines
from teams_sandbox.server import TeamsSandbox
from tests.crisis.plans import make_plan
from tests.publishers.statements import approved, revised

CHANNEL = "19:statements@thread.tacv2"


class _Store:
    def __init__(self) -> None:
        self.known: dict[str, tuple[str, str, str]] = {}

    def get(self, key: str) -> tuple[str, str, str] | None:
        return self.known.get(key)

    def put(self, key: str, conversation_id: str, service_url: str, kind: str) -> None:
        self.known[key] = (conversation_id, service_url, kind)


@pytest.fixture
def teams():
    sandbox = TeamsSandbox().start()
    sandbox.state.add_conversation(CHANNEL, "statements", "channel", bot_present=True)
    client = TeamsClient(sandbox.state.app_id, sandbox.app_secret, sandbox.state.tenant_id,
                         Endpoints(login=sandbox.base_url, graph=sandbox.base_url))
    conversations = Conversations(client, _Store(), f"{sandbox.base_url}/", "catalog-app")
    yield sandbox, client, conversations
    sandbox.stop()


def _posts(sandbox):
    return sandbox.state.conversation(CHANNEL).activities


def test_a_retry_finds_the_post_that_landed_and_does_not_post_again(teams):
    sandbox, client, conversations = teams
    publisher = TeamsChannelPublisher(client, conversations, CHANNEL, "team-1")
    ref = publisher.publish(approved("We are sorry <at>all</at> *really*."), "We are sorry <at>all</at> *really*.")
    ((message, posted),) = _posts(sandbox).items()
    assert ref == (f"https://teams.microsoft.com/l/message/{CHANNEL}/{message}?groupId=team-1"
                   f"&parentMessageId={message}"), "a link that opens the post in Teams"
    card = posted["attachments"][0]["content"]
    assert card["body"][0]["id"] == "crisisbot-publish-7", "our marker, an element id nobody sees"
    assert activity_lines(posted) == (r"We are sorry \<at\>all\</at\> \*really\*.",), "Markdown and mentions escaped"
    again = publisher.publish(approved("We are sorry.", attempts=2), "We are sorry.")
    assert again == ref and len(_posts(sandbox)) == 1, "the retry found its own post"
    assert ("GET", f"/v1.0/teams/team-1/channels/{CHANNEL}/messages", 200) in sandbox.state.calls
    other = publisher.publish(approved("Another.", statement_id=8, attempts=2), "Another.")
    assert other != ref and len(_posts(sandbox)) == 2, "another statement's retry posts: its marker is not there"


def test_a_refusal_is_one_publish_failed_and_a_correction_is_edited_in_place(teams):
    sandbox, client, conversations = teams
    publisher = TeamsChannelPublisher(client, conversations, CHANNEL, "team-1")
    sandbox.state.fail("POST", f"/v3/conversations/{CHANNEL}", 429, retry_after=7)
    with pytest.raises(PublishFailed) as caught:
        publisher.publish(approved(), "We are sorry.")
    assert caught.value.retry_after == 7 and not caught.value.permanent and not _posts(sandbox)
    statement = approved()
    ref = publisher.publish(statement, "We are sorry.")
    assert publisher.correct(revised(statement, "We are truly sorry."), ref, "We are truly sorry.") == ref
    (posted,) = _posts(sandbox).values()
    assert activity_lines(posted) == ("We are truly sorry.",)
    sandbox.state.granted.discard("ChannelMessage.Read.All")
    publisher.publish(approved(statement_id=9, attempts=2), "Posted again.")
    assert len(_posts(sandbox)) == 2, "without the permission to read the channel, a retry posts (and logs why)"


def test_a_teams_plan_publishes_to_its_channels_through_the_registry(teams):
    _, client, conversations = teams
    plan = make_plan(chat="teams", statements={"publish_channel": CHANNEL,
                                               "all_staff_channel": "19:all-staff@thread.tacv2"})
    names = {CHANNEL: "statements", "19:all-staff@thread.tacv2": "all-staff"}
    publishers = build_publishers(plan, teams_channels(client, conversations, "team-1", names.get), {})
    assert [(label, type(p)) for label, p in publishers["x"]] == [("Teams statements", TeamsChannelPublisher)]
    assert [label for label, _ in publishers[ALL_STAFF_TARGET]] == ["Teams all-staff"]
    assert publishers["x"][0][1].inside_workspace is True, "a drill shows it in its room instead"


def test_without_the_team_the_reference_is_the_message_id_and_an_old_reference_still_edits(teams):
    sandbox, client, conversations = teams
    bare = TeamsChannelPublisher(client, conversations, CHANNEL, None).publish(approved(), "We are sorry.")
    assert list(_posts(sandbox)) == [bare], "no group id, no link: the message id"
    linked = TeamsChannelPublisher(client, conversations, CHANNEL, "team-1")
    assert message_id(bare) == bare
    assert linked.correct(revised(approved(), "Truly sorry."), bare, "Truly sorry.") == bare
    assert activity_lines(_posts(sandbox)[bare]) == ("Truly sorry.",), "a reference stored before links still edits"
