"""Access reviews: each owner gets the access holders with Keep / Remove, decisions are stored, a complete review
with removals is told to the security channel, and overdue reviews escalate to the security lead once."""
from datetime import timedelta

import pytest

from crisis.errors import NotAuthorised
from crisis.i18n import render
from crisis.prevention import offboarding, reviews, services
from crisis.prevention.model import Account
from crisis.views import Action, Buttons


def review_cards(chat):
    return {c[1]: c for c in chat.named("send_view") if c[3].startswith("review:")}


def stored(db):
    return {r.account: r for r in db.rows("reviews")}


def choices(card):
    return [(b.action, b.value) for part in card.parts if isinstance(part, Buttons) for b in part.buttons]


def test_each_owner_gets_the_access_holders_with_keep_and_remove(ports, chat, db):
    services.tick(ports=ports)
    cards = review_cards(chat)
    assert sorted(cards) == ["UCOMMS", "UCOMMSB", "ULEAD"]
    x = stored(db)["x:@acme"]
    assert x.holders == ["ULEGAL", "UINTERN"]
    assert choices(cards["UCOMMS"][2]) == [
        (Action.KEEP_ACCESS, f"{x.id}|ULEGAL"), (Action.REMOVE_ACCESS, f"{x.id}|ULEGAL"),
        (Action.KEEP_ACCESS, f"{x.id}|UINTERN"), (Action.REMOVE_ACCESS, f"{x.id}|UINTERN")]
    services.tick(ports=ports)
    assert len(db.rows("reviews")) == 3 and len(review_cards(chat)) == 3


def test_decisions_are_stored_and_a_complete_review_tells_the_security_channel(ports, chat, db, clock):
    services.tick(ports=ports)
    x = stored(db)["x:@acme"]
    reviews.decide(x.id, "ULEGAL", True, user="UCOMMS", request_key="k1", ports=ports)
    reviews.decide(x.id, "UINTERN", False, user="UCOMMS", request_key="k2", ports=ports)
    again = reviews.decide(x.id, "UINTERN", True, user="UADMIN", request_key="k3", ports=ports)
    assert again.decisions["UINTERN"]["keep"] is False
    done = stored(db)["x:@acme"]
    assert done.completed_at == clock.now()
    assert done.decisions == {"ULEGAL": {"keep": True, "by": "UCOMMS", "at": clock.now().isoformat()},
                              "UINTERN": {"keep": False, "by": "UCOMMS", "at": clock.now().isoformat()}}
    card = chat.last_view(f"review:{x.id}")
    assert choices(card) == [] and "Review complete" in " ".join(render(n) for p in card.parts
                                                                  for n in getattr(p, "items", ()))
    services.tick(ports=ports)
    (told,) = [c for c in chat.named("send_view") if c[3] == f"notice:review:{x.id}:done"]
    assert told[1] == "CSECURITY" and "@UINTERN" in render(told[2].summary)


def test_only_the_owner_the_security_lead_or_an_admin_answers(ports, db):
    services.tick(ports=ports)
    x = stored(db)["x:@acme"]
    with pytest.raises(NotAuthorised):
        reviews.decide(x.id, "UINTERN", True, user="UINTERN", request_key="k1", ports=ports)
    reviews.decide(x.id, "UINTERN", True, user="USECLEAD", request_key="k2", ports=ports)
    assert stored(db)["x:@acme"].decisions["UINTERN"]["by"] == "USECLEAD"


def test_an_overdue_review_escalates_to_the_security_lead_once(ports, chat, db, clock):
    services.tick(ports=ports)
    x = stored(db)["x:@acme"]
    reviews.decide(x.id, "ULEGAL", True, user="UCOMMS", request_key="k1", ports=ports)
    clock.current += timedelta(days=14)
    services.tick(ports=ports)
    services.tick(ports=ports)
    escalations = [c for c in chat.named("send_view") if c[3].endswith(":overdue")]
    assert [c[1] for c in escalations] == ["USECLEAD", "USECLEAD"]  # linkedin has nobody to review
    (mine,) = [c for c in escalations if c[3] == f"notice:review:{x.id}:overdue"]
    assert "1 of 2" in render(mine[2].summary)


def test_a_new_round_starts_after_the_period(ports, chat, db, clock):
    services.tick(ports=ports)
    clock.current += timedelta(days=89)
    services.tick(ports=ports)
    assert len(db.rows("reviews")) == 3
    clock.current += timedelta(days=1)
    services.tick(ports=ports)
    assert len(db.rows("reviews")) == 6


def test_access_a_departure_revoked_or_is_revoking_is_left_out_of_the_review(ports, chat, db, clock):
    """Access given anew after the revocation (the entry saved since) is reviewed again."""
    record = offboarding.person_left("UINTERN", "intern@acme.example", ports=ports)
    offboarding.revoke(record.id, "x:@acme", user="USECLEAD", request_key="revoke:x", ports=ports)
    services.tick(ports=ports)
    rounds = stored(db)
    assert rounds["x:@acme"].holders == ["ULEGAL"]
    assert rounds["instagram:acme.coffee"].holders == [] and rounds["instagram:acme.coffee"].completed_at
    x = rounds["x:@acme"]
    assert choices(review_cards(chat)["UCOMMS"][2]) == [
        (Action.KEEP_ACCESS, f"{x.id}|ULEGAL"), (Action.REMOVE_ACCESS, f"{x.id}|ULEGAL")]

    clock.current += timedelta(days=90)
    x_again = Account("x", "@acme", "UCOMMS", True, "1Password / Social / X @acme", ("UCOMMS", "UINTERN"))
    services.save_account(x_again, user="UADMIN", request_key="entry:x", ports=ports)
    services.tick(ports=ports)
    assert [r.holders for r in db.rows("reviews") if r.account == "x:@acme"] == [["ULEGAL"], ["UINTERN"]]
