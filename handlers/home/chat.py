"""The Home tab's slice of the Slack chat (crisis.home.ports.HomeTabs): a neutral view published as the person's
App Home (views.publish), in their Slack language, with each watched term's chart as an image of a file the bot
uploaded (no channel: an image block names it by `slack_file`), drawn again at most once an hour."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from crisis.monitor.views import Chart
from crisis.views import Card
from handlers.block_kit import message, plain, plain_text
from handlers.slack_client import CALL_ERRORS, chat_failure
from reports.charts import monitor_chart

log = logging.getLogger(__name__)

MAX_HOME_BLOCKS = 100
"""Slack's limit for a Home tab."""


class SlackHomeTabs:
    """Mixed into SlackChat: uses its client, calls (`_call`, every failure a ChatFailure) and the reader's voice
    (`_voice`). `home_charts`: per chart title (in the reader's language), the hour it was drawn for and its file."""

    home_charts: dict[str, tuple[datetime, str]]

    def show_home(self, user_id: str, card: Card, charts: Sequence[Chart] = ()) -> None:
        with self._voice(user_id):  # type: ignore[attr-defined]
            blocks = message(card)["blocks"] + [image for c in charts if (image := self._chart_image(c))]
        view = {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}
        self._call("views.publish", user_id=user_id, view=view)  # type: ignore[attr-defined]

    def _chart_image(self, chart: Chart) -> dict[str, Any] | None:
        """The chart's image block; a failed upload loses only the image (the trend is in the text too)."""
        title, hour = plain(chart.title), chart.picture.now.window_end.replace(minute=0, second=0, microsecond=0)
        drawn = self.home_charts.get(title)
        if drawn is None or drawn[0] != hour:
            client = self.client  # type: ignore[attr-defined]
            try:
                sent = client.files_upload_v2(file=monitor_chart(chart), filename="reputation.png", title=title)
            except CALL_ERRORS as error:
                log.warning("Home chart upload failed: %s", chat_failure(error).reason)
                return None
            drawn = self.home_charts[title] = (hour, sent["files"][0]["id"])
        return {"type": "image", "slack_file": {"id": drawn[1]}, "alt_text": title, "title": plain_text(chart.title)}
