"""The polled sources of a crisis plan, built from its `monitor.sources` (webhook sources are push-only)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from crisis.monitor.mentions import MentionSource
from crisis.plan import MonitorPlan
from sources.bluesky import BlueskySource
from sources.file_replay import FileReplaySource
from sources.http import HttpClient
from sources.mastodon import MastodonSource
from sources.rss import RssSource


def build_sources(monitor: MonitorPlan, base_dir: str | Path, *, http: HttpClient | None = None,
                  environ: Mapping[str, str] = os.environ) -> dict[str, MentionSource]:
    """Source name -> adapter; a file path is relative to `base_dir`; a bad option raises PlanError."""
    http = http or HttpClient()
    sources: dict[str, MentionSource] = {}
    for config in monitor.sources:
        if config.kind == "file":
            sources[config.name] = FileReplaySource(config, base_dir)
        elif config.kind == "rss":
            sources[config.name] = RssSource(config, http)
        elif config.kind == "mastodon":
            sources[config.name] = MastodonSource(config, http, environ)
        elif config.kind == "bluesky":
            sources[config.name] = BlueskySource(config, http, environ)
    return sources
