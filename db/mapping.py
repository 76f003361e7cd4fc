"""Copying between domain dataclasses and ORM rows; a field without a column fails loudly."""
from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import Any, Mapping, TypeVar

from sqlalchemy import inspect

from db.base import Base

T = TypeVar("T")


def column_values(obj: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The dataclass's fields except its id (enums as their values): what a row stores."""
    return {f.name: plain(getattr(obj, f.name)) for f in fields(obj) if f.name != "id" and f.name not in skip}


def assign(row: Base, data: Mapping[str, Any]) -> None:
    mapped = inspect(type(row)).attrs
    for name, value in data.items():
        if name not in mapped:
            raise AttributeError(f"{type(row).__name__} has no column for {name!r}")
        setattr(row, name, value)


def read(row: Base, cls: type[T], **overrides: Any) -> T:
    return cls(**{f.name: getattr(row, f.name) for f in fields(cls) if f.name not in overrides}, **overrides)


def plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value
