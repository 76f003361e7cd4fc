"""`crisisbot demo` plays the whole story from a clone alone and prints what people saw."""
import io

from sandbox.demo import run_demo


def test_demo_tells_the_whole_story():
    out = io.StringIO()
    assert run_demo(out) == 0
    text = out.getvalue()
    for expected in ("opened a SEV2 crisis", "escalated", "acknowledged", "Holding statement drafted",
                     "closed the crisis after 2 h 20 min", "=== What each person saw in Slack ===",
                     "[Acknowledge]", "=== Timeline of crisis #1"):
        assert expected in text, expected
