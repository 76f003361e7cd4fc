"""Scheduled posts at a provider (a FakeScheduler): paused at open, each stored before it is removed; failures half-
way are shown on the card and retried without losing or doubling anything; resumed, rescheduled or discarded at
close; a drill pauses nothing."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import IllegalTransition, NotAuthorised, PublishFailed
from crisis.events import EventKind
from crisis.i18n import render
from crisis.room import drills
from crisis.room import services as room_services
from crisis.schedules import services as schedules
from crisis.schedules.model import MediaCopy, PlannedPost
from crisis.schedules.rules import MAX_REMOVALS
from crisis.statements.views import paused_posts_offer
from crisis.timeline import describe
from crisis.views import Link, Text
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.rooms import close, kinds, open_one

LATER = T0 + timedelta(hours=5)


@pytest.fixture
def mastodon():
    return FakeScheduler(PlannedPost("101", "Black Friday deals!", LATER, ("https://m.example/a.png",)),
                         PlannedPost("102", "Our new ad", LATER + timedelta(hours=1)))


@pytest.fixture
def hootsuite():
    return FakeScheduler(PlannedPost("9001", "Webinar tomorrow", LATER, author="115185509"))


@pytest.fixture
def ports(ports, mastodon, hootsuite):
    return replace(ports, schedulers={"mastodon": ("Mastodon social.example", mastodon),
                                      "hootsuite": ("Hootsuite", hootsuite)})


def paused(ports, crisis):
    with ports.uow() as uow:
        return uow.paused_posts.for_crisis(crisis.id)


def card(chat):
    return [c for c in chat.calls if c[0] in ("post_card", "update_card")][-1][-1]


def test_open_records_every_scheduled_post_then_removes_it(ports, chat, mastodon, hootsuite):
    stored_before = []
    mastodon.before_remove = lambda post_id: stored_before.append(
        post_id in {p.scheduled_id for p in paused(ports, crisis_of(ports))})
    crisis = open_one(ports)
    posts = paused(ports, crisis)
    assert [(p.source, p.account, p.scheduled_id, p.text, p.post_at, p.deleted) for p in posts] == [
        ("mastodon", "Mastodon social.example", "101", "Black Friday deals!", LATER, True),
        ("hootsuite", "Hootsuite", "9001", "Webinar tomorrow", LATER, True),
        ("mastodon", "Mastodon social.example", "102", "Our new ad", LATER + timedelta(hours=1), True)]
    assert posts[0].media == ("https://m.example/a.png",) and posts[1].author == "115185509"
    assert stored_before == [True, True]
    assert mastodon.posts == [] and hootsuite.posts == []
    assert EventKind.POSTS_PAUSED in kinds(ports, crisis)
    assert card(chat).paused_posts == 3 and card(chat).posts_not_removed == 0


def crisis_of(ports):
    with ports.uow() as uow:
        return uow.crises.get(1)


def test_a_drill_pauses_nothing(ports, mastodon, hootsuite):
    opened = drills.start_drill("", actor="UOPENER", request_key="command:T1", ports=ports)
    assert paused(ports, opened.crisis) == []
    assert mastodon.named("remove") == [] and len(mastodon.posts) == 2 and len(hootsuite.posts) == 1


def test_a_removal_failing_half_way_is_shown_on_the_card_and_retried_when_the_provider_allows(ports, chat, clock,
                                                                                                mastodon):
    mastodon.fail["remove"] = [PublishFailed("Mastodon answered 429: Too many requests", retry_after=120)]
    crisis = open_one(ports)
    first = next(p for p in paused(ports, crisis) if p.scheduled_id == "101")
    assert (first.deleted, first.remove_attempts) == (False, 1)
    assert card(chat).posts_not_removed == 1
    assert "Mastodon social.example: Mastodon answered 429" in card(chat).removal_failure
    assert card(chat).paused_posts == 2
    clock.advance(seconds=60)
    assert schedules.removal_tick(ports=ports) == 0  # Retry-After: 120 s
    clock.advance(seconds=61)
    assert schedules.removal_tick(ports=ports) == 1
    assert all(p.deleted for p in paused(ports, crisis)) and mastodon.posts == []
    assert card(chat).posts_not_removed == 0 and card(chat).paused_posts == 3


def test_a_removal_whose_answer_was_lost_is_not_doubled(ports, clock, mastodon):
    mastodon.lose.add("remove")  # removed at the provider, the answer lost: retried, gone already counts as removed
    crisis = open_one(ports)
    clock.advance(seconds=11)
    assert schedules.removal_tick(ports=ports) == 1
    assert [p.deleted for p in paused(ports, crisis)] == [True, True, True]
    assert mastodon.named("remove") == [("remove", "101"), ("remove", "102"), ("remove", "101")]


def test_an_expired_token_is_retried_more_slowly_and_given_up_after_many_tries(ports, clock, hootsuite):
    refused = PublishFailed("Hootsuite answered 401 (check the token and its permissions)", permanent=True)
    hootsuite.fail["remove"] = [refused] * MAX_REMOVALS
    crisis = open_one(ports)
    post = next(p for p in paused(ports, crisis) if p.source == "hootsuite")
    assert post.remove_due_at == clock.now() + timedelta(seconds=60)  # 10 s, six times as slow
    for _ in range(MAX_REMOVALS + 2):
        clock.advance(hours=1)
        schedules.removal_tick(ports=ports)
    post = next(p for p in paused(ports, crisis) if p.source == "hootsuite")
    assert (post.deleted, post.remove_attempts, post.remove_due_at) == (False, MAX_REMOVALS, None)
    assert "check the token" in post.remove_failure
    assert len(hootsuite.posts) == 1  # nothing lost: still scheduled at the provider, and recorded


def test_a_schedule_that_cannot_be_read_is_read_again_when_the_set_up_runs_again(ports, clock, mastodon, hootsuite):
    hootsuite.fail["planned"] = [PublishFailed("Hootsuite answered 503")]
    crisis = open_one(ports)
    assert [p.source for p in paused(ports, crisis)] == ["mastodon", "mastodon"]
    assert EventKind.SCHEDULE_UNREAD in kinds(ports, crisis)
    assert crisis_of(ports).set_up_at is None
    clock.advance(minutes=10)
    assert room_services.tick(ports=ports).rooms_finished == 1
    assert sorted(p.scheduled_id for p in paused(ports, crisis)) == ["101", "102", "9001"]
    assert len(mastodon.named("remove")) == 2  # not removed twice


def test_close_resumes_at_the_provider_reschedules_or_discards_each_once(ports, chat, clock, mastodon, hootsuite):
    crisis = open_one(ports)
    first, webinar, second = paused(ports, crisis)
    close(ports, crisis)
    assert chat.named("offer_paused_posts")[0][3] == (first.id, webinar.id, second.id)
    resumed = schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports)
    assert (resumed.outcome, resumed.new_post_at) == ("resumed", LATER)
    kept = MediaCopy("https://m.example/a.png", "a.png", "image/png", b"https://m.example/a.png")
    assert mastodon.named("restore") == [("restore", "Black Friday deals!", LATER, f"crisisbot-resume-{first.id}-1",
                                          (kept,))]  # the copy kept at pause goes back with it
    with ports.uow() as uow:
        assert uow.paused_posts.files(first.id) == []  # and is not kept any longer
    when = LATER + timedelta(days=1)
    assert schedules.decide_paused_post(webinar.id, True, user="ULEAD", ports=ports, new_time=when).new_post_at == when
    assert [(p.text, p.post_at, p.author) for p in hootsuite.posts] == [("Webinar tomorrow", when, "115185509")]
    assert schedules.decide_paused_post(second.id, False, user="ULEAD", ports=ports).outcome == "discarded"
    assert [p.text for p in mastodon.posts] == ["Black Friday deals!"]
    with pytest.raises(IllegalTransition):
        schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports)
    assert len(mastodon.named("restore")) == 1
    assert kinds(ports, crisis)[-3:] == [EventKind.POST_RESUMED, EventKind.POST_RESUMED, EventKind.POST_DISCARDED]


def test_a_resume_the_provider_refuses_leaves_the_post_paused(ports, mastodon):
    crisis = open_one(ports)
    first = paused(ports, crisis)[0]
    close(ports, crisis)
    mastodon.fail["restore"] = [PublishFailed("Mastodon answered 503")]
    with pytest.raises(IllegalTransition) as refused:
        schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports)
    assert refused.value.key == "error.paused_post_restore_failed"
    assert paused(ports, crisis)[0].outcome == ""
    assert schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports).outcome == "resumed"
    assert [p.text for p in mastodon.posts] == ["Black Friday deals!"]


def test_a_resume_whose_answer_was_lost_is_not_scheduled_twice(ports, hootsuite):
    crisis = open_one(ports)
    webinar = next(p for p in paused(ports, crisis) if p.source == "hootsuite")
    close(ports, crisis)
    hootsuite.lose.add("restore")
    with pytest.raises(IllegalTransition):
        schedules.decide_paused_post(webinar.id, True, user="ULEAD", ports=ports)
    assert schedules.decide_paused_post(webinar.id, True, user="ULEAD", ports=ports).outcome == "resumed"
    assert [p.text for p in hootsuite.posts] == ["Webinar tomorrow"]  # found there; not made again
    assert len(hootsuite.named("restore")) == 1


def test_a_post_of_an_account_no_longer_in_the_plan_can_only_be_discarded(ports):
    crisis = open_one(ports)
    first = paused(ports, crisis)[0]
    close(ports, crisis)
    gone = replace(ports, schedulers={})
    with pytest.raises(IllegalTransition) as refused:
        schedules.decide_paused_post(first.id, True, user="ULEAD", ports=gone)
    assert refused.value.key == "error.paused_post_no_scheduler"
    assert schedules.decide_paused_post(first.id, False, user="ULEAD", ports=gone).outcome == "discarded"


def test_only_the_lead_the_opener_or_an_admin_resumes_reschedules_or_discards(ports, mastodon):
    crisis = open_one(ports)
    first = paused(ports, crisis)[0]
    close(ports, crisis)
    for user in ("ULEGAL", "UCOMMS"):
        for resume, new_time in ((True, None), (True, LATER + timedelta(days=1)), (False, None)):
            with pytest.raises(NotAuthorised):
                schedules.decide_paused_post(first.id, resume, user=user, ports=ports, new_time=new_time)
    assert mastodon.named("restore") == [] and paused(ports, crisis)[0].outcome == ""
    assert schedules.decide_paused_post(first.id, False, user="UOPENER", ports=ports).outcome == "discarded"


def test_the_media_are_copied_after_the_removal_and_a_failed_copy_leaves_the_links(ports, mastodon, hootsuite):
    mastodon.fail["copy_media"] = [PublishFailed("HTTP 500 from m.example")]
    crisis = open_one(ports)
    names = [c[0] for c in mastodon.calls]
    # copying never delays taking a post off: the media of 101 are copied after 102 is removed too
    assert names.index("copy_media") > max(i for i, name in enumerate(names) if name == "remove")
    assert len(mastodon.named("remove")) == 2
    with ports.uow() as uow:
        kept = {p.text: uow.paused_posts.files(p.id) for p in uow.paused_posts.for_crisis(crisis.id)}
    assert kept == {"Black Friday deals!": [], "Our new ad": [], "Webinar tomorrow": []}  # a failed copy leaves
    # the link, which a resume fetches; the others have no media
    assert mastodon.named("copy_media") == [("copy_media", "101")]


def test_a_post_whose_media_were_copied_keeps_the_first_copies(ports, mastodon):
    crisis = open_one(ports)
    with ports.uow() as uow:
        post = next(p for p in uow.paused_posts.for_crisis(crisis.id) if p.media)
        uow.paused_posts.keep_files(post.id, [MediaCopy("https://m.example/a.png", "other.png", "image/png", b"x")])
        uow.commit()
    with ports.uow() as uow:
        assert [(f.name, f.data) for f in uow.paused_posts.files(post.id)] == [("a.png", b"https://m.example/a.png")]


def test_the_timeline_names_the_account_a_post_was_resumed_or_discarded_at(ports, mastodon, hootsuite):
    crisis = open_one(ports)
    first, webinar, _ = paused(ports, crisis)
    close(ports, crisis)
    schedules.decide_paused_post(first.id, True, user="ULEAD", ports=ports)
    schedules.decide_paused_post(webinar.id, False, user="ULEAD", ports=ports)
    with ports.uow() as uow:
        events = [e for e in uow.timeline.for_crisis(crisis.id)
                  if e.kind in (EventKind.POST_RESUMED, EventKind.POST_DISCARDED)]
    lines = [render(describe(e, ports.plan)) for e in events]
    assert [line.split(" a paused post in ")[1] for line in lines] == ["Mastodon social.example", "Hootsuite"]


def test_the_close_offer_links_only_http_media_and_names_the_others(ports, mastodon):
    crisis = open_one(ports)
    [first, *_] = paused(ports, crisis)
    post = replace(first, media_json='["javascript:alert(1)", "https://m.example/a.png", "m-77"]')
    [card] = paused_posts_offer(crisis, [post])
    [media] = [p for p in card.parts if isinstance(p, Text) and any(isinstance(x, Link) for x in p.lines)]
    assert [x.url for x in media.lines if isinstance(x, Link)] == ["https://m.example/a.png"]
    assert [render(x) for x in media.lines if not isinstance(x, Link)] == [
        "With 3 attached file(s); a resume attaches them again:", "file 1 (kept at the provider)",
        "file 3 (kept at the provider)"]
