"""Each mention's language: tags from sources, the detector, and what the scorers do with either."""

import pytest

from crisis.monitor.language import LanguageDetector, language_code
from crisis.monitor.mentions import Mention
from crisis.monitor.sentiment import CrisisScorer, Sentiment

detect = LanguageDetector()
crisis = CrisisScorer()


@pytest.mark.parametrize(
    "tag,code",
    [("en-GB", "en"), ("NL_be", "nl"), ("nld", "nl"), ("Dutch", "nl"), ("und", None), ("", None), (None, None),
     (" de ", "de")],
)
def test_language_tags_become_codes(tag, code):
    assert language_code(tag) == code


@pytest.mark.parametrize(
    "text,code",
    [
        ("My flight was cancelled and nobody answers", "en"),
        ("Wat een schandalige reclame, nooit meer Acme!", "nl"),
        ("Slechtste service ooit, ik ben woedend", "nl"),
        ("Mein Flug wurde gestrichen und niemand hilft mir", "de"),
        ("Mi vuelo fue cancelado y nadie me ayuda", "es"),
        ("Congrats!", "en"),  # too short for the detector to be sure: English, as it looks
        ("😡😡", "en"),  # no words: the English tier reads emoji
    ],
)
def test_the_detector_names_the_language(text, code):
    assert detect(text) == code


def test_a_sources_tag_wins_over_the_detector():
    assert crisis.score("Slechtste service ooit, ik ben woedend", "en").language == "en"
    assert crisis.score("My flight was cancelled", "nl-NL").language == "nl"


def test_languages_with_a_scorer_are_scored_others_stay_unscored_with_their_language():
    english, dutch, german = crisis.score_many([
        "My flight was cancelled and nobody answers",
        "Mijn vlucht is geannuleerd en niemand neemt op",
        "Mein Flug wurde gestrichen und niemand hilft mir",
    ])
    assert (english.label, english.language) == ("negative", "en")
    assert (dutch.label, dutch.language) == ("negative", "nl")
    assert german == Sentiment(None, "unscored") and german.language == "de"


def test_the_detected_language_is_kept_on_the_mention_unless_the_source_gave_one():
    from datetime import datetime, timezone

    mention = Mention("x", "1", "ann", "Wat een bende", "", datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert mention.scored(-0.5, "negative", "nl").language == "nl"
    tagged = Mention("x", "2", "bob", "ok", "", datetime(2026, 1, 1, tzinfo=timezone.utc), language="en")
    assert tagged.scored(0.0, "neutral", "nl").language == "en"


def test_the_cache_keeps_languages_apart():
    scorer = CrisisScorer()
    text = "Slechtste service ooit, ik ben woedend"
    assert scorer.score(text, "de").label == "unscored"
    assert scorer.score(text).label == "negative"
    assert scorer.score(text, "de").label == "unscored"


def test_a_stored_mention_keeps_its_detected_language_for_the_teams_labels():
    from dataclasses import replace
    from datetime import timedelta

    from crisis.monitor.services import Monitor, ingest
    from crisis.ports import Ports
    from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase
    from tests.crisis.monitor.stream import SPIKE_AT, mention
    from tests.crisis.plans import make_plan

    plan = make_plan(monitor={"terms": ["acme"], "sources": [
        {"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}]})
    ports = Ports(plan=plan, uow=FakeDatabase(), chat=FakeChat(), clock=FakeClock(SPIKE_AT))
    at = SPIKE_AT - timedelta(minutes=1)
    pushed = [replace(mention("1", at, "Wat een schandalige reclame, nooit meer Acme!"), language=None),
              mention("2", at, "Wat een schandalige reclame, nooit meer Acme!")]  # the source said English
    ingest("push", pushed, monitor=Monitor(ports, {}, CrisisScorer()))
    with ports.uow() as uow:
        dutch, tagged = uow.mentions.get("mastodon", "1"), uow.mentions.get("mastodon", "2")
    assert (dutch.language, dutch.label) == ("nl", "negative")
    assert tagged.language == "en"
