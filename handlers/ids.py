"""Slack callback, action and block ids shared by the Block Kit builders and the listeners."""

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
}
"""Form field name (as BadInput names it) -> the modal block that shows its error."""

OPEN_FROM_ALERT = "alert_open_crisis"
FALSE_ALARM = "alert_false_alarm"
SNOOZE = "alert_snooze"
LABEL_MENTION = "mention_label"
FALSE_ALARM_MODAL = "alert_false_alarm_modal"
REASON_BLOCK, REASON_INPUT = "reason", "reason_input"
