"""Public statements: drafts and versions, the approval rule (four eyes, any N of), publishing (their deadlines:
deadlines.py; press inquiries: press.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from crisis.due import lease
from crisis.errors import BadInput, IllegalTransition, NotAuthorised
from crisis.i18n import Msg, Time, User, has, msg, render
from crisis.i18n.voice import format_time
from crisis.plan import TEMPLATE_FIELDS, ApprovalRule, CrisisPlan, Template
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.statements.length import length_check
from crisis.statements.model import Approval, Decision, Statement, StatementState, StatementVersion

MAX_TEXT = 40_000
"""No statement is longer than this, whatever its target (a press release fits easily)."""
PUBLISH_LEASE = lease(calls=2)
"""A publish claim (a Slack channel and a Mastodon account) older than this is taken to be dead (its process
crashed); the tick then publishes again, skipping the publishers that already worked."""

CLOSED_STATES = frozenset({StatementState.REJECTED, StatementState.PUBLISHED})
OPEN_STATES = frozenset({StatementState.PENDING, StatementState.CHANGES_REQUESTED})
COMMS_ROLE = "comms_lead"
SPOKESPERSON_ROLE = "spokesperson"


# --- templates and drafts -------------------------------------------------------------------------

def fill_template(template: Template | str, crisis: Crisis, plan: CrisisPlan) -> str:
    """The template's text with {title}, {severity}, {organisation}, {started} (on the plan's clock, the zone
    named) and {kind} filled in.

    Anything else in braces is left as it is (the plan validated the placeholders)."""
    text = template.text if isinstance(template, Template) else template
    values = {
        "title": crisis.title,
        "severity": crisis.severity,
        "organisation": plan.organisation,
        "started": format_time(crisis.opened_at, plan.zone),
        "kind": render(msg(f"kind.{crisis.kind}"), locale=plan.language) if has(f"kind.{crisis.kind}")
        else crisis.kind.replace("_", " "),
    }
    assert set(values) == set(TEMPLATE_FIELDS), "every template field has a value"
    return re.sub(r"{(\w+)}", lambda m: values.get(m.group(1), m.group(0)), text)


def new_draft(crisis: Crisis, plan: CrisisPlan, *, target: str, text: str, author: str, now: datetime,
              template: str | None = None, deadline: datetime | None = None) -> Statement:
    """A PENDING statement at version 1. An empty `text` with a `template` key takes the filled template.

    Raises IllegalTransition (crisis closed), BadInput field "target" (unknown target), "template"
    (unknown template), "text" (empty or longer than MAX_TEXT), "deadline" (not in the future).
    Text over the target's limit is allowed: the card shows it and approval waits for an edit."""
    ensure_open(crisis)
    assert crisis.id is not None, "a crisis is stored before statements are drafted in it"
    if plan.statements.target(target) is None:
        raise BadInput("error.statement_unknown_target", field="target", target=target,
                       choices=", ".join(x.key for x in plan.statements.targets))
    chosen = None
    if template:
        chosen = plan.statements.template(template)
        if chosen is None:
            raise BadInput("error.statement_unknown_template", field="template", template=template,
                           choices=", ".join(x.key for x in plan.statements.templates) or "-")
    body = normalise_newlines(text)
    if not body and chosen is not None:
        body = normalise_newlines(fill_template(chosen, crisis, plan))
    _check_text(body)
    if deadline is not None and deadline <= now:
        raise BadInput("error.statement_deadline_past", field="deadline", deadline=Time(deadline))
    return Statement(crisis_id=crisis.id, target=target, author=author, created_at=now,
                     versions=[StatementVersion(1, body, author, now)], template=template or None,
                     deadline=deadline)


def edit(statement: Statement, crisis: Crisis, plan: CrisisPlan, *, user: str, text: str,
         now: datetime) -> StatementVersion:
    """A new version by `user` (the author, or whoever holds the comms lead role now); approvals of
    earlier versions stop counting and the statement waits for approval again. Submitting the
    current text unchanged makes no new version and returns the current one.

    Raises IllegalTransition (crisis closed; "error.statement_closed" when rejected or published;
    "error.statement_publishing" while a publish is under way; "error.statement_partly_out" when some of its
    publishers already posted it), NotAuthorised "error.statement_not_editor", BadInput field "text" (empty or
    too long)."""
    ensure_open(crisis)
    check_reviewable(statement, now)
    editor_role = comms_role(plan)
    if user != statement.author and editor_role not in roles_of(crisis, user):
        holder = crisis.role(editor_role)
        raise NotAuthorised("error.statement_not_editor", author=User(statement.author),
                            role=plan.role_name(editor_role), holder=User(holder.user_id if holder else None))
    body = normalise_newlines(text)
    _check_text(body)
    if body == statement.current.text:
        return statement.current
    version = StatementVersion(statement.current.number + 1, body, user, now)
    statement.versions.append(version)
    statement.state = StatementState.PENDING
    statement.publish_error = ""
    return version


