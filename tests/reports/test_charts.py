"""PNG charts: size, edge cases that must not raise, texts from the caller, figures freed, speed."""
import gc
import math
import struct
import weakref
from datetime import UTC, datetime, timedelta

import pytest
from matplotlib.text import Text

from crisis.monitor.buckets import Bucket
from crisis.monitor.reputation import hourly
from reports import charts
from reports.charts import Labels, crisis_chart, pulse_chart, spike_chart

T0 = datetime(2024, 3, 4, 9, tzinfo=UTC)
STEP = timedelta(minutes=5)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def day(count=lambda i: 10 + i % 7, buckets=300, negative=0.3):
    return [Bucket(T0 + i * STEP, count(i), int(count(i) * negative), count(i), -0.1 * count(i), count(i))
            for i in range(buckets)]


def band(buckets):
    return [(b.start, 10.0, 5.0, 20.0) for b in buckets]


ACTIONS = [(T0 + 250 * STEP, "Crisis opened"), (T0 + 252 * STEP, "First ack"),
           (T0 + 270 * STEP, "Statement published"), (T0 + 299 * STEP, "Closed")]
SERIES = {
    "normal": day(),
    "empty": [],
    "single bucket": day(buckets=1),
    "gaps": [b for i, b in enumerate(day()) if i % 50 > 20],
    "all zero": day(count=lambda i: 0),
    "very large": day(count=lambda i: 10**15 + i),
    "two sources": day() + [Bucket(b.start, 3, 3, 3, -1.5, 3, source="rss") for b in day()],
    "naive times, unsorted": [Bucket(b.start.replace(tzinfo=None), b.count, b.negative_count, b.scored_count)
                              for b in reversed(day())],
    "long crisis": day(buckets=3000),
}


def all_charts(buckets, title="Acme Air", actions=ACTIONS, marker=T0 + 250 * STEP, baseline=None):
    baseline = band(buckets) if baseline is None else baseline
    return [spike_chart(buckets, baseline, marker, title),
            pulse_chart(buckets, hourly(buckets, 10.0), title, baseline=baseline),
            crisis_chart(buckets, actions, title)]


@pytest.mark.parametrize("name", SERIES)
def test_every_chart_is_an_800_by_360_png_whatever_the_series(name):
    for png in all_charts(SERIES[name]):
        assert png_size(png) == (charts.WIDTH, charts.HEIGHT) == (800, 360)
        assert 2_000 < len(png) < 200_000


def test_odd_inputs_do_not_raise():
    awkward = [(T0, math.nan, 1.0, 2.0), (T0 + STEP, 1.0, math.inf, 2.0), (T0 - timedelta(days=9), 1.0, 0.0, 2.0)]
    title = "$5 off $ {bad} \\frac " + "x" * 500 + "\n"
    actions = [(T0 + 10 * STEP, "$ unbalanced ^ _ " * 20), (T0 - timedelta(days=2), "early"), (T0, "")] * 3
    for buckets in (SERIES["normal"], SERIES["empty"]):
        all_charts(buckets, title=title, actions=actions, marker=T0 - timedelta(days=30), baseline=awkward)
        spike_chart(buckets, [], datetime(2024, 3, 4, 12), title, end=datetime(2024, 3, 5))
        pulse_chart(buckets, [], title, end=T0)
        crisis_chart([], actions, title)
        crisis_chart([], [], title)


def test_a_chart_is_the_same_bytes_every_time():
    assert all_charts(SERIES["normal"]) == all_charts(SERIES["normal"])


def test_the_texts_are_the_callers(monkeypatch):
    texts = []
    original = charts._png

    def reading(figure):
        texts.extend(t.get_text() for t in figure.findobj(Text) if t.get_text())
        return original(figure)

    monkeypatch.setattr(charts, "_png", reading)
    labels = Labels(volume="Erwähnungen", share="negativ", score="Ruf", time="UTC+0")
    spike_chart(SERIES["normal"], band(SERIES["normal"]), None, "Titel", labels=labels)
    assert {"Titel", "Erwähnungen", "negativ", "UTC+0"} <= set(texts)
    pulse_chart(SERIES["normal"], hourly(SERIES["normal"], 10.0), "Puls", labels=labels)
    crisis_chart(SERIES["normal"], [(T0, "eröffnet")], "Krise", labels=labels)
    assert {"Puls", "Ruf", "Krise", "eröffnet"} <= set(texts)
    assert not set(texts) & {Labels().volume, Labels().share, Labels().score}


def test_figures_are_freed(monkeypatch):
    made = []
    original = charts._figure

    def tracking(*args):
        figure, axes = original(*args)
        made.append(weakref.ref(figure))
        return figure, axes

    monkeypatch.setattr(charts, "_figure", tracking)
    all_charts(SERIES["normal"])
    gc.collect()
    assert len(made) == 3 and all(ref() is None for ref in made)


def test_objects_do_not_pile_up_over_many_charts():
    buckets, baseline = SERIES["normal"], band(SERIES["normal"])
    for _ in range(3):
        spike_chart(buckets, baseline, None, "warm-up")
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(20):
        spike_chart(buckets, baseline, None, "chart")
    gc.collect()
    assert len(gc.get_objects()) - before < 500  # one figure left behind holds thousands
