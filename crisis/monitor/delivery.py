"""Delivering spike warnings: each alert is claimed for a lease, posted, and its outcome recorded on its own. A
failed post waits with back-off; a warning the chat refuses for its content is given up after a few tries and
reported once in the alerts channel; an alert waiting for its retry or given up never holds up newer ones."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from crisis.due import given_up, lease, retry_in, run_due
from crisis.errors import ChatFailure, failure_reason
from crisis.i18n import Msg, Time, msg
from crisis.monitor.model import SpikeAlert, SpikeWarning
from crisis.monitor.recordings import is_drill_term
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis

log = logging.getLogger(__name__)

POST_LEASE = lease(calls=4)
"""The warning's message and its chart's upload (three calls); an alert claimed for posting and still without a
message after this is posted again (the poster died)."""

Warn = Callable[[UnitOfWork, SpikeAlert, Crisis | None], SpikeWarning]
"""Builds the warning people see for an alert (with its term's picture), inside the claiming unit of work."""


def post_alerts(*, ports: Ports, warn: Warn, limit: int = 20) -> int:
    """Post the alerts that are due: to the crisis channel when the term's crisis is open, else the alerts
    channel. Returns how many were posted."""
    now = ports.clock.now()
    return sum(run_due(ports, "posting spike alerts",
                       lambda uow: uow.alerts.unposted(limit, now=now, stale_before=now - POST_LEASE),
                       lambda uow, alert_id: _claim_alert(uow, alert_id, now, warn),
                       lambda claimed: _post_alert(*claimed, ports)))


def _claim_alert(uow: UnitOfWork, alert_id: int, now: datetime, warn: Warn
                 ) -> tuple[SpikeAlert, Crisis | None, SpikeWarning] | None:
    """The alert claimed for posting for POST_LEASE, with its term's open crisis and the warning to post."""
    alert = uow.alerts.lock(alert_id)
    if (alert is None or alert.message_ts or alert.failed_at or (alert.retry_at and alert.retry_at > now)
            or (alert.posted_at and alert.posted_at > now - POST_LEASE)):
        return None
    alert.posted_at = now
    alert.post_attempts += 1
    crisis = uow.crises.open_for_term(alert.term)
    warning = warn(uow, alert, crisis)
    uow.alerts.save(alert)  # after warn(), which reads the term's reputation into it: kept for the crisis it opens
    return alert, crisis, warning


def _post_alert(alert: SpikeAlert, crisis: Crisis | None, warning: SpikeWarning, ports: Ports) -> bool:
    """Post the warning and record where; when that fails, record the failure (and give the claim back). A drill's
    warning goes only to its room: once the drill is closed it is never posted."""
    if crisis is None and is_drill_term(alert.term):
        _record_failure(alert.id, ChatFailure("drill_closed", permanent=True), ports, give_up=True)
        return False
    try:
        channel = crisis.channel_id if crisis else ports.chat.resolve_channel(_alerts_ref(ports))
        if channel is None:
            raise ChatFailure("channel_not_found", permanent=True)
        ts = ports.chat.post_spike_warning(channel, warning)
    except ChatFailure as failure:
        log.warning("posting spike alert %s failed: %s", alert.id, failure.reason)
        if _record_failure(alert.id, failure, ports):
            refused = msg("monitor.warning_refused", term=alert.term, since=Time(alert.started_at),
                          reason=failure_reason(failure.reason))
            if crisis is not None and crisis.drill:
                _post_quietly(ports, crisis.channel_id, refused)
            else:
                post_alerts_channel(ports, refused)
        return False
    with ports.uow() as uow:
        stored = uow.alerts.lock(alert.id)
        stored.channel_id, stored.message_ts, stored.retry_at = channel, ts, None
        if crisis:
            stored.crisis_id = crisis.id
        uow.alerts.save(stored)
        uow.commit()
    return True


def _record_failure(alert_id: int, failure: ChatFailure, ports: Ports, give_up: bool = False) -> bool:
    """The claim given back, the next try after a back-off; True when this failure (or `give_up`) gives the alert
    up."""
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = uow.alerts.lock(alert_id)
        stored.posted_at = None
        stored.retry_at = now + retry_in(stored.post_attempts, failure)
        gave_up = give_up or given_up(failure, stored.post_attempts)
        if gave_up:
            stored.failed_at = now
        uow.alerts.save(stored)
        uow.commit()
    return gave_up


def _alerts_ref(ports: Ports) -> str:
    return ports.plan.alerts_channel or ports.plan.announce_channel


def alerts_channel(ports: Ports) -> str | None:
    """The plan's alerts channel (else its announce channel); None when it cannot be found now."""
    try:
        return ports.chat.resolve_channel(_alerts_ref(ports))
    except ChatFailure:
        return None


def post_alerts_channel(ports: Ports, message: Msg) -> None:
    """A notice in the alerts channel; a failure is logged (notices are not retried)."""
    channel = alerts_channel(ports)
    if channel is None:
        log.error("alerts channel %s not found", _alerts_ref(ports))
        return
    _post_quietly(ports, channel, message)


def _post_quietly(ports: Ports, channel: str | None, message: Msg) -> None:
    if channel is None:
        return
    try:
        ports.chat.post(channel, message)
    except ChatFailure as failure:
        log.warning("posting a monitor notice failed: %s", failure.reason)
