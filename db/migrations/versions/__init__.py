"""Alembic revisions, oldest first: 0001 builds the schema from empty."""
