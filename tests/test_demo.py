"""`crisisbot demo` plays the whole story from a clone alone and prints what people saw."""
import io

from sandbox.demo import run_demo
from sandbox.demo_script import SCRIPTS


def test_demo_refuses_a_file_it_cannot_replay(tmp_path):
    out = io.StringIO()
    assert run_demo(out, mentions=tmp_path / "nothing.txt") == 2
    assert "not a readable .csv or .jsonl" in out.getvalue()


def test_demo_tells_the_whole_story():
    out = io.StringIO()
    assert run_demo(out) == 0
    text = out.getvalue()
    for expected in ("no warning (normal rhythm)", "spike warning in #brand-alerts", "Spike in mentions of acme",
                     "[Open crisis]", "bytes)]", "Dana pressed [Open crisis]", "ticked the first 2 steps", "escalated", "acknowledged",
                     "in the last hour", "four eyes", "published once to #statements", "paused brand post",
                     "answered the debrief", "Report written to", "closed the crisis after",
                     "=== What each person saw in Slack ===", "[Acknowledge]", "=== Timeline of crisis #1"):
        assert expected in text, expected


def test_demo_refuses_a_language_it_has_no_script_for():
    out = io.StringIO()
    assert run_demo(out, language="fr") == 2
    assert "'fr' is not a language of the demo; use one of en, nl" in out.getvalue()


def test_the_dutch_demo_script_answers_what_the_english_one_does():
    """`crisisbot demo --lang nl` plays the same story (it is run by hand: 30 s; the English one runs above)."""
    english, dutch = SCRIPTS["en"], SCRIPTS["nl"]
    assert {who: set(answers) for who, answers in dutch.answers.items()} == \
        {who: set(answers) for who, answers in english.answers.items()}
    assert dutch.locale == "nl-NL" and dutch.timezone == "Europe/Amsterdam"
