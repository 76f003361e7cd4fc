"""Out-of-the-box sentiment: complaint rules, language handling, cleaning and bad input."""

import time

import pytest

from crisis.monitor.complaint_rules import find_cues
from crisis.monitor.mention_text import MAX_SCORED_CHARS, clean, looks_english, prepare
from crisis.monitor.sentiment import (
    CrisisScorer,
    PlainVaderScorer,
    Sentiment,
    SentimentCache,
    label_for,
)

crisis = CrisisScorer()
plain = PlainVaderScorer()

NEGATIVE = [
    "@airline my flight was cancelled and nobody answers the phone",
    "@shop thanks for nothing",
    "@shopco my order never arrived and I've been on hold for 2 hours",
    "@bank you charged me twice and I still have no refund",
    "Worst customer service ever. Never again @telco",
    "@courier great job losing my package again",
    "I'm done with @telco, switching providers next month",
    "@appco why is the app down again??",
    "@pizzaplace delivery is 90 minutes late 😡",
    "@hotel please help, my luggage is lost and the front desk hung up on me",
    "So much for 'customer first' @retailer",
    "Boycott @brand until they fix this",
    "@gym cancel my membership, I've been trying for weeks",
    "@carrier stuck on the tarmac for 3 hours with no updates",
]
NEUTRAL = [
    "@shop can I change the delivery address on my order?",
    "What time does the @store open on Sunday?",
    "@airline please DM me the booking reference form",
    "@brand opens a new store in Boston next week https://example.com/news",
    "@bank do you have a branch near the airport?",
]
POSITIVE = [
    "Thank you @shop, the support team was amazing!",
    "Can't wait for my trip with @airline next week!",
    "Great service today @cafe, thanks so much 👍",
    "@courier delivery came early, love it",
    "@hotel the staff went above and beyond for us",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_complaints_are_negative(text):
    assert crisis.score(text).label == "negative"


@pytest.mark.parametrize("text", NEUTRAL)
def test_questions_requests_and_news_are_neutral(text):
    assert crisis.score(text).label == "neutral"


@pytest.mark.parametrize("text", POSITIVE)
def test_praise_is_positive(text):
    assert crisis.score(text).label == "positive"


def test_plain_vader_misses_what_the_rules_catch():
    # Politeness and sarcasm read as praise to a general lexicon: the reason for the crisis tier.
    for text in ("@shop thanks for nothing", "@hotel please help, my luggage is lost and the front desk hung up on me"):
        assert plain.score(text).label == "positive"
        assert crisis.score(text).label == "negative"


def test_plain_vader_uses_vader_thresholds():
    assert plain.score("I love it").label == "positive"
    assert plain.score("This is terrible").label == "negative"
    assert plain.score("The store opens at nine").label == "neutral"
    assert label_for(0.05) == "positive" and label_for(-0.05) == "negative" and label_for(0.0) == "neutral"


def test_a_brand_handle_is_not_a_word():
    # VADER rates "united" positive; the handle of the brand must not move the score.
    assert crisis.score("@united my bag is lost") == crisis.score("my bag is lost")


def test_the_brands_own_name_is_not_sentiment():
    # "Best" and "Trust" are praise to VADER, but not in "Best Trust Bank" mentions.
    text = "Best Trust Bank opens a branch on Main Street"
    assert crisis.score(text).label == "positive"
    assert CrisisScorer(brand_terms=["Best Trust Bank"]).score(text).label == "neutral"


def test_no_problem_and_on_time_are_not_complaints():
    assert find_cues("no problem at all, we landed on time").complaints == ()
    assert crisis.score("No problem at all, the parcel arrived on time. Thanks!").label == "positive"


def test_cues_name_the_kind_of_complaint():
    cues = find_cues("my flight was cancelled and nobody answers, on hold for 2 hours")
    assert {"cancellation", "no_response", "unreachable", "time_lost"} <= set(cues.complaints)
    assert cues.complaint_valence < 0
    assert find_cues("thanks for nothing").sarcasm
    assert find_cues("can I change my seat?").question


def test_compound_stays_in_range_and_matches_label():
    for text in NEGATIVE + NEUTRAL + POSITIVE + ["WORST!!! " * 50, "love love love " * 40]:
        sentiment = crisis.score(text)
        assert -1.0 <= sentiment.compound <= 1.0
        assert sentiment.label in ("negative", "neutral", "positive")


@pytest.mark.parametrize(
    "text,language",
    [
        ("Mi vuelo fue cancelado y nadie me ayuda, esto es una vergüenza", None),
        ("Mon vol est annulé et personne ne répond, c'est une honte", None),
        ("Mein Flug wurde gestrichen und niemand hilft mir, das ist nicht ok", None),
        ("フライトがキャンセルされました。最悪です", None),
        ("Мой рейс отменили, ужасный сервис", None),
        ("رحلتي ألغيت ولا أحد يرد", None),
        ("My flight was cancelled and nobody answers", "es"),
        ("My flight was cancelled and nobody answers", "pt-BR"),
    ],
)
def test_other_languages_are_unscored_not_neutral(text, language):
    assert crisis.score(text, language) == Sentiment(None, "unscored")
    assert plain.score(text, language).label == "unscored"


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US", "und", "", None])
def test_english_or_unknown_language_is_scored(language):
    assert crisis.score("My flight was cancelled and nobody answers", language).label == "negative"


def test_english_with_a_foreign_word_is_still_english():
    assert looks_english("Gracias for the upgrade, the crew was great")
    assert crisis.score("Gracias @airline for the upgrade, the crew was great!").label == "positive"


def test_score_many_matches_score_and_checks_languages():
    texts = NEGATIVE[:3] + ["Mi vuelo fue cancelado y nadie me ayuda"]
    assert crisis.score_many(texts) == [crisis.score(text) for text in texts]
    assert crisis.score_many(texts[:2], ["en", "fr"])[1].label == "unscored"
    with pytest.raises(ValueError):
        crisis.score_many(texts, ["en"])


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "@brand", "https://example.com/x", "<div></div>", "&nbsp;", "\u200b\ufeff"],
)
def test_mentions_without_words_are_unscored(text):
    assert crisis.score(text).label == "unscored"
    assert plain.score(text).label == "unscored"


