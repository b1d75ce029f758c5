"""The documents of a visit: aftercare sheet, consent form and visit summary.

The service gathers one visit's facts in a single read and hands plain dataclasses to the
builders in `mesodesk.documents`, which need neither the database nor Qt, so the PDF itself
can be built in a worker thread or a command-line run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.documents import build_aftercare, build_consent, build_visit_summary
from mesodesk.documents.model import (
    Addendum,
    AftercareInput,
    ClinicLetterhead,
    ConsentAnswer,
    ConsentInput,
    ObservedReaction,
    ProductUse,
    VisitSummaryInput,
)
from mesodesk.documents.texts import clinic_texts_dir
from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.contraindications import CatalogItem
from mesodesk.domain.patient import full_name
from mesodesk.domain.records import VisitRecord
from mesodesk.domain.safety_records import checklist_from_json
from mesodesk.domain.vocabulary import Language, Method, VisitStatus
from mesodesk.models import Patient, Visit
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound
from mesodesk.services.safety_catalog import load_clinic_catalog
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.visits import visit_records

ANSWERS = {
    Language.RUSSIAN: {True: "Да", False: "Нет", "since": "Да, {date}"},
    Language.ENGLISH: {True: "Yes", False: "No", "since": "Yes, {date}"},
}
"""How a checklist answer is printed; the question itself comes from the clinic's catalog."""

DATE_QUESTIONS = tuple(f.name for f in fields(DayChecklist) if f.name.endswith("_on"))
_YES_NO = frozenset(
    f.name for f in fields(DayChecklist) if f.name not in DATE_QUESTIONS and f.name != "other_codes"
)


@dataclass(frozen=True, slots=True)
class _VisitFacts:
    """Everything the three documents print about one visit, read in one session."""

    visit: VisitRecord
    patient_name: str
    birth_date: date | None
    language: Language
    next_appointment: datetime | None

    @property
    def products(self) -> list[ProductUse]:
        return [
            ProductUse(line.product_name, line.lot_number, line.volume_ml, line.expires_on)
            for line in self.visit.product_lines
        ]


class DocumentService(Service):
    """Fills the document inputs for a visit and builds the PDFs with the clinic's wording.

    The letterhead comes from the clinic settings and the questions from the contraindication
    catalog in force; both are passed in so each keeps its single owner.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clinic_profile: Callable[[], ClinicProfile] | None = None,
        catalog: Callable[[], Sequence[CatalogItem]] | None = None,
    ) -> None:
        super().__init__(sessions)
        self._clinic_profile = clinic_profile or ClinicSettingsService(sessions).profile
        self._catalog = catalog or (lambda: load_clinic_catalog().items)

    # --- inputs -----------------------------------------------------------------------------

    def aftercare_input(
        self, visit_id: int, language: Language | None = None, diagram_png: bytes | None = None
    ) -> AftercareInput:
        """The patient's take-home sheet; the card's language unless another is asked for."""
        facts = self._facts(visit_id)
        visit = facts.visit
        profile = self._clinic_profile()
        return AftercareInput(
            language=language or facts.language,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            visit_on=_local(visit.starts_at).date(),
            areas=list(visit.treated_areas),
            techniques=list(visit.used_techniques),
            products=facts.products,
            practitioner_name=visit.practitioner or profile.practitioner,
            diagram_png=diagram_png,
            next_appointment=_local(facts.next_appointment) if facts.next_appointment else None,
            home_mesoscooter=visit.method is Method.MESOSCOOTER,
        )

    def consent_input(self, visit_id: int, language: Language | None = None) -> ConsentInput:
        """The consent form for the procedure, with the day's questions as they were answered."""
        facts = self._facts(visit_id)
        visit = facts.visit
        profile = self._clinic_profile()
        chosen = language or facts.language
        return ConsentInput(
            language=chosen,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            birth_date=facts.birth_date,
            procedure_on=_local(visit.starts_at).date(),
            areas=list(visit.treated_areas),
            techniques=list(visit.used_techniques),
            products=list(dict.fromkeys(line.product_name for line in visit.product_lines)),
            questions=checklist_answers(
                checklist_from_json(visit.checklist), self._catalog(), chosen
            ),
            practitioner_name=visit.practitioner or profile.practitioner,
        )

    def visit_summary_input(
        self, visit_id: int, language: Language | None = None, diagram_png: bytes | None = None
    ) -> VisitSummaryInput:
        """The record for the practitioner's file, with overridden findings and addenda."""
        facts = self._facts(visit_id)
        visit = facts.visit
        profile = self._clinic_profile()
        return VisitSummaryInput(
            language=language or facts.language,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            birth_date=facts.birth_date,
            visit_on=_local(visit.starts_at).date(),
            practitioner_name=visit.practitioner or profile.practitioner,
            areas=list(visit.treated_areas),
            techniques=list(visit.used_techniques),
            method=visit.method,
            products=facts.products,
            reactions=[ObservedReaction(r.reaction, r.severity, r.note) for r in visit.reactions],
            notes=visit.notes,
            findings=[
                f"{o.finding_reason or o.finding_code} — {o.reason} ({o.decided_by})"
                for o in visit.overrides
            ],
            diagram_png=diagram_png,
            signed_by=visit.signed_by,
            signed_at=_local(visit.signed_at) if visit.signed_at else None,
            addenda=[Addendum(_local(a.written_at), a.author, a.text) for a in visit.addenda],
        )

    def language_for(self, visit_id: int) -> Language:
        """The language on the card of the visit's patient: what the documents default to."""
        with self._read() as s:
            code = s.scalar(
                select(Patient.language)
                .join(Visit, Visit.patient_id == Patient.id)
                .where(Visit.id == visit_id)
            )
        if code is None:
            raise NotFound(f"There is no visit number {visit_id}.")
        return _language(code)

    # --- PDFs -------------------------------------------------------------------------------

    def aftercare_pdf(
        self, visit_id: int, language: Language | None = None, diagram_png: bytes | None = None
    ) -> bytes:
        return build_aftercare(
            self.aftercare_input(visit_id, language, diagram_png), override_dir=clinic_texts_dir()
        )

    def consent_pdf(self, visit_id: int, language: Language | None = None) -> bytes:
        return build_consent(
            self.consent_input(visit_id, language), override_dir=clinic_texts_dir()
        )

    def visit_summary_pdf(
        self, visit_id: int, language: Language | None = None, diagram_png: bytes | None = None
    ) -> bytes:
        return build_visit_summary(
            self.visit_summary_input(visit_id, language, diagram_png),
            override_dir=clinic_texts_dir(),
        )

    # --- reading ----------------------------------------------------------------------------

    def _facts(self, visit_id: int) -> _VisitFacts:
        with self._read() as s:
            row = s.get(Visit, visit_id)
            if row is None:
                raise NotFound(f"There is no visit number {visit_id}.")
            patient = s.get(Patient, row.patient_id)
            if patient is None:
                raise NotFound(f"The patient of visit number {visit_id} no longer exists.")
            return _VisitFacts(
                visit=visit_records(s, [row])[0],
                patient_name=full_name(patient.last_name, patient.first_name, patient.middle_name),
                birth_date=patient.birth_date,
                language=_language(patient.language),
                next_appointment=_next_appointment(s, row),
            )


