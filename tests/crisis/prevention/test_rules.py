"""Prevention's pure rules: what looks like a password, account entries, the register, findings."""
from datetime import timedelta

import pytest

from crisis.errors import BadInput
from crisis.prevention.model import Account, NoticeKind, Offboarding
from crisis.prevention.rules import check_account, findings, looks_like_secret, not_covered, register, review_round_due
from tests.crisis.fakes.outside import T0


@pytest.mark.parametrize("text", ["Tr0ub4dor&3", "xoxb-123-456-abcdef", "password: hunter2", "ghp_abcdefghijklmnop",
                                  "Social X pw=Summer2024!", "a8f7e6d5c4b3a2918273f6e5", "EAAGm0PX4ZCpsBAKZCZA1",
                                  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "token=abc",
                                  "Sup3r-Secret!"])
def test_passwords_and_tokens_are_recognised(text):
    assert looks_like_secret(text)


@pytest.mark.parametrize("text", ["1Password / Social / X @acme", "Vault: social/instagram", "Bitwarden LinkedIn",
                                  "Social-Media/X-acme-2FA", "Keeper > Brand accounts > TikTok", "hunter",
                                  "1Password/Social/X@acme"])
def test_entry_names_pass(text):
    assert not looks_like_secret(text)


def account(**changes):
    fields = dict(platform="x", handle="@acme", owner="U1", two_factor=True, credential="1Password / X",
                  access=("U1", "U2"))
    fields.update(changes)
    return Account(**fields)


@pytest.mark.parametrize("changes, field, key", [
    ({"platform": "myspace"}, "platform", "error.account_platform"),
    ({"handle": "two words"}, "handle", "error.account_handle"),
    ({"owner": ""}, "owner", "error.account_owner"),
    ({"credential": ""}, "credential", "error.account_credential"),
    ({"credential": "S3cret!Passw0rd"}, "credential", "error.account_secret"),
])
def test_a_bad_entry_names_its_field(changes, field, key):
    with pytest.raises(BadInput) as refused:
        check_account(account(**changes))
    assert (refused.value.field, refused.value.key) == (field, key)


def test_an_admins_entry_replaces_the_plans_and_new_ones_follow():
    planned = [account(), account(platform="linkedin", handle="acme")]
    entered = [account(handle="@ACME", two_factor=False), account(platform="tiktok", handle="@acme")]
    assert [(a.key, a.two_factor) for a in register(planned, entered)] == [
        ("x:@acme", False), ("linkedin:acme", True), ("tiktok:@acme", True)]


def test_findings_no_2fa_owner_left_and_access_without_a_role():
    accounts = [account(two_factor=False, owner="gone@acme.example",
                        access=("U1", "U2", "UX", "UREV", "who@else.example", "jo@acme.example"))]
    departures = [Offboarding("UGONE", "Gone@Acme.example", T0, ["x:@acme"], {}),
                  Offboarding("UREV", None, T0, ["x:@acme"], {}, revoked={"x:@acme": {"by": "U1", "at": T0.isoformat()}})]
    found = findings(accounts, departures=departures, staff={"U1", "U2", "UJO"}, resolve={"jo@acme.example": "UJO"}.get)
    assert [(kind, person) for kind, _, person in found] == [
        (NoticeKind.NO_TWO_FACTOR, None), (NoticeKind.OWNER_LEFT, "gone@acme.example"),
        (NoticeKind.UNKNOWN_PERSON, "U1"), (NoticeKind.UNKNOWN_PERSON, "U2"), (NoticeKind.UNKNOWN_PERSON, "UX"),
        (NoticeKind.UNKNOWN_PERSON, "who@else.example")]
    found = findings(accounts, departures=[], staff={"U1", "U2", "UJO"},
                     resolve=lambda ref: ref if ref.startswith("U") else {"jo@acme.example": "UJO"}.get(ref))
    assert [(kind, person) for kind, _, person in found] == [
        (NoticeKind.NO_TWO_FACTOR, None), (NoticeKind.UNKNOWN_PERSON, "gone@acme.example"),
        (NoticeKind.NO_ROLE, "UX"), (NoticeKind.NO_ROLE, "UREV"), (NoticeKind.UNKNOWN_PERSON, "who@else.example")]


def test_only_the_access_a_departure_listed_is_left_out_of_the_findings():
    """UGONE left owning X (revoked since): access given later (TikTok; X entered again after the revocation) is
    judged like anyone's, and only an account their departure listed has its owner gone (not LinkedIn)."""
    gone = Offboarding("UGONE", None, T0, ["x:@acme"], {}, revoked={"x:@acme": {"by": "U1", "at": T0.isoformat()}})
    later = T0 + timedelta(days=200)
    x, x_again = account(owner="UGONE", access=("UGONE",)), account(access=("U1", "UGONE"), updated_at=later)
    tiktok, linkedin = account(platform="tiktok", access=("UGONE",)), account(platform="linkedin", owner="UGONE", access=())
    found = findings([x, x_again, tiktok, linkedin], departures=[gone], staff={"U1"}, resolve=str)
    assert [(kind, a.key, person) for kind, a, person in found] == [
        (NoticeKind.OWNER_LEFT, "x:@acme", "UGONE"), (NoticeKind.NO_ROLE, "x:@acme", "UGONE"),
        (NoticeKind.NO_ROLE, "tiktok:@acme", "UGONE")]
    assert not_covered([x, x_again, tiktok], [gone]) == [x_again, tiktok]


def test_a_round_is_due_at_first_and_then_every_period():
    assert review_round_due(None, T0, timedelta(days=90))
    assert not review_round_due(T0, T0 + timedelta(days=89), timedelta(days=90))
    assert review_round_due(T0, T0 + timedelta(days=90), timedelta(days=90))
