"""Courses and visits: what was planned, what was done with which lots, what followed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base, UtcDateTime, utcnow
from mesodesk.models.catalog import VOLUME


class Course(Base):
    """A treatment plan: indication, area, number of sessions and the interval between them."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True
    )
    indication: Mapped[str] = mapped_column(String(32), nullable=False)
    area: Mapped[str] = mapped_column(String(32), nullable=False)
    sessions: Mapped[int] = mapped_column(Integer, nullable=False)
    interval_min_days: Mapped[int] = mapped_column(Integer, nullable=False)
    interval_max_days: Mapped[int] = mapped_column(Integer, nullable=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)

    __mapper_args__ = {"version_id_col": version}


class Visit(Base):
    """A treatment session (named so because SQLAlchemy owns the word `Session`).

    Once `signed_at` is set the row is read-only; corrections are `VisitAddendum` rows.
    """

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
    )
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("courses.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    practitioner: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="planned")
    areas: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    techniques: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    method: Mapped[str | None] = mapped_column(String(32))
    anaesthesia: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    disinfection: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    price_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), nullable=False, default="RUB")
    checklist: Mapped[dict[str, object] | None] = mapped_column(JSON)
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    signed_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_visits_patient_starts", "patient_id", "starts_at"),)


class VisitProductLine(Base):
    """One product from one lot used in a visit, with its volume (and the cocktail it was in).

    `product_name`, `lot_number`, `expires_on` and `cocktail_name` are copied when the visit is
    signed (NULL before): the signed record shows them, whatever the catalog says later.
    """

    __tablename__ = "visit_product_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), nullable=False, index=True
    )
    lot_id: Mapped[int] = mapped_column(
        ForeignKey("lots.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    volume_ml: Mapped[Decimal] = mapped_column(VOLUME, nullable=False)
    cocktail_id: Mapped[int | None] = mapped_column(ForeignKey("cocktails.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    product_name: Mapped[str | None] = mapped_column(String(160))
    lot_number: Mapped[str | None] = mapped_column(String(60))
    expires_on: Mapped[date | None] = mapped_column(Date)
    cocktail_name: Mapped[str | None] = mapped_column(String(160))


class VisitReaction(Base):
    __tablename__ = "visit_reactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), nullable=False, index=True
    )
    reaction: Mapped[str] = mapped_column(String(32), nullable=False)
    severity: Mapped[str] = mapped_column(String(16), nullable=False, default="mild")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class VisitAddendum(Base):
    """A correction written after signing: new text with its time and author, never an edit."""

    __tablename__ = "visit_addenda"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), nullable=False, index=True
    )
    written_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
    author: Mapped[str] = mapped_column(String(120), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class VisitOverride(Base):
    """The practitioner's written reason for going ahead despite a screening finding."""

    __tablename__ = "visit_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), nullable=False, index=True
    )
    finding_code: Mapped[str] = mapped_column(String(64), nullable=False)
    finding_subject: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    """With the code, what the override answers (`allergy` + `lidocaine`); never the wording."""
    finding_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    finding_reason_ru: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """The finding as a Russian sheet prints it, rendered when the override was written."""
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    decided_by: Mapped[str] = mapped_column(String(120), nullable=False)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
