"""Offboarding: a departure alerts the security channel with a Revoked button per account, who and when is
recorded, reminders come daily until all is revoked; repeats, bots and strangers do nothing."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import NotAuthorised
from crisis.i18n import render
from crisis.prevention import offboarding, services, showing
from crisis.prevention.model import Account
from crisis.views import Action, Buttons, Text
from tests.crisis.prevention.conftest import ACCOUNTS, prevention_plan


def alert(chat, record):
    return chat.last_view(f"offboarding:{record.id}")


def buttons(card):
    return [b.value for part in card.parts if isinstance(part, Buttons) for b in part.buttons
            if b.action is Action.REVOKE_ACCESS]


def texts(card):
    return " ".join(render(line) for part in card.parts if isinstance(part, Text) for line in part.lines)


def test_a_departure_alerts_the_security_channel_naming_each_account(ports, chat):
    record = offboarding.person_left("UINTERN", "intern@acme.example", ports=ports)
    assert record.accounts == ["x:@acme", "instagram:acme.coffee"]
    (sent,) = chat.named("send_view")
    assert sent[1] == "CSECURITY"
    assert buttons(sent[2]) == [f"{record.id}|x:@acme", f"{record.id}|instagram:acme.coffee"]
    assert "X / Twitter @acme" in texts(sent[2]) and "Instagram acme.coffee" in texts(sent[2])


def test_people_are_matched_by_email_too(ports, plan):
    ports = replace(ports, plan=prevention_plan(accounts=[{**ACCOUNTS[0], "access": ["Jo@Acme.example"]}]))
    assert offboarding.person_left("UJO", "jo@acme.example", ports=ports).accounts == ["x:@acme"]


def test_the_same_event_twice_a_stranger_or_a_bot_does_nothing(ports, chat, db):
    offboarding.person_left("UINTERN", None, ports=ports)
    assert offboarding.person_left("UINTERN", None, ports=ports) is None
    assert offboarding.person_left("USTRANGER", "who@else.example", ports=ports) is None
    assert offboarding.person_left("ULEGAL", None, is_bot=True, ports=ports) is None
    assert len(db.rows("offboardings")) == 1 and len(chat.named("send_view")) == 1


def back_with_tiktok(ports, clock, record):
    """All of the first departure's access revoked; 200 days later they are back, an admin gives them TikTok."""
    for key in record.accounts:
        offboarding.revoke(record.id, key, user="USECLEAD", request_key=f"revoke:{key}", ports=ports)
    clock.current += timedelta(days=200)
    services.save_account(TIKTOK, user="UADMIN", request_key="entry:tiktok", ports=ports)


TIKTOK = Account("tiktok", "acme.tt", "UCOMMS", True, "1Password TikTok", ("UINTERN",))


def test_someone_who_comes_back_and_leaves_again_is_alerted_for_the_access_given_since(ports, chat, clock, db):
    first = offboarding.person_left("UINTERN", None, ports=ports)
    back_with_tiktok(ports, clock, first)
    clock.current += timedelta(days=30)
    second = offboarding.person_left("UINTERN", None, ports=ports)
    assert (second.departure, second.accounts, second.left_at) == (2, ["tiktok:acme.tt"], clock.now())
    assert buttons(alert(chat, second)) == [f"{second.id}|tiktok:acme.tt"]
    assert offboarding.person_left("UINTERN", None, ports=ports) is None  # the second departure told again
    assert len(db.rows("offboardings")) == 2


def test_an_account_entered_again_after_its_revocation_is_revoked_again_at_the_next_departure(ports, clock):
    first = offboarding.person_left("UINTERN", None, ports=ports)
    for key in first.accounts:
        offboarding.revoke(first.id, key, user="USECLEAD", request_key=f"revoke:{key}", ports=ports)
    clock.current += timedelta(days=200)
    x = Account("x", "@acme", "UCOMMS", True, "1Password / Social / X @acme", ("UCOMMS", "UINTERN"))
    services.save_account(x, user="UADMIN", request_key="entry:x", ports=ports)
    assert offboarding.person_left("UINTERN", None, ports=ports).accounts == ["x:@acme"]


