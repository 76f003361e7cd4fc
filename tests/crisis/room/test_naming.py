"""Crisis channel names and titles: Slack's naming rules, trimming, and a suffix when a name is taken."""
import re
from datetime import datetime, timezone

import pytest

from crisis.errors import BadInput
from crisis.room.rules import MAX_TITLE, channel_name, clean_title

WHEN = datetime(2026, 11, 25, tzinfo=timezone.utc)
SLACK_NAME = re.compile(r"^[a-z0-9_-]{1,80}$")


@pytest.mark.parametrize("title", ["Offensive ad video", "x" * 10_000, "<!channel> & <@U123>", "🔥🔥🔥",
                                   "שלום עולם", "Café — “quotes”", "a\u202eevil\u202c name"])
def test_channel_names_follow_slacks_rules(title):
    for attempt in (1, 2, 17):
        name = channel_name("crisis", WHEN, title, attempt)
        assert SLACK_NAME.match(name), name
        assert name.startswith("crisis-20261125-")
        assert name.endswith(f"-{attempt}") == (attempt > 1)


def test_channel_name_slug():
    assert channel_name("crisis", WHEN, "Offensive Ad: Video!") == "crisis-20261125-offensive-ad-video"
    assert channel_name("crisis", WHEN, "🔥🔥") == "crisis-20261125-untitled"


def test_titles_are_trimmed_with_a_flag_and_empty_is_refused():
    title, trimmed = clean_title("  a\tb \n c ")
    assert (title, trimmed) == ("a b c", False)
    long_title, trimmed = clean_title("y" * 10_000)
    assert trimmed and len(long_title) == MAX_TITLE and long_title.endswith("…")
    with pytest.raises(BadInput):
        clean_title("   \u200b ")
