"""The patient card table and its search terms."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from mesodesk.models.base import Base, UtcDateTime, binary_text, utcnow


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    last_name: Mapped[str] = mapped_column(String(80), nullable=False)
    first_name: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    middle_name: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16), nullable=False, default="unspecified")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    skin_type: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="ru")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    last_visit_on: Mapped[date | None] = mapped_column(Date)
    sort_key: Mapped[str] = mapped_column(binary_text(250), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, default=utcnow)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_patients_archived_sort", "archived", "sort_key", "id"),)


class PatientSearchTerm(Base):
    """One word a patient can be found by (name word or phone digits), normalised.

    A prefix query becomes an index range on `term`, which stays fast at 100,000 patients and
    works for Cyrillic, unlike SQLite's ASCII-only LIKE and lower(). Spelling variants and
    runs inside a phone are stored behind a mark (see `mesodesk.domain.search_terms`).

    Each term carries its patient's place in the list (`sort_key`) and `archived`, copied from
    the card when it is saved or archived: the patients a rare word finds are then sorted from
    the range of terms alone, which SQLite keeps in the table's own key order (WITHOUT ROWID),
    and only the page's rows are read from `patients`.
    """

    __tablename__ = "patient_search_terms"

    term: Mapped[str] = mapped_column(binary_text(120), primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    sort_key: Mapped[str] = mapped_column(binary_text(250), nullable=False)
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False)

    __table_args__ = (
        Index("ix_patient_search_terms_patient_term", "patient_id", "term"),
        Index("ix_patient_search_terms_term_sort", "term", "sort_key", "patient_id", "archived"),
        {"sqlite_with_rowid": False},
    )
    """A patient's own terms in order (the terms of one patient, read without the table),
    and each term's patients in the list's order (a surname's first page read in order)."""


def term_head_sql(term: str) -> str:
    """The head of the term column `term` (its first letter, or for a variant term, which
    starts with the mark, the mark and the letter after it) as SQL: the expression index of
    migration 0011, written out the same wherever it is used, as both databases use an
    expression index only for the very same expression."""
    return f"substr({term}, 1, CASE WHEN {term} < ' ' THEN 2 ELSE 1 END)"


Index(
    "ix_patient_search_terms_head",
    text(term_head_sql("term")),
    PatientSearchTerm.__table__.c.sort_key,
    PatientSearchTerm.__table__.c.patient_id,
    PatientSearchTerm.__table__.c.archived,
)
"""The terms of one head in the list's order: a broad word's patients are read from it in
order, page by page, skipping only the terms of its head that the word does not start."""
