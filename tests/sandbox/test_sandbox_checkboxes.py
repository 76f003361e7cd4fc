"""The sandbox takes a checkboxes element as Slack does: options given, at most 10, initial options that are its
options; it reads ticked boxes as [x], and a click sends every option ticked after it as selected."""
from sandbox.blockkit import block_errors, render_blocks
from sandbox.slack_user import _action

DONE = {"text": {"type": "plain_text", "text": "Done"}, "value": "done"}


def section(**element):
    return {"type": "section", "block_id": "7|1", "text": {"type": "mrkdwn", "text": "*1.* Pause posts"},
            "accessory": {"type": "checkboxes", "action_id": "tick", **element}}


def test_slacks_checkbox_rules():
    assert block_errors([section(options=[DONE]), section(options=[DONE], initial_options=[DONE]) | {
        "block_id": "7|2"}]) == []
    assert "at least 1" in block_errors([section(options=[])])[0]
    assert "no more than 10" in block_errors([section(options=[DONE] * 11)])[0]
    other = {"text": {"type": "plain_text", "text": "Finished"}, "value": "done"}
    assert "must match one of the options" in block_errors([section(options=[DONE], initial_options=[other])])[0]


def test_a_box_reads_ticked_and_a_click_toggles_it():
    assert "[ ] Done" in render_blocks([section(options=[DONE])])[-1]
    assert "[x] Done" in render_blocks([section(options=[DONE], initial_options=[DONE])])[-1]
    assert _action([section(options=[DONE])], "tick", "7|1")["selected_options"] == [DONE]
    unticked = _action([section(options=[DONE], initial_options=[DONE])], "tick", "7|1")
    assert unticked == {"action_id": "tick", "block_id": "7|1", "type": "checkboxes", "selected_options": []}
