"""Slack rendering of the mention monitor's charts (PNG files beside the warning and the pulse)."""
from __future__ import annotations

from crisis.i18n import msg, voice
from crisis.monitor.pulse import TermPicture
from crisis.monitor.views import Chart
from handlers.block_kit import plain
from reports import charts


def chart_png(chart: Chart) -> bytes:
    """The spike warning's chart (marked from `since`) or the pulse's, as a PNG."""
    picture, title = chart.picture, plain(chart.title)
    if chart.since is not None:
        return charts.spike_chart(picture.buckets, _band(picture), chart.since, title, labels=_labels(),
                                  bucket_minutes=_minutes(picture))
    return charts.pulse_chart(picture.buckets, picture.hours, title, baseline=_band(picture), labels=_labels(),
                              bucket_minutes=_minutes(picture))


def _band(picture: TermPicture) -> list[tuple]:
    return [(p.start, p.expected, p.low, p.high) for p in picture.band]


def _minutes(picture: TermPicture) -> int:
    if len(picture.buckets) >= 2:
        return int((picture.buckets[1].start - picture.buckets[0].start).total_seconds() // 60)
    return 5


def _labels() -> charts.Labels:
    return charts.Labels(volume=plain(msg("chart.volume")), share=plain(msg("chart.share")),
                         score=plain(msg("chart.score")), time=plain(msg("chart.time", zone=voice.team().zone.key)),
                         decimal=plain(msg("number.decimal")))
