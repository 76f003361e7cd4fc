"""`crisisbot demo` plays the whole story from a clone alone, against the local Slack sandbox and the fakes of
Mastodon and Bluesky it starts itself, and prints what people saw."""
import io
import re

from sandbox.demo import run_demo
from sandbox.demo_platforms import DemoPlatforms
from sandbox.demo_script import SCRIPTS


def test_demo_refuses_a_file_it_cannot_replay(tmp_path):
    out = io.StringIO()
    assert run_demo(out, mentions=tmp_path / "nothing.txt") == 2
    assert "not a readable .csv or .jsonl" in out.getvalue()


def test_demo_tells_the_whole_story_on_slack_mastodon_and_bluesky():
    """One run (about 17 s of a quiet machine's time, the replay of 10,000 mentions most of it), then what the fakes
    hold: the ad deleted, the holding statement on Mastodon and Bluesky once, our reply under the warning's example,
    the paused statuses removed and one scheduled again, the resumed queued post published when due."""
    out, script = io.StringIO(), SCRIPTS["en"]
    platforms = DemoPlatforms.start()
    try:
        assert run_demo(out, platforms=platforms) == 0
    finally:
        platforms.stop()
    text, mastodon, bluesky = out.getvalue(), platforms.mastodon, platforms.bluesky
    for expected in ("no warning (normal rhythm)", "spike warning in #brand-alerts", "Spike in mentions of acme",
                     "[Open crisis]", "bytes)]", "Dana pressed [Open crisis]", "ticked the first 2 steps", "escalated",
                     "acknowledged", "in the last hour", "four eyes", "answered the debrief", "Report written to",
                     "closed the crisis after", "=== What each person saw in Slack ===", "[Acknowledge]",
                     "=== Timeline of crisis #1"):
        assert expected in text, expected

    [ad] = [r for r in mastodon.requests if r.method == "DELETE" and r.path.startswith("/api/v1/statuses/")]
    assert ad.path == "/api/v1/statuses/1" and not [s for s in mastodon.statuses if script.ad_post in s["content"]]
    assert f"paused (Mastodon {mastodon.url.removeprefix('http://')}): “{script.brand_posts[1]}”" in text
    assert f"paused (crisisbot's queue): “{script.queued_post}”" in text
    assert "scheduled statuses left on the Mastodon fake: 0" in text
    assert f"taken down on Mastodon {mastodon.url.removeprefix('http://')}" in text
    assert f"archived copy (database and report): @acme: “{script.ad_post}” (31 reposts)" in text

    holding = [s for s in mastodon.statuses if s["content"].startswith("We are aware of concerns about")]
    [post] = bluesky.posts.values()
    assert len(holding) == 1 and post["value"]["text"] == holding[0]["content"]
    assert f"Mastodon {mastodon.url.removeprefix('http://')}: {holding[0]['url']}" in text
    rkey = post["uri"].rpartition("/")[2]
    assert f"Bluesky @acme.bsky.social: https://bsky.app/profile/acme.bsky.social/post/{rkey}" in text
    assert "Slack #statements: " in text and "*Statement #1* for All social accounts" in text

    [reply] = platforms.replies()
    [(example, answered)] = mastodon.remote.items()
    assert reply["in_reply_to_id"] == answered["id"]
    assert reply["content"].startswith(f"@{answered['account']['acct']} you are right, and we are sorry.")
    assert f"the reply is on Mastodon ({reply['url']}), in reply to {example}" in text and "*Reply #1*" in text

    removed = {r.path.rpartition("/")[2] for r in mastodon.requests
               if r.method == "DELETE" and r.path.startswith("/api/v1/scheduled_statuses/")}
    [again] = mastodon.scheduled
    assert len(removed) == 2 and again["id"] not in removed and again["params"]["text"] == script.brand_posts[0]
    assert "1 status(es) scheduled on the Mastodon fake again" in text
    opened, escalated = (_minute(text, r"opened the crisis \(SEV2\)"), _minute(text, r"did not answer; escalated"))
    assert f"{escalated - opened} min after the pages went out the timer fired" in text, "the run's own interval"
    [queued] = [s for s in mastodon.statuses if s["content"] == script.queued_post]
    assert "the tick published it through its target's publishers: Slack #statements=" in text
    assert f"Mastodon {mastodon.url.removeprefix('http://')}={queued['url']}" in text


def _minute(text: str, event: str) -> int:
    """The minute of the day of the timeline's entry for `event`."""
    hours, minutes = re.search(rf"^(\d\d):(\d\d)  .*{event}", text, re.MULTILINE).groups()
    return int(hours) * 60 + int(minutes)


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
