"""Slack listeners and Block Kit of the crisis room."""
