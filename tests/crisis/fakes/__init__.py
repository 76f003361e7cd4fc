"""Test doubles for every crisis port: the in-memory unit of work, the recording chat, and the outside world."""
from tests.crisis.fakes.chat import FakeBareChat, FakeChat
from tests.crisis.fakes.outside import (
           FakeClock,
           FakeMentionSource,
           FakePublisher,
           FakeRenderer,
           FakeScorer,
)
from tests.crisis.fakes.uow import FakeDatabase, FakeUnitOfWork

__all__ = ["FakeBareChat", "FakeChat", "FakeClock", "FakeDatabase", "FakeMentionSource", "FakePublisher", "FakeRenderer",
           "FakeScorer", "FakeUnitOfWork"]