def test_access_given_to_someone_back_again_is_flagged_and_what_their_departure_revoked_is_not(ports, clock, db):
    back_with_tiktok(ports, clock, offboarding.person_left("UINTERN", None, ports=ports))
    services.flag_findings(ports=ports)
    flagged = {n.key for n in db.rows("notices") if "UINTERN" in n.key}
    assert flagged == {"finding:no_role:tiktok:acme.tt:UINTERN"}


def test_revoked_records_who_and_when_and_updates_the_card(ports, chat, clock):
    record = offboarding.person_left("UINTERN", None, ports=ports)
    clock.current += timedelta(minutes=30)
    done = offboarding.revoke(record.id, "x:@acme", user="USECLEAD", request_key="a1", ports=ports)
    assert done.revoked == {"x:@acme": {"by": "USECLEAD", "at": clock.now().isoformat()}}
    card = alert(chat, record)
    assert buttons(card) == [f"{record.id}|instagram:acme.coffee"]
    assert "revoked by @USECLEAD" in texts(card)
    again = offboarding.revoke(record.id, "x:@acme", user="UADMIN", request_key="a2", ports=ports)
    assert again.revoked["x:@acme"]["by"] == "USECLEAD"


def test_only_the_security_lead_an_admin_or_the_owner_marks_revoked(ports, db):
    record = offboarding.person_left("UINTERN", None, ports=ports)
    with pytest.raises(NotAuthorised):
        offboarding.revoke(record.id, "x:@acme", user="ULEGAL", request_key="a1", ports=ports)
    offboarding.revoke(record.id, "instagram:acme.coffee", user="UCOMMSB", request_key="a2", ports=ports)
    offboarding.revoke(record.id, "x:@acme", user="UADMIN", request_key="a3", ports=ports)
    assert db.rows("offboardings")[0].unrevoked == []


def reminders(chat):
    return [c for c in chat.named("send_view") if ":reminder:" in c[3]]


def test_unrevoked_access_is_reminded_daily_until_done(ports, chat, clock):
    record = offboarding.person_left("UINTERN", None, ports=ports)
    clock.current += timedelta(hours=23)
    services.tick(ports=ports)
    assert reminders(chat) == []
    clock.current += timedelta(hours=1)
    services.tick(ports=ports)
    services.tick(ports=ports)
    assert len(reminders(chat)) == 1
    assert "Instagram acme.coffee" in render(reminders(chat)[0][2].summary)
    offboarding.revoke(record.id, "x:@acme", user="USECLEAD", request_key="a1", ports=ports)
    clock.current += timedelta(days=1)
    services.tick(ports=ports)
    assert len(reminders(chat)) == 2 and "X / Twitter" not in render(reminders(chat)[1][2].summary)
    offboarding.revoke(record.id, "instagram:acme.coffee", user="USECLEAD", request_key="a2", ports=ports)
    clock.current += timedelta(days=3)
    services.tick(ports=ports)
    assert len(reminders(chat)) == 2


def test_an_alert_that_failed_is_posted_by_the_tick(ports, chat, clock):
    chat.fail["send_view"] = ["timeout"]
    record = offboarding.person_left("UINTERN", None, ports=ports)
    assert chat.named("send_view") == []
    clock.current += timedelta(seconds=10)
    services.tick(ports=ports)
    assert chat.views[f"offboarding:{record.id}"][0] == "CSECURITY"


class Killed(BaseException):
    """The process dies (kill -9) in the middle of a call."""


def test_a_revocation_while_the_alert_is_being_edited_waits_for_that_sender(ports, chat, clock):
    """Whoever holds the alert's lease is the one sender: a second revocation meanwhile does not edit it too (its
    newer view could land first and the older one over it); it is shown once the lease ends."""
    record = offboarding.person_left("UINTERN", None, ports=ports)
    chat.fail["edit_view"] = [Killed()]
    with pytest.raises(Killed):
        offboarding.revoke(record.id, "x:@acme", user="USECLEAD", request_key="a1", ports=ports)
    offboarding.revoke(record.id, "instagram:acme.coffee", user="UCOMMSB", request_key="a2", ports=ports)
    assert chat.named("edit_view") == []
    clock.current += showing.SEND_LEASE
    services.tick(ports=ports)
    assert buttons(alert(chat, record)) == [] and len(chat.named("edit_view")) == 1
