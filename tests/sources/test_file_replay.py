"""File replay: rows come due on the live clock at `speed`x, a restart continues, bad rows are refused with reasons."""
import json
import tracemalloc
from datetime import timedelta

import pytest

from crisis.errors import PlanError
from crisis.monitor.mentions import MAX_MENTION_CHARS, SourceDown, platform_of
from sources import file_replay
from sources.file_replay import FileReplaySource
from tests.sources.helpers import NOW, source_config

AIRLINE_HEADER = "airline,created_at,airline_sentiment,airline_sentiment_confidence,negativereason,retweet_count,text\n"
AIRLINE_ROWS = (
    "Acme Air,2015-02-16T23:36,negative,1,Lost Luggage,0,@AcmeAir where is my bag\n"
    "Acme Air,2015-02-16T23:36,neutral,1,,0,\"@AcmeAir flying tomorrow, any news?\"\n"
    "Acme Air,2015-02-17T00:06,negative,0.8,Late Flight,2,\"@AcmeAir delayed again.\n"
    "Second line of the same tweet\"\n"
    "Acme Air,2015-02-17T01:36,positive,1,,0,@AcmeAir thanks for the upgrade!\n"
)


def replay_source(tmp_path, name, content, **options):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return FileReplaySource(source_config("file", name="demo", path=name, **options), tmp_path)


def test_csv_rows_come_due_at_speed_and_are_shifted_to_the_live_clock(tmp_path):
    source = replay_source(tmp_path, "tweets.csv", AIRLINE_HEADER + AIRLINE_ROWS, speed="60")

    first = source.poll(None, NOW)
    assert [m.text for m in first.mentions] == ["@AcmeAir where is my bag", "@AcmeAir flying tomorrow, any news?"]
    assert {m.created_at for m in first.mentions} == {NOW}
    assert {(m.source, m.feed, m.term) for m in first.mentions} == {("file:demo", "demo", "acme")}
    assert not first.exhausted

    assert source.poll(first.cursor, NOW + timedelta(seconds=29)).mentions == []
    half_hour = source.poll(first.cursor, NOW + timedelta(seconds=30))
    assert [m.text for m in half_hour.mentions] == ["@AcmeAir delayed again.\nSecond line of the same tweet"]
    assert half_hour.mentions[0].created_at == NOW + timedelta(seconds=30)

    last = source.poll(half_hour.cursor, NOW + timedelta(minutes=5))
    assert [m.created_at for m in last.mentions] == [NOW + timedelta(seconds=120)]
    assert last.exhausted and not last.rejected
    assert source.poll(last.cursor, NOW + timedelta(minutes=6)).exhausted


def test_restart_continues_from_the_cursor_with_stable_ids(tmp_path):
    source = replay_source(tmp_path, "tweets.csv", AIRLINE_HEADER + AIRLINE_ROWS, speed="60")
    first = source.poll(None, NOW)
    restarted = replay_source(tmp_path, "tweets.csv", AIRLINE_HEADER + AIRLINE_ROWS, speed="60")
    rest = restarted.poll(first.cursor, NOW + timedelta(hours=1))
    assert len(rest.mentions) == 2 and rest.exhausted

    again = replay_source(tmp_path, "tweets.csv", AIRLINE_HEADER + AIRLINE_ROWS, speed="60").poll(
        None, NOW + timedelta(days=1))
    whole_run = [m.source_id for m in [*first.mentions, *rest.mentions]]
    assert [m.source_id for m in again.mentions[:1]] == whole_run[:1]
    assert len(set(whole_run)) == 4
    assert json.loads(rest.cursor)["start"] == NOW.isoformat()


def test_an_unreadable_cursor_starts_the_replay_again(tmp_path):
    source = replay_source(tmp_path, "tweets.csv", AIRLINE_HEADER + AIRLINE_ROWS)
    assert len(source.poll("not json", NOW).mentions) == 2


def test_jsonl_with_id_column_epoch_and_zoned_times(tmp_path):
    rows = [
        {"tweet_id": 1, "ts": 1_700_000_000, "body": "first", "user": "ana", "lang": "en", "url": "https://x.example/1"},
        {"tweet_id": 2, "ts": "2023-11-14T23:18:20+01:00", "body": "five minutes later in UTC"},
        {"tweet_id": 3, "ts": "2023-11-14T22:23:20Z", "body": "ten minutes later"},
    ]
    source = replay_source(tmp_path, "m.jsonl", "\n\n".join(json.dumps(r) for r in rows),
                           id_column="tweet_id", time_column="ts", text_column="body", author_column="user")
    poll = source.poll(None, NOW)
    assert [(m.source_id, m.author, m.language, m.url) for m in poll.mentions] == [
        ("1", "ana", "en", "https://x.example/1")]
    later = source.poll(poll.cursor, NOW + timedelta(minutes=5))
    assert [(m.source_id, m.created_at) for m in later.mentions] == [("2", NOW + timedelta(minutes=5))]
    last = source.poll(later.cursor, NOW + timedelta(minutes=10))
    assert [m.source_id for m in last.mentions] == ["3"] and last.exhausted


