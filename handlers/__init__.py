"""Slack adapters: parse what Slack sends, call a crisis use case, render Block Kit."""
