"""End to end, docs/security.md's rows of webcare: in a crisis room any channel member asks for a reply; from the
plan's approval severity on only current holders of the statements' rule roles approve, never the one who asked;
outside a crisis room only monitor responders and admins ask (sent at once); do-not-engage marks by crisis role
holders, monitor responders or admins; a marked author is never replied to."""
import json

import pytest

from handlers import ids
from tests.handlers.flows import last_view, open_crisis
from tests.security.permission_steps import four_eyes_refusals, join, mastodon_crew, message_with, refused, timeline

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)

WEBCARE = {"approval_from_severity": "SEV2", "lines": {"sorry": {"name": "Apology", "text": "{author} sorry"}}}
LINE = {ids.REPLY_LINE_BLOCK: {ids.REPLY_LINE_INPUT: {"type": "static_select", "selected_option": {"value": "sorry"}}}}


@pytest.fixture
def crew(uow_factory, mastodon, tmp_path):
    with mastodon_crew(uow_factory, mastodon, tmp_path, webcare=WEBCARE) as local:
        yield local


def sent(mastodon):
    return [s for s in mastodon.statuses if s.get("in_reply_to_id")]


def test_any_member_asks_in_the_room_the_rule_roles_approve_never_the_asker(crew, mastodon):
    room = open_crisis(crew)["id"]
    join(crew, "outsider", room)
    crew.command("outsider", f"reply {mastodon.add_status('bad ad', acct='jane')['url']}", room)
    crew.submit("outsider", last_view(crew)["id"], LINE)
    ts = message_with(crew, room, ids.APPROVE_REPLY)["ts"]
    assert timeline(crew, room)[-1] == ("reply_requested", crew.users["outsider"])
    four_eyes_refusals(crew, room, ts, ids.APPROVE_REPLY, "your approval does not count")
    assert sent(mastodon) == []
    crew.click("legal", room, ts, ids.APPROVE_REPLY)
    assert len(sent(mastodon)) == 1
    assert [e for e in timeline(crew, room) if e[0].startswith("reply")][-3:] == [
        ("reply_approved", crew.users["comms"]), ("reply_approved", crew.users["legal"]), ("reply_sent", None)]


def test_outside_a_room_only_responders_and_admins_ask_and_mark(crew, mastodon):
    general = crew.sandbox.channel_by_name("general")["id"]
    url = mastodon.add_status("where is my order", acct="jane")["url"]
    opened = len(crew.sandbox.views_opened())
    for who in ("outsider", "social"):
        crew.command(who, f"reply {url}", general)
        refused(crew, who, "only the people who answer spike warnings")
        crew.command(who, "donotengage @jane", general)
        refused(crew, who, "Only the holders of a role")
    assert len(crew.sandbox.views_opened()) == opened
    crew.command("admin", "donotengage @jane", general)
    crew.command("lead", f"reply {url}", general)
    refused(crew, "lead", "marked do not engage")
    crew.command("lead", "donotengage undo @jane", general)
    crew.command("lead", f"reply {url}", general)
    crew.submit("lead", last_view(crew)["id"], LINE)
    assert [json.dumps(s["content"]) for s in sent(mastodon)] == ['"@jane sorry"']
