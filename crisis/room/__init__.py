"""The crisis room: open, page, acknowledge, escalate, severity, roles, updates, close."""
