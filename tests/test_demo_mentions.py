"""The demo's mention stream (examples/mentions-demo.jsonl): well formed, reproducible, and the story is in it."""
import importlib.util
import json
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHIPPED = EXAMPLES / "mentions-demo.jsonl"
KEYS = ["id", "created_at", "author", "text", "url", "language", "platform"]
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
START = datetime(2026, 11, 21, tzinfo=timezone.utc)
END = datetime(2026, 11, 25, 18, tzinfo=timezone.utc)
WAVE = datetime(2026, 11, 25, 14, tzinfo=timezone.utc)
SPAM = datetime(2026, 11, 22, 15, 10, tzinfo=timezone.utc)


def _generator():
    spec = importlib.util.spec_from_file_location("make_demo_mentions", EXAMPLES / "make_demo_mentions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mentions():
    with SHIPPED.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _at(mention):
    return datetime.fromisoformat(mention["created_at"])


def _count(mentions, start, minutes):
    end = start + timedelta(minutes=minutes)
    return sum(1 for m in mentions if start <= _at(m) < end)


def test_every_line_is_one_mention_in_the_documented_shape(mentions):
    assert SHIPPED.stat().st_size < 2_800_000
    assert len(mentions) > 8_000
    for mention in mentions:
        assert list(mention) == KEYS
        assert all(isinstance(mention[key], str) and mention[key] for key in KEYS)
        assert TIME.fullmatch(mention["created_at"])
        assert mention["author"].startswith("@")
        assert mention["url"] == f"https://social.example/{mention['author']}/{mention['id']}"
        assert mention["language"] in {"en", "nl", "es", "de", "und"}
        assert mention["platform"] in {"X", "Instagram", "Facebook", "TikTok"}


def test_sorted_by_time_within_the_stream_with_unique_ids(mentions):
    times = [_at(m) for m in mentions]
    assert times == sorted(times)
    assert START <= times[0] and times[-1] < END
    assert len({m["id"] for m in mentions}) == len(mentions)


def test_the_generator_writes_the_shipped_file_byte_for_byte(tmp_path):
    out = tmp_path / "mentions.jsonl"
    assert _generator().main(["make_demo_mentions.py", str(out)]) == 0
    assert out.read_bytes() == SHIPPED.read_bytes()


def test_the_wave_starts_at_14_utc_on_the_fifth_day(mentions):
    def normal(hour, minute, minutes):  # the same window on Monday and Tuesday
        return sum(_count(mentions, datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc), minutes)
                   for day in (23, 24)) / 2

    before = _count(mentions, WAVE - timedelta(hours=1), 60) / normal(13, 0, 60)
    first = _count(mentions, WAVE, 15) / normal(14, 0, 15)
    after = _count(mentions, WAVE + timedelta(minutes=30), 210) / normal(14, 30, 210)
    assert 0.6 < before < 1.6
    assert first > 3
    assert 8 <= after <= 15
    wave_text = " ".join(m["text"].lower() for m in mentions if _at(m) >= WAVE)
    assert wave_text.count("nurse") > 1_000 and "boycott" in wave_text


def test_the_ordinary_days_have_a_daily_rhythm_and_a_weekend_dip(mentions):
    def day_total(day):
        return _count(mentions, datetime(2026, 11, day, tzinfo=timezone.utc), 1440)

    def per_bucket(day, hour, hours):
        return _count(mentions, datetime(2026, 11, day, hour, tzinfo=timezone.utc), 60 * hours) / (12 * hours)

    assert day_total(21) < 0.85 * day_total(23)
    for day in (23, 24):
        assert 1 <= per_bucket(day, 1, 4) <= 3
        assert 8 <= per_bucket(day, 12, 2) <= 15


def test_the_spam_burst_is_near_identical_copies_from_bots(mentions):
    burst = [m for m in mentions if SPAM <= _at(m) < SPAM + timedelta(minutes=40)]
    spam = [m for m in burst if m["text"].lower().startswith("win a free acme coffee gift card")]
    normal = _count(mentions, SPAM - timedelta(days=1), 40)
    assert len(burst) > 3 * normal and len(spam) > 0.7 * len(burst)
    assert len({m["author"] for m in spam}) == len(spam)
    assert sum("win a free" in m["text"].lower() for m in mentions) == len(spam)


def test_foreign_emoji_html_and_the_long_rant_are_there(mentions):
    languages = Counter(m["language"] for m in mentions)
    assert {"nl", "es", "de"} <= set(languages) and sum(languages[k] for k in ("nl", "es", "de")) < 0.06 * len(mentions)
    for day in range(21, 26):
        assert any(m["language"] != "en" and m["created_at"].startswith(f"2026-11-{day}") for m in mentions)
    wave = [m for m in mentions if _at(m) >= WAVE]
    assert any(not re.search(r"\w", m["text"]) for m in wave)  # emoji only
    assert any("&amp;" in m["text"] or "&quot;" in m["text"] for m in wave)
    assert any("https://" in m["text"] for m in wave)
    assert 2_500 <= max(len(m["text"]) for m in wave) <= 3_500


def test_each_mention_names_its_network_and_the_wave_runs_on_x_and_tiktok(mentions):
    def shares(rows):
        counts = Counter(m["platform"] for m in rows)
        return {name: count / len(rows) for name, count in counts.items()}

    before = shares([m for m in mentions if _at(m) < WAVE])
    wave = shares([m for m in mentions if _at(m) >= WAVE])
    assert set(before) == set(wave) == {"X", "Instagram", "Facebook", "TikTok"}
    assert wave["TikTok"] > 1.5 * before["TikTok"] and wave["Facebook"] < 0.5 * before["Facebook"]
    assert max(wave, key=wave.get) == "X"