@pytest.mark.parametrize(
    "text,language,reason",
    [
        ("", None, "empty"),
        ("\x00\x01\x02\x03\x04", None, "binary"),
        ("Mi vuelo fue cancelado y nadie me ayuda", None, "language"),
        ("my flight was cancelled", "fr", "language"),
        ("my flight was cancelled", None, None),
    ],
)
def test_prepare_says_why_a_text_is_not_scored(text, language, reason):
    assert prepare(text, language).unscored_reason == reason


def test_binary_text_is_unscored():
    binary = bytes(range(256)).decode("latin-1") * 20
    assert crisis.score(binary).label == "unscored"
    assert crisis.score("\x00\x01\x02\x03garbage\x04\x05\x06\x07\x08").label == "unscored"


def test_huge_text_is_truncated_and_scored_fast():
    huge = "my order never arrived and nobody answers. " * 2500  # about 100 KB
    started = time.perf_counter()
    sentiment = crisis.score(huge)
    assert time.perf_counter() - started < 1.0
    assert sentiment.label == "negative"
    assert len(prepare(huge).text) <= MAX_SCORED_CHARS
    assert plain.score(huge).label in ("negative", "neutral", "positive")


def test_html_laden_text_is_cleaned_before_scoring():
    html = (
        "<html><head><style>p {color: red}</style><script>var great = 1;</script></head>"
        "<body><p>Worst service &amp; <b>no refund</b> after 3 weeks</p></body></html>"
    )
    assert clean(html) == "Worst service & no refund after 3 weeks"
    assert crisis.score(html).label == "negative"


def test_cleaning_drops_links_handles_and_splits_hashtags():
    assert clean("RT @brand: so #BadCustomerService http://t.co/x &amp; www.x.com/y") == (
        "so Bad Customer Service &"
    )


@pytest.mark.parametrize(
    "text,label",
    [("😡😡😡", "negative"), ("💔", "negative"), ("👍👍", "positive"), ("😍", "positive"), ("✈️", "neutral")],
)
def test_emoji_only_mentions_are_scored_by_their_emoji(text, label):
    assert crisis.score(text).label == label


