"""Repositories of statements and the press desk."""
