"""The declarative base of every row class: one metadata and its naming convention, column types, partial indexes."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import MetaData, text
from sqlalchemy.orm import DeclarativeBase

from db.types import JsonDocument, UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
"""Complete only once every sub-domain's rows are imported: db.schema does that."""


def partial(condition: str) -> dict[str, Any]:
    """Index options for a partial index on both dialects."""
    return {"postgresql_where": text(condition), "sqlite_where": text(condition)}


class Base(DeclarativeBase):
    metadata = metadata
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JsonDocument, list[str]: JsonDocument}
