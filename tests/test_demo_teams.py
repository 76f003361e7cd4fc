"""`crisisbot demo --platform teams` tells the whole crisis story on the loopback Teams sandbox (played once for
the module, ~10 s): the transcript shows its key moments as people saw them, and the database and the fake Teams
end in the story's state."""
from __future__ import annotations

import io
import re

import pytest

from crisis.statements.model import StatementState
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from sandbox.teams_demo import PEOPLE, channel_id, run_teams_demo
from teams_sandbox.server import TeamsSandbox


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('teams-demo') / 'demo.sqlite'}")
    upgrade(engine)
    sandbox = TeamsSandbox().start()
    out = io.StringIO()
    code = run_teams_demo(out, engine=engine, sandbox=sandbox)
    yield code, out.getvalue(), sandbox.state, SqlUnitOfWorkFactory(engine)
    sandbox.stop()
    engine.dispose()


def _person(state, key):
    return state.user(PEOPLE[key][0])["id"]


def test_the_transcript_tells_the_story_as_people_saw_it_in_teams(played):
    code, text, _, _ = played
    assert code == 0
    story, _, transcript = text.partition("=== What each person saw in Teams ===")
    waited = int(re.search(r"(\d+) min after the pages went out the timer fired", story).group(1))
    assert waited >= 10, "the run's own interval, at least the page's deadline"
    assert "did not acknowledge within 10 min; paging the backup" in transcript, "the deadline the page gave"
    for expected in ("no warning (normal rhythm)", "spike warning in", "four eyes",
                     "published once to the Teams channel statements", "answered it with the published statement",
                     "Report written to"):
        assert expected in story, expected
    for expected in (
            "channel brand-alerts  crisisbot: 📈 **Spike in mentions of acme**",
            "[Open crisis] [False alarm] [Snooze 1h]",
            "[image: acme: mentions, last 24 hours (",  # the chart, a compact PNG inside a card
            "channel brand-alerts  Dana Reyes: clicked [Open crisis]",
            "crisisbot (only to Dana Reyes): Open a crisis",  # the form that replaced the warning for her
            "chat with Lea Novak  crisisbot: 🚨 You are paged as **Comms lead**",
            "chat with Sam Carter  Sam Carter: clicked [Acknowledge]",
            "did not acknowledge within 10 min; paging the backup @Sam Carter",
            "Jo Kim: clicked [Mark done]",
            "Sam Carter: crisis draft",
            "crisisbot (only to Sam Carter): You wrote this text, so your approval cannot count (four eyes)",
            "channel statements  crisisbot: We are aware of concerns about Offensive ad video goes viral.",
            "was answered with statement #1",
            "channel stakeholders  crisisbot: 📢 Update on **Offensive ad video goes viral** by @Sam Carter",
            "Dana Reyes: crisis close Ad pulled",
            "chat with Maria Rossi  Maria Rossi: clicked [Start debrief]",
            "crisisbot (only to Jo Kim): Thanks, your answers are saved.",
            "The debrief report of **Offensive ad video goes viral** is ready, in this channel's files",
            "=== Timeline of crisis #1"):
        assert expected in transcript, expected
    assert "19:" not in transcript.partition("=== Timeline")[0].replace(channel_id("statements"), ""), \
        "rooms and chats are named as people see them, never by conversation id"


def test_the_story_ends_in_the_right_state(played):
    _, _, state, uow_factory = played
    with uow_factory() as uow:
        crisis = uow.crises.get(1)
        (statement,) = uow.statements.for_crisis(1)
        (inquiry,) = uow.inquiries.for_crisis(1)
        debrief = uow.debriefs.for_crisis(1)
        responses = uow.debriefs.responses(1)
        (follow_up,) = uow.follow_ups.for_crisis(1)
        kinds = [e.kind for e in uow.timeline.for_crisis(1)]
    assert not crisis.is_open and crisis.severity == "SEV2"
    assert crisis.role("comms_lead").acked_by == _person(state, "comms_backup"), "escalated, then acknowledged"
    assert crisis.role("crisis_lead").acked_by == _person(state, "lead")
    assert statement.state is StatementState.PUBLISHED and statement.author == _person(state, "comms_backup")
    approvers = {a.user for a in statement.approvals}
    assert approvers == {_person(state, "legal"), _person(state, "lead")}, "the author's own approval never counts"
    assert inquiry.statement_id == statement.id and inquiry.answered_at is not None
    assert debrief.report_markdown and "Offensive ad video goes viral" in debrief.report_markdown
    assert {r.user for r in responses} == {_person(state, k) for k in ("legal", "social", "comms_backup")}
    assert follow_up.owner == _person(state, "legal"), "picked with the people picker: an Entra object id"
    assert "escalated" in " ".join(kinds) and "closed" in " ".join(kinds)
    published = state.conversation(channel_id("statements")).activities
    assert len(published) == 1, "published once"
    room = next(c for c in state.conversations.values() if c.name.startswith("crisis-2"))
    assert room.kind == "channel", "the crisis room is a channel of the plan's team, made through Graph"
    assert any(name.endswith("-report.html") for _, name, _, _ in state.files.values()), "the report's files"
    assert all(u["app_installed"] for u in state.users.values() if u["mail"] != PEOPLE["lead_backup"][0]), \
        "the app was installed through Graph for everyone paged"


def test_the_cli_plays_slack_by_default_and_teams_when_asked():
    from cli.main import parser

    assert parser().parse_args(["demo"]).platform == "slack"
    assert parser().parse_args(["demo", "--platform", "teams", "--lang", "nl"]).platform == "teams"
    out = io.StringIO()
    assert run_teams_demo(out, language="fr") == 2, "a language without a script is refused before anything starts"
    assert "'fr' is not a language of the demo" in out.getvalue()
