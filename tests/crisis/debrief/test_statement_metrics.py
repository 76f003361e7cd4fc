"""The statement metrics: the first approval is when the rule was first met (walked through the statements' own
rule, at the severity of that moment), and the employee briefing is internal: in none of the public statement
metrics, on its own row instead."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from crisis.debrief.report import build_report
from crisis.debrief.rules import approved_at, metric_rows, metrics
from crisis.events import EventKind as K
from crisis.events import TimelineEvent
from crisis.plan import ALL_STAFF_TARGET
from crisis.statements.model import Approval, Decision, Statement, StatementState, StatementVersion
from tests.crisis.debrief.story import alerts, at, crisis, holding, mins, timeline
from tests.crisis.plans import make_plan
from tests.crisis.statements.drafting import T0, approve, draft, make_crisis
from tests.crisis.statements.drafting import make_plan as statements_plan


def test_an_approval_after_the_rule_was_met_does_not_move_the_first_approved_statement():
    plan, crisis_ = statements_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    statement = draft(crisis_, plan)
    approve(statement, crisis_, plan, "UEXEC")
    assert approve(statement, crisis_, plan, "ULEGAL", minutes=2).approved
    assert approve(statement, crisis_, plan, "UCOMMS", minutes=40).approval is not None
    assert approved_at(statement, crisis_, plan) == T0 + timedelta(minutes=2)
    m = metrics(crisis_, [], [statement], [], plan)
    assert m.time_to_first_approved == timedelta(minutes=2)
    (line,) = build_report(crisis_, plan, [], [statement], [], [], None, [], [], []).statements
    assert line.approved_at == T0 + timedelta(minutes=2)


def test_the_rule_is_the_one_of_the_severity_at_each_approval():
    plan = statements_plan({"SEV2": "any 1 of comms_lead, legal", "SEV1": "comms_lead AND legal"})
    crisis_ = make_crisis(severity="SEV2")
    statement = draft(crisis_, plan)
    assert approve(statement, crisis_, plan, "UCOMMS").approved  # met at SEV2
    crisis_.severity = "SEV1"
    assert approve(statement, crisis_, plan, "ULEGAL", minutes=20).approved
    events = [TimelineEvent(K.OPENED, T0, "UOPENER", {"severity": "SEV2"}),
              TimelineEvent(K.SEVERITY_CHANGED, T0 + timedelta(minutes=10), "ULEAD", {"from": "SEV2", "to": "SEV1"})]
    assert approved_at(statement, crisis_, plan, events) == T0 + timedelta(minutes=1)


def briefing(**changes) -> Statement:
    base = Statement(7, ALL_STAFF_TARGET, "UCOMMSB", at(5), [StatementVersion(1, "Staff: say nothing", "UCOMMSB", at(5))],
                     [Approval(1, "legal", "ULEGAL", Decision.APPROVE, at(8))], StatementState.PUBLISHED,
                     published_at=at(9), published_ref="all-staff", id=3)
    return replace(base, **changes)


def test_the_all_staff_briefing_is_no_public_statement_and_has_a_row_of_its_own():
    plan = make_plan()
    public = replace(holding(), template=None)  # drafted at 20, published at 50
    events = [*timeline(), TimelineEvent(K.STATEMENT_PUBLISHED, at(9), None, {"statement": 3, "ref": "all-staff"},
                                         crisis_id=7, id=99)]
    m = metrics(crisis(), events, [briefing(template="holding"), public], alerts(), plan)
    assert m.time_to_first_published == mins(50) and m.time_to_first_holding_statement == mins(20)
    assert m.time_to_first_approved == mins(45)
    assert (m.statements_drafted, m.statements_published, m.updates_made) == (1, 1, 3)
    assert m.time_to_staff_briefing == mins(9)
    rows = {r.key: r.value for r in metric_rows(m, plan)}
    assert rows["staff_briefing"] == mins(9)
    alone = metrics(crisis(), timeline(), [briefing()], alerts(), plan)
    assert (alone.time_to_first_published, alone.time_to_first_approved, alone.time_to_first_holding_statement) == (
        None, None, None)
    assert "staff_briefing" not in {r.key for r in metric_rows(metrics(crisis(), timeline(), [public], [], plan), plan)}
