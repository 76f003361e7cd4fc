"""The monitor's views per language (issue #14 point 6): every language is counted (unscored ones too), and the spike
warning, the pulse and the reputation beside them show the split by language where more than one is present."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crisis.i18n import msg, render, voice
from crisis.monitor import services
from crisis.monitor.buckets import tally
from crisis.monitor.drivers import drivers, features
from crisis.monitor.mentions import Mention
from crisis.monitor.reputation import reputation
from crisis.monitor.services import Monitor
from crisis.monitor.views import language_parts, pulse, spike_warning
from crisis.ports import Ports
from crisis.views import Card
from handlers.block_kit import message
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase, FakeScorer
from tests.crisis.monitor.stream import SPIKE_AT, stream
from tests.crisis.plans import make_plan

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
NOW = SPIKE_AT + timedelta(minutes=20)
PLAN = make_plan(alerts_channel="#brand-alerts", monitor={
    "terms": ["acme"], "spikes": {"warmup_days": 1},
    "sources": [{"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}]})


def post(n: int, language: str | None, label: str = "positive") -> Mention:
    return Mention(source="mastodon", source_id=f"m{n}", author=f"@u{n}", text="acme", url="",
                   created_at=T0 + timedelta(seconds=n), language=language, term="acme", feed="push", label=label)


def mixed() -> list[Mention]:
    """8 English (4 negative), 3 Dutch (1 negative, tagged two ways), 2 German (no scorer), 1 of no known language."""
    return ([post(i, "en", "negative" if i < 4 else "positive") for i in range(8)]
            + [post(10, "nl", "negative"), post(11, "nl-BE"), post(12, "NL")]
            + [post(20, "de", "unscored"), post(21, "de-AT", "unscored"), post(30, "und", "unscored")])


def shown(parts) -> str:
    return json.dumps(message(Card(msg("drivers.unnamed"), tuple(parts)))["blocks"], ensure_ascii=False)


def test_every_language_is_counted_unscored_and_unknown_ones_too():
    found = drivers("acme", T0, T0 + timedelta(minutes=5), mixed(), [])
    split = {s.name: s for s in found.languages}
    assert found.mentions == 14 and sum(s.count for s in found.languages) == 14
    assert [s.name for s in found.languages] == ["en", "nl", "de", ""]
    assert (split["en"].count, split["en"].negative_share) == (8, 0.5)
    assert split["nl"].count == 3 and round(split["nl"].negative_share, 4) == round(1 / 3, 4)
    assert (split["de"].count, split["de"].negative_share) == (2, None)  # counted, not scored
    assert split[""].count == 1 and round(split["de"].share, 4) == round(2 / 14, 4)
    assert found.multilingual


def test_the_split_is_shown_with_shares_and_unscored_languages_said_so():
    text = shown(language_parts(drivers("acme", T0, T0 + timedelta(minutes=5), mixed(), [])))
    assert "*By language* since <!date^1795615200^" in text
    assert "• EN: 8 (57%); 50% negative" in text
    assert "• NL: 3 (21%); 33% negative" in text
    assert "• DE: 2 (14%); not scored (no sentiment for this language)" in text
    assert "• language unknown: 1 (7.1%); not scored" in text


def test_one_language_only_shows_no_split():
    english = [post(i, "en") for i in range(5)]
    found = drivers("acme", T0, T0 + timedelta(minutes=5), english, [])
    assert len(found.languages) == 1 and not found.multilingual
    assert language_parts(found) == () and language_parts(None) == ()


def test_beyond_five_languages_the_rest_are_counted_together():
    codes = ["en"] * 6 + ["nl"] * 5 + ["de"] * 4 + ["fr"] * 3 + ["es"] * 2 + ["it", "pt"]
    found = drivers("acme", T0, T0 + timedelta(minutes=5), [post(i, c) for i, c in enumerate(codes)], [])
    text = shown(language_parts(found))
    assert "• ES: 2 (9.1%)" in text and "• 2 other languages: 2 (9.1%)" in text and "IT" not in text


def test_the_split_in_dutch_uses_dutch_words_and_decimal_marks():
    found = drivers("acme", T0, T0 + timedelta(minutes=5), mixed(), [])
    with voice.reader("nl"):
        text = shown(language_parts(found))
    assert "*Per taal* sinds" in text and "• NL: 3 (21%); 33% negatief" in text
    assert "• taal onbekend: 1 (7,1%); geen sentiment" in text


def test_the_reputation_counts_every_language_and_rests_on_the_scored_ones():
    mentions = [post(i, language, label) for i, (language, label) in enumerate(
        [("en", "negative")] * 6 + [("nl", "positive")] * 4 + [("de", "unscored")] * 10)]
    scored = [m.scored(-0.5 if m.label == "negative" else 0.5 if m.label == "positive" else None, m.label)
              for m in mentions]
    everything = reputation(tally(scored, 5), None, T0, T0 + timedelta(hours=1))
    without_german = reputation(tally([m for m in scored if m.language != "de"], 5), None, T0,
                                T0 + timedelta(hours=1))
    assert (everything.mentions, everything.scored_mentions, everything.negative_share) == (20, 10, 0.6)
    assert everything.score == without_german.score  # unscored mentions add volume, not sentiment


def _ports() -> Ports:
    return Ports(plan=PLAN, uow=FakeDatabase(), chat=FakeChat(), clock=FakeClock(NOW))


@pytest.fixture(scope="module")
def wave() -> Ports:
    """The test stream with every third burst mention Dutch and every seventh German (which has no scorer),
    ingested, its spike detected and the warning posted (once per module; the tests only read)."""
    ports = _ports()
    mentions = [replace(m, language="de" if i % 7 == 0 else "nl" if i % 3 == 0 else "en")
                if m.created_at >= SPIKE_AT else m for i, m in enumerate(stream(NOW))]
    services.ingest("push", mentions, monitor=Monitor(ports, {}, FakeScorer()))
    services.detect(ports=ports)
    services.post_alerts(ports=ports)
    return ports


def test_a_spike_warning_about_a_multilingual_wave_shows_the_split_beside_its_numbers(wave):
    warning = wave.chat.named("post_spike_warning")[0][2]
    languages = {s.name: s for s in warning.drivers.languages}
    assert set(languages) == {"en", "nl", "de"} and languages["de"].negative_share is None
    assert sum(s.count for s in languages.values()) == warning.drivers.mentions
    card = spike_warning(warning)
    text = shown(card.parts)
    assert "*By language*" in text and "• DE:" in text and "not scored" in text
    kinds = [type(part).__name__ for part in card.parts]
    assert kinds[:3] == ["Text", "Facts", "Text"]  # the split right under the numbers it breaks down


def test_the_pulse_of_a_mixed_term_shows_the_split_in_the_readers_language_and_marks(wave):
    picture = services.pulse("acme", ports=wave)
    with voice.reader("nl"):
        text = shown(pulse(picture).parts)
        summary = render(pulse(picture).summary)
    assert "*Per taal*" in text and "• DE:" in text and "geen sentiment" in text
    total = sum(b.count for b in picture.buckets)
    assert total > 1000 and f"{total // 1000}.{total % 1000:03d} vermeldingen" in summary


def test_the_pulse_of_an_english_only_term_shows_no_split():
    ports = _ports()
    recent = [m for m in stream(NOW) if m.created_at >= NOW - timedelta(hours=1)]
    services.ingest("push", recent, monitor=Monitor(ports, {}, FakeScorer()))
    text = shown(pulse(services.pulse("acme", ports=ports)).parts)
    assert "What drives it" in text and "*By language*" not in text


def test_dutch_function_words_are_never_drivers():
    found = features("Die reclame van jullie is echt walgelijk, haal het weg", frozenset({"acme"}))
    assert found.terms == {"reclame", "walgelijk", "haal", "weg"}
