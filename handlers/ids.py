"""Slack callback, action and block ids shared by the Block Kit builders and the listeners."""
from crisis.debrief.rules import FOLLOW_UP_ROWS as FOLLOW_UP_ROWS  # the questionnaire's size, shared by Teams
from crisis.views import Action

COMMAND = "/crisis"

OPEN_MODAL = "crisis_open"
CLOSE_MODAL = "crisis_close"

ACKNOWLEDGE = "page_acknowledge"

TITLE_BLOCK, TITLE_INPUT = "title", "title_input"
SEVERITY_BLOCK, SEVERITY_INPUT = "severity", "severity_input"
KIND_BLOCK, KIND_INPUT = "kind", "kind_input"
DESCRIPTION_BLOCK, DESCRIPTION_INPUT = "description", "description_input"
LINK_BLOCK, LINK_INPUT = "link", "link_input"
RESOLUTION_BLOCK, RESOLUTION_INPUT = "resolution", "resolution_input"

FORM_BLOCKS = {
    "title": TITLE_BLOCK,
    "severity": SEVERITY_BLOCK,
    "kind": KIND_BLOCK,
    "description": DESCRIPTION_BLOCK,
    "link": LINK_BLOCK,
    "resolution": RESOLUTION_BLOCK,
    "reason": "reason",
    "target": "target",
    "template": "template",
    "text": "text",
    "deadline": "deadline",
    "note": "note",
    "outlet": "outlet",
    "contact": "contact",
    "question": "question",
    "statement": "statement",
    "post_at": "post_at",
}
"""Form field name (as BadInput names it) -> the modal block that shows its error."""

OPEN_FROM_ALERT = "alert_open_crisis"
FALSE_ALARM = "alert_false_alarm"
SNOOZE = "alert_snooze"
LABEL_MENTION = "mention_label"
FALSE_ALARM_MODAL = "alert_false_alarm_modal"
REASON_BLOCK, REASON_INPUT = "reason", "reason_input"

DRAFT_MODAL = "statement_draft"
DRAFT_SHORTCUT = "statement_from_message"
EDIT_MODAL = "statement_edit"
NOTE_MODAL = "statement_note"
APPROVE = "statement_approve"
REQUEST_CHANGES = "statement_request_changes"
EDIT = "statement_edit_button"
REJECT = "statement_reject"
RETRY_PUBLISH = "statement_retry_publish"
CORRECT = "statement_correct"
RETRACT = "statement_retract"
AMEND_MODAL = "statement_amend"
SHOW_STATEMENT = "statement_show_full"
FULL_TEXT_MODAL = "statement_full_text"
TARGET_BLOCK, TARGET_INPUT = "target", "target_input"
TEMPLATE_BLOCK, TEMPLATE_INPUT = "template", "template_input"
TEXT_BLOCK, TEXT_INPUT = "text", "text_input"
DEADLINE_BLOCK, DEADLINE_INPUT = "deadline", "deadline_input"
NOTE_BLOCK, NOTE_INPUT = "note", "note_input"

PRESS_MODAL = "press_inquiry"
ANSWER_INQUIRY = "press_answer"
ANSWER_MODAL = "press_answer_modal"
OUTLET_BLOCK, OUTLET_INPUT = "outlet", "outlet_input"
CONTACT_BLOCK, CONTACT_INPUT = "contact", "contact_input"
QUESTION_BLOCK, QUESTION_INPUT = "question", "question_input"
STATEMENT_BLOCK, STATEMENT_INPUT = "statement", "statement_input"

RESUME_POST = "paused_resume"
DISCARD_POST = "paused_discard"
RESCHEDULE_POST = "paused_reschedule"
RESUME_MODAL = "paused_resume_modal"
POST_AT_BLOCK, POST_AT_INPUT = "post_at", "post_at_input"

DEBRIEF_START = "debrief_start"
DEBRIEF_MODAL = "debrief_answers"
FOLLOW_UP_DONE = "follow_up_done"

ACCOUNT_MODAL = "prevention_account"
REVOKE_ACCESS = "offboarding_revoked"
KEEP_ACCESS = "review_keep"
REMOVE_ACCESS = "review_remove"
PLATFORM_BLOCK, PLATFORM_INPUT = "platform", "platform_input"
HANDLE_BLOCK, HANDLE_INPUT = "handle", "handle_input"
OWNER_BLOCK, OWNER_INPUT = "owner", "owner_input"
TWO_FACTOR_BLOCK, TWO_FACTOR_INPUT = "two_factor", "two_factor_input"
CREDENTIAL_BLOCK, CREDENTIAL_INPUT = "credential", "credential_input"
ACCESS_BLOCK, ACCESS_INPUT = "access", "access_input"
APPROVE_TAKEDOWN = "takedown_approve"
REJECT_TAKEDOWN = "takedown_reject"
TAKE_DOWN_LINK = "takedown_link"
# webcare
REPLY_MENTION = "webcare_reply"
APPROVE_REPLY = "webcare_approve"
REJECT_REPLY = "webcare_reject"
REPLY_MODAL = "webcare_reply_form"
REPLY_LINE_BLOCK, REPLY_LINE_INPUT = "reply_line", "reply_line_input"
REPLY_TEXT_BLOCK, REPLY_TEXT_INPUT = "reply_text", "reply_text_input"

TICK_STEP = "playbook_tick_step"

def number(value: object) -> int | None:
    """An id from a button or modal (ASCII digits a database can hold), or None for anything else."""
    text = str(value if value is not None else "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def follow_up_block(row: int, part: str) -> str:
    """Block id of one part ("text", "owner", "due") of follow-up row `row`."""
    return f"follow_up_{row}_{part}"

ACTION_IDS = {
    Action.ACKNOWLEDGE_PAGE: ACKNOWLEDGE,
    Action.APPROVE_STATEMENT: APPROVE,
    Action.REQUEST_CHANGES: REQUEST_CHANGES,
    Action.EDIT_STATEMENT: EDIT,
    Action.REJECT_STATEMENT: REJECT,
    Action.RETRY_PUBLISH: RETRY_PUBLISH,
    Action.CORRECT_STATEMENT: CORRECT,
    Action.RETRACT_STATEMENT: RETRACT,
    Action.ANSWER_INQUIRY: ANSWER_INQUIRY,
    Action.RESUME_POST: RESUME_POST,
    Action.DISCARD_POST: DISCARD_POST,
    Action.RESCHEDULE_POST: RESCHEDULE_POST,
    Action.START_DEBRIEF: DEBRIEF_START,
    Action.OPEN_CRISIS_FROM_ALERT: OPEN_FROM_ALERT,
    Action.FALSE_ALARM: FALSE_ALARM,
    Action.SNOOZE: SNOOZE,
    Action.LABEL_MENTION: LABEL_MENTION,
    Action.SHOW_STATEMENT: SHOW_STATEMENT,
    Action.REVOKE_ACCESS: REVOKE_ACCESS,
    Action.KEEP_ACCESS: KEEP_ACCESS,
    Action.REMOVE_ACCESS: REMOVE_ACCESS,
    Action.TICK_STEP: TICK_STEP,
    Action.APPROVE_TAKEDOWN: APPROVE_TAKEDOWN,
    Action.REJECT_TAKEDOWN: REJECT_TAKEDOWN,
    Action.TAKE_DOWN_LINK: TAKE_DOWN_LINK,
    Action.REPLY_MENTION: REPLY_MENTION,
    Action.APPROVE_REPLY: APPROVE_REPLY,
    Action.REJECT_REPLY: REJECT_REPLY,
}
"""The action id of each neutral action on a button or menu."""
