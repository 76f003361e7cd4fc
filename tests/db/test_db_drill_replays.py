"""Drill replays on each database: one per drill (a second add finds it taken), the cursor kept with its times,
only open drills' replays live, and the drill's mentions apart from the real term's."""
from __future__ import annotations

from datetime import timedelta

from crisis.monitor.mentions import Mention
from crisis.monitor.recordings import DrillReplay
from crisis.room.model import CrisisStatus
from tests.db.builders import T0, a_crisis


def test_one_replay_per_drill_its_cursor_kept_and_only_open_drills_live(uow_factory):
    with uow_factory() as uow:
        open_drill = uow.crises.add(a_crisis(drill=True, term="drill:1"))
        closed = uow.crises.add(a_crisis(title="Old drill", drill=True, status=CrisisStatus.CLOSED))
        assert uow.replays.add(DrillReplay(open_drill.id, "wave", T0)) == DrillReplay(open_drill.id, "wave", T0)
        assert uow.replays.add(DrillReplay(open_drill.id, "other", T0)) is None
        uow.replays.add(DrillReplay(closed.id, "wave", T0))
        uow.commit()
    with uow_factory() as uow:
        replay = uow.replays.lock(open_drill.id)
        replay.fed_until, replay.fed, replay.error = T0 + timedelta(minutes=3), 301, "error.bad_recording"
        uow.replays.save(replay)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.replays.get(open_drill.id)
        assert (stored.recording, stored.started_at, stored.fed_until, stored.fed, stored.finished_at, stored.error) \
            == ("wave", T0, T0 + timedelta(minutes=3), 301, None, "error.bad_recording")
        assert uow.replays.live() == [open_drill.id]
        assert uow.replays.get(12345) is None


def test_a_drills_mentions_stay_under_its_own_term(uow_factory):
    drill = Mention("drill:1", "r1", "@fan", "acme never again", "", T0, term="drill:1", feed="drill:1")
    real = Mention("x", "r1", "@fan", "acme fine", "", T0, term="acme", feed="x")
    with uow_factory() as uow:
        assert len(uow.mentions.add([drill, real, drill])) == 2
        uow.commit()
    with uow_factory() as uow:
        assert [m.text for m in uow.mentions.recent("acme", T0, T0 + timedelta(minutes=1), 10)] == ["acme fine"]
        assert [m.source for m in uow.mentions.recent("drill:1", T0, T0 + timedelta(minutes=1), 10)] == ["drill:1"]