def checklist_answers(
    checklist: DayChecklist | None, catalog: Sequence[CatalogItem], language: Language
) -> list[ConsentAnswer]:
    """The day's questions in catalog order, each with the patient's answer.

    None means the questions were never asked, and then none are printed. A question whose
    answer is a date (a recent peeling or operation) prints the date when there was one.
    """
    if checklist is None:
        return []
    answers = ANSWERS[language]
    ticked = set(checklist.ticked_codes())
    dates = {code[: -len("_on")]: getattr(checklist, code) for code in DATE_QUESTIONS}
    result: list[ConsentAnswer] = []
    for item in catalog:
        if not item.on_checklist:
            continue
        question = item.name_ru if language is Language.RUSSIAN else item.name_en
        if item.code in dates:
            when = dates[item.code]
            answer = answers["since"].format(date=_short_date(when)) if when else answers[False]
        elif item.code in _YES_NO or item.code in checklist.other_codes:
            answer = answers[item.code in ticked]
        else:
            continue
        result.append(ConsentAnswer(question, str(answer)))
    return result


def _next_appointment(s: Session, visit: Visit) -> datetime | None:
    """The patient's first planned visit after this one: the date printed for the patient."""
    return s.scalar(
        select(Visit.starts_at)
        .where(
            Visit.patient_id == visit.patient_id,
            Visit.status == VisitStatus.PLANNED.value,
            Visit.starts_at > visit.starts_at,
        )
        .order_by(Visit.starts_at)
        .limit(1)
    )


def _letterhead(profile: ClinicProfile) -> ClinicLetterhead:
    return ClinicLetterhead(
        name=profile.name,
        address=profile.address,
        phone=profile.phone,
        logo_png=profile.logo_png,
        show_logo=profile.show_logo,
    )


def _language(code: str) -> Language:
    try:
        return Language(code)
    except ValueError:
        return Language.RUSSIAN


def _local(moment: datetime) -> datetime:
    """A stored UTC time as the clinic's wall clock, which is what a patient reads."""
    return moment.astimezone().replace(tzinfo=None)


def _short_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")
