"""What the documents are built from: plain values the service layer fills from the database.

Keeping the builders on these dataclasses (no ORM, no Qt) lets them run in a worker thread and
in tests without a database. Names (products, catalog items) come already in the document's
language; codes (areas, techniques, reactions) are worded by the builders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from mesodesk.domain.contraindications import ContraindicationKind
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photos import PhotoKind, PhotoView
from mesodesk.domain.vocabulary import (
    Area,
    Language,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
)


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
    """One product given at a visit; the lot is printed so a reaction can be traced to a batch.

    `product` is the name in the document's language.
    """

    product: str
    lot_number: str
    volume_ml: Decimal
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class AftercareInput:
    """One visit as the patient takes it home; areas and techniques choose the advice.

    `marks` are the visit's injection marks: the map on the sheet is drawn from them.
    """

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    visit_on: date
    areas: list[Area]
    techniques: list[Technique]
    products: list[ProductUse]
    practitioner_name: str
    marks: tuple[MarkRecord, ...] = ()
    next_appointment: datetime | None = None
    home_mesoscooter: bool = False

    @property
    def is_empty(self) -> bool:
        """Nothing done to print advice for: no area, technique, product or mark."""
        return not (self.areas or self.techniques or self.products or self.marks)


@dataclass(frozen=True, slots=True)
class MesoscooterCareInput:
    """A home mesoscooter care sheet, handed out on its own or after the aftercare sheet."""

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    issued_on: date
    practitioner_name: str


class Answer(StrEnum):
    """A health question as the record stands: answered yes, answered no, or never asked."""

    YES = "yes"
    NO = "no"
    NOT_ASKED = "not_asked"


class QuestionGroup(StrEnum):
    """Where a question sits on the consent form."""

    CONDITIONS = "conditions"
    """Absolute and relative contraindications on the card (illnesses, pregnancy, allergy)."""
    MEDICINES = "medicines"
    """Medicines that contraindicate or call for care (anticoagulants, retinoids...)."""
    TODAY = "today"
    """The day-of-visit questions (fever, herpes, menstruation...)."""


@dataclass(frozen=True, slots=True)
class HealthQuestion:
    """One line of the consent's questionnaire: a catalog item and the recorded answer.

    `text` is the item's name in the document's language; `detail` what the record adds to a
    yes, as entered (the allergens, the medicines), and `on` the date it gives (a peeling).
    """

    group: QuestionGroup
    code: str
    text: str
    answer: Answer
    absolute: bool = False
    detail: str = ""
    on: date | None = None


@dataclass(frozen=True, slots=True)
class ConsentInput:
    """The planned procedure and the health questionnaire with the answers on record."""

    language: Language
    clinic: ClinicLetterhead
    patient_name: str
    birth_date: date | None
    procedure_on: date
    areas: list[Area]
    techniques: list[Technique]
    products: list[str]
    questions: list[HealthQuestion]
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
class Decision:
    """The practitioner's written reason for going ahead despite a finding, who and when."""

    reason: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class FindingLine:
    """A safety finding shown on the visit, with the decision taken on it, if any.

    `reason` is the rule's own sentence in English; `sentence` the same in the document's
    language where the rule gives one; `item_name` and `kind` are set when the finding is a
    catalog item (its name in the document's language); `marks` are the injection marks a
    depth finding is about. The builder words the line in the document's language from these.
    """

    code: str
    severity: Severity
    reason: str
    item_name: str = ""
    kind: ContraindicationKind | None = None
    marks: tuple[MarkRecord, ...] = ()
    decision: Decision | None = None
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class PrintedPhoto:
    """A visit photo the patient's consent lets go on paper: its cleaned file and caption facts."""

    path: Path
    kind: PhotoKind
    view: PhotoView
    taken_at: datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class VisitSummaryInput:
    """The visit protocol for the practitioner's file: every clinical fact of the visit."""

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
    anaesthesia: str = ""
    disinfection: str = ""
    marks: tuple[MarkRecord, ...] = ()
    reactions: list[ObservedReaction] = field(default_factory=list)
    notes: str = ""
    findings: list[FindingLine] = field(default_factory=list)
    visit_at: datetime | None = None
    signed_by: str | None = None
    signed_at: datetime | None = None
    addenda: list[Addendum] = field(default_factory=list)
    photos: list[PrintedPhoto] = field(default_factory=list)
