"""A plan with a security channel, a security lead and three brand accounts."""
import pytest

from tests.crisis.plans import make_plan

ACCOUNTS = [
    {"platform": "x", "handle": "@acme", "owner": "UCOMMS", "two_factor": True,
     "credential": "1Password / Social / X @acme", "access": ["UCOMMS", "ULEGAL", "UINTERN"]},
    {"platform": "instagram", "handle": "acme.coffee", "owner": "UCOMMSB", "two_factor": False,
     "credential": "Vault: social/instagram", "access": ["UCOMMSB", "UINTERN"]},
    {"platform": "linkedin", "handle": "acme", "owner": "ULEAD", "two_factor": True,
     "credential": "Bitwarden LinkedIn", "access": []},
]
SECURITY = {"security_channel": "#security", "security_lead": "USECLEAD", "review_every": "90d",
            "review_within": "14d"}


def prevention_plan(**changes):
    return make_plan(prevention={**SECURITY, "accounts": ACCOUNTS, **changes}, admins=["UADMIN"])


@pytest.fixture
def plan():
    return prevention_plan()