# --- who holds what --------------------------------------------------------------------------------

def roles_of(crisis: Crisis, user: str) -> set[str]:
    """The roles `user` holds in the crisis now (backups and earlier holders hold nothing)."""
    return {r.role for r in crisis.roles if user and r.user_id == user}


def comms_role(plan: CrisisPlan) -> str:
    """The role that may edit anyone's draft: comms_lead if the plan has it, else the crisis lead."""
    return COMMS_ROLE if plan.role(COMMS_ROLE) else plan.lead_role


def rule_for(crisis: Crisis, plan: CrisisPlan) -> ApprovalRule:
    return severity_rule(plan, crisis.severity)


def severity_rule(plan: CrisisPlan, severity: str) -> ApprovalRule:
    """The plan's rule for a severity (or its default); a plan without one needs the comms role."""
    return plan.approval_rule(severity) or ApprovalRule((comms_role(plan),), 1)


def authors(statement: Statement) -> set[str]:
    """Whose approval never counts: who drafted the statement and who wrote the current version."""
    return {statement.author, statement.current.author}


def may_edit(statement: Statement, crisis: Crisis, plan: CrisisPlan, user: str) -> bool:
    return statement.state not in CLOSED_STATES and (
        user == statement.author or comms_role(plan) in roles_of(crisis, user))


# --- the approval rule -----------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleStatus:
    """How the current version stands against the rule, re-evaluated against today's role holders.

    `met`: enough distinct roles approved, by distinct people, none of them an author, and nobody's
    request for changes on this version is still open. `approved_by`: (role, user) that count.
    `missing`: role keys of the rule nobody has approved in yet; `needed_more`: how many more
    approvals the rule needs. `lapsed`: (role, user) approvals of this version that stopped counting
    because the user no longer holds the role. `changes_requested`: (user, note) still open.
    `blocked`: missing roles whose current holder is an author (someone else must take the role).
    `summary`: what is missing, as a catalog message for the card."""

    rule: ApprovalRule
    met: bool
    approved_by: list[tuple[str, str]]
    missing: list[str]
    needed_more: int
    lapsed: list[tuple[str, str]] = field(default_factory=list)
    changes_requested: list[tuple[str, str]] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    summary: Msg = field(default_factory=lambda: msg("statement.missing_none"))


def rule_status(statement: Statement, crisis: Crisis, plan: CrisisPlan) -> RuleStatus:
    rule = rule_for(crisis, plan)
    version = statement.current.number
    excluded = authors(statement)
    latest = _latest_decisions(statement, version)
    approved_by: list[tuple[str, str]] = []
    lapsed: list[tuple[str, str]] = []
    roles_used: set[str] = set()
    for approval in latest.values():  # in the order they were given
        if approval.decision is not Decision.APPROVE or approval.user in excluded:
            continue
        if approval.role not in rule.roles or approval.role not in roles_of(crisis, approval.user):
            lapsed.append((approval.role, approval.user))
        elif approval.role not in roles_used:
            roles_used.add(approval.role)
            approved_by.append((approval.role, approval.user))
    changes = [(a.user, a.note) for a in latest.values() if a.decision is Decision.REQUEST_CHANGES]
    needed_more = max(0, rule.needed - len(approved_by))
    missing = [r for r in rule.roles if r not in roles_used] if needed_more else []
    blocked = [r for r in missing if (h := crisis.role(r)) is not None and h.user_id in excluded]
    met = needed_more == 0 and not changes
    return RuleStatus(rule, met, approved_by, missing, needed_more, lapsed, changes, blocked,
                      _summary(rule, plan, missing, needed_more, changes))


def reevaluate(statement: Statement, crisis: Crisis, plan: CrisisPlan) -> RuleStatus:
    """Bring the state in line with the rule and today's role holders (e.g. after a role changed
    hands, an APPROVED statement whose approver lost the role waits again). Closed statements keep
    their state."""
    status = rule_status(statement, crisis, plan)
    if statement.state not in CLOSED_STATES:
        if status.met:
            statement.state = StatementState.APPROVED
        elif status.changes_requested:
            statement.state = StatementState.CHANGES_REQUESTED
        else:
            statement.state = StatementState.PENDING
    return status


