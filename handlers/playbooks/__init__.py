"""Playbooks in Slack: the checklist's checkboxes."""
