"""The declarative base with a naming convention, so migrations name constraints predictably."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back timezone-aware on every engine.

    SQLite has no time zones; without this a value written on PostgreSQL and read on SQLite
    (or the reverse) would shift by the clinic's offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def binary_text(length: int) -> String:
    """A string column compared code point by code point on PostgreSQL too ("C" collation).

    Prefix search turns "starts with" into a range; that is only right under binary order.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def columns_of(model: type[Base]) -> tuple[Any, ...]:
    """A model's columns, each labelled with its attribute name, for reading plain rows
    through the ORM (which still flushes the transaction's changes first): where many records
    are read to be copied into domain records at once, rows cost a fifth of ORM objects."""
    return tuple(attr.class_attribute.label(attr.key) for attr in model.__mapper__.column_attrs)
