"""`crisisbot demo` plays the whole story from a clone alone and prints what people saw."""
import io

from sandbox.demo import run_demo


def test_demo_refuses_a_file_it_cannot_replay(tmp_path):
    out = io.StringIO()
    assert run_demo(out, mentions=tmp_path / "nothing.txt") == 2
    assert "not a readable .csv or .jsonl" in out.getvalue()


def test_demo_tells_the_whole_story():
    out = io.StringIO()
    assert run_demo(out) == 0
    text = out.getvalue()
    for expected in ("no warning (normal rhythm)", "spike warning in #brand-alerts", "Spike in mentions of acme",
                     "[Open crisis]", "bytes)]", "Dana pressed [Open crisis]", "escalated", "acknowledged",
                     "in the last hour", "four eyes", "published once to #statements", "paused brand post",
                     "answered the debrief", "Report written to", "closed the crisis after",
                     "=== What each person saw in Slack ===", "[Acknowledge]", "=== Timeline of crisis #1"):
        assert expected in text, expected
