"""Slack listeners and Block Kit of statements and the press desk."""
