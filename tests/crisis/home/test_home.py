"""The Home tab through the fakes: each person sees open crises, their own pages, approvals and follow-ups, the
last spike warnings and the reputation trend; only admins and the security lead see hygiene flags and overdue
reviews; a person with no role sees what everyone may, with an explanation; the tick refreshes it when it changed."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.debrief.model import FollowUp
from crisis.home import services
from crisis.home.rules import sparkline
from crisis.i18n import render
from crisis.monitor.model import AlertStatus, SpikeAlert
from crisis.prevention import reviews
from crisis.room.model import OpenCrisisForm
from crisis.room.pages import acknowledge_page
from crisis.room.services import open_crisis
from crisis.statements.services import DraftForm, draft
from crisis.views import Listing, Notes, Text, Title
from tests.crisis.prevention.conftest import prevention_plan
from tests.crisis.rooms import close, open_one

STRANGER = "USTRANGER"


@pytest.fixture
def plan():
    return replace(prevention_plan(), monitor=replace(prevention_plan().monitor, terms=("acme",)))


def shown(chat, user):
    """What the person's Home tab shows now, as plain text."""
    cards = [c[2] for c in chat.named("show_home") if c[1] == user]
    assert cards, f"no Home shown to {user}"
    lines = []
    for part in cards[-1].parts:
        if isinstance(part, Title):
            lines.append(render(part.text))
        elif isinstance(part, Text):
            lines += [render(line) for line in part.lines]
        elif isinstance(part, Listing):
            lines += [render(part.heading)] + [render(item) for item in part.items]
        elif isinstance(part, Notes):
            lines += [render(item) for item in part.items]
    return "\n".join(lines)


def page_of(ports, crisis, user):
    with ports.uow() as uow:
        return next(p for p in uow.pages.for_crisis(crisis.id) if p.user_id == user)


def test_a_person_with_no_role_sees_open_crises_and_why_but_nothing_private(ports, chat, db):
    public = open_one(ports)
    hidden = open_crisis(OpenCrisisForm("Payroll data leak", "SEV1", "account_leak"), actor="ULEAD", request_key="k2",
                         ports=ports).crisis
    with ports.uow() as uow:
        uow.crises.save(replace(uow.crises.get(hidden.id), private=True))
        uow.commit()
    services.show_home(STRANGER, ports=ports)
    home = shown(chat, STRANGER)
    assert "You hold no role in the crisis plan" in home
    assert f"*SEV2* {public.title} in #{public.channel_id}" in home
    assert "*SEV1* a private crisis, opened within the hour" in home and "Payroll" not in home
    assert home.index("SEV1") < home.index("SEV2")  # the most severe first
    for private in ("Your pages", "waiting for your approval", "Your follow-ups", "Account hygiene",
                    "Overdue access reviews", "two-factor"):
        assert private not in home
    assert "Spike warnings" not in home and "Last spike warnings" in home and "*acme* 50/100" in home
    (chart,) = chat.named("show_home")[-1][3]
    assert chart.picture.term == "acme" and len(chart.picture.hours) == 24
    services.show_home("ULEAD", ports=ports)
    assert "Payroll data leak" in shown(chat, "ULEAD") and "no role" not in shown(chat, "ULEAD")
    assert sorted(v.user for v in db.rows("home_viewers")) == ["ULEAD", STRANGER]


def test_each_person_sees_their_own_pages_and_the_statements_waiting_for_them(ports, chat):
    crisis = open_one(ports)
    draft(crisis.channel_id, DraftForm("x", "We are sorry."), user="USOCIAL", request_key="d1", ports=ports)
    for user in ("ULEGAL", "UCOMMS", "ULEAD"):
        services.show_home(user, ports=ports)
    legal, comms, lead = shown(chat, "ULEGAL"), shown(chat, "UCOMMS"), shown(chat, "ULEAD")
    assert f"• Legal for *{crisis.title}* in #{crisis.channel_id}" in legal and "Comms lead for" not in legal
    assert f"Statement #1 v1 for X / Twitter, *{crisis.title}*" in legal and "Statement #1" in comms
    assert "Crisis lead for" in lead and "No statement waits for you." in lead
    assert "3 page(s) unacknowledged" in lead
    acknowledge_page(page_of(ports, crisis, "ULEGAL").id, user="ULEGAL", request_key="a1", ports=ports)
    services.show_home("ULEGAL", ports=ports)
    assert "No page waits for you." in shown(chat, "ULEGAL")


