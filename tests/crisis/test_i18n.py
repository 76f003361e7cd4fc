"""The message catalog: every key used in code exists, and messages render for people."""
import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest

from crisis.i18n import Msg, User, format_duration, render, t
from crisis.i18n.en import MESSAGES
from handlers.block_kit import SLACK

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


def literal_keys():
    """Every literal catalog key the code passes to msg(), t(), Msg() or a CrisisError."""
    keys = set()
    for package in ("crisis", "handlers", "bot.py", "sandbox"):
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
