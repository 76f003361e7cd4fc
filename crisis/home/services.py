"""Use cases of the Home tab: show it to the person who opened it (anyone: each sees what they may), and the
tick's refresh of those who opened it, when what they see changed."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisis.debrief.model import FollowUp
from crisis.errors import ChatFailure
from crisis.home import rules
from crisis.home.model import Flag, Home, HomeViewer, OverdueReview, WarningLine
from crisis.home.ports import HomeTabs
from crisis.home.views import MAX_LINES, home_card
from crisis.monitor.pulse import TermPicture
from crisis.monitor.recordings import is_drill_term
from crisis.monitor.services import term_picture
from crisis.monitor.views import pulse_chart
from crisis.ports import Ports, UnitOfWork
from crisis.prevention.guards import guardians
from crisis.prevention.services import hygiene, staff
from crisis.room.model import Crisis, Page
from crisis.room.shared import authority
from crisis.statements.model import Statement

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(seconds=15)
"""A viewer's Home is compared with what it showed at most this often: changes meanwhile make one refresh."""
VIEWERS_KEPT = timedelta(days=7)
"""Who has not opened the tab for this long is no longer refreshed (and forgotten)."""
WARNINGS_SINCE = timedelta(days=3)
WARNINGS_SHOWN = 5
TERMS_SHOWN = 5


@dataclass(frozen=True)
class _World:
    """What every person's Home is made from, read once per refresh round."""

    crises: tuple[Crisis, ...]
    pages: dict[int, list[Page]]
    statements: tuple[Statement, ...]
    follow_ups: tuple[FollowUp, ...]
    titles: dict[int, str]
    warnings: tuple[WarningLine, ...]
    flags: tuple[Flag, ...]
    reviews: tuple[OverdueReview, ...]
    plan_people: frozenset[str]
    admins: frozenset[str]
    guardians: frozenset[str]


def show_home(user: str, *, ports: Ports) -> None:
    """`user` opened the Home tab: shown now and remembered, so it is refreshed when what they see changes.
    Anyone may: each sees what they may (docs/security.md)."""
    if not isinstance(ports.chat, HomeTabs):
        return
    now = ports.clock.now()
    home = _home(user, _world(ports, now), ports)
    shown = _show(home, _pictures(ports, now), now, ports)
    with ports.uow() as uow:
        uow.homes.put(HomeViewer(user, opened_at=now, check_at=now + CHECK_EVERY,
                                 digest=rules.digest(home) if shown else ""))
        uow.commit()


def refresh_homes(*, ports: Ports, limit: int = 50) -> int:
    """The tick's part: the Home of each recent viewer due for a check is shown again if it changed; how many."""
    if not isinstance(ports.chat, HomeTabs):
        return 0
    now = ports.clock.now()
    with ports.uow() as uow:
        uow.homes.forget(now - VIEWERS_KEPT)
        claimed = [viewer for user in uow.homes.due(now, now - VIEWERS_KEPT, limit)
                   if (viewer := _claim(uow, user, now)) is not None]
        uow.commit()
    if not claimed:
        return 0
    world, pictures, shown = _world(ports, now), None, 0
    for user, shown_digest in ((v.user, v.digest) for v in claimed):
        home = _home(user, world, ports)
        digest = rules.digest(home)
        if digest == shown_digest:
            continue
        pictures = pictures if pictures is not None else _pictures(ports, now)
        if _show(home, pictures, now, ports):
            shown += 1
            with ports.uow() as uow:
                if (viewer := uow.homes.lock(user)) is not None:
                    viewer.digest = digest
                    uow.homes.save(viewer)
                    uow.commit()
    return shown


def _claim(uow: UnitOfWork, user: str, now: datetime) -> HomeViewer | None:
    """The viewer's check, due now, is taken (the next one after CHECK_EVERY); None when it is not due."""
    viewer = uow.homes.lock(user)
    if viewer is None or viewer.check_at > now:
        return None
    viewer.check_at = now + CHECK_EVERY
    uow.homes.save(viewer)
    return viewer


def _show(home: Home, pictures: list[TermPicture], now: datetime, ports: Ports) -> bool:
    card = home_card(home, [rules.trend(p) for p in pictures], now)
    try:
        ports.chat.show_home(home.viewer, card, [pulse_chart(p) for p in pictures])  # type: ignore[attr-defined]
    except ChatFailure as failure:
        log.warning("showing the Home tab of %s failed: %s", home.viewer, failure.reason)
        return False
    return True


def _world(ports: Ports, now: datetime) -> _World:
    keepers, admins = guardians(ports).people, authority(ports).admins
    people = frozenset(staff(ports)) | admins | keepers
    resolve = ports.chat.resolve_user
    with ports.uow() as uow:
        crises = tuple(rules.most_severe_first(uow.crises.open(), ports.plan))
        pages = {c.id: uow.pages.for_crisis(c.id) for c in crises if c.id is not None}
        statements = tuple(s for c in crises if c.id is not None for s in uow.statements.for_crisis(c.id))
        follow_ups = tuple(uow.follow_ups.open())
        titles = {c.id: c.title for c in crises if c.id is not None}
        for crisis_id in {f.crisis_id for f in follow_ups} - set(titles):
            titles[crisis_id] = crisis.title if (crisis := uow.crises.get(crisis_id)) else "?"
        warnings = tuple(rules.warning_line(a) for a in uow.alerts.recent(now - WARNINGS_SINCE, WARNINGS_SHOWN)
                         if not is_drill_term(a.term))  # a drill's warnings stay in its room
        flags = tuple(Flag(kind.value, account.label, resolve(account.owner) or account.owner,
                           (resolve(person) or person) if person else None)
                      for kind, account, person in hygiene(uow, ports)) if keepers else ()
        reviews = tuple(OverdueReview(r.label, r.owner, r.due_at, len(r.undecided), len(r.holders))
                        for r in uow.reviews.late(now, MAX_LINES + 1)) if keepers else ()
    return _World(crises, pages, statements, follow_ups, titles, warnings, flags, reviews, people, admins, keepers)


def _home(user: str, world: _World, ports: Ports) -> Home:
    now = ports.clock.now()
    guardian = user in world.guardians
    on_crises = {c.id for c in world.crises if rules.is_on(c, world.pages.get(c.id, ()), user)}
    crises = tuple(rules.crisis_line(c, world.pages.get(c.id, ()), now,
                                     shows_title=c.id in on_crises or user in world.admins)
                   for c in world.crises)
    by_id = {c.id: c for c in world.crises if c.id is not None}
    return Home(
        viewer=user, on_plan=user in world.plan_people or bool(on_crises), guardian=guardian, crises=crises,
        pages=tuple(rules.own_pages(world.crises, world.pages, ports.plan, user)),
        approvals=tuple(rules.waiting_approvals(by_id, world.statements, ports.plan, user)),
        follow_ups=tuple(rules.own_follow_ups(world.follow_ups, world.titles, user)),
        warnings=world.warnings, flags=world.flags if guardian else (), reviews=world.reviews if guardian else ())


def _pictures(ports: Ports, now: datetime) -> list[TermPicture]:
    """Each watched term's last day (read only when a Home is shown): its reputation trend and chart."""
    with ports.uow() as uow:
        return [term_picture(uow, ports.plan, term, now) for term in ports.plan.monitor.terms[:TERMS_SHOWN]]
