"""A small crisis plan for tests, written as the mapping YAML would give."""
from __future__ import annotations

import copy
from typing import Any

from crisis.plan import CrisisPlan
from crisis.plan_parsing import parse_plan

PLAN: dict[str, Any] = {
    "organisation": "Acme",
    "channel_prefix": "crisis",
    "announce_channel": "#crisis-announce",
    "lead_role": "crisis_lead",
    "roles": {
        "crisis_lead": {"name": "Crisis lead", "primary": "ULEAD", "backup": "ULEADB"},
        "comms_lead": {"name": "Comms lead", "primary": "UCOMMS", "backup": "UCOMMSB"},
        "legal": {"name": "Legal", "primary": "ULEGAL"},
    },
    "severities": {
        "SEV1": {"description": "Viral", "ack_within": "5m", "update_every": "30m"},
        "SEV2": {"description": "Spreading", "ack_within": "10m", "update_every": "1h"},
        "SEV3": {"description": "Contained", "ack_within": "30m", "update_every": "4h"},
        "SEV4": {"description": "Watch", "ack_within": "2h", "update_every": "1d"},
    },
    "statement_approval": {"default": "comms_lead AND legal"},
}


def plan_data() -> dict[str, Any]:
    return copy.deepcopy(PLAN)


def make_plan(**changes: Any) -> CrisisPlan:
    data = plan_data()
    data.update(changes)
    return parse_plan(data)
