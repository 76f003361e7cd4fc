"""The schedulers of crisis.schedules against loopback fakes of Mastodon, a Facebook Page and Hootsuite: listing
(paged), removing (gone counts as removed), restoring, and the faults: 401/403, 429 with Retry-After, 5xx and an
answer lost half-way."""
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from crisis.errors import PublishFailed
from crisis.schedules.model import MediaCopy, PausedPost, media_json
from publishers.schedules.facebook import FacebookSchedule
from publishers.schedules.hootsuite import HootsuiteSchedule
from publishers.schedules.mastodon import MastodonSchedule
from sandbox.platforms.hootsuite import FakeHootsuite
from sandbox.platforms.mastodon import FakeMastodonSchedule
from sources.http import HttpClient

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
AT = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def masto() -> Iterator[FakeMastodonSchedule]:
    with FakeMastodonSchedule() as fake:
        yield fake


@pytest.fixture
def hoot() -> Iterator[FakeHootsuite]:
    with FakeHootsuite() as fake:
        yield fake


def http() -> HttpClient:
    return HttpClient(timeout=2.0)


def paused(text: str, author: str = "", media: tuple[str, ...] = ()) -> PausedPost:
    return PausedPost(1, "mastodon", text, AT, "1", author=author, id=7, media_json=media_json(media))


# --- Mastodon ---

def test_mastodon_lists_every_page_of_scheduled_statuses_soonest_first(masto):
    masto.page_size = 2
    masto.add_scheduled("later", "2026-12-07T09:00:00.000Z")
    masto.add_scheduled("soon", "2026-12-06T09:00:00.000Z", media=("m1",))
    masto.add_scheduled("third", "2026-12-08T09:00:00.000Z")
    planned = MastodonSchedule(masto.url, masto.token, http()).planned()
    assert [(p.text, p.post_at) for p in planned] == [("soon", AT), ("later", AT.replace(day=7)),
                                                      ("third", AT.replace(day=8))]
    assert planned[0].media == (f"{masto.url}/media/m1.png",)
    assert len(masto.routes("GET")) == 2


def test_mastodon_removes_once_and_a_status_gone_already_counts_as_removed(masto):
    status = masto.add_scheduled("ad", "2026-12-06T09:00:00.000Z")
    schedule = MastodonSchedule(masto.url, masto.token, http())
    assert schedule.remove(status["id"]) is True
    assert schedule.remove(status["id"]) is False
    assert masto.scheduled == []


def test_mastodon_removal_whose_answer_is_lost_is_retried_safely(masto):
    status = masto.add_scheduled("ad", "2026-12-06T09:00:00.000Z")
    schedule = MastodonSchedule(masto.url, masto.token, http())
    masto.lose_answer("DELETE /api/v1/scheduled_statuses")
    with pytest.raises(PublishFailed) as failed:
        schedule.remove(status["id"])
    assert not failed.value.permanent
    assert schedule.remove(status["id"]) is False and masto.scheduled == []


@pytest.mark.parametrize(("status", "permanent", "wait"), [(401, True, None), (403, True, None), (429, False, 30.0),
                                                           (503, False, None)])
def test_mastodon_faults_are_told_apart(masto, status, permanent, wait):
    masto.add_scheduled("ad", "2026-12-06T09:00:00.000Z")
    masto.fail("GET /api/v1/scheduled_statuses", status, Retry_After="30")
    with pytest.raises(PublishFailed) as failed:
        MastodonSchedule(masto.url, masto.token, http()).planned()
    assert (failed.value.permanent, failed.value.retry_after) == (permanent, wait)
    assert masto.token not in failed.value.reason
    assert ("check the token" in failed.value.reason) == (status in (401, 403))


def test_mastodon_restores_once_per_key_even_when_the_answer_was_lost(masto):
    schedule = MastodonSchedule(masto.url, masto.token, http())
    masto.lose_answer("POST /api/v1/statuses")
    with pytest.raises(PublishFailed):
        schedule.restore(paused("Black Friday deals!"), AT, "crisisbot-resume-7-1")
    assert schedule.restore(paused("Black Friday deals!"), AT, "crisisbot-resume-7-1")
    assert masto.texts() == ["Black Friday deals!"]
    assert masto.scheduled[0]["scheduled_at"] == "2026-12-06T09:00:00.000Z"


