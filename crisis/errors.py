"""CrisisError and its kinds: the errors a person causes, each carrying a catalog key to explain it."""
from __future__ import annotations

from crisis.i18n import Msg, has, msg, render, voice


class CrisisError(Exception):
    """An error the user can fix; `key` and `params` name the message shown to them."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class BadInput(CrisisError):
    """What the user typed or submitted cannot be used as it is; `field` names the form field."""

    def __init__(self, key: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field


class NotAuthorised(CrisisError):
    """The user does not hold the role this action needs."""


class IllegalTransition(CrisisError):
    """The crisis is in a state where this action is not possible (e.g. closed)."""


class UnknownCrisis(CrisisError):
    """The command needs a crisis channel, or names a crisis that does not exist."""


class PlanError(ValueError):
    """The crisis plan is broken; `path` is the key path (e.g. roles.legal.backup) that is wrong."""

    def __init__(self, path: str, problem: str) -> None:
        path, problem = _one_line(path), _one_line(problem)
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


def _one_line(text: str) -> str:
    """A key or value from the plan may hold a line break or another control character: shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# Failures of the outside world (not caused by a person).

class NotYet(Exception):
    """The work cannot be done yet: another replica holds what it needs, and may have died holding it. The request
    is run again later (it stays in the inbox); nobody is told anything."""


class ChannelNameTaken(Exception):
    """Chat could not create the channel because the name exists."""


class OutsideFailure(Exception):
    """The outside world did not do what was asked (after the adapter's own retries). `reason` is its word;
    `permanent` when it refused the content itself (retrying the same thing cannot help); `retry_after`, in
    seconds, when it asked us to wait (a rate limit)."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


class ChatFailure(OutsideFailure):
    """Chat could not do what was asked: an API error, a rate limit, a server error, a timeout or a dropped
    connection all end as this one failure."""

    @classmethod
    def of_all(cls, failures: list[ChatFailure]) -> ChatFailure:
        """One failure for a message whose every copy failed (a page's direct message and its channel copy):
        the first reason, permanent only if each was, waiting as long as the longest wait asked."""
        waits = [f.retry_after for f in failures if f.retry_after is not None]
        return cls(failures[0].reason, permanent=all(f.permanent for f in failures),
                   retry_after=max(waits) if waits else None)


def failure_reason(reason: str) -> Msg:
    """A ChatFailure's reason for people: the catalog's explanation of the platform's word, else the word."""
    key = f"chat_reason.{reason}"
    return msg(key) if has(key) else msg("chat_reason.other", reason=reason)


class PublishFailed(OutsideFailure):
    """A publisher could not publish the statement (or read or remove a post: crisis.takedowns); `reason` says why
    in a few words, never blank: the platform's own words as they came, or a catalog message of ours (`said`).
    Cards, the timeline and the log keep the reason as text, so ours is written at once in the team's language."""

    def __init__(self, reason: str | Msg, *, permanent: bool = False, retry_after: float | None = None) -> None:
        self.said = reason if isinstance(reason, Msg) else msg("reason.unknown") if not reason.strip() else None
        written = reason if self.said is None else render(self.said, locale=voice.team().locale)
        super().__init__(written, permanent=permanent, retry_after=retry_after)