@dataclass(frozen=True)
class DecisionResult:
    """What a decision did: the Approval recorded (None when the user had already approved this
    version), whether the statement is now approved, and what is still missing (role keys)."""

    approval: Approval | None
    approved: bool
    missing: list[str]
    state: StatementState
    status: RuleStatus
    already_approved: bool = False
    notice: Msg | None = None


def decide(statement: Statement, crisis: Crisis, plan: CrisisPlan, *, user: str, decision: Decision,
           version: int, now: datetime, note: str = "") -> DecisionResult:
    """Approve, request changes on, or reject `version` of the statement as `user`.

    Refuses (nothing recorded) with: IllegalTransition "error.crisis_closed" (crisis closed),
    "error.statement_closed" (rejected or published), "error.statement_old_version" (`version` is not
    the current one), "error.statement_publishing" (changes/reject while a publish is under way),
    "error.statement_partly_out" (changes/reject once some of it is out);
    NotAuthorised "error.statement_own" (an author approving: four eyes),
    "error.statement_not_approver" (approving without holding a role of the rule now),
    "error.statement_not_reviewer" (changes/reject by someone holding neither a rule role nor the
    crisis lead); BadInput field "text" "error.statement_over_limit" (approving text over the
    target's limit), field "note" "error.statement_changes_note" / "error.statement_reject_note".
    Approving a version one already approved (and whose approval still counts) records nothing and
    says so (`already_approved`, notice "notice.statement_already_approved").
    Rejecting an APPROVED statement that nothing published yet withdraws it: it is never published."""
    ensure_open(crisis)
    _check_not_closed(statement)
    current = statement.current.number
    if version != current:
        raise IllegalTransition("error.statement_old_version", version=version, current=current)
    rule = rule_for(crisis, plan)
    held = roles_of(crisis, user)
    if decision is Decision.APPROVE:
        return _approve(statement, crisis, plan, rule, held, user=user, now=now, note=note.strip())
    note = note.strip()
    if not (held & set(rule.roles)) and plan.lead_role not in held:
        raise NotAuthorised("error.statement_not_reviewer", rule=_rule_msg(rule, plan),
                            lead=plan.role_name(plan.lead_role))
    if not note:
        key = "error.statement_changes_note" if decision is Decision.REQUEST_CHANGES else "error.statement_reject_note"
        raise BadInput(key, field="note")
    check_reviewable(statement, now)
    role = next((r for r in rule.roles if r in held), plan.lead_role)
    approval = Approval(current, role, user, decision, now, note)
    statement.approvals.append(approval)
    if decision is Decision.REJECT:
        statement.state = StatementState.REJECTED
        status = rule_status(statement, crisis, plan)
    else:
        status = reevaluate(statement, crisis, plan)
    return DecisionResult(approval, False, status.missing, statement.state, status)


def _approve(statement: Statement, crisis: Crisis, plan: CrisisPlan, rule: ApprovalRule, held: set[str], *,
             user: str, now: datetime, note: str) -> DecisionResult:
    if user in authors(statement):
        raise NotAuthorised("error.statement_own", rule=_rule_msg(rule, plan))
    eligible = [r for r in rule.roles if r in held]
    if not eligible:
        raise NotAuthorised("error.statement_not_approver", rule=_rule_msg(rule, plan),
                            roles=", ".join(plan.role_name(r) for r in rule.roles))
    count, limit, over = length_check(statement, plan)
    if over:
        target = plan.statements.target(statement.target)
        raise BadInput("error.statement_over_limit", field="text", count=count, limit=limit,
                       over=count - (limit or 0), target=target.name if target else statement.target)
    before = rule_status(statement, crisis, plan)
    if any(u == user for _, u in before.approved_by):
        status = reevaluate(statement, crisis, plan)
        return DecisionResult(None, statement.state is StatementState.APPROVED, status.missing, statement.state,
                              status, already_approved=True,
                              notice=msg("notice.statement_already_approved", version=statement.current.number))
    role = next((r for r in eligible if r in before.missing), eligible[0])
    approval = Approval(statement.current.number, role, user, Decision.APPROVE, now, note)
    statement.approvals.append(approval)
    status = reevaluate(statement, crisis, plan)
    return DecisionResult(approval, statement.state is StatementState.APPROVED, status.missing, statement.state,
                          status)


# --- publishing --------------------------------------------------------------------------------

