"""Ingest hygiene end to end (webhook -> monitor -> database): clean fields on every backend, the route's source,
mentions older than the plan keeps refused, and no spike-detector walk back over years of buckets."""
import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

from crisis.monitor import services as monitoring
from crisis.monitor.mentions import Mention, SourcePoll
from crisis.monitor.sentiment import CrisisScorer
from crisis.monitor.services import Monitor
from crisis.monitor.spikes import bucket_number
from tests.security.conftest import MONITOR, TOKEN

RETENTION = timedelta(days=MONITOR["retention_days"])


def push(bot, items, token=TOKEN):
    request = urllib.request.Request(bot.app_url.replace("/slack/events", "/ingest/push"), method="POST",
                                     data=json.dumps(items).encode(), headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        with refused:
            return refused.code, json.loads(refused.read())


def item(bot, id, age=timedelta(hours=1), **fields):
    return {"id": id, "text": "acme lost my bag", "created_at": (bot.clock.now() - age).isoformat(),
            "author": "@sam", "url": f"https://x.example/{id}", "language": "en", **fields}


def stored(bot, id, source="webhook:push"):
    with bot.ports.uow() as uow:
        return uow.mentions.get(source, id)


def test_nul_control_characters_and_lone_surrogates_are_stored_clean(bot):
    """NUL made PostgreSQL refuse the insert (a 500 the sender retried forever); lone surrogates break every backend."""
    dirty = item(bot, "n\x001\ud800", text="acme\x00 lost\ud83d my bag\x07", author="@s\x00am\n",
                 url="https://x.example/\x00n1", language="e\x00n")
    status, answer = push(bot, [dirty])
    assert (status, answer["stored"]) == (200, 1)
    mention = stored(bot, "n1")
    assert (mention.text, mention.author, mention.url, mention.language) == (
        "acme  lost  my bag ", "@s am ", "https://x.example/n1", "en")


def test_an_item_cannot_file_itself_under_another_source(bot):
    assert push(bot, [item(bot, "s1", source="file:replay")])[0] == 200
    assert stored(bot, "s1", "file:replay") is None and stored(bot, "s1") is not None


def test_mentions_older_than_the_retention_refuse_the_batch(bot):
    items = [item(bot, "r1"), item(bot, "r2", age=RETENTION + timedelta(minutes=1)),
             item(bot, "r3", created_at="2006-01-02T00:00:00Z")]
    status, answer = push(bot, items)
    assert status == 422 and answer["error"] == "2 of 3 mentions are invalid; none were stored"
    assert [e["index"] for e in answer["errors"]] == [1, 2]
    assert answer["errors"][1]["error"] == ("created_at 2006-01-02 00:00 UTC is older than the 30 days the plan keeps "
                                            "mentions")
    assert stored(bot, "r1") is None
    assert push(bot, [item(bot, "r4", age=RETENTION - timedelta(minutes=1))])[0] == 200


class _Archive:
    """A polled source (an RSS feed's archive, say) that yields one mention from 2006."""

    name = "push"

    def poll(self, cursor, now):
        old = Mention(source="rss", source_id="old", author="a", text="acme", url="", term="acme", feed="push",
                      created_at=datetime(2006, 1, 2, tzinfo=timezone.utc))
        return SourcePoll([old], cursor="done")


def test_a_far_past_mention_never_makes_the_detector_walk_back_years(bot):
    monitor = Monitor(bot.ports, {"push": _Archive()}, CrisisScorer())
    assert monitoring.poll_source("push", monitor=monitor).stored == 1
    monitoring.detect(ports=bot.ports)
    minutes = bot.ports.plan.monitor.bucket_minutes
    with bot.ports.uow() as uow:
        watch = uow.watches.lock("acme")
    closed = monitoring.bucket_start(bot.clock.now() - monitoring.settle_time(bot.ports.plan, "acme"), minutes)
    assert watch.detector["first"] >= bucket_number(closed - RETENTION, minutes)
    assert watch.last_bucket == closed - timedelta(minutes=minutes)
