"""The request inbox: a request whose work changes something is taken before its ack and leaves once its work
is done; work cut short after the ack (the process died) is run again by the next tick past REDO_AFTER, on any
replica, and acts once. Requests that only open a modal or show something are not taken."""
from __future__ import annotations

from concurrent.futures import Future, wait
from typing import Any, Callable

import pytest

from crisis import due
from handlers import ids
from sandbox.local_bot import IdleTrackingExecutor, SettableClock, start_local_bot
from sandbox.slack_user import slash_command_body
from tests.handlers.flows import OPEN_VALUES, last_view, open_crisis, page_to


class KillableExecutor(IdleTrackingExecutor):
    """Runs the work after the ack until `killed`: from then on work is dropped, as in a process killed right
    after it answered Slack."""

    killed = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._dropped() if self.killed else super().submit(fn, *args, **kwargs)

    def submit_kept(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._dropped() if self.killed else super().submit_kept(fn, *args, **kwargs)

    @staticmethod
    def _dropped() -> Future[Any]:
        dropped: Future[Any] = Future()
        dropped.cancel()
        return dropped


@pytest.fixture
def bot(uow_factory):
    local = start_local_bot(uow_factory, clock=SettableClock(), executor=KillableExecutor())
    yield local
    local.stop()
    assert local.executor.failures == []


def taken(bot) -> list[str]:
    with bot.ports.uow() as uow:
        return uow.inbox.due(bot.clock.now() + due.REDO_AFTER * 100, 100)


def test_a_crisis_whose_open_died_after_the_ack_is_opened_by_a_later_tick(bot):
    bot.command("opener", "open Offensive ad video", "general")
    view = last_view(bot)
    bot.executor.killed = True
    assert bot.submit("opener", view["id"], {**OPEN_VALUES, ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Ad"}}) == (200, "")
    assert bot.sandbox.calls_to("conversations.create") == []
    assert len(taken(bot)) == 1

    bot.tick()
    assert bot.sandbox.calls_to("conversations.create") == [], "not yet: the first run may still be working"
    bot.clock.advance(seconds=due.REDO_AFTER.total_seconds())
    bot.tick()
    created = [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")]
    assert len(created) == 1
    channel = created[0].response["channel"]["id"]
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
    assert crisis.title == "Ad" and crisis.set_up_at is not None
    assert taken(bot) == []

    bot.clock.advance(minutes=30)
    bot.tick()
    assert len([c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")]) == 1


def test_an_acknowledgement_cut_short_is_recorded_by_a_later_tick(bot):
    channel = open_crisis(bot)["id"]
    page = page_to(bot, channel, "legal")
    bot.executor.killed = True
    assert bot.click("legal", channel, page["ts"], ids.ACKNOWLEDGE)[0] == 200
    with bot.ports.uow() as uow:
        assert all(p.acked_at is None for p in uow.pages.for_crisis(1) if p.user_id == bot.users["legal"])
    bot.clock.advance(seconds=due.REDO_AFTER.total_seconds())
    bot.tick()
    with bot.ports.uow() as uow:
        acked = [p for p in uow.pages.for_crisis(1) if p.user_id == bot.users["legal"] and p.acked_at]
    assert len(acked) == 1 and taken(bot) == []


def test_done_work_leaves_the_inbox_and_what_only_shows_is_never_taken(bot):
    channel = open_crisis(bot)["id"]
    bot.command("comms", "note Reporter called", channel)
    assert taken(bot) == []
    bot.executor.killed = True
    for shows in ("help", "status", "timeline", "open Another"):
        assert bot.command("comms", shows, channel)[0] == 200
    assert taken(bot) == []
    bot.command("comms", "note Second call", channel)
    assert len(taken(bot)) == 1


def test_a_request_delivered_again_and_run_again_after_its_work_was_done_acts_once(bot):
    """Slack's retry of a request taken but not done runs it (the inbox keeps one); then, as if marking it done
    had been lost, the same request is back in the inbox: the next tick past REDO_AFTER runs it again, and the
    note is still added once."""
    channel = open_crisis(bot)["id"]
    comms = bot.users["comms"]
    body = slash_command_body("/crisis", "note Reporter called", comms, channel, team_id=bot.sandbox.team_id,
                              trigger_id=bot.sandbox.issue_trigger_id(comms),
                              response_url=bot.sandbox.response_url(comms, channel))
    bot.executor.killed = True
    assert bot.slack.post(body)[0] == 200
    [key] = taken(bot)
    with bot.ports.uow() as uow:
        request = uow.inbox.lock(key)
    bot.executor.killed = False
    assert bot.slack.post(body, retry_num=1)[0] == 200
    bot.settle()
    assert taken(bot) == [] and note_count(bot) == 1

    with bot.ports.uow() as uow:
        assert uow.inbox.add(request)
        uow.commit()
    bot.clock.advance(seconds=due.REDO_AFTER.total_seconds())
    bot.tick()
    assert taken(bot) == [] and note_count(bot) == 1


def note_count(bot) -> int:
    with bot.ports.uow() as uow:
        return [e.kind.value for e in uow.timeline.for_crisis(1)].count("note")


class Shown(IdleTrackingExecutor):
    """Holds every kept piece while a request is being answered (none may run), and keeps the futures of the work
    that is not kept."""

    def __init__(self) -> None:
        super().__init__(while_answering=0)
        self.shown: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.shown.append(super().submit(fn, *args, **kwargs))
        return self.shown[-1]


def test_while_requests_are_answered_kept_work_waits_and_a_modal_still_opens_at_once(uow_factory):
    bot = start_local_bot(uow_factory, clock=SettableClock(), executor=Shown())
    try:
        channel = open_crisis(bot)["id"]
        page, legal = page_to(bot, channel, "legal"), bot.users["legal"]
        bot.executor.started()  # as the production server says while a burst is being answered
        assert bot.slack.click(legal, channel, page["ts"], ids.ACKNOWLEDGE)[0] == 200
        assert bot.executor.held() == 1
        views, shown = len(bot.sandbox.views_opened()), len(bot.executor.shown)
        assert bot.slack.command(bot.users["opener"], "/crisis", "open Second", channel="general")[0] == 200
        assert wait(bot.executor.shown[shown:], timeout=10).not_done == set()
        assert len(bot.sandbox.views_opened()) == views + 1, "a modal's trigger expires: it never waits"
        with bot.ports.uow() as uow:
            assert all(p.acked_at is None for p in uow.pages.for_crisis(1) if p.user_id == legal)
        bot.executor.finished()
        bot.settle()
        with bot.ports.uow() as uow:
            assert [p.acked_at is not None for p in uow.pages.for_crisis(1) if p.user_id == legal] == [True]
    finally:
        bot.stop()
