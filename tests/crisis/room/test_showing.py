"""What the room shows is recorded before it is shown and retried until it is (issue 10): the card after a change,
a page's acknowledged mark, an escalation's notice, an unfinished set-up; each shown exactly once."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.due import MAX_REFUSALS
from crisis.errors import ChatFailure
from crisis.room import pages as paging
from crisis.room import services
from crisis.room.model import PageDelivery
from crisis.room.showing import ACK_LEASE, CARD_LEASE, NOTICE_LEASE
from tests.crisis.fakes import FakeChat
from tests.crisis.rooms import open_one, stored


def pages(ports, crisis):
    with ports.uow() as uow:
        return sorted(uow.pages.for_crisis(crisis.id), key=lambda p: p.id)


def page_of(ports, crisis, user):
    return next(p for p in pages(ports, crisis) if p.user_id == user)


def note(ports, crisis, key="n1"):
    return services.add_note(crisis.channel_id, "Talked to the press desk", user="ULEAD", request_key=key,
                             ports=ports)


def card_updates(chat):
    return len(chat.named("update_card"))


def test_a_failed_card_update_is_shown_by_the_tick_after_its_back_off_once(ports, chat, clock):
    crisis = open_one(ports)
    chat.fail["update_card"] = ["ratelimited"]
    assert note(ports, crisis)
    assert card_updates(chat) == 0 and stored(ports, crisis).card_due_at == clock.now() + timedelta(seconds=10)
    assert services.tick(ports=ports).shown == 0  # waits for its back-off
    clock.advance(seconds=10)
    assert services.tick(ports=ports).shown == 1
    assert card_updates(chat) == 1
    clock.advance(minutes=5)
    assert services.tick(ports=ports).shown == 0 and card_updates(chat) == 1
    card = stored(ports, crisis)
    assert (card.card_claims_shown, card.card_due_at) == (card.card_claims, None)


def test_a_card_whose_sender_died_is_shown_when_its_lease_ends(ports, chat, clock):
    crisis = open_one(ports)
    chat.fail["update_card"] = [RuntimeError("the process died")]
    with pytest.raises(RuntimeError):
        note(ports, crisis)
    clock.advance(seconds=CARD_LEASE.total_seconds() - 1)
    assert services.tick(ports=ports).shown == 0  # the sender may still be busy
    clock.advance(seconds=1)
    assert services.tick(ports=ports).shown == 1
    assert card_updates(chat) == 1


def test_a_card_the_chat_refuses_is_given_up_after_max_refusals_until_the_next_change(ports, chat, clock, caplog):
    crisis = open_one(ports)
    chat.fail["update_card"] = [ChatFailure("invalid_blocks", permanent=True) for _ in range(MAX_REFUSALS)]
    note(ports, crisis)
    for _ in range(MAX_REFUSALS):
        clock.advance(minutes=1)
        services.tick(ports=ports)
    assert stored(ports, crisis).card_due_at is None
    assert sum("giving up updating the card" in r.message for r in caplog.records) == 1
    note(ports, crisis, key="n2")
    assert card_updates(chat) == 1


def test_a_failed_acknowledged_mark_is_retried_and_shown_once(ports, chat, clock):
    crisis = open_one(ports)
    legal = page_of(ports, crisis, "ULEGAL")
    chat.fail["mark_page_acknowledged"] = ["timeout"]
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports)
    assert chat.named("page_acked") == []
    clock.advance(seconds=10)
    assert services.tick(ports=ports).shown == 1
    clock.advance(minutes=5)
    services.tick(ports=ports)
    assert chat.named("page_acked") == [("page_acked", "ULEGAL", "legal")]
    assert page_of(ports, crisis, "ULEGAL").ack_shown_at == clock.now() - timedelta(minutes=5)


def test_an_acknowledgement_whose_mark_sender_died_is_marked_when_its_lease_ends(ports, chat, clock):
    crisis = open_one(ports)
    legal = page_of(ports, crisis, "ULEGAL")
    chat.fail["mark_page_acknowledged"] = [RuntimeError("the process died")]
    with pytest.raises(RuntimeError):
        paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports)
    clock.advance(seconds=ACK_LEASE.total_seconds())
    services.tick(ports=ports)
    services.tick(ports=ports)
    assert chat.named("page_acked") == [("page_acked", "ULEGAL", "legal")]


class AckWhileSending(FakeChat):
    """A chat slow to answer a page: the person sees it and acknowledges before its answer is recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.meanwhile = None

    def send_page(self, crisis, plan, page) -> PageDelivery:
        delivery = super().send_page(crisis, plan, page)
        if self.meanwhile and page.user_id == "ULEGAL":
            act, self.meanwhile = self.meanwhile, None
            act(page)
        return delivery


