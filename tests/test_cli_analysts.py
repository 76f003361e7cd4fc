"""The analysts' commands: score, train-sentiment, backtest, export-labels."""
import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot
from crisis.monitor.mentions import Mention
from crisis.monitor.model import MentionLabel
from crisis.monitor.sentiment import CrisisScorer
from sources.analyst_files import score_file

FIXTURE = "tests/fixtures/nab/Twitter_volume_FB_excerpt.csv"


def test_score_keeps_columns_and_adds_sentiment(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text("id,text,extra,language\n1,My flight was cancelled and nobody answers. Never again,x,en\n"
                      "2,Thanks so much for the quick help!,y,\n3,Wat een schandalige reclame!,z,nl\n4,Mein Flug wurde gestrichen,w,\n")
    out = tmp_path / "out.csv"
    assert bot.main(["score", str(source), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [r["extra"] for r in rows] == ["x", "y", "z", "w"]
    assert [r["sentiment_label"] for r in rows] == ["negative", "positive", "negative", "unscored"]
    assert [r["sentiment_language"] for r in rows] == ["en", "en", "nl", "de"]
    assert rows[3]["sentiment_compound"] == ""
    printed = capsys.readouterr().out
    assert "scored 4 mentions" in printed and "by language: en 2, nl 1" in printed and "unscored" in printed and "de 1" in printed


def _mixed_mentions(count: int) -> list[dict]:
    """Distinct complaints and praise, exact copies, retweets, another language, empty and formula-like cells."""
    kinds = ["my order {n} never arrived and nobody answers", "thanks so much for the quick help with case {n}!",
             "RT @fan: my order {n} never arrived and nobody answers", "Mi pedido {n} nunca llegó y nadie responde",
             "=HYPERLINK(\"x\") order {n}", "", "still waiting\non line two 😡", "where is store {n}?"]
    return [{"id": str(n), "text": kinds[n % len(kinds)].format(n=n % 300), "lang": "es" if n % 11 == 0 else ""}
            for n in range(count)]


def test_scoring_in_two_processes_writes_the_same_file_as_one(tmp_path):
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=["id", "text", "lang"])
        writer.writeheader()
        writer.writerows(_mixed_mentions(2_500))
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert bot.main(["score", str(source), "--out", str(one), "--workers", "1"]) == 0
    assert bot.main(["score", str(source), "--out", str(two), "--workers", "2"]) == 0
    assert two.read_bytes() == one.read_bytes()
    rows = list(csv.DictReader(one.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [str(n) for n in range(2_500)]
    assert {r["sentiment_label"] for r in rows} == {"negative", "positive", "neutral", "unscored"}


def test_many_small_batches_in_two_processes_keep_their_order(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(m) + "\n" for m in _mixed_mentions(300)), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    seen: list[int] = []
    assert score_file(source, one, CrisisScorer(), workers=1, batch_size=7).count == 300
    assert score_file(source, two, CrisisScorer(), progress=seen.append, workers=2, batch_size=7).count == 300
    assert two.read_bytes() == one.read_bytes()
    assert seen == [*range(7, 300, 7), 300]


def test_train_sentiment_then_score_with_the_model(tmp_path, capsys):
    labelled = tmp_path / "labelled.jsonl"
    examples = [("terrible service, cancelled again", "negative"), ("love the new cup, thanks", "positive"),
                ("what time do you open", "neutral")] * 20
    labelled.write_text("".join(json.dumps({"text": f"{t} {i}", "mood": m}) + "\n" for i, (t, m) in enumerate(examples)))
    model = tmp_path / "model.json"
    assert bot.main(["train-sentiment", str(labelled), "--label-column", "mood", "--out", str(model)]) == 0
    assert "trained on 60 mentions" in capsys.readouterr().out
    out = tmp_path / "scored.jsonl"
    assert bot.main(["score", str(labelled), "--out", str(out), "--model", str(model)]) == 0
    labels = [json.loads(line)["sentiment_label"] for line in out.open()]
    assert labels[:3] == ["negative", "positive", "neutral"]


def test_backtest_writes_one_row_per_warning(tmp_path, capsys):
    out = tmp_path / "warnings.csv"
    assert bot.main(["backtest", FIXTURE, "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert rows and set(rows[0]) == {"timestamp", "kind", "level"}
    assert all(r["kind"] in {"volume", "negative_share"} for r in rows)
    assert f"{sum(1 for r in rows if r['level'] == '1')} warning(s)" in capsys.readouterr().out


def test_backtest_of_a_mention_file_buckets_it_first(tmp_path, capsys):
    mentions = tmp_path / "mentions.jsonl"
    rows = [{"id": str(i), "created_at": f"2026-11-25T{10 + i // 60:02d}:{i % 60:02d}:00Z", "text": "so slow today"}
            for i in range(0, 120, 10)]
    mentions.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "warnings.csv"
    assert bot.main(["backtest", str(mentions), "--out", str(out), "--bucket-minutes", "30"]) == 0
    assert list(csv.reader(out.open()))[0] == ["timestamp", "kind", "level"]
    assert "5 buckets: 0 warning(s), 0 update(s)" in capsys.readouterr().out


def test_backtest_of_a_missing_file_is_one_line(tmp_path, capsys):
    assert bot.main(["backtest", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "w.csv")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


SERIES = "timestamp,value\n2024-01-01 00:00:00,5\n"


@pytest.mark.parametrize("name, content, said", [
    ("series.csv", SERIES + "2024-01-01 00:05:00,abc\n", "line 3: value 'abc' is not a count of mentions"),
    ("series.csv", SERIES + "2024-01-01 00:05:00,\n", "line 3: value '' is not a count of mentions"),
    ("series.csv", SERIES + "2024-01-01 00:05:00,-4\n", "line 3: value '-4' is not a count of mentions"),
    ("series.csv", SERIES + "notatime,3\n", "line 3: timestamp: 'notatime' is not an ISO 8601 time"),
    ("series.csv", "timestamp,value\n", "has no rows after its timestamp,value header"),
    ("series.csv", SERIES.encode() + "2024-01-01 00:05:00,3 caf\xe9\n".encode("latin-1"),
     "line 3 is not UTF-8: save the file as UTF-8"),
    ("mentions.csv", "created_at,text\n2024-01-01T00:00:00Z,ok\nyesterday,hello\n",
     "line 3: created_at: 'yesterday' is not an ISO 8601 time"),
    ("mentions.csv", "created_at,text\n2024-01-01T00:00:00Z,ok\n".encode() + "2024-01-01T00:05:00Z,caf\xe9\n"
     .encode("latin-1"), "line 3 is not UTF-8: save the file as UTF-8"),
    ("mentions.csv", "id,text\n1,hello\n", "has no 'created_at' column (its columns: id, text)"),
    ("mentions.jsonl", '{"text": "no time"}\n{"text": "none", "created_at": ""}\n',
     "has no mentions with a 'created_at' time"),
    ("mentions.jsonl", '{"text": "a", "created_at": 1730712600}\n{"text": "b", "created_at": 1e300}\n',
     "line 2: created_at: 1e+300 is not a time"),
])
def test_backtest_of_a_bad_file_is_one_line_naming_the_file_and_line(tmp_path, capsys, name, content, said):
    source = tmp_path / name
    source.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert bot.main(["backtest", str(source), "--out", str(tmp_path / "w.csv")]) == 2
    assert capsys.readouterr().err == f"crisisbot: {source}: {said}\n"


def test_backtest_reads_a_series_saved_with_a_bom_and_mentions_with_epoch_times(tmp_path, capsys):
    series = tmp_path / "series.csv"
    series.write_bytes("\ufefftimestamp,value\n2024-01-01 00:00:00,5\n2024-01-01 00:05:00,7.0\n".encode())
    assert bot.main(["backtest", str(series), "--out", str(tmp_path / "w.csv")]) == 0
    assert "2 buckets: 0 warning(s)" in capsys.readouterr().out
    mentions = tmp_path / "mentions.jsonl"
    mentions.write_text('{"text": "acme lost my bag", "created_at": 1730712600}\n{"text": "no time"}\n'
                        '{"text": "acme ok", "created_at": "2024-11-04T09:35:00+00:00"}\n', encoding="utf-8")
    assert bot.main(["backtest", str(mentions), "--out", str(tmp_path / "w.csv"), "--bucket-minutes", "15"]) == 0
    assert "2 buckets: 0 warning(s)" in capsys.readouterr().out


@pytest.mark.parametrize("minutes", ["7", "0", "-5", "x"])
def test_backtest_bucket_minutes_must_divide_a_day(tmp_path, capsys, minutes):
    with pytest.raises(SystemExit) as exit_:
        bot.main(["backtest", FIXTURE, "--out", str(tmp_path / "w.csv"), "--bucket-minutes", minutes])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "argument --bucket-minutes" in err and "Traceback" not in err


def test_export_labels(tmp_path, monkeypatch, database_url, uow_factory, capsys):
    at = datetime(2026, 11, 25, 9, tzinfo=UTC)
    with uow_factory() as uow:
        uow.mentions.add([Mention("file:x", "m1", "@a", "so slow today", "", at, term="acme", feed="x"),
                          Mention("file:x", "m2", "@b", "wat een bende", "", at, "nl", term="acme", feed="x")])
        uow.labels.put(MentionLabel("file:x", "m1", "negative", "U1", at))
        uow.labels.put(MentionLabel("file:x", "m2", "negative", "U1", at))
        uow.commit()
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "labels.csv"
    assert bot.main(["export-labels", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [(r["text"], r["label"], r["language"]) for r in rows] == [("so slow today", "negative", ""),
                                                                      ("wat een bende", "negative", "nl")]


def test_score_starts_without_slack_the_database_or_the_report_renderer(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,My flight was cancelled\n", encoding="utf-8")
    check = ("import sys; from bot import main; code = main(['score', sys.argv[1], '--out', sys.argv[2]]); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'slack_sdk', 'slack_bolt', 'sqlalchemy', "
             "'alembic', 'jinja2', 'httpx', 'apscheduler', 'matplotlib', 'numpy', 'yaml'}))")
    done = subprocess.run([sys.executable, "-c", check, str(source), str(tmp_path / "out.csv")],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.splitlines()[-1] == "[]"
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 2


def test_a_file_bad_part_way_fails_alike_in_one_and_in_two_processes(tmp_path):
    import pytest

    from sources.mention_files import BadMentionFile

    lines = [json.dumps(m) for m in _mixed_mentions(300)]
    lines[150] = "{not json"
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failures, written = [], []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        with pytest.raises(BadMentionFile) as failure:
            score_file(source, out, CrisisScorer(), workers=workers, batch_size=7)
        failures.append(str(failure.value))
        written.append(out.read_bytes())
    assert failures[0] == failures[1] and "line 151" in failures[0]
    assert written[0] == written[1] and written[0].count(b"\n") == 147  # the 21 whole batches before the bad one


def test_the_fast_csv_reader_gives_read_mentions_records(tmp_path):
    from sources.mention_files import read_mentions
    from sources.score_workers import raw_batches

    source = tmp_path / "in.csv"
    source.write_bytes("\ufeffid,text,id,lang\n1,ok,a,en\n\n2,\"multi\nline, \"\"quoted\"\"\",b\n3\n4,\xe9t\xe9,c,fr,extra\n"
                       .encode())
    batches, records = raw_batches(source, "text", 2)
    assert [record for batch in batches for record in records(batch)] == list(read_mentions(source))


def test_both_readers_refuse_a_line_that_is_not_utf8_naming_it(tmp_path):
    from sources.mention_files import BadMentionFile, read_mentions
    from sources.score_workers import raw_batches

    source = tmp_path / "in.csv"
    source.write_bytes("id,text\n1,ok\n2,\"multi\nline\"\n".encode() + "3,caf\xe9 \u201cso slow\u201d\n".encode("cp1252"))

    def fast():
        batches, records = raw_batches(source, "text", 2)
        return [records(batch) for batch in batches]

    failures = []
    for read in (lambda: list(read_mentions(source)), fast):
        with pytest.raises(BadMentionFile) as failure:
            read()
        failures.append(str(failure.value))
    assert failures[0] == failures[1] == f"{source}: line 5 is not UTF-8: save the file as UTF-8"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_file_not_utf8_part_way_fails_alike_in_one_and_in_two_processes(tmp_path, suffix):
    """A Windows-1252 row (an é, curly quotes) is refused with its line, never scored garbled as "unscored"."""
    from sources.mention_files import BadMentionFile

    rows = _mixed_mentions(300)
    if suffix == ".csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "text", "lang"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        lines = out.getvalue().splitlines()
        lines[151] = '151,\u201ccaf\xe9\u201d,'  # line 152: the header is line 1
        bad_line = 152
    else:
        lines = [json.dumps(m, ensure_ascii=False) for m in rows]
        lines[150] = '{"id": "150", "text": "\u201ccaf\xe9\u201d"}'
        bad_line = 151
    source = tmp_path / f"in{suffix}"
    source.write_bytes(b"".join(line.encode("cp1252" if n == bad_line else "utf-8") + b"\n"
                                for n, line in enumerate(lines, start=1)))
    failures, written = [], []
    for workers in (1, 2):
        out_path = tmp_path / f"out{workers}{suffix}"
        with pytest.raises(BadMentionFile) as failure:
            score_file(source, out_path, CrisisScorer(), workers=workers, batch_size=7)
        failures.append(str(failure.value))
        written.append(out_path.read_bytes())
    assert failures[0] == failures[1] == f"{source}: line {bad_line} is not UTF-8: save the file as UTF-8"
    assert written[0] == written[1]


def test_score_of_a_latin1_file_is_one_line_naming_the_line(tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_bytes("id,text\n1,fine\n2,caf\xe9 closed again\n".encode("latin-1"))
    assert bot.main(["score", str(source), "--out", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert err == f"crisisbot: {source}: line 3 is not UTF-8: save the file as UTF-8\n"


def test_train_sentiment_with_the_encoder_then_score_with_its_folder(tmp_path, capsys):
    pytest.importorskip("torch", reason="the encoder extra is not installed: pip install -e '.[encoder]'")
    labelled = tmp_path / "labelled.jsonl"
    examples = [("my router is zorbly again", "negative"), ("the router is so glimmy", "positive"),
                ("where is the router manual", "neutral")] * 8
    labelled.write_text("".join(json.dumps({"text": f"{t} {i}", "mood": m}) + "\n" for i, (t, m) in enumerate(examples)))
    folder = tmp_path / "encoder-model"
    assert bot.main(["train-sentiment", str(labelled), "--label-column", "mood", "--out", str(folder), "--encoder",
                     "--epochs", "8"]) == 0
    printed = capsys.readouterr().out
    assert "trained on 24 mentions" in printed and f"CRISIS_SENTIMENT_MODEL={folder}" in printed
    assert (folder / "crisisbot-encoder.json").is_file()
    source = tmp_path / "new.csv"
    source.write_text("id,text\n1,my charger is zorbly\n2,the charger is so glimmy\n3,Wat een schandalige reclame!\n")
    out = tmp_path / "scored.csv"
    assert bot.main(["score", str(source), "--out", str(out), "--model", str(folder), "--workers", "2"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [r["sentiment_label"] for r in rows] == ["negative", "positive", "negative"]
    assert [r["sentiment_language"] for r in rows] == ["en", "en", "nl"]


def test_train_sentiment_encoder_errors_are_plain(tmp_path, capsys):
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,mood\n" + "mijn pakket is kapot,negative\ntop service,positive\n" * 5)
    assert bot.main(["train-sentiment", str(labelled), "--label-column", "mood", "--out", str(tmp_path / "m"),
                     "--encoder"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"crisisbot: {labelled}: the encoder learns English: ")
    assert "English examples, it needs at least 20" in err
    assert not (tmp_path / "m").exists()


def test_epochs_are_for_the_encoder_only_and_positive(tmp_path, capsys):
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,mood\nbroken again,negative\nlovely,positive\n")
    argv = ["train-sentiment", str(labelled), "--label-column", "mood", "--out", str(tmp_path / "m.json")]
    assert bot.main(argv + ["--epochs", "2"]) == 2
    assert "--epochs is for --encoder only" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        bot.main(argv + ["--encoder", "--epochs", "0"])
    assert "'0' is not a whole number of 1 or more" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()