def test_mastodon_uploads_the_media_again_and_attaches_them(masto):
    first, second = masto.add_media(b"one"), masto.add_media(b"two")
    masto.add_scheduled("Two pictures", "2026-12-06T09:00:00.000Z", (first, second))
    schedule = MastodonSchedule(masto.url, masto.token, http())
    [planned] = schedule.planned()
    assert schedule.remove(planned.id)
    schedule.restore(paused("Two pictures", media=planned.media), AT, "k")
    [again] = masto.scheduled
    assert masto.attached(again) == [b"one", b"two"]
    uploads = [r for r in masto.requests if r.path == "/api/v2/media"]
    assert len(uploads) == 2 and all(r.headers["authorization"] == f"Bearer {masto.token}" for r in uploads)


def test_mastodon_copies_linked_media_and_uploads_the_copy_after_the_file_is_gone(masto):
    picture = masto.add_media(b"latte")
    masto.add_scheduled("A picture", "2026-12-06T09:00:00.000Z", (picture,))
    schedule = MastodonSchedule(masto.url, masto.token, http())
    [planned] = schedule.planned()
    kept = schedule.copy_media(planned)
    assert [(k.reference, k.data) for k in kept] == [(planned.media[0], b"latte")]
    schedule.remove(planned.id)
    masto.forget_media(picture)
    schedule.restore(paused("A picture", media=planned.media), AT, "k", kept)
    assert masto.attached(masto.scheduled[0]) == [b"latte"]


def test_mastodon_media_still_processing_is_a_retry_later_and_schedules_nothing(masto):
    picture = masto.add_media(b"video")
    masto.processing = True
    with pytest.raises(PublishFailed) as failed:
        MastodonSchedule(masto.url, masto.token, http()).restore(
            paused("A video", media=(f"{masto.url}/media/{picture}.png",)), AT, "k")
    assert "still processing" in failed.value.reason and not failed.value.permanent
    assert masto.scheduled == []


# --- Facebook Page ---

def test_facebook_lists_removes_and_restores_scheduled_posts(facebook):
    post = facebook.add_scheduled("Our new ad", int(AT.timestamp()))
    schedule = FacebookSchedule(facebook.page_id, facebook.token, api=facebook.url, http=http())
    assert [(p.id, p.text, p.post_at) for p in schedule.planned()] == [(post["id"], "Our new ad", AT)]
    assert schedule.remove(post["id"]) is True and facebook.scheduled == []
    assert schedule.remove(post["id"]) is False  # Graph: the object does not exist
    assert schedule.restore(paused("Our new ad"), AT, "k")
    assert [(p["message"], p["scheduled_publish_time"]) for p in facebook.scheduled] == [("Our new ad",
                                                                                         int(AT.timestamp()))]
    assert facebook.posts == []  # scheduled, not published


def test_facebook_restores_a_photo_post_from_its_picture(facebook):
    facebook.add_scheduled("Our new ad", int(AT.timestamp()), picture="https://cdn.example/ad.jpg")
    schedule = FacebookSchedule(facebook.page_id, facebook.token, api=facebook.url, http=http())
    [planned] = schedule.planned()
    assert planned.media == ("https://cdn.example/ad.jpg",)
    schedule.remove(planned.id)
    assert schedule.restore(paused("Our new ad", media=planned.media), AT, "k")
    assert [(p["message"], p["full_picture"]) for p in facebook.scheduled] == [("Our new ad",
                                                                              "https://cdn.example/ad.jpg")]


def test_facebook_uploads_the_copy_kept_when_there_is_one(facebook):
    link = "https://scontent.example/expired.jpg?oe=1"
    kept = MediaCopy(link, "expired.jpg", "image/jpeg", b"JPEG bytes")
    schedule = FacebookSchedule(facebook.page_id, facebook.token, api=facebook.url, http=http())
    schedule.restore(paused("Our new ad", media=(link,)), AT, "k", [kept])
    [again] = facebook.scheduled
    assert again["message"] == "Our new ad" and facebook.uploads[again["full_picture"]] == b"JPEG bytes"


@pytest.mark.parametrize(("status", "permanent"), [(401, True), (429, False), (500, False)])
def test_facebook_faults_while_removing(facebook, status, permanent):
    post = facebook.add_scheduled("ad", int(AT.timestamp()))
    facebook.fail(f"DELETE /{facebook.version}/{post['id']}", status)
    with pytest.raises(PublishFailed) as failed:
        FacebookSchedule(facebook.page_id, facebook.token, api=facebook.url, http=http()).remove(post["id"])
    assert failed.value.permanent == permanent
    assert len(facebook.scheduled) == 1


