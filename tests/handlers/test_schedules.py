"""End to end through the Slack sandbox and a fake Mastodon instance: a post queued with `/crisis schedule` and a
status scheduled on Mastodon are both recorded and paused when the crisis opens; at close the lead resumes the
Mastodon status (scheduled there again) and reschedules the queued post to a new time."""
import json
from datetime import UTC, datetime, timedelta

import pytest

from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan, team_plan_data
from sandbox.platforms.mastodon import FakeMastodonSchedule
from tests.handlers.flows import last_view, open_crisis, replies_to


@pytest.fixture
def mastodon():
    with FakeMastodonSchedule() as fake:
        yield fake


@pytest.fixture
def bot(uow_factory, mastodon):
    def plan(users):
        statements = team_plan_data(users)["statements"] | {
            "targets": {"mastodon": {"publisher": {"type": "mastodon", "instance": mastodon.url,
                                                   "token_env": "ACME_MASTODON_TOKEN"}}},
            "scheduled_posts": {"targets": ["mastodon"]}}
        return team_plan(users, statements=statements)
    local = start_local_bot(uow_factory, clock=SettableClock(), plan=plan, sleep=lambda s: None,
                            tokens={"ACME_MASTODON_TOKEN": mastodon.token})
    yield local
    local.stop()
    assert local.executor.failures == []


def test_open_pauses_mastodon_and_the_queue_close_resumes_and_reschedules(bot, mastodon):
    later = bot.clock.now() + timedelta(hours=5)
    mastodon.add_scheduled("Happy Latte Day!", later.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    wall = (later + timedelta(hours=1)).astimezone(bot.ports.plan.zone)
    bot.command("social", f"schedule mastodon {wall:%Y-%m-%d %H:%M} Winter menu <!channel> out now", "general")
    assert any("Queued for" in r for r in replies_to(bot, "social"))
    bot.command("social", "schedule tiktok 2030-01-01 09:00 hi", "general")
    assert any("no target `tiktok`" in r for r in replies_to(bot, "social"))

    channel = open_crisis(bot)["id"]
    assert mastodon.scheduled == []
    assert "2 scheduled brand post(s) paused" in json.dumps(bot.sandbox.messages(channel))
    with bot.ports.uow() as uow:
        posts = uow.paused_posts.for_crisis(uow.crises.by_channel(channel).id)
        [queued] = [p for p in posts if p.source == "queue"]
        assert uow.queued_posts.queued() == []
    [status] = [p for p in posts if p.source == "mastodon"]
    assert (status.text, status.post_at.replace(microsecond=0)) == ("Happy Latte Day!", later.replace(microsecond=0))

    bot.clock.advance(hours=1)
    bot.command("lead", "close", channel)
    bot.submit("lead", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Done"}})
    dm = bot.sandbox.dm_channel(bot.users["lead"])
    offer = next(m for m in bot.sandbox.messages(dm) if ids.RESCHEDULE_POST in json.dumps(m))
    assert "<!channel>" not in json.dumps(offer)  # escaped: nobody is pinged through the bot
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(status.id))
    assert mastodon.texts() == ["Happy Latte Day!"]
    bot.click("lead", dm, offer["ts"], ids.RESCHEDULE_POST, str(queued.id))
    assert last_view(bot)["callback_id"] == ids.RESUME_MODAL
    new_time = datetime(2030, 1, 2, 9, 0, tzinfo=UTC)
    bot.submit("lead", last_view(bot)["id"], {ids.POST_AT_BLOCK: {ids.POST_AT_INPUT: {
        "type": "datetimepicker", "selected_date_time": int(new_time.timestamp())}}})
    with bot.ports.uow() as uow:
        assert [(p.text, p.post_at) for p in uow.queued_posts.queued()] == [("Winter menu <!channel> out now",
                                                                             new_time)]
        outcomes = {p.source: p.outcome for p in uow.paused_posts.for_crisis(status.crisis_id)}
    assert outcomes == {"mastodon": "resumed", "queue": "resumed"}


def _open_then_offer(bot, mastodon, media: tuple[str, ...]):
    later = bot.clock.now() + timedelta(hours=5)
    mastodon.add_scheduled("Happy Latte Day!", later.strftime("%Y-%m-%dT%H:%M:%S.000Z"), media)
    channel = open_crisis(bot)["id"]
    with bot.ports.uow() as uow:
        [status] = uow.paused_posts.for_crisis(uow.crises.by_channel(channel).id)
    bot.command("lead", "close", channel)
    bot.submit("lead", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Done"}})
    dm = bot.sandbox.dm_channel(bot.users["lead"])
    offer = next(m for m in bot.sandbox.messages(dm) if ids.RESUME_POST in json.dumps(m))
    return status, dm, offer


def test_a_paused_status_gets_its_picture_back_when_resumed(bot, mastodon):
    picture = mastodon.add_media(b"\x89PNG latte art")
    status, dm, offer = _open_then_offer(bot, mastodon, (picture,))
    assert f"{mastodon.url}/media/{picture}.png" in json.dumps(offer)  # the lead sees what is attached
    assert "1 attached file(s)" in json.dumps(offer)
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(status.id))
    [again] = mastodon.scheduled
    assert again["params"]["text"] == "Happy Latte Day!"
    assert [m["id"] for m in again["media_attachments"]] != [picture]  # uploaded again, as a new file
    assert mastodon.attached(again) == [b"\x89PNG latte art"]


def test_a_picture_mastodon_cleaned_up_meanwhile_comes_back_from_the_copy_kept(bot, mastodon):
    picture = mastodon.add_media(b"\x89PNG latte art")
    status, dm, offer = _open_then_offer(bot, mastodon, (picture,))
    mastodon.forget_media(picture)  # Mastodon deletes unattached media after a day
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(status.id))
    [again] = mastodon.scheduled
    assert mastodon.attached(again) == [b"\x89PNG latte art"]
    with bot.ports.uow() as uow:
        assert uow.paused_posts.files(status.id) == []  # the copy has done its job: not kept


