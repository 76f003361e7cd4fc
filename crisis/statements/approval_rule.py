"""The plan's approval rule ('comms_lead AND legal', 'any 2 of comms_lead, legal, exec_sponsor') read into an ApprovalRule."""
from __future__ import annotations

import re

from crisis.errors import PlanError
from crisis.plan import ApprovalRule

_ANY_N_OF = re.compile(r"^any\s+(\d+)\s+of\s+(.+)$", re.IGNORECASE)


def parse_approval_rule(text: str, role_keys: set[str], path: str) -> ApprovalRule:
    """'comms_lead AND legal' or 'any 2 of comms_lead, legal, exec_sponsor'."""
    match = _ANY_N_OF.match(text.strip())
    if match:
        needed, names = int(match.group(1)), [n.strip() for n in match.group(2).split(",")]
    else:
        names = [n.strip() for n in re.split(r"\s+AND\s+", text.strip(), flags=re.IGNORECASE)]
        needed = len(names)
    unknown = [n for n in names if n not in role_keys]
    if unknown:
        raise PlanError(path, f"unknown role '{unknown[0]}' in the rule; roles are {', '.join(sorted(role_keys))}")
    if len(set(names)) != len(names):
        raise PlanError(path, "a role is named twice in the rule")
    if not 1 <= needed <= len(names):
        raise PlanError(path, f"'any {needed} of' needs between 1 and {len(names)}")
    return ApprovalRule(tuple(names), needed)
