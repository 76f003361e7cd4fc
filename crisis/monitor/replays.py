"""Replaying a recorded mention stream into a drill (`/crisis drill [type] replay=<recording>`): the mentions are fed
to the monitor as the drill's time passes, under the drill's own term, and stop when the drill closes. Also the
drill command itself as every chat types it (`drill_command`), since its words may name a recording."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from crisis.errors import BadInput, ChatFailure
from crisis.i18n import Channel, Msg, msg
from crisis.monitor.buckets import tally
from crisis.monitor.mentions import Mention
from crisis.monitor.recordings import DrillReplay, RecordedMention, drill_term
from crisis.monitor.scoring import Scorer
from crisis.ports import Ports, UnitOfWork
from crisis.room import drills
from crisis.room.model import CrisisStatus
from crisis.room.services import Opened

log = logging.getLogger(__name__)

REPLAY_OPTION = "replay="


def drill_options(text: str) -> tuple[str, str | None]:
    """`/crisis drill [type] [replay=<recording>]` -> (type, recording or None)."""
    kind, recording = [], None
    for word in text.split():
        if word.lower().startswith(REPLAY_OPTION):
            recording = word[len(REPLAY_OPTION):].strip().lower()
            if not recording:
                raise BadInput("error.replay_no_name")
        else:
            kind.append(word)
    return " ".join(kind), recording


def start_drill(text: str, *, actor: str, request_key: str, ports: Ports) -> tuple[Opened | None, DrillReplay | None]:
    """A drill (crisis.room.drills: anyone who may open a crisis may start one), replaying a recording when the
    text names one; the recording is read before the drill opens, so a bad one opens nothing."""
    kind, name = drill_options(text)
    if name is None:
        return drills.start_drill(kind, actor=actor, request_key=request_key, ports=ports), None
    drills.drill_form(kind, ports.plan)
    load(name, ports)
    opened = drills.start_drill(kind, actor=actor, request_key=request_key, ports=ports)
    if opened is None:
        return None, None
    return opened, start_replay(opened.crisis.id, name, ports=ports)


def drill_command(text: str, *, actor: str, request_key: str, ports: Ports) -> Msg | None:
    """`/crisis drill [type] [replay=<recording>]` as typed after the command, on any chat: the drill started
    (start_drill) and what to tell whoever started it; None when the request opened nothing (seen before)."""
    opened, replay = start_drill(text, actor=actor, request_key=request_key, ports=ports)
    if opened is None:
        return None
    room = Channel(opened.crisis.channel_id)
    if replay is None:
        return msg("notice.drill_opened", channel=room)
    return msg("notice.drill_replaying", channel=room, name=replay.recording, count=len(load(replay.recording, ports)))


def load(name: str, ports: Ports) -> tuple[RecordedMention, ...]:
    if ports.recordings is None:
        raise BadInput("error.no_recordings")
    return ports.recordings.load(name)


def start_replay(crisis_id: int, name: str, *, ports: Ports) -> DrillReplay:
    """Replay `name` into the drill `crisis_id` from its start; the drill's term becomes `drill:<id>`, so its
    spike warnings go to its room. Refused for a crisis that is not a drill or is closed; a second start of the
    same drill (a request run again) finds the replay it made."""
    with ports.uow() as uow:
        crisis = uow.crises.lock(crisis_id)
        if crisis is None or not crisis.drill:
            raise BadInput("error.replay_not_drill")
        existing = uow.replays.get(crisis_id)
        if existing is not None:
            return existing
        if crisis.status is not CrisisStatus.OPEN:
            raise BadInput("error.replay_closed")
        made = uow.replays.add(DrillReplay(crisis_id, name, started_at=crisis.opened_at))
        crisis.term = drill_term(crisis_id)
        uow.crises.save(crisis)
        uow.commit()
    assert made is not None
    return made


def drill_terms(ports: Ports) -> list[str]:
    """The terms of the drills replaying a recording now (open drills): detected like the plan's own."""
    with ports.uow() as uow:
        return [drill_term(crisis_id) for crisis_id in uow.replays.live()]


def feed(*, ports: Ports, scorer: Scorer) -> int:
    """Feed every open drill's replay the recorded mentions due by now; returns how many were stored. One drill
    failing is logged and never stops the others, nor the monitor's tick (as crisis.due.run_each)."""
    now = ports.clock.now()
    with ports.uow() as uow:
        live = uow.replays.live()
    stored = 0
    for crisis_id in live:
        try:
            stored += _feed_one(crisis_id, now, ports, scorer)
        except Exception:
            log.exception("drill %s: feeding its replay failed", crisis_id)
    return stored


def _feed_one(crisis_id: int, now: datetime, ports: Ports, scorer: Scorer) -> int:
    with ports.uow() as uow:
        replay = uow.replays.get(crisis_id)
    if replay is None or replay.finished_at is not None:
        return 0
    try:
        recording = load(replay.recording, ports)
    except BadInput as bad:
        _cannot_read(crisis_id, bad, ports)
        return 0
    oldest = now - timedelta(days=ports.plan.monitor.retention_days)
    minutes = ports.plan.monitor.bucket_minutes
    with ports.uow() as uow:
        replay = uow.replays.lock(crisis_id)
        crisis = uow.crises.get(crisis_id)
        if replay is None or replay.finished_at or crisis is None or crisis.status is not CrisisStatus.OPEN:
            return 0
        due = [r for r in recording if _due(replay, r, now)]
        term = drill_term(crisis_id)
        mentions = [replace(r.mention, created_at=replay.started_at + r.at, source=term, feed=term, term=term)
                    for r in due if replay.started_at + r.at >= oldest]
        stored = _store(uow, mentions, scorer, minutes)
        replay.fed_until, replay.fed, replay.error = now, replay.fed + len(stored), ""
        if all(replay.started_at + r.at <= now for r in recording):
            replay.finished_at = now
        uow.replays.save(replay)
        uow.commit()
    return len(stored)


def _due(replay: DrillReplay, recorded: RecordedMention, now: datetime) -> bool:
    at = replay.started_at + recorded.at
    return at <= now and (replay.fed_until is None or at > replay.fed_until)


def _store(uow: UnitOfWork, mentions: Sequence[Mention], scorer: Scorer, minutes: int) -> list[Mention]:
    """As the monitor stores what a source yields: scored, deduplicated, added to the drill term's buckets."""
    if not mentions:
        return []
    scores = scorer.score_many([m.text for m in mentions], [m.language for m in mentions])
    stored = uow.mentions.add([m.scored(s.compound, s.label, s.language) for m, s in zip(mentions, scores)])
    uow.mentions.add_to_buckets(tally(stored, minutes), minutes)
    return stored


def _cannot_read(crisis_id: int, bad: BadInput, ports: Ports) -> None:
    """The recording cannot be read now (its file changed or went away): said once in the drill's room; the
    replay waits and goes on when it can be read again."""
    reason = f"{bad.key}:{sorted(bad.params.items())}"
    with ports.uow() as uow:
        replay = uow.replays.lock(crisis_id)
        crisis = uow.crises.get(crisis_id)
        first = replay is not None and replay.error != reason
        if first:
            replay.error = reason
            uow.replays.save(replay)
        uow.commit()
    log.warning("drill %s: recording cannot be read: %s", crisis_id, reason)
    if first and crisis is not None and crisis.channel_id:
        try:
            ports.chat.post(crisis.channel_id, msg("replay.stalled", problem=msg(bad.key, **bad.params)))
        except ChatFailure as failure:
            log.warning("drill %s: telling its room failed: %s", crisis_id, failure.reason)
