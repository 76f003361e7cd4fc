"""The trained sentiment tier: learning from the team's labels, saving, loading, language handling."""

import json

import numpy as np
import pytest

from crisis.monitor.sentiment import CrisisScorer
from crisis.monitor.trained_sentiment import (
    TrainedModel,
    TrainedScorer,
    _features,
    _Logits,
    _scores,
    train,
)
from tests.crisis.monitor.team_words import PRODUCTS, examples


@pytest.fixture(scope="module")
def trained():
    texts, labels = examples()
    return train(texts, labels, min_count=1)


def test_learns_the_teams_own_words(trained):
    scorer = TrainedScorer(trained.model)
    assert CrisisScorer().score("my blender is zorbly").label == "neutral"  # the rules cannot know
    assert scorer.score("my blender is zorbly").label == "negative"
    assert scorer.score("the blender is so glimmy").label == "positive"
    assert scorer.score("where is the blender manual").label == "neutral"


def test_reports_what_it_trained_on(trained):
    assert trained.used == 54 and trained.skipped == 0
    assert trained.per_label == {"negative": 18, "neutral": 18, "positive": 18}


def test_compound_is_positive_minus_negative_probability(trained):
    scorer = TrainedScorer(trained.model)
    negative, positive = scorer.score("my app is zorbly"), scorer.score("my app is glimmy")
    assert -1.0 <= negative.compound < -0.3 and 0.3 < positive.compound <= 1.0


def test_save_and_load_give_identical_scores(trained, tmp_path):
    path = tmp_path / "model.json"
    trained.model.save(path)
    loaded = TrainedModel.load(path)
    texts = ["my card is zorbly", "glimmy!", "where is it?", "delayed again, nobody answers", ""]
    assert TrainedScorer(loaded).score_many(texts) == TrainedScorer(trained.model).score_many(texts)
    assert np.array_equal(loaded.term_weights, trained.model.term_weights)
    assert json.loads(path.read_text())["format"] == "crisisbot-sentiment-model"


def test_training_is_deterministic():
    texts, labels = examples(PRODUCTS[:3])
    first, second = train(texts, labels), train(texts, labels)
    assert first.model.terms == second.model.terms
    assert np.array_equal(first.model.term_weights, second.model.term_weights)
    assert np.array_equal(first.model.reading_weights, second.model.reading_weights)


def test_fast_scoring_equals_the_trained_formula(trained):
    reader = CrisisScorer()
    readings = [reader.read(text) for text in ["my router went zorbly", "so glimmy", "which app?"]]
    model = trained.model
    expected = _scores(
        _features(model.terms, model.idf, readings), model.term_weights, model.reading_weights
    )
    assert np.allclose(_Logits(model)(readings), expected, atol=1e-9)


def test_other_languages_and_empty_text_are_unscored(trained):
    scorer = TrainedScorer(trained.model)
    results = scorer.score_many(
        ["Mi router está roto y nadie me ayuda, qué vergüenza", "my app is zorbly", "", "\x00\x01\x02"],
        [None, "de", None, None],
    )
    assert [result.label for result in results] == ["unscored"] * 4
    assert scorer.score_many([]) == []


def test_unknown_labels_and_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="unknown labels \\['angry'\\]"):
        train(["a", "b"], ["negative", "angry"])
    with pytest.raises(ValueError, match="2 texts but 1 labels"):
        train(["a", "b"], ["negative"])
    with pytest.raises(ValueError, match="no scorable text"):
        train(["", "\x00\x01\x02\x03"], ["negative", "negative"])


@pytest.mark.parametrize(
    "content,message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a sentiment model file"),
        (b'{"weights": [1, 2]}', "not a sentiment model file"),
        (b'{"format": "crisisbot-sentiment-model", "version": 99}', "version 99 is not supported"),
    ],
)
def test_loading_something_else_says_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "model.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        TrainedModel.load(path)


def test_loading_a_damaged_model_is_refused(trained, tmp_path):
    path = tmp_path / "model.json"
    trained.model.save(path)
    document = json.loads(path.read_text())
    document["idf"] = document["idf"][:-1]
    path.write_text(json.dumps(document))
    with pytest.raises(ValueError, match="damaged"):
        TrainedModel.load(path)
