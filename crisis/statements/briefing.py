"""The employee briefing (`/crisis brief`): a statement for the all-staff target, drafted from the catalog's
template (what happened, what not to say, where press and customer questions go) in the plan's language."""
from __future__ import annotations

from collections.abc import Mapping

from crisis.errors import BadInput
from crisis.i18n import Msg, msg, render
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.rules import COMMS_ROLE, SPOKESPERSON_ROLE

CUSTOMER_CARE_ROLE = "customer_care"
PLAN_KEY = "statements.all_staff_channel"


def check_briefing(plan: CrisisPlan) -> None:
    """Raises BadInput "error.briefing_no_channel" (naming the plan key) when the plan has nowhere to post it."""
    if not plan.statements.all_staff_channel:
        raise BadInput("error.briefing_no_channel", setting=PLAN_KEY)


def briefing_people(crisis: Crisis, plan: CrisisPlan) -> list[str]:
    """Whose names the briefing gives: the holders of the press contact's and customer care's roles."""
    return [user for role in (_press_role(crisis, plan), _care_role(plan))
            if role and (user := _holder(crisis, role))]


def briefing_text(crisis: Crisis, plan: CrisisPlan, names: Mapping[str, str]) -> str:
    """The briefing's first draft in the plan's language; `names` are display names by user id (a person
    without one is left out, their role still named)."""
    what = crisis.description.strip() or crisis.title
    template = msg("briefing.template", organisation=plan.organisation, title=crisis.title, what=what,
                   press=_contact(crisis, plan, _press_role(crisis, plan), names),
                   care=_contact(crisis, plan, _care_role(plan), names))
    return render(template, locale=plan.language)


def _press_role(crisis: Crisis, plan: CrisisPlan) -> str:
    """The spokesperson when the plan has the role and someone holds it, else the comms lead, else the lead."""
    return next((role for role in (SPOKESPERSON_ROLE, COMMS_ROLE) if plan.role(role) and _holder(crisis, role)),
                COMMS_ROLE if plan.role(COMMS_ROLE) else plan.lead_role)


def _care_role(plan: CrisisPlan) -> str | None:
    return CUSTOMER_CARE_ROLE if plan.role(CUSTOMER_CARE_ROLE) else None


def _holder(crisis: Crisis, role: str) -> str | None:
    holder = crisis.role(role)
    return holder.user_id if holder and holder.user_id else None


def _contact(crisis: Crisis, plan: CrisisPlan, role: str | None, names: Mapping[str, str]) -> Msg:
    if role is None:
        return msg("briefing.care_team")
    name = names.get(_holder(crisis, role) or "")
    if name:
        return msg("briefing.contact", name=name, role=plan.role_name(role))
    return msg("briefing.contact_role", role=plan.role_name(role))
