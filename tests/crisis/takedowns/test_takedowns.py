"""Take-down use cases through the fakes: asked for with a post's link (read and archived first, or refused with
nothing stored), approved under the statements' rule (four eyes), removed once (never in a drill), retried, and
shown."""
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised, PublishFailed
from crisis.events import EventKind
from crisis.i18n import render
from crisis.ports import Ports
from crisis.room import drills
from crisis.takedowns import services
from crisis.takedowns.model import PostCopy, TakedownState
from crisis.timeline import describe
from crisis.views import Action, Buttons
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.takedowns import FakeRemover
from tests.crisis.rooms import close, kinds, open_one

URL = "https://social.example/posts/42"
POST = PostCopy("Our new ad, enjoy!", "acme", T0 - timedelta(hours=3), URL, {"replies": 7, "reposts": 31})


@pytest.fixture
def remover():
    return FakeRemover(posts={"42": POST, "43": PostCopy("Not ours", "jane", T0, "https://social.example/posts/43")})


@pytest.fixture
def ports(plan, clock, chat, db, remover):
    return Ports(plan=plan, uow=db, chat=chat, clock=clock, removers={"mastodon": ("Mastodon social.example",
                                                                                    remover)})


@pytest.fixture
def crisis(ports):
    return open_one(ports)


def ask(ports, crisis, url=URL, user="USOCIAL", key="ask-1"):
    return services.request_takedown(crisis.channel_id, url, user=user, request_key=key, ports=ports)


def decide(ports, takedown, user, approve=True, key=None):
    return services.decide(takedown.id, approve=approve, user=user, request_key=key or f"{user}-{approve}",
                           ports=ports)


def saved(ports, takedown):
    with ports.uow() as uow:
        return uow.takedowns.get(takedown.id)


def approve_both(ports, takedown):
    decide(ports, takedown, "UCOMMS")
    return decide(ports, takedown, "ULEGAL")


def test_a_request_archives_the_post_and_posts_the_approval_card(ports, chat, crisis, remover):
    takedown = ask(ports, crisis)
    kept = saved(ports, takedown)
    assert (kept.state, kept.post_id, kept.copy, kept.requested_by) == (TakedownState.PENDING, "42", POST, "USOCIAL")
    assert remover.calls == [("fetch", "42")]
    card = chat.last_view(f"takedown:{takedown.id}")
    assert "Our new ad, enjoy!" in str(card) and "31 reposts" in render(card.parts[2].items[-1])
    buttons = [p for p in card.parts if isinstance(p, Buttons)][0].buttons
    assert [b.action for b in buttons] == [Action.APPROVE_TAKEDOWN, Action.REJECT_TAKEDOWN]
    assert kinds(ports, crisis)[-1] is EventKind.TAKEDOWN_REQUESTED


@pytest.mark.parametrize(("url", "error"), [
    ("https://social.example/posts/404", "error.takedown_gone"),
    ("https://social.example/posts/43", "error.takedown_not_ours"),
    ("https://unknown.example/p/1", "error.takedown_unknown_platform"),
    ("not a link", "error.takedown_usage"),
])
def test_gone_someone_elses_or_unknown_posts_are_refused_and_nothing_is_recorded(ports, db, crisis, url, error):
    with pytest.raises((BadInput, IllegalTransition)) as refused:
        ask(ports, crisis, url=url)
    assert refused.value.key == error
    assert db.rows("takedowns") == [] and kinds(ports, crisis)[-1] is not EventKind.TAKEDOWN_REQUESTED


def test_a_platform_that_cannot_be_read_refuses_with_its_reason(ports, db, crisis, remover):
    remover.fetch = lambda post_id: (_ for _ in ()).throw(PublishFailed("Mastodon answered 401 (check the token)"))
    with pytest.raises(IllegalTransition) as refused:
        ask(ports, crisis)
    assert refused.value.key == "error.takedown_unreachable" and "401" in refused.value.params["reason"]
    assert db.rows("takedowns") == []


