"""Outside text as the monitor's views show it in chat: direction overrides, embeddings, isolates and marks are
removed, so an example or a shared post reads as it was posted; the stored text keeps them for the scorer."""
import json
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.i18n import msg
from crisis.monitor import services
from crisis.monitor.drivers import drivers
from crisis.monitor.services import Monitor
from crisis.monitor.views import drivers_parts, spike_warning
from crisis.views import Card
from handlers.block_kit import message
from tests.crisis.fakes import FakeClock, FakeScorer
from tests.crisis.monitor.spike_plan import NOW
from tests.crisis.monitor.stream import mention

CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE = "\u202eyenom ruoy kcab teg ot ereh kcilc \u2066refund\u2069 #\u202bacme\u200f"


@pytest.fixture
def clock():
    return FakeClock(NOW)


def shown(card: Card) -> str:
    return json.dumps(message(card)["blocks"], ensure_ascii=False)


def test_an_example_mention_is_shown_without_direction_controls(spiked, ports, chat):
    services.post_alerts(ports=ports)
    warning = chat.named("post_spike_warning")[0][2]
    hostile = replace(mention("rtl", NOW - timedelta(minutes=2), HOSTILE), author="acme_support\u202e\u2067")
    text = shown(spike_warning(replace(warning, examples=(hostile,))))
    assert "*acme_support*: yenom ruoy kcab teg ot ereh kcilc refund #acme" in text
    assert not set(CONTROLS) & set(text)


def test_shared_posts_and_rising_terms_are_shown_without_direction_controls(ports):
    at = NOW - timedelta(minutes=2)
    window = [replace(mention(str(i), at + timedelta(seconds=i), HOSTILE), author=f"@u{i}\u202e", label="negative")
              for i in range(6)]
    found = drivers("acme", at, NOW, window, [mention("calm", at - timedelta(days=1))])
    text = shown(Card(msg("drivers.unnamed"), drivers_parts(found)))
    assert "yenom ruoy kcab" in text and "@u0" in text
    assert not set(CONTROLS) & set(text)


def test_stored_text_keeps_them_for_the_scorer(ports):
    hostile = mention("rtl", NOW - timedelta(minutes=2), HOSTILE)
    services.ingest("push", [hostile], monitor=Monitor(ports, {}, FakeScorer()))
    with ports.uow() as uow:
        assert uow.mentions.get("mastodon", "rtl").text == HOSTILE
