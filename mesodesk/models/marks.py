"""Injection marks charted on a diagram for a visit."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, Integer, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base, UtcDateTime, utcnow
from mesodesk.models.catalog import VOLUME

PHOTO_MARKS_INDEX = "ix_injection_marks_photo_id"
ON_PHOTOS = "photo_id IS NOT NULL"


class InjectionMark(Base):
    """A point, line (polyline) or area (polygon) on a named diagram, in millimetres.

    `points` is a list of [x, y] pairs; `zone` is computed from the geometry when saved.
    What was injected is a cocktail or one product from one lot, both from the catalog.
    A mark placed on one of the visit's photos has `photo_id`; its points are then fractions
    (0..1) of the image's width and height, and it has no zone. The photo cannot be removed
    from under its marks (no cascade: the photo service refuses first).
    """

    __tablename__ = "injection_marks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), nullable=False, index=True
    )
    diagram: Mapped[str] = mapped_column(String(16), nullable=False)
    shape: Mapped[str] = mapped_column(String(8), nullable=False)
    points: Mapped[list[list[float]]] = mapped_column(JSON, nullable=False)
    technique: Mapped[str | None] = mapped_column(String(32))
    depth_mm: Mapped[Decimal | None] = mapped_column(Numeric(5, 2, asdecimal=True))
    volume_ml: Mapped[Decimal | None] = mapped_column(VOLUME)
    needle: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id", ondelete="RESTRICT"))
    cocktail_id: Mapped[int | None] = mapped_column(ForeignKey("cocktails.id", ondelete="RESTRICT"))
    zone: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("visit_photos.id"))

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index(PHOTO_MARKS_INDEX, "photo_id", sqlite_where=text(ON_PHOTOS)),)
    """Only the few marks on photos are indexed: a clinic's millions of diagram marks are not,
    so the upgrade that added the column did not have to index them all (on PostgreSQL too:
    `for_postgresql`)."""


def for_postgresql() -> None:
    """The tables' PostgreSQL-only options, given when a server database is opened: declared
    with the classes, they load SQLAlchemy's PostgreSQL dialect (about 75 ms and 2 MB) into
    every SQLite clinic's process."""
    table = Base.metadata.tables[InjectionMark.__tablename__]
    index = next(i for i in table.indexes if i.name == PHOTO_MARKS_INDEX)
    index.dialect_kwargs["postgresql_where"] = text(ON_PHOTOS)


class ChartTemplate(Base):
    """A named set of marks ("forehead nappage") that any visit can start its chart from.

    `marks` is a list of objects with the mark's diagram, shape, points and how it was done.
    """

    __tablename__ = "chart_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    marks: Mapped[list[dict[str, object]]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)

    __mapper_args__ = {"version_id_col": version}