def claim_publish(statement: Statement, now: datetime, lease: timedelta = PUBLISH_LEASE, *,
                  crisis: Crisis | None = None, plan: CrisisPlan | None = None) -> bool:
    """Take the right to publish: only an APPROVED, unpublished statement without a live claim.
    With `crisis` the crisis must still be open (a statement that failed until the close is never
    published afterwards); with `plan` too the rule is checked again first against today's role holders
    (a statement whose approver lost the role goes back to waiting and is not claimed).
    Call under the statement's row lock; True means: you publish now, then call `published` or
    `publish_failed`."""
    if statement.state is not StatementState.APPROVED or statement.published_at is not None:
        return False
    if statement.publishing_since is not None and now < statement.publishing_since + lease:
        return False
    if crisis is not None and not crisis.is_open:
        return False
    if crisis is not None and plan is not None and not reevaluate(statement, crisis, plan).met:
        return False
    statement.publishing_since = now
    statement.publish_attempts += 1
    return True


def stopped_by_close(statement: Statement, crisis: Crisis, now: datetime) -> bool:
    """An approved statement that is not out and no longer will be: its crisis closed first (a publish
    under way at the close finishes: what is out is a fact)."""
    return (statement.state is StatementState.APPROVED and statement.published_at is None and not crisis.is_open
            and not _publishing(statement, now))


def published(statement: Statement, ref: str, now: datetime) -> bool:
    """Record that the text is out (whatever happened meanwhile: what is published is a fact).
    False, and nothing changes, when it was already recorded as published."""
    if statement.state is StatementState.PUBLISHED:
        return False
    statement.state = StatementState.PUBLISHED
    statement.published_at = now
    statement.published_ref = ref
    statement.publishing_since = None
    statement.publish_error = ""
    return True


def publish_failed(statement: Statement, reason: str, now: datetime) -> None:
    """The publisher failed: the claim is released, the statement stays APPROVED, the reason is kept
    for the card; a retry claims again. (`now` is for the caller's timeline event.)"""
    if statement.state is StatementState.PUBLISHED:
        return
    statement.publishing_since = None
    statement.publish_error = reason.strip()


# --- helpers -----------------------------------------------------------------------------------

def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def normalise_newlines(text: str | None) -> str:
    """Trimmed text with every line break as \\n."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_text(body: str) -> None:
    if not body:
        raise BadInput("error.statement_text_required", field="text")
    if len(body) > MAX_TEXT:
        raise BadInput("error.statement_too_long", field="text", count=len(body), max=MAX_TEXT)


def _check_not_closed(statement: Statement) -> None:
    if statement.state in CLOSED_STATES:
        raise IllegalTransition("error.statement_closed", state=msg(f"statement.state.{statement.state.value}"))


def check_reviewable(statement: Statement, now: datetime) -> None:
    """What may still be changed, rejected (withdrawn, once approved) or sent back: a statement that is not
    rejected or published, not being published now, and out nowhere yet (published once, never unapproved).
    Raises IllegalTransition "error.statement_closed", "error.statement_publishing",
    "error.statement_partly_out"."""
    _check_not_closed(statement)
    if _publishing(statement, now):
        raise IllegalTransition("error.statement_publishing")
    if statement.published_ref:  # a publisher of a group target posted it before another failed
        raise IllegalTransition("error.statement_partly_out", statement=statement.id, ref=statement.published_ref)


def _publishing(statement: Statement, now: datetime) -> bool:
    return statement.publishing_since is not None and now < statement.publishing_since + PUBLISH_LEASE


def _latest_decisions(statement: Statement, version: int) -> dict[str, Approval]:
    """Each person's last decision on `version`, in the order of their first decision."""
    latest: dict[str, Approval] = {}
    for approval in statement.approvals:
        if approval.version == version:
            latest[approval.user] = approval
    return latest




def _rule_msg(rule: ApprovalRule, plan: CrisisPlan) -> Msg:
    names = ", ".join(plan.role_name(r) for r in rule.roles)
    if rule.needed == len(rule.roles):
        return msg("statement.rule_all", roles=names)
    return msg("statement.rule_any", n=rule.needed, roles=names)


def _summary(rule: ApprovalRule, plan: CrisisPlan, missing: list[str], needed_more: int,
             changes: list[tuple[str, str]]) -> Msg:
    if changes:
        return msg("statement.missing_changes", user=User(changes[0][0]), note=changes[0][1])
    if not needed_more:
        return msg("statement.missing_none")
    names = ", ".join(plan.role_name(r) for r in missing)
    if needed_more == len(missing):
        return msg("statement.missing_all", roles=names)
    return msg("statement.missing_any", n=needed_more, roles=names)


# --- counting characters like X ----------------------------------------------------------------


