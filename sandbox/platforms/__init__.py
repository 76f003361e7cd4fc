"""Local fakes of the social platforms' publishing APIs (Bluesky, Facebook Pages, LinkedIn, X) on loopback, for
tests and the demo: their request shapes, answers and error bodies, with injected faults."""
