"""Debrief metrics from a hand-built timeline (fixed clock), the answers summary and the report model."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta, timezone

import pytest

from crisis.debrief.model import DEFAULT_QUESTIONS, Debrief, DebriefResponse, FollowUp, Question, QuestionKind
from crisis.debrief.report import answers_summary, build_report
from crisis.debrief.rules import approved_at, holding_statement, metric_rows, metrics
from crisis.events import EventKind as K
from crisis.i18n import render
from crisis.monitor.buckets import Bucket
from crisis.statements.model import Approval, Decision, PausedPost, StatementState
from tests.crisis.debrief.story import T0, alerts, apology, at, crisis, event, holding, mins, timeline
from tests.crisis.plans import make_plan

PLAN = make_plan()


def test_metrics_from_a_hand_built_timeline():
    m = metrics(crisis(), timeline(), [holding(), apology()], alerts(), PLAN)
    assert m.impact_started_at == T0 and not m.impact_start_set
    assert m.time_to_detect == mins(15)  # the first warning linked to the crisis -> opened
    assert m.impact_to_warning is None and m.time_to_open is None  # need /crisis started
    assert [(a.role, a.user, a.after, a.level) for a in m.acks] == [
        ("crisis_lead", "ULEAD", mins(2), "primary"), ("comms_lead", "UCOMMSB", mins(8), "backup"),
        ("legal", "ULEGAL", None, None)]
    assert m.ack_median == mins(5) and m.ack_slowest == mins(8) and m.ack_slowest_role == "comms_lead"
    assert m.unanswered_roles == ("legal",)
    assert m.pages_sent == 4 and m.escalations == 1
    assert m.time_to_first_holding_statement == mins(20)  # drafted from the template
    assert m.time_to_first_approved == mins(45)  # its last approval, not its publication
    assert m.time_to_first_published == mins(50)
    assert m.time_to_resolve == mins(180) and m.duration == mins(180)
    # two updates and one statement published; SEV2 (1 h cadence) for 1 h, then SEV1 (30 min) for 2 h: 1 + 4
    assert (m.updates_made, m.updates_asked) == (3, 5)
    assert m.severities == ("SEV2", "SEV1")
    assert (m.statements_drafted, m.statements_published) == (2, 1)


def test_impact_start_moves_the_public_clock_but_not_the_team_clock():
    m = metrics(crisis(impact_started_at=at(-40)), timeline(), [holding(), apology()], alerts(), PLAN)
    assert m.impact_started_at == at(-40) and m.impact_start_set
    assert m.time_to_detect == mins(15)
    assert m.impact_to_warning == mins(25) and m.time_to_open == mins(40)
    assert m.time_to_first_holding_statement == mins(60)
    assert m.time_to_first_approved == mins(85)
    assert m.time_to_first_published == mins(90)
    assert m.time_to_resolve == mins(220)
    assert m.ack_median == mins(5)  # acknowledgements count from the opening: nobody was paged before
    assert m.updates_asked == 5  # the cadence runs while the crisis is open


def test_none_where_data_is_missing():
    open_crisis = crisis(closed_at=None, closed_by=None, resolution="")
    m = metrics(open_crisis, [], [], [], PLAN)
    assert m.time_to_detect is None and m.impact_to_warning is None and m.time_to_open is None
    assert m.ack_median is None and m.ack_slowest is None and m.ack_slowest_role is None
    assert [a.after for a in m.acks] == [None, None, None]
    assert m.unanswered_roles == ("crisis_lead", "comms_lead", "legal")
    assert m.time_to_first_holding_statement is None and m.time_to_first_approved is None
    assert m.time_to_first_published is None and m.time_to_resolve is None and m.duration is None
    assert (m.pages_sent, m.escalations, m.updates_made, m.updates_asked) == (0, 0, 0, None)
    assert m.severities == ("SEV1",)
    assert metrics(open_crisis, [], [], [], PLAN, now=at(125)).updates_asked == 4  # 125 min of SEV1 / 30 min


def test_warnings_after_opening_or_about_other_crises_detect_nothing():
    late_only = [a for a in alerts() if a.created_at > T0 or a.crisis_id != 7]
    assert metrics(crisis(), timeline(), [], late_only, PLAN).time_to_detect is None


def test_holding_statement_falls_back_to_the_first_published():
    plain = replace(holding(), template=None)
    assert holding_statement([apology(), plain]) is plain
    assert holding_statement([apology()]) is None
    m = metrics(crisis(), timeline(), [apology(), plain], [], PLAN)
    assert m.time_to_first_holding_statement == mins(20)


def test_approved_is_when_the_rule_was_met_on_the_final_version_and_never_a_rejected_draft():
    waiting = replace(holding(), state=StatementState.PENDING, published_at=None,
                      approvals=[Approval(1, "legal", "ULEGAL", Decision.APPROVE, at(30))])
    assert approved_at(waiting, crisis(), PLAN) is None and approved_at(apology(), crisis(), PLAN) is None
    approved = replace(holding(), state=StatementState.APPROVED, published_at=None, publish_error="x: down")
    assert approved_at(approved, crisis(), PLAN) == at(45)  # the plan's rule never met by these: its last approval
    assert metrics(crisis(), [], [approved, apology()], [], PLAN).time_to_first_approved == mins(45)


def test_impact_start_after_opening_never_gives_negative_durations():
    m = metrics(crisis(impact_started_at=at(10)), timeline(), [holding()], alerts(), PLAN)
    assert m.time_to_open == timedelta(0)
    assert m.time_to_first_holding_statement == mins(10)


def test_metric_rows_render_with_their_definitions():
    rows = metric_rows(metrics(crisis(impact_started_at=at(-40)), timeline(), [holding()], alerts(), PLAN), PLAN)
    keys = [r.key for r in rows]
    assert keys[:3] == ["time_to_detect", "impact_to_warning", "time_to_open"]
    assert {"ack_median", "ack_slowest", "holding_statement", "first_approved", "time_to_resolve", "escalations",
            "updates", "unanswered_roles"} <= set(keys)
    for row in rows:
        assert render(row.label) and render(row.hint)
    assert render(next(r for r in rows if r.key == "ack_slowest").value) == "8 min (Comms lead)"
    assert render(next(r for r in rows if r.key == "updates").value) == "3 made, 5 asked"
    without_impact = metric_rows(metrics(crisis(), [], [], [], PLAN), PLAN)
    assert "time_to_open" not in [r.key for r in without_impact]


def response(user: str, minutes: float, **answers) -> DebriefResponse:
    return DebriefResponse(7, user, answers, at(minutes), at(minutes))


def test_answers_summary_averages_scales_and_groups_texts():
    responses = [response("UB", 300, went_well="The holding statement was fast", response_speed=4,
                          roles_clear="5", lesson="  "),
                 response("UA", 200, went_well="Paging worked", went_badly="", response_speed=4, roles_clear=2),
                 response("UC", 400, response_speed=5, roles_clear=9, went_well=True)]
    summary = {s.key: s for s in answers_summary(DEFAULT_QUESTIONS, responses)}
    assert "follow_ups" not in summary  # follow-ups are reported as follow-ups
    assert (summary["response_speed"].mean, summary["response_speed"].count) == (4.3, 3)
    assert (summary["roles_clear"].mean, summary["roles_clear"].count) == (3.5, 2)  # 9 is not on the scale
    assert [(a.user, a.text) for a in summary["went_well"].answers] == [
        ("UA", "Paging worked"), ("UB", "The holding statement was fast")]
    for key in ("went_badly", "root_cause", "lesson"):
        assert not summary[key].answered and summary[key].answers == ()
    assert summary["went_well"].kind is QuestionKind.TEXT


def test_answers_summary_with_no_responses_marks_every_question_unanswered():
    questions = (Question("q", "How was it?", QuestionKind.SCALE), Question("t", "Why?"))
    assert [(s.key, s.answered, s.mean) for s in answers_summary(questions, [])] == [("q", False, None),
                                                                                     ("t", False, None)]


def test_report_model_holds_every_section():
    debrief = Debrief(7, ["ULEAD", "UCOMMSB", "ULEGAL"], at(180), at(180 + 48 * 60), None,
                      invite_failures={"ULEGAL": "user_not_found"})
    follow_ups = [FollowUp(7, "Review ad approvals", None, None, "ULEAD", at(200)),
                  FollowUp(7, "Brief customer care", "UCOMMSB", at(2000), "ULEAD", at(201), done_at=at(1900))]
    posts = [PausedPost(7, "CBRAND", "Black Friday!", at(100), "Q1", outcome="resumed", new_post_at=at(4000),
                        decided_by="UCOMMSB"),
             PausedPost(7, "CBRAND", "Cyber Monday!", at(90), "Q2")]
    buckets = [Bucket(at(-60 + 5 * i), 10 + i, 4, 10 + i) for i in range(60)]
    report = build_report(crisis(impact_started_at=at(-40)), PLAN, list(reversed(timeline())),
                          [apology(), holding()], alerts(), posts, debrief,
                          [response("ULEAD", 200, went_well="Fast", response_speed=4)], follow_ups, buckets)
    assert [line.at for line in report.timeline] == sorted(line.at for line in report.timeline)
    assert render(report.timeline[0].text) == "@ULEAD opened the crisis (SEV2): Offensive ad"
    assert [s.number for s in report.statements] == [1, 2]
    trail = report.statements[1].trail
    assert [(e.version, e.decision, e.role, e.user) for e in trail] == [
        (1, Decision.REQUEST_CHANGES, "Legal", "ULEGAL"), (2, Decision.REJECT, "Crisis lead", "ULEAD")]
    assert report.statements[0].published_ref == "x: 123" and report.statements[0].target == "X / Twitter"
    assert [p.text for p in report.paused_posts] == ["Cyber Monday!", "Black Friday!"]
    assert [f.text for f in report.follow_ups] == ["Brief customer care", "Review ad approvals"]  # by due date
    assert report.respondents == ("ULEAD",)
    assert [(n.user, n.unreachable) for n in report.non_respondents] == [("UCOMMSB", None),
                                                                         ("ULEGAL", "user_not_found")]
    assert report.severities == ("SEV2", "SEV1")
    chart = report.chart
    assert chart is not None and len(chart.buckets) == 60 and chart.bucket_minutes == 5
    assert [(moment, render(label)) for moment, label in chart.actions] == [
        (at(-40), "impact started"), (at(0), "opened"), (at(2), "first ack"), (at(50), "statement #1"),
        (at(180), "closed")]


def test_report_leaves_out_what_a_crisis_does_not_have():
    quiet = crisis(closed_at=None, closed_by=None, resolution="", term=None)
    report = build_report(quiet, PLAN, [event(K.OPENED, 0, "ULEAD", title="t", severity="SEV1", kind="x")],
                          [], [], [], None, [], [], [Bucket(at(0))])
    assert report.chart is None  # buckets without a single mention draw nothing
    assert report.statements == () and report.paused_posts == () and report.follow_ups == ()
    assert report.answers == () and report.non_respondents == () and not report.debrief_held
    assert render(report.kind) == "Offensive post"
    assert render(build_report(replace(quiet, kind="rumour"), PLAN, [], [], [], [], None, [], [], []).kind) == "rumour"


@pytest.mark.parametrize("opened_at", [T0.astimezone(timezone(timedelta(hours=2))), T0])
def test_metrics_do_not_depend_on_the_time_zone_of_the_inputs(opened_at):
    m = metrics(crisis(opened_at=opened_at), timeline(), [holding()], alerts(), PLAN)
    assert m.time_to_detect == mins(15) and m.time_to_resolve == mins(180)
