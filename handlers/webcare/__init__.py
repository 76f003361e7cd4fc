"""Webcare in Slack: the reply form, Approve / Reject on a reply's card, and the do-not-engage command."""
