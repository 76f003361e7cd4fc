"""Slack listeners and Block Kit of the mention monitor."""
