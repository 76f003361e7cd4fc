"""Block Kit for the mention monitor: spike warnings with their buttons, crisis updates, the pulse."""
from __future__ import annotations

import html
import re
from typing import Any

from crisis.i18n import Channel, Msg, Time, User, msg
from crisis.monitor.mentions import Mention
from crisis.monitor.pulse import TermPicture
from crisis.monitor.model import AlertStatus, SpikeAlert
from crisis.monitor.model import SpikeWarning
from handlers import ids
from handlers.room.blocks import escape, plain, section, slack_text
from reports import charts

EXAMPLE_CHARS = 280
_TAG = re.compile(r"<[^>]{0,200}>")


def spike_warning(warning: SpikeWarning) -> dict[str, Any]:
    alert, picture = warning.alert, warning.picture
    headline = _headline(alert)
    blocks: list[dict[str, Any]] = [
        section(headline),
        {"type": "section", "fields": [{"type": "mrkdwn", "text": slack_text(f)} for f in _numbers(alert, picture)]},
    ]
    if alert.spam:
        blocks.append(section(msg("warning.spam")))
    if warning.examples:
        blocks.append(section(msg("warning.examples")))
        blocks.extend(_example(m, alert) for m in warning.examples)
    blocks.append(_answer(warning))
    return {"text": slack_text(headline), "blocks": blocks}


def _headline(alert: SpikeAlert) -> Msg:
    if alert.kind == "negative_share":
        key = "warning.update_negative" if alert.is_update else "warning.negative"
        return msg(key, term=alert.term, share=f"{alert.observed:.0%}", normal=f"{alert.baseline:.0%}",
                   since=Time(alert.started_at))
    key = "warning.update_volume" if alert.is_update else "warning.volume"
    return msg(key, term=alert.term, ratio=f"{alert.ratio:.1f}", since=Time(alert.started_at))


def _numbers(alert: SpikeAlert, picture: TermPicture) -> list[Msg]:
    share = "–" if alert.negative_share is None else f"{alert.negative_share:.0%}"
    usual = alert.baseline if alert.kind == "volume" else picture.normal_per_bucket
    normal = "–" if usual is None else f"{usual:.0f}"
    return [
        msg("warning.mentions", n=alert.mentions, normal=normal),
        msg("warning.negative_share", share=share),
        msg("warning.reputation", score=picture.now.score, band=msg(f"band.{picture.now.band}")),
        msg("warning.level", level=alert.level),
    ]


def _example(mention: Mention, alert: SpikeAlert) -> dict[str, Any]:
    text = " ".join(html.unescape(_TAG.sub(" ", mention.text)).split())
    text = text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"
    line = f"{_label_icon(mention.label)} *{escape(mention.author or '?')}*: {escape(text)}"
    if mention.url.startswith(("http://", "https://")):
        line += f" <{mention.url}|{plain(msg('warning.link'))}>"
    options = [{"text": {"type": "plain_text", "text": plain(msg(f"label.{label}"))},
                "value": f"{label}|{mention.source}|{mention.source_id}"[:150]}
               for label in ("negative", "neutral", "positive")]
    return {"type": "section", "text": {"type": "mrkdwn", "text": line},
            "accessory": {"type": "overflow", "action_id": ids.LABEL_MENTION, "options": options}}


def _label_icon(label: str) -> str:
    return {"negative": ":red_circle:", "positive": ":large_green_circle:", "neutral": ":white_circle:"}.get(
        label, ":grey_question:")


def _answer(warning: SpikeWarning) -> dict[str, Any]:
    alert = warning.alert
    if alert.status is AlertStatus.CRISIS and warning.crisis is not None:
        return section(msg("warning.in_crisis", user=User(alert.answered_by), channel=Channel(warning.crisis.channel_id)))
    if alert.status is AlertStatus.FALSE_ALARM:
        return section(msg("warning.false_alarm", user=User(alert.answered_by), reason=alert.feedback))
    if alert.status is AlertStatus.SNOOZED and warning.snoozed_until:
        return section(msg("warning.snoozed", user=User(alert.answered_by), until=Time(warning.snoozed_until)))
    if warning.crisis is not None:
        return section(msg("warning.during_crisis", channel=Channel(warning.crisis.channel_id)))
    value = str(alert.id)
    return {"type": "actions", "block_id": f"alert-{alert.id}", "elements": [
        _button(ids.OPEN_FROM_ALERT, msg("warning.open_crisis"), value, "danger"),
        _button(ids.FALSE_ALARM, msg("warning.false_alarm_button"), value),
        _button(ids.SNOOZE, msg("warning.snooze"), value),
    ]}


def _button(action_id: str, label: Msg, value: str, style: str | None = None) -> dict[str, Any]:
    button = {"type": "button", "action_id": action_id, "value": value,
              "text": {"type": "plain_text", "text": plain(label)}}
    if style:
        button["style"] = style
    return button


def monitor_update(picture: TermPicture) -> dict[str, Any]:
    now = picture.now
    share = "–" if now.negative_share is None else f"{now.negative_share:.0%}"
    text = msg("update.numbers", term=picture.term, mentions=now.mentions, share=share, score=now.score,
               band=msg(f"band.{now.band}"))
    return {"text": slack_text(text), "blocks": [section(text)]}


def chart_title(picture: TermPicture) -> str:
    return plain(msg("chart.title", term=picture.term))


def warning_chart(warning: SpikeWarning) -> bytes:
    return charts.spike_chart(warning.picture.buckets, _band(warning.picture), warning.alert.started_at,
                              chart_title(warning.picture), labels=_labels(), bucket_minutes=_minutes(warning.picture))


def pulse_chart(picture: TermPicture) -> bytes:
    return charts.pulse_chart(picture.buckets, picture.hours, chart_title(picture), baseline=_band(picture),
                              labels=_labels(), bucket_minutes=_minutes(picture))


def pulse_message(picture: TermPicture) -> dict[str, Any]:
    now = picture.now
    text = msg("pulse.summary", term=picture.term, score=now.score, band=msg(f"band.{now.band}"),
               mentions=sum(b.count for b in picture.buckets))
    return {"text": slack_text(text), "blocks": [section(text)]}


def _band(picture: TermPicture) -> list[tuple]:
    return [(p.start, p.expected, p.low, p.high) for p in picture.band]


def _minutes(picture: TermPicture) -> int:
    if len(picture.buckets) >= 2:
        return int((picture.buckets[1].start - picture.buckets[0].start).total_seconds() // 60)
    return 5


def _labels() -> charts.Labels:
    return charts.Labels(volume=plain(msg("chart.volume")), share=plain(msg("chart.share")),
                         score=plain(msg("chart.score")), time=plain(msg("chart.time")))
