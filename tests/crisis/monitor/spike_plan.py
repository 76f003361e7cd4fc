"""The plan of the monitor's use-case tests (the term "acme", a polled and a pushed source), the time twenty minutes
into its spike, its alerts channel, and the stored alerts."""
from __future__ import annotations

from datetime import timedelta

from tests.crisis.monitor.stream import SPIKE_AT
from tests.crisis.plans import make_plan

NOW = SPIKE_AT + timedelta(minutes=20)
ALERTS = "CBRANDALERTS"


PLAN = make_plan(alerts_channel="#brand-alerts", monitor={
    "terms": ["acme"], "spikes": {"warmup_days": 1}, "crisis_update_every": "30m",
    "sources": [{"name": "feed", "type": "rss", "term": "acme", "url": "https://news.example/rss", "every": "5m"},
                {"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}]})


def alerts(ports):
    with ports.uow() as uow:
        return [uow.alerts.get(i) for i in range(1, 20) if uow.alerts.get(i)]
