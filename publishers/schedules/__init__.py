"""Schedulers of the brand's accounts (crisis.schedules.ports.Scheduler) on the providers' documented APIs."""
