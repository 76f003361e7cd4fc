"""What drives a spike, on hand-made mentions: rising terms, hashtags and links with their counts, the split by
platform and source with negative shares, the most shared posts, their views (hostile text stays text), the
stored mentions they are read from, and a backtest's warnings explained."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from crisis.i18n import msg
from crisis.monitor import explain
from crisis.monitor.drivers import drivers, features, normalise_link, risers
from crisis.monitor.mentions import Mention
from crisis.monitor.spikes import SpikeSettings
from crisis.monitor.views import drivers_parts
from crisis.views import Card
from handlers.block_kit import message
from tests.crisis.fakes import FakeDatabase, FakeScorer

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
BEFORE = T0 - timedelta(days=3)


def post(n: int, text: str, at: datetime = T0, *, label: str = "neutral", source: str = "mastodon",
         feed: str = "replay", author: str | None = None) -> Mention:
    return Mention(source=source, source_id=f"{source}-{n}-{at:%H%M%S}", author=author or f"@user{n}", text=text,
                   url=f"https://social.example/{n}", created_at=at + timedelta(seconds=n), term="Acme Air",
                   feed=feed, label=label)


def window_and_baseline() -> tuple[list[Mention], list[Mention]]:
    baseline = ([post(1000 + i, "Coffee with friends on the flight, acme air crew nice") for i in range(200)]
                + [post(1200 + i, "Lost baggage again with acme air") for i in range(2)])
    window = ([post(i, "Acme Air lost my baggage, refund now #RefundNow https://news.example/story/?utm_source=x",
                    label="negative") for i in range(30)]
              + [post(100 + i, "coffee with friends on the flight") for i in range(30)])
    return window, baseline


def found():
    window, baseline = window_and_baseline()
    return drivers("Acme Air", T0, T0 + timedelta(minutes=5), window, baseline)


def test_rising_term_is_found_with_its_counts_and_a_common_one_is_not():
    result = found()
    terms = {r.text: r for r in result.terms}
    assert result.mentions == 60 and result.baseline_mentions == 202
    assert {"baggage", "lost", "refund"} <= set(terms)
    baggage = terms["baggage"]
    assert (baggage.count, baggage.baseline_count) == (30, 2)
    assert baggage.share == 0.5 and round(baggage.baseline_share, 4) == round(2 / 202, 4)
    assert baggage.lift > 10
    # in every baseline mention: its share fell (200/202 -> 30/60), so it drives nothing
    assert not {"coffee", "friends", "flight"} & set(terms)
    # the monitored term's words and its hashtag form are never drivers, nor are stopwords
    assert not {"acme", "air", "acmeair", "with", "now", "my"} & set(terms)


def test_rare_items_do_not_outrank_a_large_rise():
    ranked = risers(Counter({"big": 40, "rare": 3}), 100, Counter({"big": 50}), 1000)
    assert [r.text for r in ranked] == ["big", "rare"]  # "rare" rose more (x120 against x16), "big" by far more
    assert ranked[1].lift > ranked[0].lift
    assert risers(Counter({"x": 2}), 10, Counter(), 100) == ()  # under the minimum count


def test_without_a_baseline_the_most_frequent_items_are_shown_without_a_rise():
    window, _ = window_and_baseline()
    result = drivers("Acme Air", T0, T0, window, [])
    assert result.terms[0].lift is None and result.terms[0].baseline_share is None
    assert result.terms[0].count == 30


def test_links_are_normalised_to_host_and_path_without_tracking():
    assert normalise_link("https://WWW.News.example/story/?utm_source=x&utm_medium=y&id=7#top") == \
        "news.example/story?id=7"
    assert normalise_link("http://news.example/story/),") == "news.example/story"
    assert normalise_link("www.news.example/a?fbclid=1&gclid=2") == "news.example/a"
    assert normalise_link("javascript:alert(1)") == "" and normalise_link("https://") == ""
    assert normalise_link("https://evil.example|click") == "" and normalise_link("https://localhost/x") == ""
    assert normalise_link("https://evil.example/<x|y>`") == "evil.example/%3Cx%7Cy%3E%60"
    links = {r.text: r for r in found().links}
    assert links["news.example/story"].count == 30


def test_hashtags_are_case_folded_and_never_counted_as_terms():
    seen = features("#RefundNow #refundnow #REFUNDNOW #AcmeAir #2024 &#39;x", frozenset({"acme", "air", "acmeair"}))
    assert seen.hashtags == frozenset({"refundnow"})
    assert "refundnow" not in seen.terms
    tags = {r.text: r for r in found().hashtags}
    assert tags["refundnow"].count == 30 and tags["refundnow"].baseline_count == 0


def test_split_by_platform_and_source_with_negative_shares():
    window = ([post(i, "a", label="negative", source="x", feed="search") for i in range(6)]
              + [post(10 + i, "b", label="positive", source="x", feed="search") for i in range(2)]
              + [post(20 + i, "c", label="negative", source="mastodon", feed="replay") for i in range(1)]
              + [post(30 + i, "d", label="unscored", source="mastodon", feed="replay") for i in range(3)])
    baseline = [post(i, "e", source="mastodon") for i in range(4)]
    result = drivers("acme", T0, T0, window, baseline)
    platforms = {s.name: s for s in result.platforms}
    assert [s.name for s in result.platforms] == ["x", "mastodon"]
    assert platforms["x"].count == 8 and platforms["x"].share == 8 / 12 and platforms["x"].negative_share == 0.75
    assert platforms["x"].baseline_share == 0.0 and platforms["mastodon"].baseline_share == 1.0
    assert platforms["mastodon"].negative_share == 1.0  # unscored mentions are left out of the share
    sources = {s.name: s for s in result.sources}
    assert sources["search"].count == 8 and sources["replay"].negative_share == 1.0


def test_a_platform_named_by_a_listening_tool_splits_its_source_by_network():
    listener = [replace(post(i, "a", label="negative", source="webhook:listener"), platform="TikTok") for i in range(3)]
    listener += [replace(post(10 + i, "b", source="webhook:listener"), platform="X") for i in range(2)]
    window = [*listener, post(20, "c", source="mastodon:mastodon.social")]
    result = drivers("acme", T0, T0, window, [replace(post(30, "d", source="webhook:listener"), platform="X")])
    assert [(s.name, s.count, s.negative_share, s.baseline_share) for s in result.platforms] == [
        ("TikTok", 3, 1.0, 0.0), ("X", 2, 0.0, 1.0), ("mastodon:mastodon.social", 1, 0.0, 0.0)]
    shown = json.dumps(message(Card(_summary(), drivers_parts(result)))["blocks"], ensure_ascii=False)
    assert "TikTok: 3 (50%); 100% negative; before 0%" in shown


def test_most_shared_posts_come_first_shown_by_their_earliest_copy():
    window = ([post(i, f"RT @anna: The acme ad is shameful {i} https://t.co/{i}", T0 + timedelta(minutes=1))
               for i in range(5)]
              + [post(50, "The acme ad is shameful", T0, author="@anna")]
              + [post(60 + i, "Queue at acme #" + str(i)) for i in range(3)]
              + [post(70 + i, "Queue at acme", author="@same") for i in range(3)]
              + [post(80, "one of a kind")])
    shared = drivers("acme", T0, T0, window, []).shared
    assert [(p.copies, p.authors) for p in shared] == [(6, 6), (6, 4)]
    assert shared[0].mention.author == "@anna" and shared[0].mention.text == "The acme ad is shameful"


def hostile_drivers():
    text = "<!channel> <https://evil.example|click me> &amp; *bold* `code`"
    window = [post(i, f"#Hacked {text} evilword https://evil.example/a?u=<x>&utm_source=1", label="negative",
                   source="<!here>", feed="<@U123>", author="<!everyone>") for i in range(5)]
    return drivers("acme", T0, T0 + timedelta(minutes=5), window, [post(i, "calm") for i in range(20)])


def test_views_show_every_driver_and_hostile_text_stays_text():
    blocks = message(Card(_summary(), drivers_parts(hostile_drivers())))["blocks"]
    shown = json.dumps(blocks, ensure_ascii=False)
    assert "What drives it" in shown and "*evilword*: 5 (100%); before 0 (0%)" in shown
    assert "*#hacked*" in shown and "`evil.example/a?u=`" in shown and "evil.example|click" not in shown
    assert "*By platform*" in shown and "&lt;!here&gt;: 5 (100%); 100% negative; before 0%" in shown
    assert "&lt;@U123&gt;" in shown and "5 copies by 1 authors" in shown
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<https://evil", "|click me>", "<x>"):
        assert raw not in shown
    assert "<https://social.example/0|open>" in shown  # the post's own link, through link()


def test_no_mentions_show_nothing_and_nothing_risen_says_so():
    assert drivers_parts(None) == () and drivers_parts(drivers("acme", T0, T0, [], [])) == ()
    calm = [post(i, "calm day") for i in range(10)]
    shown = json.dumps(message(Card(_summary(), drivers_parts(drivers("acme", T0, T0, calm, calm))))["blocks"])
    assert "No term, hashtag or link rose" in shown


def test_stored_drivers_read_the_window_and_the_week_before():
    window, baseline = window_and_baseline()
    old = [post(900 + i, "ancient baggage story", T0 - timedelta(days=8)) for i in range(10)]
    with FakeDatabase()() as uow:
        uow.mentions.add([*window, *[replace(m, created_at=BEFORE + (m.created_at - T0)) for m in baseline], *old])
        result = explain.stored_drivers(uow.mentions, "Acme Air", T0, T0 + timedelta(minutes=5))
    assert (result.mentions, result.baseline_mentions) == (60, 202)
    assert "baggage" in {r.text for r in result.terms} and "ancient" not in {r.text for r in result.terms}


def test_a_backtest_explains_each_warning_with_its_spike_window():
    rows = [{"id": f"c{i}", "created_at": (T0 - timedelta(days=2) + timedelta(minutes=5 * (i // 3))).isoformat(),
             "text": "Lovely coffee today", "author": f"@u{i}", "platform": "x"} for i in range(3 * 12 * 48)]
    rows += [{"id": f"s{i}", "created_at": (T0 + timedelta(seconds=5 * i)).isoformat(), "source": "bluesky",
              "text": "Boycott acme, the ad is disgusting #BoycottAcme", "author": f"@a{i}"} for i in range(120)]
    settings = SpikeSettings(bucket_minutes=5, warmup_days=1)
    series, explained = explain.explained_backtest(rows, FakeScorer(), settings, "acme", "file")
    assert series and explained
    warning, result = explained[0]
    assert warning.started_at is not None and result.start == warning.started_at
    assert result.mentions > 0 and {"disgusting"} <= {r.text for r in result.terms}
    assert result.hashtags[0].text == "boycottacme" and result.platforms[0].name == "bluesky"
    assert result.platforms[0].negative_share == 1.0
    record = explain.drivers_record(warning, result)
    assert json.loads(json.dumps(record))["hashtags"][0]["text"] == "boycottacme"
    assert record["timestamp"] == warning.timestamp and record["shared"][0]["copies"] > 1


def _summary():
    return msg("drivers.shared")