# --- Hootsuite ---

def test_hootsuite_lists_scheduled_messages_in_the_window_only(hoot):
    hoot.page_size = 1
    hoot.add_message("ad one", "2026-12-06T09:00:00Z")
    hoot.add_message("ad two", "2026-12-07T09:00:00Z", profile="42")
    hoot.add_message("sent", "2026-12-06T08:00:00Z", state="SENT")
    hoot.add_message("far", "2027-03-01T09:00:00Z")
    planned = HootsuiteSchedule(hoot.token, api=hoot.url, http=http(), now=lambda: NOW).planned()
    assert [(p.text, p.post_at, p.author) for p in planned] == [("ad one", AT, "115185509"),
                                                                ("ad two", AT.replace(day=7), "42")]


def test_hootsuite_removes_and_restores_to_the_same_profile(hoot):
    message = hoot.add_message("ad", "2026-12-06T09:00:00Z", profile="42")
    schedule = HootsuiteSchedule(hoot.token, api=hoot.url, http=http(), now=lambda: NOW)
    assert schedule.remove(message["id"]) is True
    assert schedule.remove(message["id"]) is False
    assert schedule.restore(paused("ad", author="42"), AT, "k")
    assert [(m["text"], m["socialProfile"]["id"], m["scheduledSendTime"]) for m in hoot.messages] == [
        ("ad", "42", "2026-12-06T09:00:00Z")]


def test_hootsuite_restores_uploaded_media_by_id_and_linked_media_by_link(hoot):
    hoot.add_message("ad", "2026-12-06T09:00:00Z", media=("m-77",), links=("https://cdn.example/a.png",))
    schedule = HootsuiteSchedule(hoot.token, api=hoot.url, http=http(), now=lambda: NOW)
    [planned] = schedule.planned()
    assert planned.media == ("https://cdn.example/a.png", "m-77")
    schedule.remove(planned.id)
    schedule.restore(paused("ad", author=planned.author, media=planned.media), AT, "k")
    [again] = hoot.messages
    assert (again["media"], again["mediaUrls"]) == ([{"id": "m-77"}], [{"url": "https://cdn.example/a.png"}])


@pytest.mark.parametrize(("status", "permanent", "wait"), [(403, True, None), (429, False, 12.0), (502, False, None)])
def test_hootsuite_faults(hoot, status, permanent, wait):
    message = hoot.add_message("ad", "2026-12-06T09:00:00Z")
    hoot.fail("DELETE /v1/messages/", status, Retry_After="12")
    with pytest.raises(PublishFailed) as failed:
        HootsuiteSchedule(hoot.token, api=hoot.url, http=http()).remove(message["id"])
    assert (failed.value.permanent, failed.value.retry_after) == (permanent, wait)
    assert hoot.scheduled() == ["ad"]


def test_mastodon_restores_a_followers_only_status_with_its_content_warning_language_and_poll(masto):
    poll = {"options": ["Yes", "No"], "expires_in": 86400, "multiple": False, "hide_totals": True}
    masto.add_scheduled("Members-only preview", "2026-12-06T09:00:00.000Z", visibility="private",
                        spoiler_text="Spoilers", sensitive=True, language="nl", in_reply_to_id="55", poll=poll)
    schedule = MastodonSchedule(masto.url, masto.token, http())
    [planned] = schedule.planned()
    assert schedule.remove(planned.id)
    post = PausedPost(1, "mastodon", planned.text, planned.post_at, planned.id, id=7,
                      options_json=planned.options_json)
    schedule.restore(post, AT, "crisisbot-resume-7-1")
    [status] = masto.scheduled
    assert {k: v for k, v in status["params"].items() if k not in ("text", "media_ids")} == {
        "visibility": "private", "spoiler_text": "Spoilers", "sensitive": True, "language": "nl",
        "in_reply_to_id": "55", "poll": {**poll, "expires_in": "86400"}}


def test_mastodon_restores_a_post_paused_without_its_settings_as_public(masto):
    MastodonSchedule(masto.url, masto.token, http()).restore(paused("Black Friday deals!"), AT, "k")
    assert masto.scheduled[0]["params"]["visibility"] == "public"
