"""Pages: each outcome of a parallel batch recorded on its own, back-off, and a refused page given up once."""
from __future__ import annotations

from crisis.due import MAX_REFUSALS
from crisis.errors import ChatFailure
from crisis.room import services
from tests.crisis.rooms import open_one


def pages(ports, crisis):
    with ports.uow() as uow:
        return {p.user_id: p for p in uow.pages.for_crisis(crisis.id)}


def sent_to(chat, user, level="primary"):
    return [(c[1], c[3]) for c in chat.named("page")].count((user, level))


def test_a_timeout_and_a_fault_in_one_batch_cost_the_other_pages_nothing(ports, chat, clock):
    chat.fail["page:ULEGAL"] = [ChatFailure("timeout")]
    chat.fail["page:UCOMMS"] = [RuntimeError("a fault of ours")]
    crisis = open_one(ports)
    sent = pages(ports, crisis)
    assert sent["ULEAD"].delivered_at is not None
    assert (sent["ULEGAL"].delivered_at, sent["ULEGAL"].last_error) == (None, "timeout")
    assert (sent["UCOMMS"].delivered_at, sent["UCOMMS"].last_error) == (None, "error")
    clock.advance(seconds=10)
    assert services.tick(ports=ports).delivered == 2
    clock.advance(seconds=services.rules.DELIVERY_LEASE.total_seconds())  # no page's lease is left to run out
    services.tick(ports=ports)
    assert [sent_to(chat, u) for u in ("ULEAD", "ULEGAL", "UCOMMS")] == [1, 1, 1]


def test_a_rate_limit_waits_as_long_as_it_asks(ports, chat, clock):
    chat.fail["page:ULEGAL"] = [ChatFailure("ratelimited", retry_after=45)]
    open_one(ports)
    clock.advance(seconds=40)
    assert services.tick(ports=ports).delivered == 0
    clock.advance(seconds=5)
    assert services.tick(ports=ports).delivered == 1


def test_a_page_refused_for_its_content_is_given_up_told_once_and_still_escalates(ports, chat, clock):
    chat.fail["page:ULEGAL"] = [ChatFailure("invalid_blocks", permanent=True)] * 5
    crisis = open_one(ports)
    for _ in range(MAX_REFUSALS + 2):
        clock.advance(seconds=300)
        services.tick(ports=ports)
    legal = [p for p in pages(ports, crisis).values() if p.role == "legal" and p.user_id == "ULEGAL"][0]
    assert legal.failed_at is not None and legal.attempts == MAX_REFUSALS
    assert sent_to(chat, "ULEGAL") == 0 and len(chat.fail["page:ULEGAL"]) == 5 - MAX_REFUSALS
    told = chat.posted(crisis.channel_id)
    assert (told.count("page.retrying"), told.count("page.given_up")) == (1, 1)
    assert legal.escalated_at is not None  # the role went on to the crisis lead after its ack window
    assert ("page", "ULEAD", "legal", "lead") in chat.calls



def test_a_person_whose_own_chat_refuses_the_page_is_named_in_the_room_once_and_still_escalates(ports, chat, clock):
    chat.dm_refused["ULEGAL"] = "NotFound"
    crisis = open_one(ports)
    for _ in range(MAX_REFUSALS + 2):
        clock.advance(seconds=300)
        services.tick(ports=ports)
    told = chat.posted(crisis.channel_id)
    assert told.count("page.unreachable") == 1 and "page.retrying" not in told
    (legal,) = [p for p in pages(ports, crisis).values() if p.user_id == "ULEGAL"]
    assert legal.delivered_at is not None and legal.dm_ts is None and legal.channel_ts
    assert ("page", "ULEAD", "legal", "lead") in chat.calls, "the role went on to the crisis lead"
