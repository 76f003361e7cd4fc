"""The Dutch demo's mention stream (examples/mentions-demo-nl.jsonl, played by `crisisbot demo --lang nl`): written
in Dutch for the project, reproducible, the same story at the same moments, on Amsterdam's clock."""
import json
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from crisis.monitor.sentiment import CrisisScorer
from sandbox.demo import EXAMPLES
from sandbox.demo_script import SCRIPTS
from tests.test_demo_mentions import KEYS, SHIPPED, TIME, WAVE, _at, _count, _generator

DUTCH = EXAMPLES / "mentions-demo-nl.jsonl"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def mentions():
    with DUTCH.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_the_dutch_demo_replays_the_dutch_stream_on_amsterdams_clock():
    script = SCRIPTS["nl"]
    assert EXAMPLES / script.mentions == DUTCH and EXAMPLES / SCRIPTS["en"].mentions == SHIPPED
    assert script.timezone == "Europe/Amsterdam"


def test_the_generator_writes_the_shipped_dutch_file_byte_for_byte(tmp_path):
    out = tmp_path / "mentions.jsonl"
    assert _generator().main(["make_demo_mentions.py", "--lang", "nl", str(out)]) == 0
    assert out.read_bytes() == DUTCH.read_bytes()


def test_mostly_dutch_with_a_few_english_german_and_french_posts(mentions):
    assert len(mentions) > 8_000 and DUTCH.stat().st_size < 2_900_000
    for mention in mentions:
        assert list(mention) == KEYS and TIME.fullmatch(mention["created_at"])
    languages = Counter(m["language"] for m in mentions)
    assert languages["nl"] > 0.85 * len(mentions)
    assert all(0.01 * len(mentions) < languages[code] < 0.05 * len(mentions) for code in ("en", "de", "fr"))


def test_its_own_texts_none_taken_from_the_english_stream(mentions):
    with SHIPPED.open(encoding="utf-8") as lines:
        english = {json.loads(line)["text"] for line in lines}
    shared = {m["text"] for m in mentions} & english
    assert all(not any(c.isalpha() for c in text) for text in shared)  # only emoji-only posts are alike


def test_the_wave_starts_at_15_in_amsterdam_and_is_about_nurses(mentions):
    assert WAVE.astimezone(AMSTERDAM).hour == 15
    before = _count(mentions, WAVE - timedelta(hours=1), 60)
    assert _count(mentions, WAVE + timedelta(minutes=30), 60) > 5 * before
    wave = [m["text"].lower() for m in mentions if _at(m) >= WAVE and m["language"] == "nl"]
    assert sum("verpleegkundig" in text for text in wave) > 0.25 * len(wave) and any("boycot" in t for t in wave)


def test_the_daily_rhythm_follows_amsterdams_clock(mentions):
    rate = _generator().normal_rate
    lunch_in_amsterdam = datetime(2026, 11, 24, 11, 0, tzinfo=timezone.utc)  # 12:00 CET
    assert rate(lunch_in_amsterdam, AMSTERDAM) == rate(lunch_in_amsterdam + timedelta(hours=1))

    def per_hour(local_hour):  # Monday and Tuesday, that hour on the Amsterdam clock
        return sum(_count(mentions, datetime(2026, 11, day, local_hour, tzinfo=AMSTERDAM).astimezone(timezone.utc),
                          60) for day in (23, 24))

    assert per_hour(13) > 3 * per_hour(3)


def test_the_dutch_tier_reads_the_wave_as_negative_and_the_quiet_days_as_not(mentions):
    scorer = CrisisScorer()

    def negative_share(start, minutes):
        sample = [m for m in mentions if start <= _at(m) < start + timedelta(minutes=minutes) and m["language"] == "nl"]
        labels = [s.label for s in scorer.score_many([m["text"] for m in sample], ["nl"] * len(sample))]
        return labels.count("negative") / len(labels)

    assert negative_share(WAVE + timedelta(minutes=30), 30) > 0.5 > 0.25 > negative_share(WAVE - timedelta(days=1), 60)
