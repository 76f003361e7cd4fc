"""Publisher adapters: where an approved statement goes (a Slack channel, a Mastodon account), built from the plan."""
