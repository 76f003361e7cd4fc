"""Paused posts of crisis.schedules in the database: where each was scheduled, its media, removal state and a
decision's claim round trip; failed removals come due in order; a Discard while a Resume is at the provider is
refused; migration 0020 keeps the Slack posts paused before it, and 0025 leaves earlier posts unclaimed."""
from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import inspect

from alembic import command
from crisis.errors import IllegalTransition
from crisis.ports import Ports
from crisis.room.model import CrisisStatus
from crisis.schedules import services as schedules
from crisis.schedules.model import MediaCopy, PlannedPost
from db.mapping import column_values
from db.migrate import alembic_config, check, upgrade
from db.room.rows import CrisisRow
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.plans import make_plan
from tests.db.builders import T0, a_crisis, a_paused_post
from tests.db.races import race_indexed

HOUR = timedelta(hours=1)


def _crisis(uow_factory) -> int:
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        uow.commit()
    return crisis_id


def _crisis_before(engine) -> int:
    """a_crisis() stored with only the columns its table has at the revision the database is at (no roles)."""
    kept = {c["name"] for c in inspect(engine).get_columns("crisis")}
    values = {k: v for k, v in column_values(a_crisis(), skip=frozenset({"roles"})).items() if k in kept}
    with engine.begin() as connection:
        return connection.execute(CrisisRow.__table__.insert().values(values)).inserted_primary_key[0]


def test_where_a_post_was_scheduled_and_its_removal_state_round_trip(uow_factory):
    crisis_id = _crisis(uow_factory)
    post = a_paused_post(crisis_id, channel_id="mastodon", source="mastodon", account="Mastodon social.example",
                         media_json='["https://m.example/a.png"]', remove_due_at=T0 + HOUR, remove_attempts=2,
                         remove_failure="Mastodon answered 503 " + "x" * 500, restore_attempts=1)
    with uow_factory() as uow:
        added = uow.paused_posts.add(post)
        uow.commit()
    with uow_factory() as uow:
        assert uow.paused_posts.get(added.id) == added
        assert added.remove_due_at == T0 + HOUR and added.account == "Mastodon social.example"


def test_a_decisions_claim_and_the_id_a_resume_got_round_trip(uow_factory):
    crisis_id = _crisis(uow_factory)
    with uow_factory() as uow:
        added = uow.paused_posts.add(a_paused_post(crisis_id, channel_id="mastodon", source="mastodon"))
        uow.commit()
    assert (added.deciding, added.deciding_since, added.deciding_runner, added.restored_id) == ("", None, None, "")
    with uow_factory() as uow:
        post = uow.paused_posts.lock(added.id)
        post.deciding, post.deciding_since, post.deciding_runner = "resumed", T0, "replica-a"
        post.deciding_by = "U0LEAD"
        post.restored_id = "110" + "9" * 40
        uow.paused_posts.save(post)
        uow.commit()
    with uow_factory() as uow:
        assert uow.paused_posts.get(added.id) == post


def test_a_discard_while_a_resume_is_at_the_provider_is_refused(uow_factory):
    at_provider, answered = threading.Event(), threading.Event()
    mastodon = FakeScheduler()
    mastodon.before_restore = lambda post: (at_provider.set(), answered.wait(10))
    ports = Ports(plan=make_plan(), uow=uow_factory, chat=FakeChat(), clock=FakeClock(T0),
                  schedulers={"mastodon": ("Mastodon social.example", mastodon)})
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis(status=CrisisStatus.CLOSED, closed_at=T0)).id
        post_id = uow.paused_posts.add(a_paused_post(crisis_id, channel_id="mastodon", source="mastodon",
                                                     deleted=True)).id
        uow.commit()

    def resume_or_discard(index: int) -> object:
        if index == 0:
            return schedules.decide_paused_post(post_id, True, user="U0OPENER", ports=ports).outcome
        assert at_provider.wait(10)
        try:
            schedules.decide_paused_post(post_id, False, user="U0OPENER", ports=ports)
            return "discarded"
        except IllegalTransition as refused:
            return refused.key
        finally:
            answered.set()

    assert race_indexed(resume_or_discard, 2) == ["resumed", "error.paused_post_being_resumed"]
    with uow_factory() as uow:
        post = uow.paused_posts.get(post_id)
    assert (post.outcome, post.deciding, post.restored_id) == ("resumed", "", "new1")
    assert [p.text for p in mastodon.posts] == [post.text]


