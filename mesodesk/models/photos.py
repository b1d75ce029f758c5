"""Photos of a visit and the patient's photo consent; the image files live in the data folder."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base, UtcDateTime, utcnow


class VisitPhoto(Base):
    """A before/after/progress photo; `file_name` is the content address of the cleaned file.

    `added_after_signing` tells the record apart: after-photos are often taken once the visit
    is signed, and the signed record shows which pictures came later.
    """

    __tablename__ = "visit_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    view: Mapped[str] = mapped_column(String(16), nullable=False)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    file_name: Mapped[str] = mapped_column(String(80), nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
    added_after_signing: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class PatientPhotoConsent(Base):
    """What the patient agreed to for photos, and on which day (one row per patient)."""

    __tablename__ = "patient_photo_consents"

    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[str] = mapped_column(String(24), nullable=False)
    given_on: Mapped[date] = mapped_column(Date, nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
