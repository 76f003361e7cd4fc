"""Deciding a paused post once: a Resume claims the decision before its provider is called, so a Discard or another
Resume meanwhile is refused (nothing scheduled twice, nothing discarded yet still scheduled); the claim ends with the
provider's failure, and a dead replica's claim is taken over; a resume that loses a race anyway takes back what it
scheduled; a discard after a resume whose answer was lost removes what that try left at the provider."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.due import RUNNER_SILENT_AFTER
from crisis.errors import IllegalTransition, PublishFailed
from crisis.events import EventKind
from crisis.i18n import msg, render
from crisis.schedules import rules
from crisis.schedules import services as schedules
from crisis.schedules.model import PlannedPost
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.rooms import close, kinds, open_one

LATER = T0 + timedelta(hours=5)
TEXT = "Black Friday deals!"


class Died(BaseException):
    """The replica's process ends here (killed): nothing after this point runs, no handler sees it."""


@pytest.fixture
def mastodon():
    return FakeScheduler(PlannedPost("101", TEXT, LATER))


@pytest.fixture
def ports(ports, mastodon):
    return replace(ports, schedulers={"mastodon": ("Mastodon social.example", mastodon)}, runner="replica-a")


@pytest.fixture
def other(ports):
    """A second replica of the bot, on the same database."""
    return replace(ports, runner="replica-b")


@pytest.fixture
def post_id(ports):
    crisis = open_one(ports)
    close(ports, crisis)
    with ports.uow() as uow:
        [post] = uow.paused_posts.for_crisis(crisis.id)
    return post.id


def stored(ports, post_id):
    with ports.uow() as uow:
        return uow.paused_posts.get(post_id)


def copies(mastodon):
    return [(p.text, p.post_at) for p in mastodon.posts]


def refused(call) -> tuple[str, str]:
    with pytest.raises(IllegalTransition) as error:
        call()
    return error.value.key, render(msg(error.value.key, **error.value.params))


def beat(ports, runner, at):
    with ports.uow() as uow:
        uow.runners.beat(runner, at)
        uow.commit()


def test_a_discard_while_a_resume_is_at_the_provider_is_refused_and_the_post_is_resumed_once(ports, mastodon,
                                                                                              post_id):
    heard = []
    mastodon.before_restore = lambda post: heard.append(refused(
        lambda: schedules.decide_paused_post(post_id, False, user="UOPENER", ports=ports)))
    resumed = schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports)
    [(key, text)] = heard
    assert key == "error.paused_post_being_resumed" and "ULEAD" in text and "resuming this post right now" in text
    assert (resumed.outcome, resumed.decided_by, resumed.restored_id) == ("resumed", "ULEAD", "new1")
    assert copies(mastodon) == [(TEXT, LATER)]  # scheduled once, and recorded as it is: resumed
    assert stored(ports, post_id).deciding_since is None


def test_a_second_resume_while_one_is_at_the_provider_is_refused_not_scheduled_twice(ports, other, mastodon,
                                                                                      post_id):
    heard = []
    mastodon.before_restore = lambda post: heard.append(refused(  # a double click, answered by another replica
        lambda: schedules.decide_paused_post(post_id, True, user="ULEAD", ports=other,
                                             new_time=LATER + timedelta(hours=1)))[0])
    schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports)
    assert heard == ["error.paused_post_being_resumed"]
    assert copies(mastodon) == [(TEXT, LATER)] and len(mastodon.named("restore")) == 1
    assert kinds(ports, stored(ports, post_id))[-1] is EventKind.POST_RESUMED


def test_a_resume_the_provider_refuses_ends_its_claim_and_a_discard_follows_at_once(ports, mastodon, post_id):
    mastodon.fail["restore"] = [PublishFailed("Mastodon answered 503")]
    assert refused(lambda: schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports))[0] == \
        "error.paused_post_restore_failed"
    assert stored(ports, post_id).deciding_since is None
    assert schedules.decide_paused_post(post_id, False, user="UOPENER", ports=ports).outcome == "discarded"
    assert copies(mastodon) == []


