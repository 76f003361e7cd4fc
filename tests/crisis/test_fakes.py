"""Every port in crisis/ has a fake with each of its methods and attributes, so a changed port cannot leave its
fake behind; and the fake unit of work keeps the database's transaction rules."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import threading
import typing
from dataclasses import replace

import pytest

import crisis
from crisis.events import EventKind, TimelineEvent
from crisis.room.model import Crisis
from tests.crisis.fakes import (
    FakeBareChat,
    FakeChat,
    FakeClock,
    FakeDatabase,
    FakeMentionSource,
    FakePublisher,
    FakeScorer,
    FakeUnitOfWork,
)
from tests.crisis.fakes.debrief import FakeDebriefs, FakeFollowUps
from tests.crisis.fakes.home import FakeHomeViewers
from tests.crisis.fakes.inbox import FakeIntake, FakeRequestInbox
from tests.crisis.fakes.monitor import (
    FakeMentionLabels,
    FakeMentionStore,
    FakeSourceStates,
    FakeSpikeAlerts,
    FakeTermWatches,
)
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.playbooks import FakeChecklists
from tests.crisis.fakes.prevention import (
    FakeAccessReviews,
    FakeAccountRegister,
    FakeNotices,
    FakeOffboardings,
)
from tests.crisis.fakes.replays import FakeDrillReplays, FakeRecordings
from tests.crisis.fakes.queue import FakeQueuedPosts
from tests.crisis.fakes.room import FakeCrises, FakePages, FakeRequestLog, FakeTimeline
from tests.crisis.fakes.runners import FakeRunners
from tests.crisis.fakes.schedules import FakeScheduler
from tests.crisis.fakes.statements import (
    FakePausedPosts,
    FakePressInquiries,
    FakeStatements,
)
from tests.crisis.fakes.tables import Table
from tests.crisis.fakes.takedowns import FakeRemover, FakeTakedowns
from tests.crisis.fakes.webcare import FakeDoNotEngage, FakeReplier, FakeReplies

FAKES: dict[str, type] = {
    "Chat": FakeBareChat, "RoomChat": FakeBareChat, "StatementChat": FakeBareChat, "DebriefChat": FakeBareChat,
    "MonitorChat": FakeBareChat, "Topics": FakeChat, "People": FakeChat, "Pins": FakeChat, "MadeChannels": FakeChat,
    "ScheduledMessages": FakeChat,
    "UnitOfWork": FakeUnitOfWork, "UnitOfWorkFactory": FakeDatabase,
    "CrisisRepository": FakeCrises, "PageRepository": FakePages, "Timeline": FakeTimeline, "RequestLog": FakeRequestLog,
    "StatementRepository": FakeStatements, "PausedPosts": FakePausedPosts, "PressInquiries": FakePressInquiries,
    "Debriefs": FakeDebriefs, "FollowUps": FakeFollowUps,
    "MentionStore": FakeMentionStore, "SourceStates": FakeSourceStates, "TermWatches": FakeTermWatches,
    "SpikeAlerts": FakeSpikeAlerts, "MentionLabels": FakeMentionLabels,
    "RequestInbox": FakeRequestInbox, "Intake": FakeIntake, "Runners": FakeRunners,
    "PreventionChat": FakeBareChat, "AccountRegister": FakeAccountRegister, "Notices": FakeNotices,
    "Offboardings": FakeOffboardings, "AccessReviews": FakeAccessReviews, "Checklists": FakeChecklists,
    "HomeTabs": FakeChat, "HomeViewers": FakeHomeViewers, "Takedowns": FakeTakedowns, "PostRemover": FakeRemover,
    "Publisher": FakePublisher, "Amending": FakePublisher, "InsideWorkspace": FakePublisher,
    "MentionSource": FakeMentionSource, "Scorer": FakeScorer,
    "Clock": FakeClock,
    "DrillReplays": FakeDrillReplays, "Recordings": FakeRecordings,
    "Replies": FakeReplies, "DoNotEngage": FakeDoNotEngage, "Replier": FakeReplier,
    "Scheduler": FakeScheduler, "QueuedPosts": FakeQueuedPosts,
}
NOT_PORTS = {"crisis.i18n.Style", "crisis.statements.four_eyes.Approvable"}
"""Protocols in crisis/ that no use case is handed (how catalog values are written out)."""
_PROTOCOL_DUNDERS = {"__call__", "__enter__", "__exit__"}


def _protocols() -> dict[str, type]:
    found = {}
    for module_info in pkgutil.walk_packages(crisis.__path__, "crisis."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and getattr(value, "_is_protocol", False) and value.__module__ == module.__name__
                    and f"{module.__name__}.{name}" not in NOT_PORTS):
                found[name] = value
    return found


PROTOCOLS = _protocols()


def _members(protocol: type) -> tuple[dict[str, typing.Callable], dict[str, str]]:
    """The protocol's methods and its attributes (name -> annotation), its bases' included."""
    methods, attributes = {}, {}
    for klass in reversed(protocol.__mro__):
        if klass in (object, typing.Protocol, typing.Generic):
            continue
        attributes.update(inspect.get_annotations(klass))
        methods.update({name: value for name, value in vars(klass).items() if callable(value)
                        and (not name.startswith("_") or name in _PROTOCOL_DUNDERS)})
    return methods, attributes


def _parameters(function: typing.Callable) -> list[tuple[str, object]]:
    return [(p.name, p.kind) for p in inspect.signature(function).parameters.values()][1:]


def test_every_port_has_a_fake():
    assert set(PROTOCOLS) - set(FAKES) == set(), "a new port: give it a fake in tests/crisis/fakes/"


@pytest.mark.parametrize("name", sorted(PROTOCOLS))
def test_each_fake_has_every_method_of_its_port_with_the_same_parameters(name):
    fake = FAKES[name]
    methods, _ = _members(PROTOCOLS[name])
    for method, declared in methods.items():
        assert callable(getattr(fake, method, None)), f"{fake.__name__} lacks {name}.{method}"
        mine = getattr(fake, method)
        if getattr(Table, method, None) is mine:  # the generic get/lock/save: same arity is enough
            assert len(_parameters(mine)) == len(_parameters(declared)), f"{fake.__name__}.{method}"
        else:
            assert _parameters(mine) == _parameters(declared), f"{fake.__name__}.{method} differs from {name}'s"


@pytest.mark.parametrize("name", sorted(PROTOCOLS))
def test_each_fake_has_every_attribute_of_its_port(name):
    _, attributes = _members(PROTOCOLS[name])
    if not attributes:
        return
    instance = FakeDatabase()() if FAKES[name] is FakeUnitOfWork else FAKES[name]("fake")
    for attribute, annotation in attributes.items():
        value = getattr(instance, attribute)
        if annotation in FAKES:
            assert isinstance(value, FAKES[annotation]), f"{name}.{attribute} should be a {FAKES[annotation].__name__}"


def test_the_bare_chat_has_no_optional_capability_and_the_full_one_has_each():
    optional = [PROTOCOLS[name] for name in ("Topics", "People", "Pins", "ScheduledMessages")]
    assert not any(isinstance(FakeBareChat(), capability) for capability in optional)
    assert all(isinstance(FakeChat(), capability) for capability in optional)


def _crisis() -> Crisis:
    return Crisis(title="t", severity="SEV2", kind="outage", opened_by="U1", opened_at=T0)


def test_leaving_without_commit_drops_the_changes_and_reads_are_copies():
    db = FakeDatabase()
    with db() as uow:
        crisis = uow.crises.add(_crisis())
        uow.commit()
    with db() as uow:
        stored = uow.crises.get(crisis.id)
        stored.title = "changed"
        assert uow.crises.get(crisis.id).title == "t"
        uow.crises.save(stored)
    with db() as uow:
        assert uow.crises.get(crisis.id).title == "t"
    assert [c.title for c in db.rows("crises")] == ["t"]


def test_units_of_work_run_one_at_a_time_and_commit_ends_the_transaction():
    db, seen = FakeDatabase(), []

    def read() -> None:
        with db() as uow:
            seen.append(uow.crises.get(1))

    with db() as first:
        first.crises.add(_crisis())
        other = threading.Thread(target=read)
        other.start()
        other.join(timeout=0.2)
        assert other.is_alive()  # waiting for the write lock
        first.commit()
        other.join(timeout=5)
    assert [c.title for c in seen] == ["t"]


def test_naive_times_and_rows_without_their_crisis_are_refused():
    db = FakeDatabase()
    with db() as uow, pytest.raises(ValueError, match="naive"):
        uow.crises.add(replace(_crisis(), opened_at=T0.replace(tzinfo=None)))
    with db() as uow, pytest.raises(LookupError):
        uow.timeline.append(99, TimelineEvent(EventKind.NOTE, T0, "U1"))
