"""The clinic's rules, kept once in the database so every workstation screens and prints alike.

Each row is one document in the file format a clinic has always edited
(`contraindications.json`, `medicines.json`, `texts/aftercare.ru.json`, ...), stored as the
text it was given so an export gives back the same file. `revision` counts the saves and
refuses a save made from an older copy.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base, UtcDateTime, utcnow


class ClinicRule(Base):
    __tablename__ = "clinic_rules"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )

    __mapper_args__ = {"version_id_col": revision}
