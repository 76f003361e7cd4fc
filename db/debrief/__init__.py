"""Repositories of the debrief."""
