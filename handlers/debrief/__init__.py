"""Slack listeners and Block Kit of the debrief."""
