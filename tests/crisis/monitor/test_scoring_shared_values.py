"""Shared Sentiment and Cues values: the same as one made per text, -0.0 kept apart from 0.0."""

from crisis.monitor.complaint_rules import find_cues
from crisis.monitor.scoring import Sentiment, sentiment_of
from crisis.monitor.sentiment import CrisisScorer


def test_a_shared_sentiment_equals_a_new_one_and_keeps_the_sign_of_zero():
    assert sentiment_of(-0.4, "negative", "en") == Sentiment(-0.4, "negative", "en")
    assert sentiment_of(-0.4, "negative", "en") is sentiment_of(-0.4, "negative", "en")
    assert sentiment_of(-0.4, "negative", "en").language == "en"
    assert repr(sentiment_of(0.0, "neutral", "en").compound) == "0.0"
    assert repr(sentiment_of(-0.0, "neutral", "en").compound) == "-0.0"


def test_cues_are_the_same_values_whether_new_or_shared():
    first = find_cues("my bag is lost and nobody answers", None)
    again = find_cues("my bag is lost and nobody answers", None)
    assert first is again and "lost_or_damaged" in first.complaints


def test_scores_do_not_depend_on_what_was_scored_before():
    texts = ["still waiting for my refund!!", "love the crew, thanks", "is the flight on time?", "😡😡", ""]
    fresh = [CrisisScorer().score(text) for text in texts]
    warm = CrisisScorer()
    warm.score_many(texts[::-1] * 3)
    assert [(s.compound, s.label, s.language) for s in warm.score_many(texts)] == [
        (s.compound, s.label, s.language) for s in fresh]
