"""Neutral views as Adaptive Cards: Action.Execute with the view's action as verb, catalog markup made Teams
Markdown, a person's text shown as typed (no links, mentions or bold smuggled in)."""
from __future__ import annotations

import re

from crisis.i18n import en, msg, nl, voice
from crisis.views import Action, Button, Buttons, Card, Choice, Emphasis, Example, Facts, Link, Text, Title, Words
from teams.cards import CardRenderer, TeamsStyle
from teams.markup import EMOJI, teams_markdown

RENDER = CardRenderer(TeamsStyle({"u1": "Dana [admin](https://evil.example)"}.get))


def test_buttons_are_action_execute_with_the_action_as_verb():
    card = RENDER.card(Card(msg("card.roles"), (Buttons("page", (
        Button(Action.ACKNOWLEDGE_PAGE, msg("page.acknowledge"), "7", Emphasis.PRIMARY),)),)))
    assert card["version"] == "1.5"
    (action,) = card["body"][0]["actions"]
    assert action == {"type": "Action.Execute", "title": "Acknowledge", "verb": "acknowledge_page",
                      "data": {"value": "7"}, "style": "positive"}


def test_a_persons_text_and_name_cannot_make_links_or_bold():
    card = RENDER.card(Card(msg("card.roles"), (Text((Words("**urgent** [click](https://evil.example)"),
                                                      Link("javascript:alert(1)", msg("card.link")))),)))
    words, link = (b["text"] for b in card["body"])
    assert "](" not in words.replace("\\](", "") and words.startswith("\\*\\*urgent")
    assert "javascript" not in link
    title = RENDER.card(Card(msg("card.roles"), (Title(msg("card.opened_by", user=__import__(
        "crisis.i18n", fromlist=["User"]).User("u1"))),)))["body"][0]["text"]
    assert "\\[admin\\](https://evil.example)" in title


def test_catalog_markup_becomes_teams_markdown_and_facts():
    assert teams_markdown(":rotating_light: *Severity*") == "🚨 **Severity**"
    assert teams_markdown("\\*not bold\\*") == "\\*not bold\\*"
    card = RENDER.card(Card(msg("card.roles"), (Facts((msg("card.severity", severity="SEV2"),)),)))
    assert card["body"][0] == {"type": "FactSet", "facts": [{"title": "Severity", "value": "SEV2"}]}


def test_every_emoji_of_the_catalog_reads_as_an_emoji_on_teams():
    named = {name for messages in (en.MESSAGES, nl.MESSAGES) for text in messages.values()
             for name in re.findall(r"(?<!\\):([a-z_0-9+-]+):", text)}
    assert sorted(named - set(EMOJI)) == [], "add them to teams.markup.EMOJI, or Teams shows :name:"


def test_a_url_that_could_end_its_link_is_shown_as_escaped_text_and_a_plain_one_is_a_link():
    forged = "https://social.example/@jane/1) **Acme: refunds at** [acme-refunds.example](https://evil.example/p"
    example = Example("negative", "jane", "a scam", forged, msg("warning.link"), Action.LABEL_MENTION, ())
    for card in (Card(msg("warning.link"), (example,)), Card(msg("card.roles"), (Text((Link(forged, msg(
            "card.link")),)),))):
        text = " ".join(b.get("text", "") for b in RENDER.card(card)["body"])
        assert not re.search(r"(?<!\\)\]\(https://evil", text) and "\\](https://evil" in text
        assert not re.search(r"(?<!\\)\*\*Acme", text) and "\\*\\*Acme" in text
    plain = Example("negative", "jane", "a scam", "https://social.example/@jane/1", msg("warning.link"),
                    Action.LABEL_MENTION, ())
    assert "[open](https://social.example/@jane/1)" in RENDER.card(Card(msg("warning.link"), (plain,)))["body"][1][
        "text"]
    for url in ("https://x.example/a[b]", "https://x.example/a`b", "https://x.example/a\\b"):
        line = RENDER.card(Card(msg("card.roles"), (Text((Link(url, msg("card.link")),)),)))["body"][0]["text"]
        assert f"]({url})" not in line


def test_spike_examples_name_their_label_in_the_readers_language_and_hint_at_teams_buttons():
    choices = (Choice(msg("label.negative"), "negative|k"),)
    card = Card(msg("warning.link"), (Text((msg("warning.examples"),)),
                                      Example("negative", "amy", "awful", "", msg("warning.link"),
                                              Action.LABEL_MENTION, choices),
                                      Example("unscored", "bo", "hm", "", msg("warning.link"),
                                              Action.LABEL_MENTION, choices)))
    hint, first, _, _, second, _, _ = (b.get("text", "") for b in RENDER.card(card)["body"])
    assert "⋯" not in hint and "use the buttons under a mention" in hint
    assert first == "Negative · amy" and second == "Not scored · bo"
    with voice.reader("nl"):
        dutch = [b.get("text", "") for b in RENDER.card(card)["body"]]
    assert "⋯" not in dutch[0] and "knoppen" in dutch[0]
    assert dutch[1] == "Negatief · amy" and dutch[4] == "Niet gescoord · bo"
