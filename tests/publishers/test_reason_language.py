"""A publisher's own reasons (limits, links, advice) come from the catalog in the team's language; the platform's own
words inside them stay as they came."""
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crisis.errors import PublishFailed
from crisis.i18n import render, voice
from crisis.statements import amendments
from crisis.statements.model import Amendment
from crisis.takedowns.model import PostCopy, Takedown
from crisis.takedowns.ports import PostUnavailable
from crisis.takedowns.rules import removal_failed
from publishers import answers, bluesky, facebook, mastodon, x
from publishers.bluesky_replies import BlueskyReplies
from publishers.mastodon import MastodonPublisher
from publishers.replies import MastodonReplies, XReplies
from sources.http import HttpResponse
from tests.publishers.statements import approved

NOWHERE = "http://127.0.0.1:9"
SINCE = datetime(2026, 11, 25, 14, 5, tzinfo=UTC)


@pytest.fixture
def dutch():
    voice.speak_as_team(voice.Voice("nl"))


def refusal(call) -> str:
    with pytest.raises(PublishFailed) as refused:
        call()
    return refused.value.reason


def test_a_too_long_text_is_refused_in_the_teams_language_before_anything_is_sent(dutch):
    text = "x" * 1_612
    assert refusal(lambda: MastodonPublisher(NOWHERE, "t").publish(approved(text), text)) == \
        "de tekst heeft 1.612 tekens; Mastodon neemt er hoogstens 500"
    assert refusal(lambda: MastodonReplies(NOWHERE, "t").reply("1", text, "k", False, SINCE)) == \
        "de tekst heeft 1.612 tekens; Mastodon neemt er hoogstens 500"
    assert refusal(lambda: XReplies("t", NOWHERE).reply("1", text, "k", False, SINCE)) == \
        "de tekst is langer dan één bericht op X (hoogstens 280 tekens)"
    assert refusal(lambda: BlueskyReplies("acme", "pw", NOWHERE).reply("a/b", text, "k", False, SINCE)) == \
        "de tekst is langer dan één bericht op Bluesky (hoogstens 300 tekens)"


def test_the_same_reason_in_english_for_an_english_team():
    text = "x" * 612
    assert refusal(lambda: MastodonPublisher(NOWHERE, "t").publish(approved(text), text)) == \
        "the text has 612 characters; Mastodon takes at most 500"


@pytest.mark.parametrize("read, platform", [(mastodon.status_id, "Mastodon"), (bluesky.first_key, "Bluesky"),
                                            (facebook.post_id, "Facebook"), (x.post_id, "X")])
def test_a_link_that_names_no_post_is_said_in_the_teams_language(dutch, read, platform):
    assert refusal(lambda: read("https://example.org/about")) == \
        f"geen URL van een bericht op {platform}: https://example.org/about"


def test_a_platforms_answer_keeps_its_words_inside_our_dutch_sentence_and_advice(dutch):
    answer = HttpResponse(401, {}, b"", "https://api.x.com/2/tweets")
    assert answers.failure("X", answer, "Unauthorized").reason == \
        "X antwoordde 401: Unauthorized (controleer het token en de rechten ervan)"
    assert answers.failure("X", HttpResponse(503, {}, b"", "")).reason == "X antwoordde 503"


def test_a_failure_without_words_is_unknown_in_the_teams_language_on_the_takedowns_card(dutch):
    takedown = Takedown(1, "mastodon", "Mastodon social.example", "42", "U1", SINCE, PostCopy("x", "acme", SINCE, "https://social.example/posts/42"))
    removal_failed(takedown, PublishFailed("  "), SINCE)
    assert takedown.error == "onbekend"


class _PublishOnly:
    """A platform whose posts can be published, but not corrected or retracted."""

    def publish(self, statement, text):
        return "1"


def test_a_post_that_cannot_be_removed_or_amended_is_said_in_the_teams_language(dutch):
    assert render(PostUnavailable("not_ours", "posted by @someone").said()) == \
        "het is een bericht van een ander account (posted by @someone)"
    assert render(PostUnavailable("gone").said()) == "het bericht is al weg"
    correction = replace(approved(), amendment=Amendment.CORRECTION)
    assert refusal(lambda: amendments.send(_PublishOnly(), correction, "fixed", "42")) == \
        "dit platform kan een bericht niet corrigeren of intrekken"
