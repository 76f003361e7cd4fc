"""Is this a crisis? The monitor's figures for a term over the last hour (volume against normal, negative share,
reach) held against each severity's triage criteria in the plan: a suggested severity and why, for a person to
decide (`/crisis triage`, the open modal)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from crisis.i18n import Msg, Number, Percent, msg
from crisis.monitor.reputation import smoothed_ratio
from crisis.monitor.services import term_picture, watched_term
from crisis.plan import CrisisPlan, Severity
from crisis.ports import Ports
from crisis.views import Card, Notes, Text, Title


@dataclass(frozen=True)
class Figures:
    term: str
    mentions: int
    volume_ratio: float | None
    """Smoothed as the reputation score's volume pull is (reputation.smoothed_ratio), so a sparse brand whose
    normal bucket is empty still compares; None without a baseline (a term watched too briefly)."""
    negative_share: float | None
    reach: int
    """Distinct authors in the last hour (summed per bucket)."""


@dataclass(frozen=True)
class Suggestion:
    figures: Figures
    severity: str | None
    """The most severe level whose criteria are all met; None: no crisis by the plan's criteria."""
    reasons: tuple[Msg, ...]


def suggest(figures: Figures, severities: tuple[Severity, ...]) -> Suggestion:
    """Severities are tried from SEV1 down; each criterion a severity sets must be met (an unknown figure is not)."""
    for severity in sorted(severities, key=lambda s: s.key):
        criteria = severity.triage
        if criteria is None:
            continue
        checks = [(name, limit, value) for name, limit, value in (
            ("volume", criteria.volume_ratio, figures.volume_ratio),
            ("negative", criteria.negative_share, figures.negative_share),
            ("reach", criteria.reach, figures.reach)) if limit is not None]
        if checks and all(value is not None and value >= limit for _, limit, value in checks):
            reasons = tuple(_reason(name, limit, value) for name, limit, value in checks)
            return Suggestion(figures, severity.key, reasons)
    return Suggestion(figures, None, ())


def _reason(name: str, limit: float, value: float) -> Msg:
    if name == "negative":
        return msg("triage.reason.negative", value=Percent(value), limit=Percent(limit))
    if name == "volume":
        return msg("triage.reason.volume", value=Number(value, 1), limit=Number(limit, 0 if limit == int(limit) else 1))
    return msg("triage.reason.reach", value=Number(value), limit=Number(limit))


def triage(term: str | None, *, ports: Ports) -> Suggestion:
    """The suggestion for a watched term (the plan's first one when none is named)."""
    match = watched_term(term, ports.plan)
    return suggest(figures(ports, match), ports.plan.severities)


def figures(ports: Ports, term: str) -> Figures:
    plan: CrisisPlan = ports.plan
    with ports.uow() as uow:
        picture = term_picture(uow, plan, term, ports.clock.now())
    score = picture.now
    last_hour = [b for b in picture.buckets if b.start >= score.window_end - timedelta(hours=1)]
    ratio = None
    if picture.normal_per_bucket is not None:
        buckets = (score.window_end - score.window_start) / timedelta(minutes=picture.bucket_minutes)
        ratio = smoothed_ratio(score.mentions, picture.normal_per_bucket * buckets)
    return Figures(term, score.mentions, ratio, score.negative_share, sum(b.unique_authors for b in last_hour))


def triage_card(suggestion: Suggestion) -> Card:
    """The figures, the suggestion and why; the decision stays with a person."""
    f = suggestion.figures
    numbers = msg("triage.figures", term=f.term, mentions=Number(f.mentions), reach=Number(f.reach),
                  volume="?" if f.volume_ratio is None else Number(f.volume_ratio, 1),
                  negative="?" if f.negative_share is None else Percent(f.negative_share))
    verdict = (msg("triage.suggested", severity=suggestion.severity) if suggestion.severity
               else msg("triage.no_crisis", term=f.term))
    return Card(verdict, (Title(msg("triage.title")), Text((numbers, verdict, *suggestion.reasons)),
                          Notes((msg("triage.decide"),))))
