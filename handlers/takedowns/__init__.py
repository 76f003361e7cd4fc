"""Take-downs in Slack."""
