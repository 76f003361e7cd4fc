"""The message catalog: every key used in code exists in every shipped language with the same placeholders and
Slack markup, no text a person sees is written outside it, and messages render for people."""
import ast
import re
import string
from datetime import timedelta
from pathlib import Path

import pytest

from crisis.i18n import CATALOGS, Msg, User, format_duration, render, shipped, t, voice
from crisis.i18n.en import MESSAGES
from handlers.block_kit import SLACK

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


def literal_keys():
    """Every literal catalog key the code passes to msg(), t(), Msg() or a CrisisError."""
    keys = set()
    for package in ("crisis", "handlers", "publishers", "sources", "bot.py", "sandbox"):
        paths = [ROOT / package] if package.endswith(".py") else (ROOT / package).rglob("*.py")
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                        and isinstance(node.args[0].value, str) and KEY.match(node.args[0].value):
                    name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                    if name in {"msg", "t", "Msg", "BadInput", "NotAuthorised", "IllegalTransition",
                                "UnknownCrisis", "CrisisError"}:
                        keys.add(node.args[0].value)
    return keys


def test_every_key_used_in_code_is_in_the_catalog():
    used = literal_keys()
    assert len(used) > 40
    assert sorted(used - MESSAGES.keys()) == []


def test_missing_parameter_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match="needs parameter"):
        t("error.ack_not_yours")


def test_slack_rendering_escapes_user_text_and_mentions_people():
    text = render(Msg("room.closed", {"user": User("U1"), "lasted": timedelta(minutes=5),
                                      "resolution": "<!channel> & <@U999>"}), SLACK)
    assert "<@U1>" in text
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt;" in text
    assert "<!channel>" not in text


@pytest.mark.parametrize("seconds,text", [(35, "35 s"), (240, "4 min"), (11520, "3 h 12 min"),
                                          (183600, "2 d 3 h"), (0, "0 s")])
def test_durations_read_naturally(seconds, text):
    assert format_duration(timedelta(seconds=seconds)) == text


# --- every shipped language is complete and says the same things -----------------------------------------------

OTHER_LANGUAGES = sorted(set(CATALOGS) - {"en"})


def test_dutch_is_shipped():
    assert "nl" in OTHER_LANGUAGES


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_key_is_in_every_shipped_language(language):
    catalog = CATALOGS[language]
    assert sorted(MESSAGES.keys() - catalog.keys()) == [], f"{language} lacks these keys"
    assert sorted(catalog.keys() - MESSAGES.keys()) == [], f"{language} has keys English does not"


def _placeholders(template: str) -> list[str]:
    return sorted(name for _, name, spec, _ in string.Formatter().parse(template) if name is not None)


_MARKUP = {
    "emoji": lambda text: sorted(re.findall(r":[a-z0-9_+-]+:", text)),
    "line breaks": lambda text: text.count("\n"),
    "code (`)": lambda text: text.count("`"),
    "bold (*)": lambda text: text.count("*"),
    "commands": lambda text: sorted(re.findall(r"`/crisis [a-z]+|`crisisbot [a-z-]+", text)),
    "Slack mentions, dates and links": lambda text: sorted(re.findall(r"<(?:[@#!]|https?:)[^>]*>", text)),
}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_placeholders_and_markup_match_english(language):
    catalog = CATALOGS[language]
    differ = [(key, _placeholders(text), _placeholders(catalog[key])) for key, text in MESSAGES.items()
              if key in catalog and _placeholders(text) != _placeholders(catalog[key])]
    assert differ == [], "placeholders differ"
    markup = [(key, what) for key, text in MESSAGES.items() if key in catalog
              for what, found in _MARKUP.items() if found(text) != found(catalog[key])]
    assert markup == [], "Slack markup differs"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_renders_in_every_language(language):
    """Each template formats (no stray braces) with its placeholders filled."""
    for key, template in CATALOGS[language].items():
        render(Msg(key, {name: "x" for name in _placeholders(template)}), locale=language)


def test_a_translation_is_not_english_left_in_place():
    """Longer texts all differ from English: a key copied over unchanged is a translation forgotten."""
    same = [key for key, text in MESSAGES.items() if CATALOGS["nl"][key] == text
            and len(_WORD.findall(re.sub(r"{[^}]*}", "", text))) > 2]
    assert same == []


