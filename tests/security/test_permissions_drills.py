"""Who may start a drill: anyone who may open a crisis; pages go only to the plan's people."""
import pytest

from tests.security.permission_steps import timeline

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


def test_anyone_in_the_workspace_may_start_a_drill(crew):
    crew.command("outsider", "drill", "general")
    created = [c for c in crew.sandbox.calls_to("conversations.create") if c.response.get("ok")]
    channel = created[-1].response["channel"]
    assert channel["name"].startswith("drill-")
    assert timeline(crew, channel["id"])[0] == ("opened", crew.users["outsider"])
