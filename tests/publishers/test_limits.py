"""Per-target limits as the card shows them: counted the way the target's publisher counts (Bluesky graphemes, X
weights), and texts cut into a thread's posts at sentences, words or, at worst, graphemes."""
from crisis.i18n import render
from crisis.room.model import Crisis, CrisisStatus
from crisis.statements.length import count_characters, graphemes, length_check, split_posts
from crisis.statements.views import statement_card
from crisis.views import Notes
from tests.crisis.plans import make_plan
from tests.publishers.statements import AT, approved

BLUESKY = {"type": "bluesky", "handle": "acme.bsky.social", "token_env": "ACME_BSKY_PASSWORD"}


def test_graphemes_keep_marks_emoji_sequences_flags_keycaps_and_hangul_together():
    cases = {"cafe\u0301": 4, "🇳🇱🇧🇪": 2, "👩‍👩‍👧‍👦!": 2, "1️⃣": 1, "👍🏽": 1, "a\r\nb": 3, "한국어": 3,
             "\u1100\u1161\u11a8": 1, "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f": 1}
    assert {text: len(graphemes(text)) for text in cases} == cases
    assert count_characters("👍🏽" * 300, "bluesky") == 300


def test_a_bluesky_target_counts_graphemes_on_the_card_whatever_its_key():
    plan = make_plan(statements={"targets": {"brand_bsky": {"name": "Bluesky (brand)", "publisher": BLUESKY}}})
    assert plan.statements.target("bluesky").limit == 300
    text = "Sorry 🙏🏽 " * 40  # 320 graphemes, 440 code points
    statement = approved(text, target="brand_bsky")
    assert length_check(statement, plan) == (320, 300, True)  # the platform's limit, the platform's count
    plan = make_plan(statements={"targets": {"brand_bsky": {"limit": 900, "publisher": BLUESKY}}})
    assert length_check(statement, plan) == (320, 900, False)  # a thread: allowed by the plan
    plan = make_plan(statements={"targets": {"brand_bsky": {"limit": 300, "publisher": BLUESKY}}})
    crisis = Crisis(id=1, title="Delays", kind="outage", severity="SEV2", status=CrisisStatus.OPEN, opened_at=AT,
                    opened_by="ULEAD", channel_id="C1")
    notes = next(p for p in statement_card(crisis, plan, statement).parts if isinstance(p, Notes))
    assert "320/300 characters: 20 too many" in " ".join(render(m) for m in notes.items)


def test_a_thread_is_cut_after_sentences_then_words_then_graphemes():
    def fits(text):
        return len(graphemes(text)) <= 40

    assert split_posts("One. Two is here. Three is a longer sentence than that.", fits) == [
        "One. Two is here.", "Three is a longer sentence than that."]
    assert split_posts("word " * 20, fits) == ["word word word word word word word word", "word " * 7 + "word",
                                               "word word word word"]
    assert split_posts("👍🏽" * 50, fits) == ["👍🏽" * 40, "👍🏽" * 10]
    assert split_posts("  fits  ", fits) == ["fits"]
