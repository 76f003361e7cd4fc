"""Views of the mention monitor: the spike warning with its answers, its chart, crisis-room numbers, the pulse, and
the split by language where more than one is present; numbers in the reader's marks (Number, Percent)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime

from crisis.i18n import Channel, Msg, Number, Percent, Time, User, msg
from crisis.monitor.drivers import TOP, Drivers, Riser, Slice
from crisis.monitor.mentions import BIDI, Mention, mention_key
from crisis.monitor.model import AlertStatus, SpikeAlert, SpikeWarning
from crisis.monitor.pulse import TermPicture
from crisis.monitor.recordings import is_drill_term
from crisis.views import (
    Action,
    Button,
    Buttons,
    Card,
    Choice,
    Emphasis,
    Example,
    Facts,
    Link,
    Part,
    Text,
)

EXAMPLE_CHARS = 280
ITEM_CHARS = 80
"""A term, hashtag, link or platform name is cut to this in a message (its counts are the whole item's)."""
SHARED_CHARS = 200
LABELS = ("negative", "neutral", "positive")
_TAG = re.compile(r"<[^>]{0,200}>")


@dataclass(frozen=True)
class Chart:
    """A chart of a term's mentions: with `since`, the spike warning's (marked from then); without, the pulse."""

    title: Msg
    picture: TermPicture
    since: datetime | None = None


def spike_warning(warning: SpikeWarning) -> Card:
    alert, picture = warning.alert, warning.picture
    drill = is_drill_term(alert.term)
    headline = msg("replay.warning", warning=_headline(alert)) if drill else _headline(alert)
    parts: list[Part] = [Text((headline,)), Facts(_numbers(alert, picture)), *language_parts(warning.drivers)]
    if alert.spam:
        parts.append(Text((msg("warning.spam"),)))
    if warning.examples:
        parts.append(Text((msg("warning.examples"),)))
        for index, mention in enumerate(warning.examples):
            parts.append(_example(mention, labels=not drill))
            if not drill and mention.url in warning.replyable:
                parts.append(Buttons(f"reply-mention-{index}", (Button(Action.REPLY_MENTION, msg("reply.button"), mention.url),)))
    parts.extend(drivers_parts(warning.drivers))
    parts.append(_answer(warning))
    return Card(headline, tuple(parts))


def warning_chart(warning: SpikeWarning) -> Chart:
    return Chart(chart_title(warning.picture), warning.picture, warning.alert.started_at)


def pulse_chart(picture: TermPicture) -> Chart:
    return Chart(chart_title(picture), picture)


def chart_title(picture: TermPicture) -> Msg:
    return msg("chart.title", term=picture.term)


def _headline(alert: SpikeAlert) -> Msg:
    if alert.kind == "negative_share":
        key = "warning.update_negative" if alert.is_update else "warning.negative"
        return msg(key, term=alert.term, share=Percent(alert.observed), normal=Percent(alert.baseline),
                   since=Time(alert.started_at))
    key = "warning.update_volume" if alert.is_update else "warning.volume"
    return msg(key, term=alert.term, ratio=Number(alert.times_usual, 1), since=Time(alert.started_at))


def crisis_from_alert(alert: SpikeAlert, bucket_minutes: int) -> tuple[Msg, Msg]:
    """The title and description the form to open a crisis from a warning starts with: the warning's numbers."""
    numbers = {"term": alert.term, "ratio": Number(alert.times_usual, 1), "mentions": Number(alert.mentions),
               "minutes": bucket_minutes, "share": _negative_share(alert),
               "score": "–" if alert.reputation is None else alert.reputation}
    return msg("warning.crisis_title", **numbers), msg("warning.crisis_description", **numbers)


def _negative_share(alert: SpikeAlert) -> Percent | str:
    return "–" if alert.negative_share is None else _share(alert.negative_share)


def _numbers(alert: SpikeAlert, picture: TermPicture) -> tuple[Msg, ...]:
    share = _negative_share(alert)
    usual = alert.baseline if alert.kind == "volume" else picture.normal_per_bucket
    normal = "–" if usual is None else Number(usual, 1 if usual < 10 else 0)
    return (
        msg("warning.mentions", n=Number(alert.mentions), normal=normal, minutes=picture.bucket_minutes,
            at=Time(alert.bucket_start)),
        msg("warning.negative_share", share=share),
        msg("warning.reputation", score=picture.now.score, band=msg(f"band.{picture.now.band}")),
        msg("warning.level", level=alert.level),
    )


def _example(mention: Mention, labels: bool = True) -> Example:
    """The mention's text without markup, on one line, cut to EXAMPLE_CHARS; a drill's recorded mentions have no
    label menu (they are no training data)."""
    text = _shown(html.unescape(_TAG.sub(" ", mention.text)), EXAMPLE_CHARS)
    url = mention.url if mention.url.startswith(("http://", "https://")) else ""
    choices = tuple(Choice(msg(f"label.{label}"), f"{label}|{mention_key(mention)}")
                    for label in LABELS) if labels else ()
    author = _shown(mention.author or "?", ITEM_CHARS)
    return Example(mention.label, author, text, url, msg("warning.link"), Action.LABEL_MENTION, choices)


def _answer(warning: SpikeWarning) -> Part:
    alert = warning.alert
    if alert.status is AlertStatus.CRISIS and warning.crisis is not None:
        return Text((msg("warning.in_crisis", user=User(alert.answered_by),
                         channel=Channel(warning.crisis.channel_id)),))
    if alert.status is AlertStatus.FALSE_ALARM:
        return Text((msg("warning.false_alarm", user=User(alert.answered_by), reason=alert.feedback),))
    if alert.status is AlertStatus.SNOOZED and warning.snoozed_until:
        return Text((msg("warning.snoozed", user=User(alert.answered_by), until=Time(warning.snoozed_until)),))
    if warning.crisis is not None:
        return Text((msg("warning.during_crisis", channel=Channel(warning.crisis.channel_id)),))
    value = str(alert.id)
    return Buttons(f"alert-{alert.id}", (
        Button(Action.OPEN_CRISIS_FROM_ALERT, msg("warning.open_crisis"), value, Emphasis.DANGER),
        Button(Action.FALSE_ALARM, msg("warning.false_alarm_button"), value),
        Button(Action.SNOOZE, msg("warning.snooze"), value),
    ))


def monitor_update(picture: TermPicture) -> Msg:
    """The term's numbers, posted in its crisis channel while the crisis is open."""
    now = picture.now
    share = "–" if now.negative_share is None else Percent(now.negative_share)
    return msg("update.numbers", term=picture.term, mentions=Number(now.mentions), share=share, score=now.score,
               band=msg(f"band.{now.band}"))


def pulse_summary(picture: TermPicture) -> Msg:
    now = picture.now
    return msg("pulse.summary", term=picture.term, score=now.score, band=msg(f"band.{now.band}"),
               mentions=Number(sum(b.count for b in picture.buckets)))


def pulse(picture: TermPicture) -> Card:
    """The pulse: the last day's numbers, the last hour's split by language and what drives its mentions."""
    summary = pulse_summary(picture)
    return Card(summary, (Text((summary,)), *language_parts(picture.drivers), *drivers_parts(picture.drivers)))


# --- the split by language ------------------------------------------------------------------------

def language_parts(found: Drivers | None) -> tuple[Part, ...]:
    """Every language of the window (the TOP largest, then the rest together): its mentions, share and negative
    share, or that it was not scored; nothing when the window holds one language only."""
    if found is None or not found.multilingual:
        return ()
    shown, rest = found.languages[:TOP], found.languages[TOP:]
    lines: list[Msg] = [msg("languages.title", since=Time(found.start)), *map(_language, shown)]
    if rest:
        count = sum(part.count for part in rest)
        lines.append(msg("languages.other", n=len(rest), count=Number(count), share=_share(count / found.mentions)))
    return (Text(tuple(lines)),)


def _language(part: Slice) -> Msg:
    language = part.name.upper() if part.name else msg("languages.unknown")
    if part.negative_share is None:
        return msg("languages.unscored", language=language, count=Number(part.count), share=_share(part.share))
    return msg("languages.slice", language=language, count=Number(part.count), share=_share(part.share),
               negative=_share(part.negative_share))


# --- what drives a spike --------------------------------------------------------------------------

def drivers_parts(found: Drivers | None) -> tuple[Part, ...]:
    """Rising terms, hashtags and links (counts now and before), the split by platform and by source with their
    negative shares, and the most shared posts. Every outside string goes as a parameter (escaped by the
    platform), cut to a length, on one line; links are shown as text, never followed."""
    if found is None or not found.mentions:
        return ()
    key = "drivers.title" if found.baseline_mentions else "drivers.title_no_baseline"
    parts: list[Part] = [Text((msg(key, mentions=Number(found.mentions), baseline=Number(found.baseline_mentions),
                                   since=Time(found.start)),))]
    rising = (("drivers.terms", "drivers.as_term", found.terms), ("drivers.hashtags", "drivers.as_hashtag",
              found.hashtags), ("drivers.links", "drivers.as_link", found.links))
    parts += [Text((msg(heading), *(_riser(r, shown) for r in items))) for heading, shown, items in rising if items]
    if len(parts) == 1:
        parts.append(Text((msg("drivers.nothing_rose"),)))
    parts.append(Text((msg("drivers.platforms"), *map(_slice, found.platforms),
                       msg("drivers.sources"), *map(_slice, found.sources))))
    if found.shared:
        lines: list[Msg | Link] = [msg("drivers.shared")]
        for post in found.shared:
            lines.append(msg("drivers.shared_post", copies=Number(post.copies), authors=Number(post.authors),
                             author=_shown(post.mention.author or "?", ITEM_CHARS),
                             text=_shown(html.unescape(_TAG.sub(" ", post.mention.text)), SHARED_CHARS)))
            if post.mention.url.startswith(("http://", "https://")):
                lines.append(Link(post.mention.url, msg("warning.link")))
        parts.append(Text(tuple(lines)))
    return tuple(parts)


def _riser(riser: Riser, shown: str) -> Msg:
    item = msg(shown, text=_shown(riser.text, ITEM_CHARS))
    if riser.lift is None or riser.baseline_share is None:
        return msg("drivers.rise_no_baseline", item=item, count=Number(riser.count), share=_share(riser.share))
    return msg("drivers.rise", item=item, count=Number(riser.count), share=_share(riser.share),
               before=Number(riser.baseline_count), before_share=_share(riser.baseline_share),
               lift=Number(riser.lift, 1))


def _slice(part: Slice) -> Msg:
    name = _shown(part.name, ITEM_CHARS) if part.name.strip() else msg("drivers.unnamed")
    negative = "–" if part.negative_share is None else _share(part.negative_share)
    if part.baseline_share is None:
        return msg("drivers.slice_no_baseline", name=name, count=Number(part.count), share=_share(part.share),
                   negative=negative)
    return msg("drivers.slice", name=name, count=Number(part.count), share=_share(part.share), negative=negative,
               usual=_share(part.baseline_share))


def _share(value: float) -> Percent:
    """A share as people read it: one decimal under 10% (a small share is not 0%), whole percents above."""
    return Percent(value, 1 if 0 < value < 0.1 else 0)


def _shown(text: str, limit: int) -> str:
    """Outside text on one line without direction controls, cut to `limit` characters (with "…")."""
    text = " ".join(BIDI.sub("", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
