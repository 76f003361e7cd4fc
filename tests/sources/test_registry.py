"""build_sources: one adapter per polled source of the plan; webhook sources are left to the HTTP server."""
import pytest

from crisis.errors import PlanError
from crisis.plan import MonitorPlan
from sources.bluesky import BlueskySource
from sources.file_replay import FileReplaySource
from sources.mastodon import MastodonSource
from sources.registry import build_sources
from sources.rss import RssSource
from tests.sources.helpers import NOW, source_config


def test_every_polled_kind_gets_its_adapter(tmp_path):
    (tmp_path / "demo.csv").write_text("created_at,text\n2024-11-04T09:00,acme is down\n")
    monitor = MonitorPlan(terms=("acme",), sources=(
        source_config("file", name="demo", path="demo.csv"),
        source_config("rss", name="press", url="https://news.example/feed"),
        source_config("mastodon", name="toots", instance="https://mastodon.example", hashtag="acme"),
        source_config("bluesky", name="sky", query="acme"),
        source_config("webhook", name="listener", token_env="LISTENER_TOKEN"),
    ))
    sources = build_sources(monitor, tmp_path, environ={})
    assert {name: type(source) for name, source in sources.items()} == {
        "demo": FileReplaySource, "press": RssSource, "toots": MastodonSource, "sky": BlueskySource}
    assert all(source.name == name for name, source in sources.items())
    assert [m.text for m in sources["demo"].poll(None, NOW).mentions] == ["acme is down"]


def test_a_bad_option_names_the_source():
    monitor = MonitorPlan(terms=("acme",), sources=(source_config("mastodon", name="toots", instance="mastodon.example",
                                                                  hashtag="acme"),))
    with pytest.raises(PlanError, match=r"^monitor\.sources\.toots\.instance: 'mastodon\.example' is not an http"):
        build_sources(monitor, ".")
