"""Fakes of the other ports: a settable clock, publishers, mention sources, a keyword scorer, a report renderer."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from crisis.debrief.report import Report
from crisis.errors import PublishFailed
from crisis.monitor.language import language_code
from crisis.monitor.mentions import SourceDown, SourcePoll
from crisis.monitor.scoring import SCORED_LANGUAGES
from crisis.monitor.sentiment import Sentiment
from crisis.statements.model import Statement

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, start: datetime = T0) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


class FakePublisher:
    """Publishes into `published` (statement id, text); `fail` lists reasons for the next calls to fail;
    `inside_workspace` makes it a publisher a drill uses (a channel of the team's own chat)."""

    def __init__(self, label: str = "fake", fail: Sequence[str | Exception] = (), *,
                 inside_workspace: bool = False) -> None:
        self.label = label
        self.inside_workspace = inside_workspace
        self.fail = list(fail)
        self.published: list[tuple[int, str]] = []
        self.amended: list[tuple[str, int, str, str]] = []

    def publish(self, statement: Statement, text: str) -> str:
        self._fail_next()
        self.published.append((statement.id, text))
        return f"https://{self.label}.example/{len(self.published)}"

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        """Records ("correct", correction id, the original's ref, text) in `amended`; the ref is the original's."""
        return self._amend("correct", statement, ref, text)

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        return self._amend("retract", statement, ref, text)

    def _amend(self, how: str, statement: Statement, ref: str, text: str) -> str:
        self._fail_next()
        self.amended.append((how, statement.id, ref, text))
        return ref

    def _fail_next(self) -> None:
        if self.fail:  # a reason, or the exception to raise
            failure = self.fail.pop(0)
            raise failure if isinstance(failure, Exception) else PublishFailed(failure)


class FakeMentionSource:
    """Gives the scripted polls in turn (a SourceDown in the script is raised), then nothing new;
    `asked` records each (cursor, now) it was polled with."""

    def __init__(self, name: str, polls: Sequence[SourcePoll | SourceDown] = ()) -> None:
        self.name = name
        self.polls = list(polls)
        self.asked: list[tuple[str | None, datetime]] = []

    def poll(self, cursor: str | None, now: datetime) -> SourcePoll:
        self.asked.append((cursor, now))
        if not self.polls:
            return SourcePoll([], cursor)
        answer = self.polls.pop(0)
        if isinstance(answer, SourceDown):
            raise answer
        return answer


class FakeScorer:
    """Negative when a text has one of the angry words, positive otherwise; "unscored" for empty texts and for a
    text tagged with a language the out-of-the-box tier has no rules for (as the real tiers do)."""

    ANGRY = ("boycott", "disgusting", "never again", "shameful", "terrible", "schandalig", "nooit meer")

    def score(self, text: str, language: str | None = None) -> Sentiment:
        code = language_code(language)
        if code is not None and code not in SCORED_LANGUAGES:
            return Sentiment.unscored(code)
        if not text.strip():
            return Sentiment.unscored()
        if any(word in text.lower() for word in self.ANGRY):
            return Sentiment(-0.6, "negative")
        return Sentiment(0.4, "positive")

    def score_many(self, texts: Sequence[str], languages: Sequence[str | None] | None = None) -> list[Sentiment]:
        return [self.score(text, language) for text, language in zip(texts, languages or [None] * len(texts))]


class FakeRenderer:
    """The reports/ adapter's shape: (markdown, html, chart png); keeps each report it was given."""

    def __init__(self) -> None:
        self.reports: list[Report] = []

    def __call__(self, report: Report) -> tuple[str, str, bytes | None]:
        self.reports.append(report)
        return f"# {report.title}", f"<h1>{report.title}</h1>", b"PNG"
