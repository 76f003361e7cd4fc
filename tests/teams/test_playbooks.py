"""The playbook checklist on Teams: posted in the crisis room at open, a step's button ticks it (the clicked card
shows who did it and offers to untick), through the same use case as Slack."""
from __future__ import annotations

import pytest

from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def test_the_checklist_is_posted_and_a_step_ticked_and_unticked_in_place(local_teams):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    checklist_id, checklist = next((i, a) for i, a in room.activities.items() if a.get("attachments") and any(
        "Playbook" in line for line in card_lines(a["attachments"][0]["content"])))
    lines = card_lines(checklist["attachments"][0]["content"])
    assert lines.count("[Mark done]") == 7 and any("☐" in line and "Acknowledge fast" in line for line in lines)
    dana = local_teams.person("lead")
    answer = card_lines(dana.click(room.id, checklist_id, "Mark done").json()["value"])
    assert answer.count("[Mark done]") == 6 and "[Not done yet]" in answer
    assert any("done by Dana Reyes" in line for line in answer)
    answer = card_lines(dana.click(room.id, checklist_id, "Not done yet").json()["value"])
    assert answer.count("[Mark done]") == 7
    with local_teams.bot.ports.uow() as uow:
        kinds = [e.kind.value for e in uow.timeline.for_crisis(1)]
    assert kinds[-2:] == ["playbook_step_done", "playbook_step_undone"]
