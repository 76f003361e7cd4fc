"""The tone check of drafts: each rule in English and Dutch, what it leaves alone (links, handles, hashtags, names,
acronyms), hostile input, and the hints on the card while a statement awaits approval, which never block it."""
import pytest

from crisis.i18n import CATALOGS, Msg, render
from crisis.statements.model import Decision, StatementState
from crisis.statements.tone import APOLOGY_KINDS, SHOWN_LENGTH, ToneHint, ToneRule, check_tone
from crisis.statements.views import statement_card
from crisis.views import Text
from handlers.block_kit import SLACK
from tests.crisis.plans import make_plan
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_services import decide, draft, saved

PLAN = make_plan(organisation="ACME Coffee", monitor={"terms": ["BREWCO"]})
SORRY = {"en": "We are sorry.", "nl": "Het spijt ons."}


def hints(text, kind="outage"):
    return check_tone(text, kind=kind, plan=PLAN)


def found(text, rule, kind="outage"):
    """The words `rule` finds in `text`, or None when it finds nothing."""
    return next((hint.found for hint in hints(text, kind) if hint.rule is rule), None)


@pytest.mark.parametrize("rule, language, text, words", [
    (ToneRule.DEFENSIVE, "en", "We regret that you feel upset; our ad was misunderstood.",
     ("We regret that you feel", "misunderstood")),
    (ToneRule.DEFENSIVE, "en", "These so-called reports are RIDICULOUS nonsense.", ("so-called", "RIDICULOUS",
                                                                                   "nonsense")),
    (ToneRule.DEFENSIVE, "nl", "Het spijt ons dat u zich gekwetst voelt door deze zogenaamde fout.",
     ("Het spijt ons dat u zich", "zogenaamde")),
    (ToneRule.DEFENSIVE, "nl", "Die kritiek is belachelijk en ongegrond.", ("belachelijk", "ongegrond")),
    (ToneRule.BLAME, "en", "The delay was not our fault: a third party failed.", ("was not our fault", "third party")),
    (ToneRule.BLAME, "en", "The customer entered the wrong code.", ("The customer",)),
    (ToneRule.BLAME, "nl", "Dit is niet onze schuld; onze leverancier leverde te laat.",
     ("niet onze schuld", "onze leverancier")),
    (ToneRule.BLAME, "nl", "De klant vulde een verkeerde code in.", ("De klant",)),
    (ToneRule.ARGUING, "en", "Actually, contrary to the posts, the price did not change.", ("Actually", "contrary to")),
    (ToneRule.ARGUING, "en", "To be clear, we never said that. That's not true.",
     ("To be clear", "we never said", "That's not true")),
    (ToneRule.ARGUING, "nl", "Eigenlijk klopt het bericht niet. Dat is niet waar.", ("Eigenlijk", "Dat is niet waar")),
    (ToneRule.ARGUING, "nl", "In tegenstelling tot wat er staat, hebben wij niets veranderd.",
     ("In tegenstelling tot",)),
    (ToneRule.SARCASM, "en", "Obviously we love waiting too. Yeah right /s", ("Obviously", "Yeah right", "/s")),
    (ToneRule.SARCASM, "en", "Thanks a lot for the feedback🙄", ("Thanks a lot", "🙄")),
    (ToneRule.SARCASM, "nl", "Ja hoor, wij vinden wachten ook leuk. Succes ermee.", ("Ja hoor", "Succes ermee")),
    (ToneRule.SARCASM, "nl", "Tuurlijk, wat een verrassing 😏", ("Tuurlijk", "wat een verrassing", "😏")),
    (ToneRule.SHOUTING, "en", "This is WRONG and we are ANGRY too.", ("WRONG", "ANGRY")),
    (ToneRule.SHOUTING, "nl", "Dit is FOUT en wij zijn ook BOOS.", ("FOUT", "BOOS")),
])
def test_each_rule_finds_its_words_in_english_and_dutch(rule, language, text, words):
    assert found(f"{SORRY[language]} {text}", rule) == words


def test_shouting_needs_two_words_of_four_letters_in_capitals():
    assert found("We are sorry. This is NOT what we STAND for.", ToneRule.SHOUTING) is None  # NOT: three letters
    assert found("We are sorry. This is NOT what we STAND FOR.", ToneRule.SHOUTING) is None
    assert found("We are sorry. This is NOT what we STAND for, REALLY.", ToneRule.SHOUTING) == ("STAND", "REALLY")


@pytest.mark.parametrize("text", [
    "We are sorry for the outage. We have restored the service and will credit every affected order.",
    "Het spijt ons dat de app uren onbereikbaar was. De storing is verholpen; getroffen bestellingen vergoeden we.",
    "Onze excuses: onze medewerker reageerde ongepast. Wij nemen hier de volle verantwoordelijkheid voor.",
    "We apologise to our customers. Read more at https://acme.example/ridiculous-actually-nonsense or ask "
    "@ridiculous.nonsense; #SORRYNOTSORRY #WERKAAN.",
    "We apologize. ACME Coffee (BREWCO) follows GDPR and the COVID-19 rules of the RIVM.",
])
def test_a_plain_sincere_statement_gets_no_hints_whatever_its_links_handles_hashtags_and_names(text):
    assert hints(text) == []


@pytest.mark.parametrize("kind", sorted(APOLOGY_KINDS))
def test_a_crisis_type_that_calls_for_an_apology_gets_a_hint_without_one(kind):
    assert hints("We are looking into it and will share an update soon.", kind) == [ToneHint(ToneRule.NO_APOLOGY)]
    assert hints("We zoeken het uit en laten snel meer weten.", kind) == [ToneHint(ToneRule.NO_APOLOGY)]


