"""Repositories of the crisis room."""
