"""Mention files: scoring CSV and JSONL into a copy, training from a labelled file, clear errors."""

import csv
import json

import pytest

from crisis.monitor.sentiment import CrisisScorer
from crisis.monitor.trained_sentiment import TrainedModel, TrainedScorer
from sources.analyst_files import score_file, train_file
from sources.mention_files import BadMentionFile, file_format, read_mentions

scorer = CrisisScorer()


def _write_csv(path, rows, fields):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _read_csv(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_scoring_keeps_every_column_and_adds_sentiment(tmp_path):
    source = tmp_path / "mentions.csv"
    _write_csv(
        source,
        [
            {"id": "1", "author": "ann", "text": "my parcel never arrived and nobody answers"},
            {"id": "2", "author": "bob", "text": "love the new store, great staff!"},
            {"id": "3", "author": "cy", "text": "Mi paquete nunca llegó y nadie responde"},
            {"id": "4", "author": "di", "text": ""},
        ],
        ["id", "author", "text"],
    )
    out = tmp_path / "scored.csv"
    assert score_file(source, out, scorer).count == 4
    rows = _read_csv(out)
    assert list(rows[0]) == ["id", "author", "text", "sentiment_compound", "sentiment_label", "sentiment_language"]
    assert [row["id"] for row in rows] == ["1", "2", "3", "4"]
    assert [row["sentiment_label"] for row in rows] == ["negative", "positive", "unscored", "unscored"]
    assert float(rows[0]["sentiment_compound"]) < 0 and rows[2]["sentiment_compound"] == ""


def test_jsonl_scoring_keeps_fields_and_passes_the_language(tmp_path):
    source = tmp_path / "mentions.jsonl"
    records = [
        {"id": 1, "text": "worst service ever, never again", "meta": {"likes": 3}},
        {"id": 2, "text": "my order was cancelled twice", "language": "fr"},
        {"id": 3, "text": None},
    ]
    source.write_text("\n".join(json.dumps(record) for record in records) + "\n\n", encoding="utf-8")
    out = tmp_path / "scored.jsonl"
    assert score_file(source, out, scorer).count == 3
    scored = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert scored[0]["meta"] == {"likes": 3} and scored[0]["sentiment_label"] == "negative"
    assert scored[1]["sentiment_label"] == "unscored" and scored[1]["sentiment_compound"] is None
    assert scored[2]["sentiment_label"] == "unscored"


def test_output_format_follows_the_output_extension(tmp_path):
    source = tmp_path / "mentions.csv"
    _write_csv(source, [{"text": "the app keeps crashing"}], ["text"])
    out = tmp_path / "scored.jsonl"
    score_file(source, out, scorer)
    assert json.loads(out.read_text(encoding="utf-8"))["sentiment_label"] == "negative"


def test_format_is_sniffed_without_an_extension(tmp_path):
    jsonl, csv_file = tmp_path / "a", tmp_path / "b"
    jsonl.write_text('{"text": "hi"}\n', encoding="utf-8")
    csv_file.write_text("text\nhi\n", encoding="utf-8")
    assert (file_format(jsonl), file_format(csv_file)) == ("jsonl", "csv")
    assert [record["text"] for record in read_mentions(jsonl)] == ["hi"]


def test_progress_is_reported_per_batch(tmp_path):
    source = tmp_path / "mentions.csv"
    _write_csv(source, [{"text": f"mention {number}"} for number in range(2500)], ["text"])
    seen = []
    assert score_file(source, tmp_path / "out.csv", scorer, progress=seen.append).count == 2500
    assert seen == [1000, 2000, 2500]


def test_bad_texts_in_a_file_are_scored_or_unscored(tmp_path):
    source = tmp_path / "mentions.csv"
    texts = [
        "x" * 200_000,
        "<p>terrible &amp; <b>late</b></p>",
        "😡😡",
        "\x00\x01\x02\x03\x04",
        "\u200b",
    ]
    _write_csv(source, [{"text": text} for text in texts], ["text"])
    out = tmp_path / "scored.csv"
    assert score_file(source, out, scorer).count == 5
    labels = [row["sentiment_label"] for row in _read_csv(out)]
    assert labels == ["neutral", "negative", "negative", "unscored", "unscored"]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("m.csv", "id,body\n1,hello\n", "has no 'text' column \\(its columns: id, body\\)"),
        ("m.csv", "", "is empty"),
        ("m.csv", "text\n", "has no mentions"),
        ("m.jsonl", '{"text": "ok"}\nnot json\n', "line 2 is not JSON"),
        ("m.jsonl", '["text"]\n', "line 1 is not a JSON object"),
        ("m.jsonl", '{"body": "ok"}\n', "line 1 has no 'text' field"),
    ],
)
def test_unusable_files_say_what_to_fix(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    with pytest.raises(BadMentionFile, match=message):
        score_file(source, tmp_path / "out.csv", scorer)


def test_missing_files_and_overwriting_the_input_are_refused(tmp_path):
    with pytest.raises(BadMentionFile, match="no such file"):
        score_file(tmp_path / "nope.csv", tmp_path / "out.csv", scorer)
    source = tmp_path / "mentions.csv"
    _write_csv(source, [{"text": "hello"}], ["text"])
    with pytest.raises(BadMentionFile, match="is the input file"):
        score_file(source, source, scorer)
    with pytest.raises(BadMentionFile, match="does not exist"):
        score_file(source, tmp_path / "missing" / "out.csv", scorer)
    assert source.read_text(encoding="utf-8") == "text\nhello\n"


def _labelled_rows():
    rows = []
    for item in ("router", "app", "parcel", "account", "card", "phone", "charger", "order"):
        rows += [
            {"text": f"my {item} is zorbly again", "label": "Negative"},
            {"text": f"the {item} is so glimmy", "label": "positive"},
            {"text": f"where can I find the {item} manual", "label": "neutral"},
            {"text": f"{item} photo", "label": ""},
        ]
    return rows


def test_train_file_trains_saves_and_summarises(tmp_path):
    source = tmp_path / "labelled.csv"
    _write_csv(source, _labelled_rows(), ["text", "label"])
    model_path = tmp_path / "model.json"
    summary = train_file(source, "label", out_path=model_path)
    assert summary.per_label == {"negative": 8, "neutral": 8, "positive": 8}
    assert summary.used == 24 and summary.skipped_unlabelled == 8
    assert summary.training_macro_f1 > 0.9 and summary.seconds >= 0
    trained = TrainedScorer(TrainedModel.load(model_path))
    assert trained.score("the blender is zorbly again").label == "negative"


def test_train_file_reads_jsonl_and_another_text_column(tmp_path):
    source = tmp_path / "labelled.jsonl"
    lines = [json.dumps({"body": row["text"], "label": row["label"]}) for row in _labelled_rows()]
    source.write_text("\n".join(lines), encoding="utf-8")
    summary = train_file(source, "label", text_column="body", out_path=tmp_path / "model.json")
    assert summary.used == 24


@pytest.mark.parametrize(
    "rows,message",
    [
        ([{"text": "a", "label": "angry"}, {"text": "b", "label": "negative"}],
         "values that are not sentiment labels: 'angry' \\(1 rows\\); use negative, neutral, positive"),
        ([{"text": "a", "label": "negative"}, {"text": "b", "label": "negative"}],
         "at least two of negative, neutral, positive"),
    ],
)
def test_train_file_refuses_unusable_labels(tmp_path, rows, message):
    source = tmp_path / "labelled.csv"
    _write_csv(source, rows, ["text", "label"])
    with pytest.raises(BadMentionFile, match=message):
        train_file(source, "label", out_path=tmp_path / "model.json")


def test_train_file_names_a_missing_label_column(tmp_path):
    source = tmp_path / "labelled.csv"
    _write_csv(source, [{"text": "a", "label": "negative"}], ["text", "label"])
    with pytest.raises(BadMentionFile, match="has no 'mood' \\(its fields: text, label\\)"):
        train_file(source, "mood", out_path=tmp_path / "model.json")