def test_a_picture_neither_copied_nor_still_there_leaves_the_post_paused_and_says_which_file(bot, mastodon):
    picture = mastodon.add_media(b"\x89PNG latte art")
    mastodon.fail(f"GET /media/{picture}.png", 503)  # the copy at pause fails
    status, dm, offer = _open_then_offer(bot, mastodon, (picture,))
    mastodon.forget_media(picture)
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(status.id))
    assert mastodon.scheduled == []
    answer = " ".join(replies_to(bot, "lead"))
    assert f"media/{picture}.png could not be fetched again" in answer and "stays paused" in answer
    with bot.ports.uow() as uow:
        assert uow.paused_posts.for_crisis(status.crisis_id)[0].outcome == ""


def test_a_discard_after_a_resume_whose_answer_was_lost_takes_the_status_off_mastodon_again(bot, mastodon):
    status, dm, offer = _open_then_offer(bot, mastodon, ())
    mastodon.lose_answer("POST /api/v1/statuses")  # scheduled at Mastodon, the answer lost
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(status.id))
    assert "Could not schedule the post again" in replies_to(bot, "lead")[-1]
    assert mastodon.texts() == ["Happy Latte Day!"]
    bot.click("lead", dm, offer["ts"], ids.DISCARD_POST, str(status.id))
    assert mastodon.scheduled == []  # discarded, and nothing left at Mastodon to go out
    with bot.ports.uow() as uow:
        assert uow.paused_posts.get(status.id).outcome == "discarded"


def test_a_discard_while_another_replica_resumes_the_post_is_refused_saying_who(bot, mastodon):
    status, dm, offer = _open_then_offer(bot, mastodon, ())
    with bot.ports.uow() as uow:  # another replica, heard from just now, is scheduling it at Mastodon
        uow.runners.beat("replica-b", bot.clock.now())
        post = uow.paused_posts.lock(status.id)
        post.deciding, post.deciding_since = "resumed", bot.clock.now()
        post.deciding_runner, post.deciding_by = "replica-b", bot.users["lead"]
        uow.paused_posts.save(post)
        uow.commit()
    bot.click("opener", dm, offer["ts"], ids.DISCARD_POST, str(status.id))
    answer = replies_to(bot, "opener")[-1]
    assert f"<@{bot.users['lead']}> is resuming this post right now" in answer
    with bot.ports.uow() as uow:
        assert uow.paused_posts.get(status.id).outcome == ""
