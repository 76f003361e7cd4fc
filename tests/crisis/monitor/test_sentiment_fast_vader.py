"""FastVader: VADER's own scores, word for word, on the texts where its shortcuts could differ."""

import random

import pytest
from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES, SentimentIntensityAnalyzer

from crisis.monitor.sentiment import FastVader

vader = SentimentIntensityAnalyzer()
fast = FastVader()

TRICKY = [
    "", "   ", "ok", "kind", "kind of", "I kind of like it", "it is kind of bad", "KIND OF GOOD",
    "not bad at all, but the worst service ever", "good but bad but good", "BUT good",
    "NO good at ALL!!! :) :(", "no no no", "no problem", "no, or nor good", "nor good",
    "I don't really like it", "it isn't EXTREMELY good", "never so good", "never this bad",
    "without doubt great", "without a doubt great", "least good", "at least good", "very least good",
    "the shit", "it's the bomb!!", "bad ass crew", "cut the mustard", "sort of ok", "kinda good",
    "GREAT service, TERRIBLE food", "HAPPY", "happy sad HAPPY SAD", "what?? !!! ?", "good?????",
    "love 😍 it ✈️ 😡😡", "😡", "x😡y", "\u00e9t\u00e9 good", "\"great,\" ':(' ...good...",
    "hardly good", "barely acceptable", "not very good", "not the best day but not the worst",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_vader_scores_as_vader_does(text):
    assert fast.polarity_scores(text) == vader.polarity_scores(text)
    assert repr(fast.compound(text)) == repr(vader.polarity_scores(text)["compound"])


def test_fast_vader_agrees_on_random_runs_of_lexicon_negation_and_booster_words():
    words = sorted(vader.lexicon)[::7] + NEGATE + sorted(BOOSTER_DICT) + [
        word for case in SPECIAL_CASES for word in case.split()] + ["no", "but", "least", "at", "kind", "of",
                                                                   "so", "this", "without", "doubt", "!", "?"]
    chosen = random.Random(11)
    for _ in range(3_000):
        text = " ".join(
            word.upper() if chosen.random() < 0.1 else word
            for word in chosen.choices(words, k=chosen.randint(1, 12))
        )
        assert fast.polarity_scores(text) == vader.polarity_scores(text), text
        assert repr(fast.compound(text)) == repr(vader.polarity_scores(text)["compound"]), text


def test_fast_vader_uses_its_own_lexicon_changes():
    changed = FastVader()
    changed.lexicon["joke"] = -1.5
    original = SentimentIntensityAnalyzer()
    original.lexicon["joke"] = -1.5
    assert changed.polarity_scores("your service is a joke") == original.polarity_scores("your service is a joke")
    assert changed.polarity_scores("your service is a joke")["compound"] < 0
