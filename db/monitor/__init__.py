"""Repositories of the mention monitor."""