def test_non_string_input_does_not_crash():
    assert crisis.score(None).label == "unscored"  # type: ignore[arg-type]
    assert crisis.score(12345).label == "neutral"  # type: ignore[arg-type]
    assert plain.score(12345).label == "neutral"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("still waiting for someone to call me back", "delay"),
        ("the website is down and I keep getting blank pages", "not_working"),
        ("they wouldn't let us board", "stranded"),
        ("I was penalized for changing my booking, you owe me", "money"),
        ("three days and still no refund, it's been on phone hold forever", "unreachable"),
        ("sent two emails to no avail", "no_response"),
        ("you guys need to fix this", "expectation"),
        ("I used to love this store", "leaving"),
        ("the rep had a real attitude", "verdict"),
        ("my order didn't ship", "negated"),
    ],
)
def test_general_complaint_cues(text, kind):
    assert kind in find_cues(clean(text)).complaints


@pytest.mark.parametrize(
    "text",
    [
        "@shop will my order be delayed by the storm?",
        "@bank can I get a refund if I cancel the card?",
        "@airline any chance the 6am flight gets cancelled tomorrow?",
    ],
)
def test_questions_about_a_possible_problem_ask_rather_than_complain(text):
    cues = find_cues(clean(text))
    assert cues.inquiry and cues.complaints
    assert crisis.score(text).label == "neutral"


def test_an_inquiry_with_a_verdict_is_still_a_complaint():
    cues = find_cues(clean("will my flight be delayed again? worst airline ever"))
    assert not cues.inquiry
    assert crisis.score("will my flight be delayed again? worst airline ever").label == "negative"


def test_cached_sentiment_is_the_uncached_one():
    texts = NEGATIVE + NEUTRAL + POSITIVE + ["Mi vuelo fue cancelado y nadie me ayuda", "", None]
    texts += ["RT @someone: " + NEGATIVE[0], NEGATIVE[0] + " https://t.co/x", "x" * 5_000]
    languages = [None] * (len(texts) - 1) + ["en"]
    scorer = CrisisScorer()
    first = scorer.score_many(texts * 2, languages * 2)  # the second half comes from the cache
    assert first[: len(texts)] == first[len(texts) :]
    assert first[: len(texts)] == [CrisisScorer().score(t, lang) for t, lang in zip(texts, languages)]
    assert first[0] is first[len(texts) - 3]  # a retweet of a text is found by its cleaned text


def test_a_full_cache_starts_over():
    cache = SentimentCache(size=2)
    scorer = CrisisScorer(cache=cache)
    assert scorer.score_many(NEGATIVE[:5]) == [CrisisScorer().score(text) for text in NEGATIVE[:5]]
    assert len(cache._entries) <= 2


@pytest.mark.parametrize(
    "text",
    [
        "@courier can you explain why my parcel was delayed and then returned to sender?",
        "@bank any update on why the app won't load and my new card is missing?",
    ],
)
def test_a_question_naming_two_kinds_of_trouble_is_a_complaint(text):
    cues = find_cues(clean(text))
    assert len(cues.complaints) >= 2 and not cues.inquiry
    assert crisis.score(text).label == "negative"


def test_delays_cancellations_and_money_asked_about_are_one_topic():
    cues = find_cues(clean("any update on whether the refund is still pending after I cancelled?"))
    assert {"delay", "cancellation", "money"} <= set(cues.complaints) and cues.inquiry


@pytest.mark.parametrize(
    "text",
    [
        "@telco got the same canned response again, I give up",
        "@hotel the towels were soaking and there were roaches in the bathroom",
        "@shop no idea where my order is, left several messages",
        "@bank what is the reason for this charge? the staff were less than helpful",
        "@appco can you fix the login page :(",
        "@courier thanks for the third missed delivery",
        "@gym oh wait, the showers are broken again",
        "@telco had to rebook the engineer visit myself",
        "@airline nice to know how much you value our loyalty",
        "@bank your paying customers deserve better than this",
        "@shop ever heard of packing tape? Real nice of you",
    ],
)
def test_more_general_complaint_patterns(text):
    assert crisis.score(text).label == "negative"


def test_praise_that_mentions_problems_is_not_a_complaint():
    assert find_cues(clean("this store never lets me down, never had an issue")).complaints == ()
    assert crisis.score("@shop never lets me down, never had an issue. Thanks!").label == "positive"