# --- no text a person sees is written outside the catalog ------------------------------------------------------

TEXT_FIELDS = {"text", "title", "label", "placeholder", "hint", "submit", "close", "alt_text", "fallback",
               "initial_comment"}
"""Block Kit and Web API fields whose value people read."""
SHOWING = {"section", "option", "plain_text", "text_message", "reply", "respond", "say", "_say"}
"""Functions whose arguments become text people read."""
_WORD = re.compile(r"[A-Za-z]{3,}")
SCANNED = ("handlers", "crisis", "reports", "publishers", "wiring", "teams", "sandbox/demo.py", "sandbox/prevention_demo.py")


_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
"""A catalog key, an id or a field name: not prose."""


def _words(node: ast.AST) -> str | None:
    """The literal words of a string or f-string (its fixed parts), if it has any."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    else:
        return None
    return text if _WORD.search(text) and not _IDENTIFIER.match(text) else None


def _shown_literals(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            found += [(node.lineno, words) for key, value in zip(node.keys, node.values)
                      if isinstance(key, ast.Constant) and key.value in TEXT_FIELDS and (words := _words(value))]
        elif isinstance(node, ast.Call):
            found += [(node.lineno, words) for keyword in node.keywords
                      if keyword.arg in TEXT_FIELDS and (words := _words(keyword.value))]
            if getattr(node.func, "id", getattr(node.func, "attr", "")) in SHOWING:
                found += [(node.lineno, words) for arg in node.args if (words := _words(arg))]
    return found


def _sources():
    for name in SCANNED:
        path = ROOT / name
        if not path.exists():
            continue
        for file in [path] if path.suffix == ".py" else path.rglob("*.py"):
            if "i18n" not in file.parts:
                yield file


def test_no_shown_text_is_written_outside_the_catalog():
    """String literals with words in Block Kit text fields, Web API text arguments or the functions that show
    text: each must come from the catalog instead (a key is not a word: `msg("card.link")` passes)."""
    outside = [f"{file.relative_to(ROOT)}:{line}: {words!r}" for file in _sources()
               for line, words in _shown_literals(ast.parse(file.read_text(encoding="utf-8")))]
    assert outside == []


def test_the_scan_finds_shown_literals():
    """The scan above can fail: these would each be caught."""
    caught = _shown_literals(ast.parse(
        'section("Crisis is open")\n'
        'client.chat_postMessage(channel=c, text=f"Paged {user} now")\n'
        'view = {"type": "modal", "title": {"type": "plain_text", "text": "Open a crisis"}}\n'))
    assert [line for line, _ in caught] == [1, 2, 3]
    assert _shown_literals(ast.parse('section(msg("card.link"))\nx = {"type": "plain_text", "text": t(k)}')) == []


_JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}|<style>.*?</style>|<[^>]*>", re.DOTALL)


@pytest.mark.parametrize("template", sorted((ROOT / "reports" / "templates").glob("*.j2")), ids=lambda p: p.name)
def test_report_templates_write_words_only_through_the_catalog(template):
    """Outside Jinja expressions, tags and the style sheet, a template holds only Markdown punctuation."""
    left = _JINJA.sub(" ", template.read_text(encoding="utf-8"))
    assert _WORD.findall(left) == []


# --- the team's language and the reader's ------------------------------------------------------------------------

def test_the_plans_language_is_spoken_and_a_reader_can_have_their_own():
    assert t("status.closed") == "Closed"
    voice.speak_as_team(voice.Voice("nl"))
    assert t("status.closed") == "Gesloten"
    assert format_duration(timedelta(hours=3, minutes=12)) == "3 u 12 min"
    with voice.reader("en"):
        assert t("status.closed") == "Closed"
    with voice.reader(None):
        assert t("status.closed") == "Gesloten"
    assert render(Msg("status.closed"), locale="en") == "Closed"


@pytest.mark.parametrize("tag,language", [("nl-NL", "nl"), ("nl_BE", "nl"), ("en-GB", "en"), ("EN-us", "en"),
                                          ("fr-FR", None), ("", None), (None, None)])
def test_slack_locales_map_to_shipped_languages(tag, language):
    assert shipped(tag) == language
