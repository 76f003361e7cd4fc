"""Statement rules without storage: new drafts, templates and their placeholders, bad drafts, and counting a
draft's length as each platform does."""
from datetime import datetime, timedelta, timezone

import pytest

from crisis.errors import BadInput, IllegalTransition
from crisis.i18n import render
from crisis.room.model import CrisisStatus
from crisis.statements import length
from crisis.statements import rules as st
from crisis.statements.model import StatementState
from tests.crisis.statements.drafting import T0, draft, make_crisis, make_plan

# --- drafts and templates --------------------------------------------------------------------------

def test_new_draft_is_pending_version_one_by_its_author():
    s = draft(deadline=T0 + timedelta(hours=1))
    assert (s.state, s.current.number, s.current.author, s.target, s.crisis_id) == \
        (StatementState.PENDING, 1, "USOCIAL", "x", 7)
    assert s.deadline == T0 + timedelta(hours=1)


def test_template_placeholders_are_filled_from_the_crisis():
    text = st.fill_template(make_plan().statements.template("holding"), make_crisis(), make_plan())
    assert text == ("Acme is aware of the Offensive post (Offensive ad video, SEV2) since 2026-11-25 09:00 UTC. "
                    "More soon. {not_a_field")


def test_started_is_written_in_utc():
    crisis = make_crisis()
    crisis.opened_at = datetime(2026, 11, 25, 13, 30, tzinfo=timezone(timedelta(hours=2)))
    assert st.fill_template("{started}", crisis, make_plan()) == "2026-11-25 11:30 UTC"


def test_a_draft_from_a_template_takes_its_filled_text_unless_text_was_written():
    assert draft(text="", template="holding").current.text.startswith("Acme is aware of the Offensive post")
    assert draft(text="Own words", template="holding").current.text == "Own words"


@pytest.mark.parametrize("kw,field,key", [
    ({"text": "   "}, "text", "error.statement_text_required"),
    ({"text": "x" * (st.MAX_TEXT + 1), "target": "press"}, "text", "error.statement_too_long"),
    ({"target": "myspace"}, "target", "error.statement_unknown_target"),
    ({"template": "nope"}, "template", "error.statement_unknown_template"),
    ({"deadline": T0}, "deadline", "error.statement_deadline_past"),
    ({"deadline": T0 - timedelta(minutes=1)}, "deadline", "error.statement_deadline_past"),
])
def test_bad_drafts_name_the_field(kw, field, key):
    with pytest.raises(BadInput) as caught:
        draft(**kw)
    assert (caught.value.field, caught.value.key) == (field, key)
    render(st.msg(caught.value.key, **caught.value.params))  # every parameter the text needs is there


def test_no_drafts_in_a_closed_crisis():
    crisis = make_crisis()
    crisis.status = CrisisStatus.CLOSED
    with pytest.raises(IllegalTransition):
        draft(crisis)


def test_over_limit_draft_is_kept_and_shown():
    s = draft(text="a" * 281)
    assert length.length_check(s, make_plan()) == (281, 280, True)
    assert length.length_check(draft(text="a" * 280), make_plan()) == (280, 280, False)
    assert length.length_check(draft(text="a" * 5000, target="press"), make_plan()) == (5000, None, False)


# --- counting like the platforms -------------------------------------------------------------------

@pytest.mark.parametrize("text,count", [
    ("Read https://acme.example/a/very/long/path/that/goes/on/and/on/for/ever?x=1", 5 + 23),
    ("see x.co/a and http://t.co", 4 + 23 + 5 + 23),
    ("Details: acme.com.", 9 + 23 + 1),
    ("(https://acme.com/sorry)", 1 + 23 + 1),
    ("mail press@acme.com", 19),  # an address is no link
    ("Hi.Im here", 10),  # a country-code domain without a path is no link
    ("We are sorry", 12),
    ("日本語", 6),  # CJK counts double
    ("ok 👍🏽", 3 + 2),  # an emoji with skin tone counts 2
    ("👨‍👩‍👧", 2),  # a ZWJ family is one emoji
    ("🇩🇪", 2),  # a flag
    ("café", 4),  # NFC: e + combining accent is one character
])
def test_x_counts_links_as_23_and_weighs_characters(text, count):
    assert length.count_characters(text.replace("café", "cafe\u0301"), "x") == count


def test_a_long_link_does_not_push_an_x_post_over_the_limit():
    text = "a" * 250 + " https://acme.example/" + "p" * 200
    s = draft(text=text)
    assert length.length_check(s, make_plan()) == (250 + 1 + 23, 280, False)
    assert length.count_characters(text, "instagram") == len(text)


def test_mastodon_counts_links_as_23_and_remote_mentions_by_their_name():
    assert length.count_characters("@acme@mastodon.social https://acme.example/" + "p" * 100, "mastodon") == 5 + 1 + 23


def test_mastodon_leaves_a_full_stop_or_closing_bracket_after_a_link_out_of_it_as_x_does():
    for text, count in (("See https://acme.example/status.", 4 + 23 + 1), ("(see https://acme.example/status)", 29)):
        assert length.count_characters(text, "mastodon") == length.count_characters(text, "x") == count
