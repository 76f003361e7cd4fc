"""The App Home in Slack."""