def test_the_same_request_twice_stores_one_and_a_second_ask_for_the_post_is_refused(ports, db, crisis):
    ask(ports, crisis)
    assert ask(ports, crisis) is None
    with pytest.raises(IllegalTransition, match="error.takedown_exists"):
        ask(ports, crisis, key="ask-2")
    assert len(db.rows("takedowns")) == 1


def test_four_eyes_the_rule_roles_approve_and_the_post_is_removed_once(ports, chat, crisis, remover):
    takedown = ask(ports, crisis, user="UCOMMS")
    with pytest.raises(NotAuthorised, match="error.takedown_own"):
        decide(ports, takedown, "UCOMMS")
    with pytest.raises(NotAuthorised, match="error.takedown_not_approver"):
        decide(ports, takedown, "USOMEONE")
    assert not decide(ports, takedown, "ULEGAL").approved
    assert remover.removed == []
    with pytest.raises(NotAuthorised, match="error.takedown_not_approver"):
        decide(ports, takedown, "ULEAD")  # the crisis lead is not named by the rule (comms lead AND legal)
    assert saved(ports, takedown).state is TakedownState.PENDING and remover.removed == []


def test_approved_by_the_rule_it_is_taken_down_told_and_on_the_timeline(ports, chat, crisis, remover):
    takedown = ask(ports, crisis)
    assert approve_both(ports, takedown).approved
    kept = saved(ports, takedown)
    assert (kept.state, kept.removed_at, remover.removed) == (TakedownState.TAKEN_DOWN, T0, ["42"])
    assert [c[2] for c in chat.named("post")][-1] == "takedown.taken_down_notice"
    assert kinds(ports, crisis)[-3:] == [EventKind.TAKEDOWN_APPROVED, EventKind.TAKEDOWN_APPROVED,
                                         EventKind.TAKEN_DOWN]
    card = chat.last_view(f"takedown:{takedown.id}")
    assert not [p for p in card.parts if isinstance(p, Buttons)]
    assert services.remove(takedown.id, ports=ports) is False and remover.removed == ["42"]


def test_rejected_it_stays_up_and_is_closed(ports, crisis, remover):
    takedown = ask(ports, crisis)
    with pytest.raises(NotAuthorised, match="error.takedown_not_reviewer"):
        decide(ports, takedown, "USOMEONE", approve=False)
    decide(ports, takedown, "ULEAD", approve=False)
    assert saved(ports, takedown).state is TakedownState.REJECTED and remover.removed == []
    with pytest.raises(IllegalTransition, match="error.takedown_closed"):
        decide(ports, takedown, "ULEGAL")


def test_gone_before_we_removed_it_is_recorded_as_already_gone_with_its_copy(ports, crisis, remover):
    takedown = ask(ports, crisis)
    del remover.posts["42"]  # its author deleted it while we were approving
    approve_both(ports, takedown)
    kept = saved(ports, takedown)
    assert (kept.state, kept.copy.text) == (TakedownState.GONE, "Our new ad, enjoy!")
    assert kinds(ports, crisis)[-1] is EventKind.TAKEDOWN_GONE


def test_a_lost_answer_is_retried_by_the_tick_and_the_gone_post_counts_as_ours(ports, clock, chat, crisis, remover):
    remover.fail, remover.land = [PublishFailed("no answer from social.example within 10 s")], True
    takedown = ask(ports, crisis)
    approve_both(ports, takedown)
    kept = saved(ports, takedown)
    assert (kept.state, kept.maybe_removed, kept.remove_due_at) == (TakedownState.APPROVED, True,
                                                                   T0 + timedelta(seconds=10))
    assert [c[2] for c in chat.named("post")][-1] == "takedown.retrying_notice"
    assert services.tick(ports=ports) == 0  # not due yet
    clock.advance(seconds=10)
    assert services.tick(ports=ports) == 1
    kept = saved(ports, takedown)
    assert (kept.state, kept.remove_attempts, remover.removed) == (TakedownState.TAKEN_DOWN, 2, [])
    assert services.tick(ports=ports) == 0


