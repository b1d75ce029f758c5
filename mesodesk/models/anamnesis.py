"""The structured anamnesis on the card: conditions, allergies, medications, and the flags."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base


class PatientAnamnesis(Base):
    """One row per patient for the yes/no facts and dates (pregnancy, keloids, ...)."""

    __tablename__ = "patient_anamnesis"

    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    pregnant: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    pregnancy_due_on: Mapped[date | None] = mapped_column(Date)
    childbirth_on: Mapped[date | None] = mapped_column(Date)
    breastfeeding: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    keloid_tendency: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    fear_of_injections: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    high_skin_sensitivity: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    __mapper_args__ = {"version_id_col": version}


class PatientCondition(Base):
    __tablename__ = "patient_conditions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    noted_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class PatientAllergy(Base):
    __tablename__ = "patient_allergies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True
    )
    substance: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    group: Mapped[str | None] = mapped_column(String(32))
    reaction: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    severity: Mapped[str | None] = mapped_column(String(16))


class PatientMedication(Base):
    __tablename__ = "patient_medications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    anticoagulant: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    antiplatelet: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    retinoid: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    hormonal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    immunosuppressant: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    cleared_flags: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    """Flags the practitioner unticked although the medicine dictionary implies them."""
