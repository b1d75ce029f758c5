"""What the documents are built from: plain values the service layer fills from the database.

Keeping the builders on these dataclasses (no ORM, no Qt) lets them run in a worker thread and
in tests without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mesodesk.domain.vocabulary import (
    Area,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)

ImageSource = bytes | Path
"""A PNG as bytes (rendered by the UI) or as a file on disk."""


@dataclass(frozen=True, slots=True)
class ClinicLetterhead:
    """The clinic's heading from settings; `show_logo` lets a clinic keep a logo on file unused."""

    name: str
    address: str = ""
    phone: str = ""
    logo_png: bytes | None = None
    show_logo: bool = True


@dataclass(frozen=True, slots=True)
class ProductUse:
    """One product given at a visit; the lot is printed so a reaction can be traced to a batch."""

    product: str
    lot_number: str
    volume_ml: Decimal
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class AftercareInput:
    """One visit as the patient takes it home; areas and techniques choose the advice."""

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    visit_on: date
    areas: list[Area]
    techniques: list[Technique]
    products: list[ProductUse]
    practitioner_name: str
    diagram_png: ImageSource | None = None
    next_appointment: datetime | None = None
    home_mesoscooter: bool = False


@dataclass(frozen=True, slots=True)
class MesoscooterCareInput:
    """A home mesoscooter care sheet, handed out on its own or after the aftercare sheet."""

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    issued_on: date
    practitioner_name: str


@dataclass(frozen=True, slots=True)
class ConsentAnswer:
    """A contraindication question as asked, and the patient's answer in their own words."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class ConsentInput:
    """The planned procedure and the contraindication questions the patient answered."""

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    birth_date: date | None
    procedure_on: date
    areas: list[Area]
    techniques: list[Technique]
    products: list[str]
    questions: list[ConsentAnswer]
    practitioner_name: str


@dataclass(frozen=True, slots=True)
class ObservedReaction:
    """A reaction seen at or after a visit, kept so the next visit shows it."""

    reaction: Reaction
    severity: ReactionSeverity
    note: str = ""


@dataclass(frozen=True, slots=True)
class Addendum:
    """A note added after signing: signed records are amended, never rewritten."""

    written_at: datetime
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class VisitSummaryInput:
    """A visit record for the practitioner's file, including checks that were overridden."""

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    birth_date: date | None
    visit_on: date
    practitioner_name: str
    areas: list[Area]
    techniques: list[Technique]
    method: Method | None
    products: list[ProductUse]
    reactions: list[ObservedReaction] = field(default_factory=list)
    notes: str = ""
    findings: list[str] = field(default_factory=list)
    diagram_png: ImageSource | None = None
    signed_by: str | None = None
    signed_at: datetime | None = None
    addenda: list[Addendum] = field(default_factory=list)
