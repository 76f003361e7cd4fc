"""The whole schema: every sub-domain's rows registered on the one metadata that migrations compare against."""
from __future__ import annotations

from db import inbox, runners
from db.base import metadata
from db.debrief import rows as debrief
from db.home import rows as home
from db.monitor import replays as drill_replays
from db.monitor import rows as monitor
from db.playbooks import rows as playbooks
from db.prevention import rows as prevention
from db.room import rows as room
from db.statements import rows as statements
from db.schedules import rows as schedules
from db.takedowns import rows as takedowns
from db.webcare import rows as webcare
from db.teams import rows as teams

ROW_MODULES = (room, monitor, statements, debrief, inbox, prevention, teams, runners, playbooks, home, takedowns,
               drill_replays, webcare, schedules)
"""Imported for what importing them does: each row class adds its table to `metadata`."""

__all__ = ["metadata", "ROW_MODULES"]
