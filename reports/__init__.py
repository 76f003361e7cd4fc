"""Rendering that is neither Slack nor domain: PNG charts now, the crisis report later."""
