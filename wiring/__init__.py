"""The composition root: builds the whole bot (ports, Slack app, monitor, schedule) from settings; nothing else imports it."""
