"""Who sees what on the Home tab (docs/security.md): anyone sees the open crises, spike warnings and reputation;
a private crisis shows its title only to people on it and admins; pages and approvals are only the viewer's own;
account-hygiene flags and overdue reviews only for admins and the security lead. End to end through the sandbox."""
import json

import pytest

from tests.handlers.flows import open_crisis
from tests.security.permission_steps import start_crew, stop_crew

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)

KINDS = ["offensive_post", "account_leak", "other"]
PREVENTION = {"security_lead": "crisis_lead", "security_channel": "#general", "accounts": [
    {"platform": "x", "handle": "@acme", "owner": "zoe@acme.example", "two_factor": False,
     "credential": "1Password / Social / X"}]}


@pytest.fixture
def crew(uow_factory):
    local = start_crew(uow_factory, crisis_types=KINDS, private_rooms={"crisis_types": ["account_leak"]},
                       monitor={"terms": ["acme"]}, prevention=PREVENTION)
    yield local
    stop_crew(local)


def seen(crew, who):
    crew.open_home(who)
    view = crew.sandbox.home_view(crew.users[who])
    return json.dumps(view["blocks"], ensure_ascii=False)


def test_the_home_shows_each_person_what_they_may_see_and_nothing_private(crew):
    open_crisis(crew, title="Barista video", who="lead")
    open_crisis(crew, title="Ceo account hacked", who="lead", kind="account_leak", severity="SEV1")
    outsider = seen(crew, "outsider")
    assert "Barista video" in outsider and "a private crisis" in outsider and "Ceo account" not in outsider
    assert "You hold no role in the crisis plan" in outsider
    assert "Your pages" not in outsider and "Account hygiene" not in outsider
    assert "Ceo account hacked" in seen(crew, "admin") and "Ceo account hacked" in seen(crew, "legal")
    legal = seen(crew, "legal")
    assert legal.count("Legal for") == 2 and "Comms lead for" not in legal and "Crisis lead for" not in legal
    for who in ("admin", "lead"):  # the plan's admin, and the security lead (the crisis lead role)
        assert "*X / Twitter @acme* has no two-factor authentication" in seen(crew, who)
    assert "Account hygiene" not in legal and "two-factor" not in legal
