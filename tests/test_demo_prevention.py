"""`crisisbot demo --story prevention` plays the prevention story from a clone alone: an account without 2FA
flagged, a departure revoked with the buttons, the quarter's access review, an account-leak drill's playbook ticked
and the security lead's App Home, in that order, in English and in Dutch."""
import io

from cli.main import main
from sandbox.prevention_demo import run_prevention_demo


def in_order(text, moments):
    """Each moment found after the one before; the first one missing (or out of order), else None."""
    at = 0
    for moment in moments:
        found = text.find(moment, at)
        if found < 0:
            return moment
        at = found + len(moment)
    return None


def test_the_prevention_story_shows_each_moment_in_order():
    out = io.StringIO()
    assert run_prevention_demo(out) == 0
    story, _, rest = out.getvalue().partition("=== What each person saw in Slack ===")
    seen, _, home = rest.partition("=== Dana's Home tab (crisis lead and security lead), as she sees it ===")
    assert in_order(story, ["flagged in #security (1 message(s) there)", "with 2 Revoked buttons",
                            "all of Alex's access is revoked", "the quarter's access reviews", "nobody was asked about Alex", "account-leak drill (`/crisis drill account_leak`)",
                            "marked DRILL", "ticked the first 2 steps",
                            "Dana opened the bot's Home tab"]) is None
    assert in_order(seen, [
        "#security  @crisisbot: :lock: *Instagram acme.coffee* has no two-factor authentication",
        "workspace  admin: deactivated @alex", "#security  @crisisbot: *Access to revoke*", "[Revoked]", "[Revoked]",
        "@dana: clicked [Revoked]", "revoked by @dana", "@lea: clicked [Revoked]", "All access revoked.",
        "DM @jo  @crisisbot: *Access review: X / Twitter @acmecoffee*", "@sam\n          [Keep] [Remove]",
        "@jo: clicked [Keep]", "@sam keeps access", "set the channel topic: SEV1 · DRILL: Leaked or hacked account (practice)",
        "*Playbook: Leaked or hacked account*", "@jo: ticked [1|1]",
        "@jo: ticked [1|2]", "2 of 7 steps done", "Slack  @dana: opened the app's Home tab",
        "Home tab of @dana  @crisisbot: published:"]) is None
    assert "@alex\n          [Keep]" not in seen and "To remove" not in seen  # his access was revoked on 2 March
    assert "DM @alex" not in seen  # deactivated: the drill is not announced to him
    assert seen.count("has no two-factor authentication") == 2  # flagged once; then shown on Dana's Home
    assert in_order(home, ["*Crisis overview*", "Crisis lead for *DRILL: Leaked or hacked account (practice)* in #drill-crisis-",
                           "*:lock: Account hygiene*", ":lock: *Instagram acme.coffee* has no two-factor "
                           "authentication. Its owner @lea should turn it on.", "No overdue review."]) is None


def test_the_command_plays_it_in_dutch(capsys):
    assert main(["demo", "--story", "prevention", "--lang", "nl"]) == 0
    text = capsys.readouterr().out
    assert in_order(text, [
        "geen tweestapsverificatie, gemeld in #security", "2 knoppen Ingetrokken",
        "gemarkeerd als OEFENING", "=== Wat iedereen in Slack zag ===",
        "@dana: klikte op [Ingetrokken]", "[Behouden] [Intrekken]",
        "*Draaiboek: Gelekt of gehackt account*", "2 van 7 stappen gedaan",
        "=== Het tabblad Home van Dana", "*:lock: Accounthygiëne*"]) is None


def test_a_language_without_a_script_is_refused():
    out = io.StringIO()
    assert run_prevention_demo(out, language="fr") == 2
    assert "'fr' is not a language of the demo; use one of en, nl" in out.getvalue()
