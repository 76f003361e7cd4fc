"""The account register: the plan's section, the admins' entries (never a password), and hygiene findings flagged
to the security channel once each."""
from datetime import timedelta

import pytest

from crisis.due import MAX_REFUSALS
from crisis.errors import BadInput, ChatFailure, NotAuthorised, PlanError
from crisis.i18n import Msg, render
from crisis.prevention import offboarding, services
from crisis.prevention.model import Account
from tests.crisis.plans import make_plan
from tests.crisis.prevention.conftest import ACCOUNTS, SECURITY


def test_the_plan_lists_the_accounts(plan):
    assert [a.key for a in plan.prevention.accounts] == ["x:@acme", "instagram:acme.coffee", "linkedin:acme"]
    assert plan.prevention.security_channel == "#security"


@pytest.mark.parametrize("change, path, words", [
    ({"platform": "myspace"}, "prevention.accounts.0.platform", "platform"),
    ({"owner": "nobody"}, "prevention.accounts.0.owner", "neither a Slack user id"),
    ({"access": ["UOK", "not a person"]}, "prevention.accounts.0.access.1", "neither a Slack user id"),
    ({"credential": "Hunter2!Secret"}, "prevention.accounts.0.credential", "looks like a password"),
    ({"two_factor": "yes"}, "prevention.accounts.0.two_factor", "true or false"),
])
def test_a_bad_plan_entry_is_one_clear_error(change, path, words):
    with pytest.raises(PlanError) as refused:
        make_plan(prevention={**SECURITY, "accounts": [{**ACCOUNTS[0], **change}]})
    assert refused.value.path == path and words in refused.value.problem
    assert "Hunter2!Secret" not in str(refused.value)


def test_an_account_listed_twice_or_without_a_security_channel_is_refused():
    with pytest.raises(PlanError, match="listed twice"):
        make_plan(prevention={**SECURITY, "accounts": [ACCOUNTS[0], {**ACCOUNTS[0], "handle": "@ACME"}]})
    with pytest.raises(PlanError) as refused:
        make_plan(prevention={"accounts": ACCOUNTS})
    assert refused.value.path == "prevention.security_channel"


def entry(**changes):
    fields = dict(platform="tiktok", handle="@acme", owner="ULEAD", two_factor=True, credential="Vault: tiktok",
                  access=("ULEAD", "UCOMMS"))
    return Account(**{**fields, **changes})


def stored(db):
    return db.rows("accounts")


def test_admins_and_the_security_lead_enter_accounts_nobody_else(ports, db, clock):
    with pytest.raises(NotAuthorised):
        services.save_account(entry(), user="UCOMMS", request_key="v1", ports=ports)
    saved = services.save_account(entry(), user="USECLEAD", request_key="v2", ports=ports)
    assert (saved.updated_by, saved.updated_at) == ("USECLEAD", clock.now())
    assert services.save_account(entry(two_factor=False), user="UADMIN", request_key="v2", ports=ports) is None
    services.save_account(entry(handle="@ACME ", two_factor=False), user="UADMIN", request_key="v3", ports=ports)
    assert [(a.key, a.two_factor, a.updated_by) for a in stored(db)] == [("tiktok:@acme", False, "UADMIN")]


def test_a_password_in_the_credential_field_is_refused_and_nothing_stored(ports, db):
    with pytest.raises(BadInput) as refused:
        services.save_account(entry(credential="P@ssw0rd2024"), user="UADMIN", request_key="v1", ports=ports)
    assert refused.value.field == "credential"
    assert "password-manager entry" in render(Msg(refused.value.key))
    assert stored(db) == []


def findings_posted(chat):
    return [(c[3], render(c[2].summary)) for c in chat.named("send_view") if c[3].startswith("notice:finding")]


def test_findings_are_flagged_to_the_security_channel_once_each(ports, chat, clock):
    services.tick(ports=ports)
    posted = findings_posted(chat)
    assert [key for key, _ in posted] == [
        "notice:finding:no_role:x:@acme:UINTERN", "notice:finding:no_2fa:instagram:acme.coffee",
        "notice:finding:no_role:instagram:acme.coffee:UINTERN"]
    assert all(c[1] == "CSECURITY" for c in chat.named("send_view") if c[3].startswith("notice:"))
    assert "no two-factor authentication" in posted[1][1]
    services.tick(ports=ports)
    assert len(findings_posted(chat)) == 3


def test_an_owner_who_left_is_flagged(ports, chat):
    services.tick(ports=ports)
    offboarding.person_left("ULEAD", None, ports=ports)
    services.tick(ports=ports)
    assert findings_posted(chat)[-1][0] == "notice:finding:owner_left:linkedin:acme:ULEAD"


def test_a_failed_finding_waits_and_is_sent_the_others_still_go(ports, chat, clock):
    chat.fail["send_view:CSECURITY"] = ["ratelimited"]
    services.tick(ports=ports)
    assert len(findings_posted(chat)) == 2
    clock.current += timedelta(seconds=5)
    services.tick(ports=ports)
    assert len(findings_posted(chat)) == 2
    clock.current += timedelta(seconds=10)
    services.tick(ports=ports)
    assert len(findings_posted(chat)) == 3


def test_a_finding_refused_again_and_again_is_given_up(ports, chat, clock, db):
    chat.fail["send_view:CSECURITY"] = [ChatFailure("invalid_blocks", permanent=True)] * 3 * MAX_REFUSALS
    for _ in range(MAX_REFUSALS + 1):
        services.tick(ports=ports)
        clock.current += timedelta(minutes=6)
    assert findings_posted(chat) == []
    assert {(n.failed, n.due_at, n.attempts) for n in db.rows("notices")} == {("invalid_blocks", None, MAX_REFUSALS)}
