"""The social platforms of `crisisbot demo`, started by the demo itself on loopback: a fake Mastodon instance (the
brand's statuses, its scheduled statuses, the search that finds other instances' posts) and a fake Bluesky PDS; the
plan's statement targets that point at them (one per account and the group target that publishes to both), the
tokens they take (only in the demo's own environment mapping, never the process's) and what the fakes hold."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sandbox.platforms.bluesky import FakeBluesky
from sandbox.platforms.mastodon_statuses import FakeMastodonInstance

MASTODON_TOKEN_ENV = "DEMO_MASTODON_TOKEN"
BLUESKY_PASSWORD_ENV = "DEMO_BLUESKY_PASSWORD"
GROUP = "social"
"""The group target the holding statement is drafted for: Slack, Mastodon and Bluesky at once."""


@dataclass
class DemoPlatforms:
    mastodon: FakeMastodonInstance
    bluesky: FakeBluesky

    @classmethod
    def start(cls) -> DemoPlatforms:
        mastodon = FakeMastodonInstance().start()
        try:
            return cls(mastodon, FakeBluesky().start())
        except BaseException:
            mastodon.stop()
            raise

    def stop(self) -> None:
        self.mastodon.stop()
        self.bluesky.stop()

    @property
    def tokens(self) -> dict[str, str]:
        """The environment the demo's bot reads its platform secrets from (the plan names only the variables)."""
        return {MASTODON_TOKEN_ENV: self.mastodon.token, BLUESKY_PASSWORD_ENV: self.bluesky.token}

    def statements(self, group_name: str) -> dict[str, Any]:
        """The plan's `statements` additions: a target per account, the group target over both, and Mastodon's
        scheduled statuses paused at open."""
        return {
            "targets": {
                "mastodon": {"publisher": {"type": "mastodon", "instance": self.mastodon.url,
                                           "token_env": MASTODON_TOKEN_ENV}},
                "bluesky": {"publisher": {"type": "bluesky", "handle": self.bluesky.handle,
                                          "service": self.bluesky.url, "token_env": BLUESKY_PASSWORD_ENV}},
                GROUP: {"name": group_name, "includes": ["mastodon", "bluesky"]}},
            "scheduled_posts": {"targets": ["mastodon"]}}

    def post(self, text: str, at: datetime, author: str = "@acme") -> str:
        """A status posted at `at` by the brand's account (or by `author`, someone else on its instance); its link."""
        return self.mastodon.add_status(text, acct=author.lstrip("@"), created_at=_iso(at))["url"]

    def schedule(self, text: str, at: datetime) -> dict[str, Any]:
        """A status the social team scheduled on Mastodon for `at`."""
        return self.mastodon.add_scheduled(text, _iso(at))

    def federate(self, url: str, text: str, author: str, at: datetime) -> None:
        """Another instance's post (a mention the monitor read) as the brand's instance finds it by its link."""
        self.mastodon.add_remote(url, text, author.lstrip("@"), created_at=_iso(at))

    def replies(self) -> list[dict[str, Any]]:
        """The brand's statuses that answer someone's post."""
        return [s for s in self.mastodon.statuses if s.get("in_reply_to_id")]


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