def test_owners_see_their_follow_ups_and_everyone_the_last_warnings(ports, chat, clock):
    crisis = open_one(ports)
    with ports.uow() as uow:
        uow.follow_ups.add(FollowUp(crisis.id, "Train the social team", "UCOMMS", clock.now() + timedelta(days=7),
                                    "ULEAD", clock.now()))
        uow.alerts.add(SpikeAlert("acme", "volume", 1, clock.now() - timedelta(hours=1), clock.now(), 90, 10, 5, 20,
                                  9.0, False, False, clock.now(), status=AlertStatus.CRISIS))
        uow.alerts.add(SpikeAlert("acme", "volume", 1, clock.now() - timedelta(days=4), clock.now(), 90, 10, 5, 20,
                                  4.0, False, False, clock.now() - timedelta(days=4)))
        uow.commit()
    services.show_home("UCOMMS", ports=ports)
    services.show_home(STRANGER, ports=ports)
    assert f"• Train the social team (from *{crisis.title}*), due" in shown(chat, "UCOMMS")
    for user in ("UCOMMS", STRANGER):
        assert "*acme* at 9.0× its normal volume (crisis opened)" in shown(chat, user)
        assert "4.0×" not in shown(chat, user)
    assert "Train the social team" not in shown(chat, STRANGER)


def test_a_follow_up_owner_with_no_role_sees_it_after_the_close(ports, chat, clock):
    """A channel member given a follow-up in the debrief holds no role: their Home lists it all the same, with no
    "no role" explanation; someone with nothing of their own still gets it."""
    crisis = open_one(ports)
    close(ports, crisis)
    with ports.uow() as uow:
        uow.follow_ups.add(FollowUp(crisis.id, "Redo the ad artwork", "UDESIGNER", clock.now() + timedelta(days=7),
                                    "ULEAD", clock.now()))
        uow.commit()
    services.show_home("UDESIGNER", ports=ports)
    services.show_home(STRANGER, ports=ports)
    designer = shown(chat, "UDESIGNER")
    assert f"• Redo the ad artwork (from *{crisis.title}*), due" in designer and "no role" not in designer
    assert "Your follow-ups" not in shown(chat, STRANGER) and "You hold no role" in shown(chat, STRANGER)


def test_only_admins_and_the_security_lead_see_hygiene_flags_and_overdue_reviews(ports, chat, clock):
    reviews.start_rounds(ports=ports, accounts=lambda uow: list(ports.plan.prevention.accounts))
    clock.advance(days=15)
    for user in ("UADMIN", "USECLEAD", "ULEAD"):
        services.show_home(user, ports=ports)
    for user in ("UADMIN", "USECLEAD"):
        home = shown(chat, user)
        assert "*Instagram acme.coffee* has no two-factor authentication" in home
        assert "@UINTERN has access to *X / Twitter @acme* but no current role" in home
        assert "The access review of *X / Twitter @acme* by @UCOMMS was due" in home
    assert "two-factor" not in shown(chat, "ULEAD") and "access review" not in shown(chat, "ULEAD")


def test_the_tick_refreshes_only_viewers_whose_home_changed_at_most_once_per_check(ports, chat, clock, db):
    crisis = open_one(ports)
    services.show_home("ULEGAL", ports=ports)
    services.show_home("UCOMMS", ports=ports)
    assert services.refresh_homes(ports=ports) == 0  # checked again after CHECK_EVERY only
    clock.advance(seconds=20)
    assert services.refresh_homes(ports=ports) == 0  # nothing changed: nothing shown again
    acknowledge_page(page_of(ports, crisis, "ULEGAL").id, user="ULEGAL", request_key="a1", ports=ports)
    acknowledge_page(page_of(ports, crisis, "UCOMMS").id, user="UCOMMS", request_key="a2", ports=ports)
    assert services.refresh_homes(ports=ports) == 0  # not yet due: the two changes make one refresh
    clock.advance(seconds=20)
    before = len(chat.named("show_home"))
    assert services.refresh_homes(ports=ports) == 2
    assert len(chat.named("show_home")) == before + 2
    assert "No page waits for you." in shown(chat, "ULEGAL") and "1 page(s) unacknowledged" in shown(chat, "ULEGAL")
    assert all(c[1] != "ULEAD" for c in chat.named("show_home"))  # never opened it: never refreshed
    clock.advance(days=8)
    acknowledge_page(page_of(ports, crisis, "ULEAD").id, user="ULEAD", request_key="a3", ports=ports)
    assert services.refresh_homes(ports=ports) == 0 and db.rows("home_viewers") == []


def test_a_home_that_failed_to_show_is_shown_at_the_next_check(ports, chat, clock, caplog):
    chat.fail["show_home"] = ["not_enabled"]
    services.show_home("ULEGAL", ports=ports)
    assert chat.named("show_home") == [] and "not_enabled" in caplog.text
    clock.advance(seconds=20)
    assert services.refresh_homes(ports=ports) == 1 and "No open crisis." in shown(chat, "ULEGAL")


def test_a_trend_reads_as_a_line_of_bars():
    assert sparkline([0, 14, 50, 86, 100, 120, -5]) == "▁▁▄▇██▁"
