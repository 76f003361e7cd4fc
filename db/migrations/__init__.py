"""Alembic environment and revisions, shipped inside the db package (db.migrate finds them by path)."""