def test_an_acknowledgement_before_the_page_is_recorded_is_marked_once_it_is(ports, clock):
    chat = AckWhileSending()
    ports = replace(ports, chat=chat)
    marked = []
    chat.meanwhile = lambda page: (paging.acknowledge_page(page.id, user="ULEGAL", request_key="a", ports=ports),
                                   marked.extend(chat.named("page_acked")))
    crisis = open_one(ports)
    assert marked == [("page_acked", "ULEGAL", "legal")]  # marked where it was known to be: nowhere yet
    legal = page_of(ports, crisis, "ULEGAL")
    assert legal.dm_ts and legal.ack_due_at is None and legal.delivered_at
    assert chat.named("page_acked") == [("page_acked", "ULEGAL", "legal")] * 2  # again, now that it is known
    clock.advance(minutes=5)
    services.tick(ports=ports)
    assert len(chat.named("page_acked")) == 2


def test_a_click_on_a_page_whose_delivery_answer_was_lost_tells_where_it_is(ports, chat, clock):
    chat.fail["page:ULEGAL"] = ["timeout"]  # the answer was lost: the person got it all the same
    crisis = open_one(ports)
    legal = page_of(ports, crisis, "ULEGAL")
    assert legal.dm_ts is None
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports,
                            clicked=("DULEGAL", "1764061200.000099"))
    legal = page_of(ports, crisis, "ULEGAL")
    assert (legal.dm_channel, legal.dm_ts, legal.channel_ts) == ("DULEGAL", "1764061200.000099", None)
    assert legal.ack_shown_at and chat.named("page_acked") == [("page_acked", "ULEGAL", "legal")]
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="b", ports=ports,
                            clicked=(crisis.channel_id, "1764061200.000100"))  # the channel copy, too
    assert page_of(ports, crisis, "ULEGAL").channel_ts == "1764061200.000100"
    assert len(chat.named("page_acked")) == 2
    clock.advance(minutes=5)
    services.tick(ports=ports)
    assert len(chat.named("page_acked")) == 2
    assert [c[1] for c in chat.named("page")].count("ULEGAL") == 0  # the acknowledged page is not sent again


def test_a_failed_escalation_notice_is_posted_by_the_tick_once(ports, chat, clock):
    crisis = open_one(ports)
    for user in ("ULEAD", "ULEGAL"):
        paging.acknowledge_page(page_of(ports, crisis, user).id, user=user, request_key=user, ports=ports)
    chat.fail["post"] = ["timeout"]
    clock.advance(minutes=10)
    report = services.tick(ports=ports)
    assert report.escalated == 1 and chat.posted(crisis.channel_id).count("page.escalated") == 0
    assert chat.named("page")[-1][1:] == ("UCOMMSB", "comms_lead", "backup")  # the backup is paged all the same
    clock.advance(seconds=10)
    assert services.tick(ports=ports).shown == 1
    clock.advance(seconds=NOTICE_LEASE.total_seconds())
    services.tick(ports=ports)
    [notice] = [c for c in chat.named("post") if c[2] == "page.escalated"]
    assert "UCOMMSB" in notice[3] and "backup" in notice[3]