def test_a_discard_after_a_resume_whose_answer_was_lost_removes_what_that_try_scheduled(ports, mastodon, post_id):
    mastodon.lose.add("restore")  # scheduled at the provider, the answer lost
    assert refused(lambda: schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports))[0] == \
        "error.paused_post_restore_failed"
    assert copies(mastodon) == [(TEXT, LATER)]
    discarded = schedules.decide_paused_post(post_id, False, user="UOPENER", ports=ports)
    assert (discarded.outcome, discarded.decided_by) == ("discarded", "UOPENER")
    assert copies(mastodon) == [] and mastodon.named("remove")[-1] == ("remove", "new1")


def test_a_discard_that_cannot_look_at_the_provider_leaves_the_post_paused(ports, mastodon, post_id):
    mastodon.lose.add("restore")
    refused(lambda: schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports))
    mastodon.fail["planned"] = [PublishFailed("Mastodon answered 502")]
    key, text = refused(lambda: schedules.decide_paused_post(post_id, False, user="UOPENER", ports=ports))
    assert key == "error.paused_post_discard_failed" and "Mastodon answered 502" in text
    post = stored(ports, post_id)
    assert (post.outcome, post.deciding_since) == ("", None)
    assert schedules.decide_paused_post(post_id, False, user="UOPENER", ports=ports).outcome == "discarded"
    assert copies(mastodon) == []


def test_the_claim_of_a_replica_that_died_at_the_provider_is_taken_over(ports, other, clock, mastodon, post_id):
    beat(ports, "replica-a", clock.now())

    def die(post):
        raise Died()
    mastodon.before_restore = die
    with pytest.raises(Died):
        schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports)
    mastodon.before_restore = lambda post: None
    key, text = refused(lambda: schedules.decide_paused_post(post_id, False, user="UOPENER", ports=other))
    assert key == "error.paused_post_being_resumed" and "ULEAD" in text  # replica-a was heard from just now
    clock.advance(seconds=RUNNER_SILENT_AFTER.total_seconds() + 1)
    beat(other, "replica-b", clock.now())
    resumed = schedules.decide_paused_post(post_id, True, user="ULEAD", ports=other)
    assert (resumed.outcome, resumed.restore_attempts) == ("resumed", 2)
    assert copies(mastodon) == [(TEXT, LATER)]


def test_a_claim_whose_replica_is_never_heard_from_ends_with_its_lease(ports, clock, post_id):
    post = stored(ports, post_id)
    rules.claim(post, "resumed", "ULEAD", "replica-a", clock.now())
    lease = rules.decision_lease(post)
    assert rules.under_way(post, clock.now() + lease - timedelta(seconds=1), holder_silent=False)
    assert not rules.under_way(post, clock.now() + lease, holder_silent=False)
    assert not rules.under_way(post, clock.now(), holder_silent=True)


def test_a_resume_that_loses_its_claim_meanwhile_takes_back_what_it_scheduled(ports, other, clock, mastodon, post_id):
    beat(ports, "replica-a", clock.now())

    def stall_then_lose(post):  # replica-a stalls at the provider long enough to be taken for dead
        clock.advance(seconds=RUNNER_SILENT_AFTER.total_seconds() + 1)
        beat(other, "replica-b", clock.now())
        schedules.decide_paused_post(post_id, False, user="UOPENER", ports=other)
    mastodon.before_restore = stall_then_lose
    key, _ = refused(lambda: schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports))
    assert key == "error.paused_post_decided"
    post = stored(ports, post_id)
    assert (post.outcome, post.decided_by) == ("discarded", "UOPENER")
    assert copies(mastodon) == [] and mastodon.named("remove")[-1] == ("remove", "new1")


def test_a_copy_that_cannot_be_taken_back_is_named_to_the_person_who_resumed(ports, other, clock, mastodon, post_id):
    beat(ports, "replica-a", clock.now())

    def stall_then_lose(post):
        clock.advance(seconds=RUNNER_SILENT_AFTER.total_seconds() + 1)
        schedules.decide_paused_post(post_id, False, user="UOPENER", ports=other)
        mastodon.fail["remove"] = [PublishFailed("Mastodon answered 503")]
    mastodon.before_restore = stall_then_lose
    key, text = refused(lambda: schedules.decide_paused_post(post_id, True, user="ULEAD", ports=ports))
    assert key == "error.paused_post_take_back_failed"
    assert "discarded meanwhile" in text and "Mastodon social.example" in text and "Remove it there by hand" in text