def test_bad_rows_are_rejected_with_their_line_and_good_ones_stored(tmp_path):
    lines = [
        json.dumps({"created_at": "2024-11-04T09:00:00Z", "text": "ok"}),
        json.dumps({"text": "no time"}),
        json.dumps({"created_at": "2099-01-01T00:00:00Z", "text": "from the future"}),
        json.dumps({"created_at": "2024-11-04T09:00:00Z"}),
        "{not json",
        json.dumps(["an", "array"]),
        json.dumps({"created_at": "yesterday", "text": "vague"}),
        json.dumps({"created_at": "2024-11-04T09:00:00Z", "text": "x" * 100_000}),
        json.dumps({"created_at": "2024-11-04T09:00:00Z", "text": "😡😡😡"}),
        json.dumps({"created_at": "2024-11-04T09:00:00Z", "text": ""}),
        json.dumps({"created_at": "2024-11-04T09:00:00Z", "text": "<p>so <b>bad</b></p><script>x()</script>"}),
    ]
    binary = b'{"created_at": "2024-11-04T09:00:00Z", "text": "bin\\u0000\\u0001' + b'\xff\xfe' + b'"}'
    source = replay_source(tmp_path, "bad.jsonl", "\n".join(lines).encode() + b"\n" + binary + b"\n")
    poll = source.poll(None, NOW)
    assert poll.rejected == [
        "line 2: created_at is missing",
        "line 3: created_at 2099-01-01T00:00:00Z is in the future",
        "line 4: text is missing",
        "line 5: not valid JSON",
        "line 6: not a JSON object",
        "line 7: created_at: 'yesterday' is not an ISO 8601 time",
    ]
    texts = [m.text for m in poll.mentions]
    assert texts[0] == "ok"
    assert len(texts[1]) == MAX_MENTION_CHARS and poll.mentions[1].truncated
    assert texts[2:5] == ["😡😡😡", "", "<p>so <b>bad</b></p><script>x()</script>"]
    assert texts[5] == "bin  \ufffd\ufffd"
    assert poll.exhausted


def test_csv_rows_with_missing_cells_and_a_line_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(file_replay, "MAX_LINE_BYTES", 200)
    content = (AIRLINE_HEADER
               + "Acme Air,2015-02-16T23:36,negative,1,,0,fine\n"
               + "Acme Air,,negative,1,,0,no time\n"
               + "Acme Air,2015-02-16T23:36\n"
               + "Acme Air,2015-02-16T23:36,negative,1,,0," + "y" * 300 + "\n"
               + "Acme Air,2015-02-16T23:36,negative,1,,0,after the long one\n")
    poll = replay_source(tmp_path, "t.csv", content).poll(None, NOW)
    assert poll.rejected == [
        "line 3: created_at is missing", "line 4: text is missing", "line 5: longer than 200 bytes"]
    assert [m.text for m in poll.mentions] == ["fine", "after the long one"]


def test_a_poll_returns_at_most_max_rows_and_continues(tmp_path, monkeypatch):
    monkeypatch.setattr(file_replay, "MAX_ROWS_PER_POLL", 3)
    rows = "".join(f'{{"created_at": "2024-11-04T09:00:00Z", "text": "m{i}"}}\n' for i in range(5))
    source = replay_source(tmp_path, "many.jsonl", rows)
    first = source.poll(None, NOW)
    second = source.poll(first.cursor, NOW)
    assert [m.text for m in first.mentions] == ["m0", "m1", "m2"] and not first.exhausted
    assert [m.text for m in second.mentions] == ["m3", "m4"] and second.exhausted


def test_polling_a_large_file_reads_only_what_is_due(tmp_path):
    row = "Acme Air,2015-02-17T00:00,neutral,1,,0," + "z" * 200 + "\n"
    content = AIRLINE_HEADER + "Acme Air,2015-02-16T23:00,negative,1,,0,first\n" + row * 25_000
    source = replay_source(tmp_path, "big.csv", content)
    tracemalloc.start()
    try:
        poll = source.poll(None, NOW)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [m.text for m in poll.mentions] == ["first"]
    assert peak < 500_000


def test_a_missing_column_or_file_is_source_down(tmp_path):
    with pytest.raises(SourceDown, match="has no column 'body'"):
        replay_source(tmp_path, "t.csv", AIRLINE_HEADER, text_column="body").poll(None, NOW)
    with pytest.raises(SourceDown, match="not found"):
        FileReplaySource(source_config("file", path="gone.csv"), tmp_path).poll(None, NOW)


def test_an_empty_file_is_exhausted_at_once(tmp_path):
    poll = replay_source(tmp_path, "empty.csv", "").poll(None, NOW)
    assert poll.mentions == [] and poll.exhausted


@pytest.mark.parametrize("options,problem", [
    ({"path": "data.xlsx"}, "monitor.sources.test.path: 'data.xlsx' is neither"),
    ({"path": "a.csv", "speed": "0"}, "monitor.sources.test.speed: '0' is not a number above 0"),
    ({"path": "a.csv", "speed": "fast"}, "monitor.sources.test.speed: 'fast' is not a number"),
])
def test_bad_options_are_plan_errors(tmp_path, options, problem):
    with pytest.raises(PlanError, match=problem):
        FileReplaySource(source_config("file", **options), tmp_path)


def test_a_rows_platform_column_names_the_network_and_the_source_stays_the_files(tmp_path):
    rows = ('{"id": "1", "created_at": "2026-11-25T14:00:00Z", "text": "acme ad", "platform": "TikTok"}\n'
            '{"id": "2", "created_at": "2026-11-25T14:00:00Z", "text": "acme ad again"}\n')
    mentions = replay_source(tmp_path, "wave.jsonl", rows).poll(None, NOW).mentions
    assert [(m.source, m.platform, platform_of(m)) for m in mentions] == [
        ("file:demo", "TikTok", "TikTok"), ("file:demo", "", "file:demo")]