def test_a_partly_delivered_page_sends_the_missing_part_again(ports, clock):
    class DirectMessageFails(FakeChat):
        def send_page(self, crisis, plan, page):
            delivery = super().send_page(crisis, plan, page)
            if page.user_id == "ULEGAL" and len([c for c in self.named("page") if c[1] == "ULEGAL"]) == 1:
                return PageDelivery(None, None, delivery.channel_ts)
            return delivery

    chat = DirectMessageFails()
    ports = replace(ports, chat=chat)
    crisis = open_one(ports)
    legal = page_of(ports, crisis, "ULEGAL")
    assert (legal.delivered_at, legal.dm_ts) == (None, None) and legal.channel_ts
    clock.advance(seconds=10)
    assert services.tick(ports=ports).delivered == 1
    legal = page_of(ports, crisis, "ULEGAL")
    assert legal.delivered_at and legal.dm_ts
    clock.advance(minutes=5)
    services.tick(ports=ports)
    assert [c[1] for c in chat.named("page")].count("ULEGAL") == 2


def test_a_set_up_step_that_failed_is_run_again_after_a_back_off_not_the_lease(ports, chat, clock):
    chat.fail["post_card"] = [ChatFailure("ratelimited", retry_after=30)]
    crisis = open_one(ports)
    assert crisis.card_ts is None and crisis.set_up_at is None
    clock.advance(seconds=29)
    assert services.tick(ports=ports).rooms_finished == 0
    clock.advance(seconds=1)
    assert services.tick(ports=ports).rooms_finished == 1
    crisis = stored(ports, crisis)
    assert crisis.card_ts and crisis.set_up_at
    assert len(chat.named("post_card")) == 1 and chat.posted().count("announce.opened") == 1
    assert services.tick(ports=ports).rooms_finished == 0


def test_invite_refusals_are_said_once_when_a_set_up_runs_again(ports, chat, clock):
    chat.refuse_invite["ULEGAL"] = "user_is_deactivated"
    chat.fail["post_card"] = ["internal_error"]
    crisis = open_one(ports)
    clock.advance(seconds=10)
    services.tick(ports=ports)
    assert len(chat.named("invite")) == 2
    assert chat.posted(crisis.channel_id).count("room.invite_failed") == 1


def test_a_set_up_whose_topic_failed_sets_it_again(ports, chat, clock):
    chat.fail["set_topic"] = ["timeout"]
    crisis = open_one(ports)
    assert crisis.card_ts and crisis.announced and crisis.set_up_at is None
    clock.advance(seconds=10)
    assert services.tick(ports=ports).rooms_finished == 1
    assert stored(ports, crisis).set_up_at and len(chat.named("set_topic")) == 1
    assert len(chat.named("post_card")) == 1 and chat.posted().count("announce.opened") == 1


def test_the_escalation_notice_names_the_deadline_the_page_gave_not_when_the_tick_ran(ports, chat, clock):
    open_one(ports)
    clock.advance(minutes=13)  # the tick ran late: 3 minutes past the page's 10
    services.tick(ports=ports)
    notices = [c[3] for c in chat.named("post") if c[2] == "page.escalated"]
    assert notices and all("within 10 min" in notice for notice in notices)


def test_a_change_while_the_card_is_being_edited_is_shown_after_that_edit_never_before_it(ports, chat, clock):
    class SlowChat(FakeChat):
        """The first card edit is still on its way when a second person changes the crisis."""

        def __init__(self):
            super().__init__()
            self.drawn = []

        def update_card(self, crisis, plan, facts):
            if not self.drawn:
                self.drawn.append(None)
                note(ports_, crisis, key="n2")  # meanwhile, another person's change and its own show_card
                self.drawn.pop()
            self.drawn.append(crisis.card_claims)
            return super().update_card(crisis, plan, facts)

    slow = SlowChat()
    ports_ = replace(ports, chat=slow)
    crisis = open_one(ports_)
    note(ports_, crisis)
    final = stored(ports_, crisis)
    assert slow.drawn[-1] == final.card_claims, "the last edit to land shows the newest state"
    assert (final.card_claims_shown, final.card_due_at) == (final.card_claims, None)
