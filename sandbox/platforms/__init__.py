"""Local fakes of the social platforms' APIs (Mastodon, Bluesky, Facebook Pages, Hootsuite, LinkedIn, X) on
loopback, for tests and the demo: their request shapes, answers and error bodies, with injected faults."""
