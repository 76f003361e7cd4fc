"""The crisis domain: what a crisis is, who is paged, and the use cases that change it."""
