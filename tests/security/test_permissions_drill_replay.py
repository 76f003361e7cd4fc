"""Who may replay a recording into a drill: whoever starts the drill, and only a recording the plan names."""
import pytest

from sandbox.local_bot import SettableClock
from tests.handlers.flows import replies_to
from tests.security.permission_steps import NOON, start_crew, stop_crew, timeline

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


@pytest.fixture
def crew(uow_factory):
    local = start_crew(uow_factory, SettableClock(NOON),
                       drills={"recordings": {"complaint-wave": "examples/drill-recording.jsonl"}})
    yield local
    stop_crew(local)


def test_whoever_starts_a_drill_may_replay_a_plan_recording_into_it(crew):
    crew.command("outsider", "drill replay=complaint-wave", "general")
    created = [c for c in crew.sandbox.calls_to("conversations.create") if c.response.get("ok")]
    channel = created[-1].response["channel"]
    assert channel["name"].startswith("drill-")
    assert timeline(crew, channel["id"])[0] == ("opened", crew.users["outsider"])
    assert any("replaying the recording" in r for r in replies_to(crew, "outsider"))
    crew.command("outsider", "drill replay=../../etc/passwd", "general")
    assert any("There is no drill recording" in r for r in replies_to(crew, "outsider"))
    assert len([c for c in crew.sandbox.calls_to("conversations.create") if c.response.get("ok")]) == 1
