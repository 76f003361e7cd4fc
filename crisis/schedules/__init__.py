"""Scheduled brand posts where they live: recorded and paused at open, resumed, rescheduled or discarded at close."""