def test_copies_of_a_posts_files_are_kept_once_in_order_and_go_with_the_crisis(uow_factory):
    crisis_id = _crisis(uow_factory)
    video = bytes(range(256)) * 4096  # 1 MiB, every byte value
    with uow_factory() as uow:
        post = uow.paused_posts.add(a_paused_post(crisis_id, channel_id="mastodon", source="mastodon",
                                                  media_json='["https://m.example/a.png", "https://m.example/b.mp4"]'))
        uow.paused_posts.keep_files(post.id, [MediaCopy("https://m.example/a.png", "a.png", "image/png", b"\x89PNG"),
                                              MediaCopy("https://m.example/b.mp4", "b.mp4", "video/mp4", video)])
        uow.commit()
    with uow_factory() as uow:  # another replica copied them too: the first copies stay
        uow.paused_posts.keep_files(post.id, [MediaCopy("https://m.example/a.png", "a.png", "image/png", b"late")])
        uow.commit()
    with uow_factory() as uow:
        kept = uow.paused_posts.files(post.id)
        assert [(f.reference, f.name, f.content_type) for f in kept] == [
            ("https://m.example/a.png", "a.png", "image/png"), ("https://m.example/b.mp4", "b.mp4", "video/mp4")]
        assert kept[0].data == b"\x89PNG" and kept[1].data == video
        assert uow.paused_posts.files(post.id + 1) == []
        uow.paused_posts.drop_files(post.id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.paused_posts.files(post.id) == []


def test_removals_come_due_soonest_first_and_only_while_still_scheduled(uow_factory):
    crisis_id = _crisis(uow_factory)
    with uow_factory() as uow:
        later = uow.paused_posts.add(a_paused_post(crisis_id, "A", remove_due_at=T0 + 2 * HOUR))
        sooner = uow.paused_posts.add(a_paused_post(crisis_id, "B", remove_due_at=T0 + HOUR))
        uow.paused_posts.add(a_paused_post(crisis_id, "C", remove_due_at=T0 + 5 * HOUR))  # not yet
        uow.paused_posts.add(a_paused_post(crisis_id, "D", remove_due_at=T0, deleted=True))  # removed
        uow.paused_posts.add(a_paused_post(crisis_id, "E", remove_due_at=T0, outcome="discarded"))
        uow.paused_posts.add(a_paused_post(crisis_id, "F"))  # nothing due
        uow.commit()
    with uow_factory() as uow:
        assert uow.paused_posts.removals_due(T0 + 3 * HOUR, 10) == [sooner.id, later.id]
        assert uow.paused_posts.removals_due(T0 + 3 * HOUR, 1) == [sooner.id]
        assert uow.paused_posts.removals_due(T0, 10) == []


def test_upgrade_to_0020_keeps_slack_posts_paused_before_it(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), "0019")
        _crisis_before(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO paused_post (crisis_id, channel_id, text, post_at, scheduled_id, author, blocks_json, "
                "deleted, outcome) VALUES (1, 'C0BRAND', 'Fly with us', '2026-11-25 12:00:00', 'Q1', 'U0', '', "
                "true, '')")
        upgrade(engine)
        check(engine)
        with SqlUnitOfWorkFactory(engine)() as uow:
            post = uow.paused_posts.get(1)
            assert (post.source, post.account, post.remove_due_at, post.remove_attempts) == ("", "C0BRAND", None, 0)
            assert post.deleted and uow.paused_posts.removals_due(T0 + 100 * HOUR, 10) == []
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0019")
        assert "source" not in {c["name"] for c in inspect(engine).get_columns("paused_post")}
    finally:
        engine.dispose()


def test_upgrade_to_0025_leaves_the_posts_paused_before_it_unclaimed(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), "0024")
        _crisis_before(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO paused_post (crisis_id, channel_id, text, post_at, scheduled_id, author, blocks_json, "
                "deleted, outcome, source, account, media_json, remove_attempts, remove_failure, restore_attempts) "
                "VALUES (1, 'mastodon', 'Fly with us', '2026-11-25 12:00:00', '101', '', '', true, '', 'mastodon', "
                "'Mastodon', '', 0, '', 1)")
        upgrade(engine)
        check(engine)
        with SqlUnitOfWorkFactory(engine)() as uow:
            post = uow.paused_posts.get(1)
            assert (post.deciding, post.deciding_since, post.deciding_runner, post.deciding_by, post.restored_id,
                    post.restore_attempts) == ("", None, None, None, "", 1)
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0024")
        assert "deciding" not in {c["name"] for c in inspect(engine).get_columns("paused_post")}
    finally:
        engine.dispose()


def test_a_posts_provider_settings_round_trip_and_posts_paused_before_0028_have_none(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), "0027")
        uow_factory = SqlUnitOfWorkFactory(engine)
        crisis_id = _crisis_before(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO paused_post (crisis_id, channel_id, text, post_at, scheduled_id, author, blocks_json, "
                "deleted, outcome, source, account, media_json, remove_attempts, remove_failure, restore_attempts, "
                "deciding, restored_id) VALUES (1, 'mastodon', 'Fly with us', '2026-11-25 12:00:00', '101', '', '', "
                "true, '', 'mastodon', 'Mastodon', '', 0, '', 0, '', '')")
        upgrade(engine)
        check(engine)
        options = '{"spoiler_text": "Spoilers", "visibility": "private"}'
        with uow_factory() as uow:
            assert uow.paused_posts.get(1).options_json == ""
            added = uow.paused_posts.add(a_paused_post(crisis_id, "102", options_json=options))
            uow.commit()
        with uow_factory() as uow:
            assert uow.paused_posts.get(added.id).options_json == options
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0027")
        assert "options_json" not in {c["name"] for c in inspect(engine).get_columns("paused_post")}
    finally:
        engine.dispose()


def test_the_queue_stores_each_key_once_and_gives_due_posts_soonest_first(uow_factory):
    from crisis.schedules.model import QueuedPost

    def a_post(key: str, hours: int, **changes) -> QueuedPost:
        return QueuedPost(key, "mastodon", f"post {key} ü", T0 + hours * HOUR, "U0COMMS", T0,
                          publish_due_at=T0 + hours * HOUR, **changes)

    with uow_factory() as uow:
        later, new = uow.queued_posts.add(a_post("csv:b", 2))
        sooner, _ = uow.queued_posts.add(a_post("csv:a", 1))
        uow.queued_posts.add(a_post("csv:c", 1, state="paused"))
        uow.queued_posts.add(a_post("csv:d", 9))
        again, new_again = uow.queued_posts.add(a_post("csv:b", 5))
        uow.commit()
    assert new and not new_again and again == later
    with uow_factory() as uow:
        assert [p.key for p in uow.queued_posts.queued()] == ["csv:a", "csv:b", "csv:d"]
        assert uow.queued_posts.publishes_due(T0 + 3 * HOUR, 10) == [sooner.id, later.id]
        stored = uow.queued_posts.lock(sooner.id)
        stored.state, stored.published_ref, stored.publish_due_at = "published", "Mastodon=https://m.example/1", None
        uow.queued_posts.save(stored)
        uow.commit()
    with uow_factory() as uow:
        assert uow.queued_posts.get(sooner.id) == stored
        assert uow.queued_posts.publishes_due(T0 + 3 * HOUR, 10) == [later.id]


def test_a_queued_post_being_published_is_listed_and_due_again_when_its_claim_lapses(uow_factory):
    from crisis.schedules.model import QueuedPost

    with uow_factory() as uow:
        post, _ = uow.queued_posts.add(QueuedPost("csv:p", "mastodon", "post", T0 + HOUR, "U0COMMS", T0,
                                                  state="publishing", publish_due_at=T0 + 2 * HOUR))
        uow.commit()
    with uow_factory() as uow:
        assert [p.id for p in uow.queued_posts.queued()] == [post.id]
        assert uow.queued_posts.publishes_due(T0 + HOUR, 10) == []
        assert uow.queued_posts.publishes_due(T0 + 2 * HOUR, 10) == [post.id]