@pytest.mark.parametrize("text", ["We are SORRY.", "Our apologies.", "We apologised at once.", "Sorry!",
                                  "Onze excuses.", "Het spijt ons.", "Wij verontschuldigen ons.", "Excuus!"])
def test_an_apology_in_either_language_counts(text):
    assert found(text, ToneRule.NO_APOLOGY) is None


@pytest.mark.parametrize("kind", ["rumour", "misinformation", "other"])
def test_other_crisis_types_need_no_apology(kind):
    assert hints("We are looking into it and will share an update soon.", kind) == []


def test_a_non_apology_is_defensive_and_counts_as_no_apology():
    assert hints("We are sorry if anyone was offended.") == [
        ToneHint(ToneRule.DEFENSIVE, ("sorry if anyone",)), ToneHint(ToneRule.NO_APOLOGY)]
    assert hints("Het spijt ons dat u zich gekwetst voelt.") == [
        ToneHint(ToneRule.DEFENSIVE, ("Het spijt ons dat u zich",)), ToneHint(ToneRule.NO_APOLOGY)]


def test_words_match_whole_across_line_breaks_and_curly_apostrophes():
    assert found("Sorry. That’s\nnot   true.", ToneRule.ARGUING) == ("That's not true",)
    assert found("Sorry. Factually correct; the customers were told.", ToneRule.ARGUING) is None
    assert found("Sorry. Factually correct; the customers were told.", ToneRule.BLAME) == ("the customers",)
    assert found("Sorry. Versions/settings changed.", ToneRule.SARCASM) is None


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0\n"])
def test_an_empty_draft_gets_no_hints(text):
    assert hints(text) == []


def test_hostile_input_is_checked_and_shown_short():
    flood = "RIDICULOUS 😡🙄 " * 700 + "X" * 10_000  # 10k characters of shouting, emoji and one giant word
    result = {hint.rule: hint.found for hint in hints(flood)}
    assert result == {ToneRule.DEFENSIVE: ("RIDICULOUS",), ToneRule.SARCASM: ("🙄",),
                      ToneRule.SHOUTING: ("RIDICULOUS", "X" * SHOWN_LENGTH), ToneRule.NO_APOLOGY: ()}
    many = "Sorry. " + " ".join(f"{word}WORD" for word in ("ONE", "TWO", "SIX", "TEN", "BIG", "OLD", "NEW"))
    assert found(many, ToneRule.SHOUTING) == ("ONEWORD", "TWOWORD", "SIXWORD", "TENWORD", "BIGWORD")  # the first SHOWN
    assert hints("🙏🏽👩‍👩‍👧‍👦🇳🇱 sorry 😀" * 500) == []


# --- on the card -------------------------------------------------------------------------------------------------

HOSTILE = "Actually, the customer misunderstood our ad. Obviously we stand by it."


@pytest.fixture
def crisis(ports):
    return open_one(ports)  # an offensive_post: it calls for an apology


def hint_lines(crisis, plan, statement, locale="en"):
    """The lines of the card's tone section as people read them ([] when it has none)."""
    texts = [part.lines for part in statement_card(crisis, plan, statement).parts if isinstance(part, Text)]
    head = next((lines for lines in texts if isinstance(lines[0], Msg) and lines[0].key == "card.statement.tone_head"),
                ())
    return [render(line, locale=locale) for line in head]


def test_the_card_shows_the_hints_while_awaiting_approval_and_they_do_not_block_it(ports, plan, crisis):
    statement = draft(ports, crisis, text=HOSTILE)
    lines = hint_lines(crisis, plan, saved(ports, statement))
    assert lines == [":bulb: *Tone hints* (they do not block approval):",
                     "• Defensive or hostile wording: “misunderstood”. Acknowledge what happened instead of "
                     "defending it.",
                     "• Blame-shifting: “the customer”. Take responsibility; do not point at others.",
                     "• Arguing: “Actually”. Correct facts calmly, without contradicting people.",
                     "• Sarcasm: “Obviously”. In a crisis, readers take it literally.",
                     "• No apology, and a crisis of this type calls for one: say sorry plainly."]
    assert hint_lines(crisis, plan, saved(ports, statement), "nl")[-1] == \
        "• Geen excuses, terwijl dit type crisis erom vraagt: bied ze duidelijk aan."
    decide(ports, statement, "ULEGAL", Decision.REQUEST_CHANGES, note="tone")
    assert saved(ports, statement).state is StatementState.CHANGES_REQUESTED
    assert len(hint_lines(crisis, plan, saved(ports, statement))) == 6
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    approved = saved(ports, statement)
    assert approved.state in (StatementState.APPROVED, StatementState.PUBLISHED)
    assert approved.current.text == HOSTILE
    assert hint_lines(crisis, plan, approved) == []  # decided: nothing left to hint at


def test_a_clean_draft_has_no_tone_section(ports, plan, crisis):
    statement = draft(ports, crisis, text="We are sorry: the ad was wrong and it is gone.")
    assert hint_lines(crisis, plan, saved(ports, statement)) == []


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_every_rule_has_its_hint_in_every_language(locale):
    for rule in ToneRule:
        key = f"card.statement.tone.{rule.value}"
        assert key in CATALOGS[locale]
        assert ("“x”" in render(Msg(key, {"words": "“x”"}), locale=locale)) is (rule is not ToneRule.NO_APOLOGY)


def test_a_hint_shows_the_drafts_words_escaped_on_slack():
    assert render(Msg("card.statement.tone.blame", {"words": "“<!channel> & the customer”"}), SLACK) == \
        "• Blame-shifting: “&lt;!channel&gt; &amp; the customer”. Take responsibility; do not point at others."
