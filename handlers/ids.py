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
}
"""Form field name (as BadInput names it) -> the modal block that shows its error."""
