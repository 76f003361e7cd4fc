"""Persistence adapter: SQLAlchemy models, engine, repositories, unit of work and migrations."""
