"""Clinic-wide settings shared by every workstation (letterhead, currency, practitioner names)."""

from __future__ import annotations

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base


class ClinicSetting(Base):
    __tablename__ = "clinic_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    value: Mapped[object] = mapped_column(JSON, nullable=True)

    __mapper_args__ = {"version_id_col": version}
