"""The label menu of a warning's example mentions: each choice's value is a short key of the stored mention (a news
article's id is its URL, longer than the 150 characters Slack keeps), read back to the mention it names."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import BadInput, NotAuthorised, UnknownCrisis
from crisis.monitor import label_menu, services
from crisis.monitor.services import Monitor
from crisis.monitor.views import spike_warning
from crisis.views import Example
from tests.crisis.fakes import FakeClock, FakeScorer
from tests.crisis.monitor.spike_plan import NOW
from tests.crisis.monitor.stream import mention

ARTICLE = "https://www.example-news.com/business/2026/11/25/" + "acme-loses-thousands-of-bags-at-its-hub-" * 4 + "1"


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def warning(spiked, ports, chat):
    services.post_alerts(ports=ports)
    return chat.named("post_spike_warning")[0][2]


def menu(warning, *examples):
    """Each example's (author, {label: value}) as the warning shows them."""
    card = spike_warning(replace(warning, examples=examples) if examples else warning)
    return [(part.author, {value.split("|")[0]: value for value in (c.value for c in part.choices)})
            for part in card.parts if isinstance(part, Example)]


def labels(ports):
    with ports.uow() as uow:
        return [(m.source, m.source_id, label) for m, label in uow.labels.export()]


def test_a_long_id_is_labelled_through_a_short_value(warning, ports):
    at = NOW - timedelta(minutes=3)
    article = replace(mention(ARTICLE, at, "acme loses bags"), source="rss:www.example-news.com", author="News")
    twin = replace(article, source_id=ARTICLE + "2", author="Twin")  # the same second, another article
    services.ingest("push", [article, twin], monitor=Monitor(ports, {}, FakeScorer()))
    [(_, choices), (_, twin_choices)] = menu(warning, article, twin)
    assert all(len(value) <= 60 for value in [*choices.values(), *twin_choices.values()])
    assert label_menu.label_example(choices["neutral"], user="ULEAD", ports=ports) == "neutral"
    assert labels(ports) == [("rss:www.example-news.com", ARTICLE, "neutral")]


def test_every_example_of_a_posted_warning_can_be_labelled(warning, ports):
    shown = menu(warning)
    assert shown
    for _, choices in shown:
        label_menu.label_example(choices["negative"], user="ULEAD", ports=ports)
    assert len(labels(ports)) == len(shown) and {label for *_, label in labels(ports)} == {"negative"}


def test_a_value_of_a_warning_posted_before_the_keys_still_works(spiked, ports):
    with ports.uow() as uow:
        stored = uow.mentions.recent("acme", NOW - timedelta(hours=1), NOW, 1)[0]
    label_menu.label_example(f"positive|mastodon|{stored.source_id}", user="ULEAD", ports=ports)
    assert labels(ports) == [("mastodon", stored.source_id, "positive")]


@pytest.mark.parametrize("value", ["", "negative", "negative|", "negative|mastodon", "furious|@1.0123456789abcdef"])
def test_a_malformed_value_is_refused(spiked, ports, value):
    with pytest.raises((BadInput, UnknownCrisis)):
        label_menu.label_example(value, user="ULEAD", ports=ports)
    assert labels(ports) == []


def test_a_key_of_no_stored_mention_is_unknown_and_outsiders_are_refused_first(warning, ports):
    [(_, choices), *_] = menu(warning)
    gone = choices["negative"][:-4] + "0000"
    with pytest.raises(UnknownCrisis):
        label_menu.label_example(gone, user="ULEAD", ports=ports)
    with pytest.raises(NotAuthorised):
        label_menu.label_example(gone, user="UOUTSIDER", ports=ports)
    assert labels(ports) == []