def test_a_rate_limit_waits_as_long_as_asked_and_a_bad_token_is_given_up_and_said(ports, clock, chat, crisis,
                                                                                   remover):
    remover.fail = [PublishFailed("Mastodon answered 429", retry_after=120)] + \
        [PublishFailed("Mastodon answered 401 (check the token)", permanent=True)] * 2
    takedown = ask(ports, crisis)
    approve_both(ports, takedown)
    kept = saved(ports, takedown)
    assert (kept.remove_due_at, kept.maybe_removed) == (T0 + timedelta(seconds=120), False)
    for wait in (120, 20):
        clock.advance(seconds=wait)
        services.tick(ports=ports)
    kept = saved(ports, takedown)
    assert (kept.state, kept.remove_due_at, kept.remove_attempts) == (TakedownState.APPROVED, None, 3)
    assert "401" in kept.error and "42" in remover.posts
    assert [c[2] for c in chat.named("post")][-1] == "takedown.failed_notice"
    assert kinds(ports, crisis).count(EventKind.TAKEDOWN_FAILED) == 2  # the first failure and giving up


def test_a_remover_that_died_is_taken_over_after_its_lease(ports, clock, db, crisis, remover):
    takedown = ask(ports, crisis)
    decide(ports, takedown, "UCOMMS")
    remover.fail = [RuntimeError("killed")]  # the process dies mid-removal: nothing recorded
    with pytest.raises(RuntimeError):
        decide(ports, takedown, "ULEGAL")
    assert services.tick(ports=ports) == 0
    clock.advance(minutes=8)
    assert services.tick(ports=ports) == 1
    assert saved(ports, takedown).state is TakedownState.TAKEN_DOWN and remover.removed == ["42"]


def test_nothing_is_taken_down_in_a_closed_crisis(ports, crisis):
    takedown = ask(ports, crisis)
    close(ports, crisis)
    with pytest.raises(IllegalTransition, match="error.crisis_closed"):
        decide(ports, takedown, "UCOMMS")
    with pytest.raises(IllegalTransition, match="error.crisis_closed"):
        ask(ports, crisis, key="ask-2")


def test_an_approval_that_lapsed_before_the_removal_sends_it_back_to_waiting(ports, clock, crisis, remover):
    takedown = ask(ports, crisis)
    decide(ports, takedown, "UCOMMS")
    remover.fail = [PublishFailed("Mastodon answered 503")]
    decide(ports, takedown, "ULEGAL")
    with ports.uow() as uow:  # legal is handed to someone else before the retry
        stored = uow.crises.lock(crisis.id)
        stored.role("legal").user_id = "UNEWLEGAL"
        uow.crises.save(stored)
        uow.commit()
    clock.advance(seconds=10)
    assert services.tick(ports=ports) == 0
    kept = saved(ports, takedown)
    assert (kept.state, kept.remove_due_at, remover.removed) == (TakedownState.PENDING, None, [])
    decide(ports, takedown, "UNEWLEGAL")
    assert saved(ports, takedown).state is TakedownState.TAKEN_DOWN and remover.removed == ["42"]


def test_a_drills_take_down_trains_the_approvals_but_leaves_the_post_up_marked_skipped(ports, clock, chat, remover):
    drill = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    takedown = ask(ports, drill)
    assert approve_both(ports, takedown).approved
    kept = saved(ports, takedown)
    assert (kept.state, kept.removed_at, remover.removed, "42" in remover.posts) == (
        TakedownState.TAKEN_DOWN, T0, [], True)
    assert [c for c in remover.calls if c[0] != "fetch"] == [], "a drill never asks the platform to remove anything"
    assert kinds(ports, drill)[-1] is EventKind.TAKEDOWN_SKIPPED
    with ports.uow() as uow:
        said = render(describe(uow.timeline.for_crisis(drill.id)[-1], ports.plan))
    assert "skipped: drill" in said and URL in said
    assert [c[2] for c in chat.named("post")][-1] == "takedown.drill_notice"
    card = chat.last_view(f"takedown:{takedown.id}")
    assert "skipped: drill" in render(card.summary) and "taken down" not in render(card.summary)
    clock.advance(minutes=10)
    assert services.tick(ports=ports) == 0 and services.remove(takedown.id, ports=ports) is False
    assert remover.removed == []
