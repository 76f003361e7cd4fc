"""Numbers people read follow the catalog's language (issue #14 point 1): '1,234' and '12.5%' for an English team,
'1.234' and '12,5%' for a Dutch one; the reader's language wins in what one person sees."""
import pytest

from crisis.i18n import CATALOGS, Number, Percent, format_number, format_percent, msg, render, voice
from crisis.monitor.triage import Figures, Suggestion, triage_card
from crisis.views import Text


@pytest.mark.parametrize("locale,number,share,small", [
    ("en", "1,234,567.5", "12.5%", "0.4%"),
    ("nl", "1.234.567,5", "12,5%", "0,4%"),
])
def test_marks_follow_the_catalog(locale, number, share, small):
    assert format_number(1234567.5, 1, locale) == number
    assert format_percent(0.125, 1, locale) == share
    assert format_percent(0.004, 1, locale) == small


def test_whole_numbers_rounding_and_no_negative_zero():
    assert format_number(1234, locale="nl") == "1.234" and format_number(999, locale="nl") == "999"
    assert format_number(2.96, 1, "en") == "3.0" and format_percent(0.5, locale="nl") == "50%"
    assert format_number(-0.04, 1, "en") == "0.0" and format_number(-1234.5, 1, "nl") == "-1.234,5"


@pytest.mark.parametrize("locale,under_tenth,under_one", [("en", "<0.1%", "<1%"), ("nl", "<0,1%", "<1%")])
def test_a_share_too_small_to_show_is_never_zero(locale, under_tenth, under_one):
    """2 mentions of 6,621 in the week before a spike read '<0.1%', not '0.0%'; only nothing at all is 0%."""
    assert format_percent(2 / 6621, 1, locale) == under_tenth
    assert format_percent(0.003, 0, locale) == under_one
    assert format_percent(0.0005, 1, locale) == ("0.1%" if locale == "en" else "0,1%")
    assert format_percent(0.0, 1, locale) == ("0.0%" if locale == "en" else "0,0%")


def test_every_shipped_catalog_has_its_marks():
    for catalog in CATALOGS.values():
        assert catalog["number.decimal"] != catalog["number.group"]
        assert "{n}" in catalog["number.percent"] and "{n}" in catalog["number.percent_under"]


def test_number_and_percent_parts_render_in_the_voice_of_the_moment():
    line = msg("update.numbers", term="acme", mentions=Number(12345), share=Percent(0.125, 1), score=42,
               band=msg("band.watch"))
    assert "12,345 mentions, 12.5% negative" in render(line, locale="en")
    assert "12.345 vermeldingen, 12,5% negatief" in render(line, locale="nl")
    with voice.reader("nl"):
        assert "12.345 vermeldingen" in render(line)


def test_the_triage_card_writes_its_figures_in_dutch_marks():
    card = triage_card(Suggestion(Figures("acme", 2345, 3.25, 0.615, 1200), None, ()))
    figures = next(part for part in card.parts if isinstance(part, Text)).lines[0]
    assert render(figures, locale="nl").startswith("*acme*, afgelopen uur: 2.345 vermeldingen, 3,2× het normale")
    assert "62% negatief, 1.200 verschillende" in render(figures, locale="nl")
    assert "2,345 mentions, 3.2× the normal volume, 62% negative, 1,200 distinct" in render(figures, locale="en")
