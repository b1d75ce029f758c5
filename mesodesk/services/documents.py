"""The documents of a visit: aftercare sheet, mesoscooter care sheet, consent form, protocol.

The service gathers one visit's facts (the visit, its marks, product names in both languages,
the patient's anamnesis, the safety findings) and hands plain dataclasses to the builders in
`mesodesk.documents`, which need neither the database nor Qt, so the PDF itself can be built
in a worker thread or a command-line run without PySide6.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mesodesk import documents as builders
from mesodesk.documents import file_name, load_texts
from mesodesk.documents.model import (
    Addendum,
    AftercareInput,
    Answer,
    ClinicLetterhead,
    ConsentInput,
    Decision,
    FindingLine,
    HealthQuestion,
    MesoscooterCareInput,
    ObservedReaction,
    PrintedPhoto,
    ProductUse,
    QuestionGroup,
    VisitSummaryInput,
)
from mesodesk.documents.texts import TextOverrides, clinic_texts_dir
from mesodesk.domain import limits
from mesodesk.domain.anamnesis import Anamnesis, DayChecklist
from mesodesk.domain.audit import AuditAction, AuditEvent
from mesodesk.domain.clinic import ClinicProfile
from mesodesk.domain.contraindications import (
    CatalogItem,
    ContraindicationKind,
    RecordedAs,
    Scope,
)
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord, mark_depth_findings
from mesodesk.domain.patient import age_on, full_name
from mesodesk.domain.records import OverrideRecord, VisitRecord
from mesodesk.domain.safety_records import (
    PatientAnamnesisRecord,
    VisitScreening,
    checklist_from_json,
    covers,
)
from mesodesk.domain.screening import ADULT_AGE, POSTPARTUM_WAIT_DAYS
from mesodesk.domain.vocabulary import Area, Language, Method, VisitStatus
from mesodesk.models import Patient, Visit
from mesodesk.services.access import Access
from mesodesk.services.anamnesis import AnamnesisService
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, ServiceError
from mesodesk.services.marks import MarkService
from mesodesk.services.photos import PhotoService
from mesodesk.services.safety_catalog import load_clinic_catalog
from mesodesk.services.settings import ClinicSettingsService
from mesodesk.services.visits import visit_records

AFTERCARE, CONSENT, VISIT_SUMMARY, MESOSCOOTER = (
    "aftercare",
    "consent",
    "visit-summary",
    "mesoscooter-care",
)
KINDS = (AFTERCARE, CONSENT, VISIT_SUMMARY, MESOSCOOTER)

_MEDICATION_FLAG = {
    "anticoagulants": "anticoagulant",
    "antiplatelets": "antiplatelet",
    "retinoids": "retinoid",
    "hormonal_medication": "hormonal",
    "immunosuppressants": "immunosuppressant",
}
_CARD_FLAG = {
    "pregnancy": "pregnant",
    "lactation": "breastfeeding",
    "keloid_tendency": "keloid_tendency",
    "fear_of_injections": "fear_of_injections",
    "high_skin_sensitivity": "high_skin_sensitivity",
}
_DATE_QUESTIONS = {"recent_peeling": "recent_peeling_on", "recent_surgery": "recent_surgery_on"}


class NothingToPrint(ServiceError):
    """The visit records nothing the document could be about."""


class DocumentNotBuilt(ServiceError):
    """The clinic's wording files cannot be used, or the page could not be laid out."""


def _built(build: Callable[[], bytes]) -> bytes:
    """The PDF, or a sentence for the user when the clinic's texts or the layout refuse it."""
    try:
        return build()
    except builders.LayoutError as error:
        raise DocumentNotBuilt(f"The document could not be laid out: {error}") from error
    except ValueError as error:  # a clinic's wording file, named in the message
        raise DocumentNotBuilt(f"The document could not be built: {error}") from error


@dataclass(frozen=True, slots=True)
class _VisitFacts:
    """Everything the documents print about one visit, read in one session."""

    visit: VisitRecord
    patient_name: str
    birth_date: date | None
    language: Language
    next_appointment: datetime | None
    russian_names: dict[int, str]
    """Russian product names by lot id, where the catalog has one."""

    def products(self, language: Language) -> list[ProductUse]:
        """The product lines, each named in `language` (the catalog's name when no other)."""
        return [
            ProductUse(
                self.product_name(line.lot_id, line.product_name, language),
                line.lot_number,
                line.volume_ml,
                line.expires_on,
            )
            for line in self.visit.product_lines
        ]

    def product_name(self, lot_id: int, name: str, language: Language) -> str:
        if language is Language.RUSSIAN:
            return self.russian_names.get(lot_id) or name
        return name


class DocumentService(Service):
    """Fills the document inputs for a visit and builds the PDFs with the clinic's wording.

    The letterhead comes from the clinic settings, the questions from the contraindication
    catalog in force, the findings from the screening; each is passed in (or built the way the
    registry builds it) so each keeps its single owner.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        marks: MarkService,
        anamnesis: AnamnesisService,
        screening: Callable[[int], VisitScreening],
        clinic_profile: Callable[[], ClinicProfile] | None = None,
        catalog: Callable[[], Sequence[CatalogItem]] | None = None,
        access: Access | None = None,
        texts: Callable[[], TextOverrides] = clinic_texts_dir,
        photos: PhotoService | None = None,
    ) -> None:
        super().__init__(sessions, access)
        self._photos = photos or PhotoService(sessions, access)
        self._clinic_profile = clinic_profile or ClinicSettingsService(sessions, access).profile
        self._catalog = catalog or (lambda: load_clinic_catalog().items)
        self._texts = texts
        self._marks = marks
        self._anamnesis = anamnesis
        self._screening = screening

    # --- inputs -----------------------------------------------------------------------------

    def aftercare_input(self, visit_id: int, language: Language | None = None) -> AftercareInput:
        """The patient's take-home sheet; the card's language unless another is asked for."""
        facts = self._facts(visit_id)
        visit = facts.visit
        chosen = language or facts.language
        profile = self._clinic_profile()
        return AftercareInput(
            language=chosen,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            visit_on=_local(visit.starts_at).date(),
            areas=list(visit.treated_areas),
            techniques=list(visit.used_techniques),
            products=facts.products(chosen),
            practitioner_name=visit.practitioner or profile.practitioner,
            marks=tuple(self._marks.list_for_visit(visit_id)),
            next_appointment=_local(facts.next_appointment) if facts.next_appointment else None,
            home_mesoscooter=visit.method is Method.MESOSCOOTER,
        )

    def mesoscooter_input(
        self, visit_id: int, language: Language | None = None
    ) -> MesoscooterCareInput:
        """The home mesoscooter care sheet for the visit's patient, dated the visit's day."""
        facts = self._facts(visit_id)
        profile = self._clinic_profile()
        return MesoscooterCareInput(
            language=language or facts.language,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            issued_on=_local(facts.visit.starts_at).date(),
            practitioner_name=facts.visit.practitioner or profile.practitioner,
        )

    def consent_input(self, visit_id: int, language: Language | None = None) -> ConsentInput:
        """The consent form for the procedure: the health questionnaire from the catalog, with
        the answers on the card and the day's checklist filled in."""
        facts = self._facts(visit_id)
        visit = facts.visit
        profile = self._clinic_profile()
        chosen = language or facts.language
        procedure_on = _local(visit.starts_at).date()
        return ConsentInput(
            language=chosen,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            birth_date=facts.birth_date,
            procedure_on=procedure_on,
            areas=list(visit.treated_areas),
            techniques=list(visit.used_techniques),
            products=list(
                dict.fromkeys(
                    facts.product_name(line.lot_id, line.product_name, chosen)
                    for line in visit.product_lines
                )
            ),
            questions=health_questions(
                self._catalog(),
                self._anamnesis.get(visit.patient_id),
                checklist_from_json(visit.checklist),
                visit.treated_areas,
                facts.birth_date,
                procedure_on,
                chosen,
            ),
            practitioner_name=visit.practitioner or profile.practitioner,
        )

    def visit_summary_input(
        self, visit_id: int, language: Language | None = None, with_photos: bool = False
    ) -> VisitSummaryInput:
        """The protocol for the practitioner's file: marks per zone, lots, findings, addenda,
        and the visit's photos when asked for and the patient's photo consent allows."""
        facts = self._facts(visit_id)
        printed: list[PrintedPhoto] = []
        if with_photos:
            files = self._photos.for_output(
                self._photos.for_visit(visit_id), facts.visit.patient_id
            )
            printed = [
                PrintedPhoto(
                    item.path,
                    item.photo.kind,
                    item.photo.view,
                    _local(item.photo.taken_at),
                    item.photo.note,
                )
                for item in files
            ]
        visit = facts.visit
        chosen = language or facts.language
        profile = self._clinic_profile()
        marks = tuple(self._marks.list_for_visit(visit_id))
        return VisitSummaryInput(
            language=chosen,
            clinic=_letterhead(profile),
            patient_name=facts.patient_name,
            birth_date=facts.birth_date,
            visit_on=_local(visit.starts_at).date(),
            practitioner_name=visit.practitioner or profile.practitioner,
            areas=list(visit.treated_areas),
            techniques=list(visit.used_techniques),
            method=visit.method,
            products=facts.products(chosen),
            anaesthesia=visit.anaesthesia,
            disinfection=visit.disinfection,
            marks=marks,
            reactions=[ObservedReaction(r.reaction, r.severity, r.note) for r in visit.reactions],
            notes=visit.notes,
            findings=finding_lines(self._screening(visit_id), self._catalog(), marks, chosen),
            visit_at=_local(visit.starts_at),
            signed_by=visit.signed_by,
            signed_at=_local(visit.signed_at) if visit.signed_at else None,
            addenda=[Addendum(_local(a.written_at), a.author, a.text) for a in visit.addenda],
            photos=printed,
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

    def suggested_file_name(self, kind: str, visit_id: int, language: Language) -> str:
        """What to save the document as: its short name, the patient's name and the visit's
        day, safe for any file system ("Рекомендации_Иванова_Мария_2025-03-12.pdf")."""
        facts = self._facts(visit_id)
        texts_kind = {AFTERCARE: "aftercare", CONSENT: "consent", VISIT_SUMMARY: "visit_summary"}
        try:
            texts = load_texts(texts_kind.get(kind, "aftercare"), language, self._texts())
        except ValueError:  # the clinic's file is refused when the document is built
            texts = load_texts(texts_kind.get(kind, "aftercare"), language)
        stem = texts["mesoscooter"]["file_stem"] if kind == MESOSCOOTER else texts["file_stem"]
        return file_name(stem, facts.patient_name, _local(facts.visit.starts_at).date())

    # --- PDFs -------------------------------------------------------------------------------

    def aftercare_pdf(self, visit_id: int, language: Language | None = None) -> bytes:
        """The aftercare sheet; refused for a visit with nothing recorded."""
        sheet = self.aftercare_input(visit_id, language)
        if sheet.is_empty:
            raise NothingToPrint(
                "There is nothing to put on an aftercare sheet yet: this visit records no "
                "area, technique, product or injection mark."
            )
        return self._printed(
            AFTERCARE,
            visit_id,
            lambda: builders.build_aftercare(sheet, override_dir=self._texts()),
        )

    def mesoscooter_pdf(self, visit_id: int, language: Language | None = None) -> bytes:
        care = self.mesoscooter_input(visit_id, language)
        return self._printed(
            MESOSCOOTER,
            visit_id,
            lambda: builders.build_mesoscooter_care(care, override_dir=self._texts()),
        )

    def consent_pdf(self, visit_id: int, language: Language | None = None) -> bytes:
        consent = self.consent_input(visit_id, language)
        return self._printed(
            CONSENT,
            visit_id,
            lambda: builders.build_consent(consent, override_dir=self._texts()),
        )

    def visit_summary_pdf(
        self, visit_id: int, language: Language | None = None, with_photos: bool = False
    ) -> bytes:
        """The protocol; with the visit's photos only when the patient's consent allows
        (refused otherwise with `PhotoConsentMissing`, nothing printed)."""
        summary = self.visit_summary_input(visit_id, language, with_photos)
        return self._printed(
            VISIT_SUMMARY,
            visit_id,
            lambda: builders.build_visit_summary(summary, override_dir=self._texts()),
        )

    def _printed(self, kind: str, visit_id: int, build: Callable[[], bytes]) -> bytes:
        """Build the PDF, then record that it was made (the audit's "print"): a document that
        leaves the program is on the record, a failed one is not."""
        pdf = _built(build)

        def printed(session: Session) -> AuditEvent:
            patient_id = session.scalar(select(Visit.patient_id).where(Visit.id == visit_id))
            return AuditEvent(AuditAction.PRINT, "visits", visit_id, patient_id, (kind,))

        self._note(printed)
        return pdf

    def pdf(
        self,
        kind: str,
        visit_id: int,
        language: Language | None = None,
        with_photos: bool = False,
    ) -> bytes:
        """The document of `kind` (one of `KINDS`), for callers that pick it by name; only the
        visit summary carries photos."""
        if with_photos:
            if kind != VISIT_SUMMARY:
                raise ServiceError("Only the visit summary can carry the visit's photos.")
            return self.visit_summary_pdf(visit_id, language, with_photos=True)
        build = {
            AFTERCARE: self.aftercare_pdf,
            CONSENT: self.consent_pdf,
            VISIT_SUMMARY: self.visit_summary_pdf,
            MESOSCOOTER: self.mesoscooter_pdf,
        }[kind]
        return build(visit_id, language)

    # --- reading ----------------------------------------------------------------------------

    def _facts(self, visit_id: int) -> _VisitFacts:
        with self._read() as s:
            row = s.get(Visit, visit_id)
            if row is None:
                raise NotFound(f"There is no visit number {visit_id}.")
            patient = s.get(Patient, row.patient_id)
            if patient is None:
                raise NotFound(f"The patient of visit number {visit_id} no longer exists.")
            visit = visit_records(s, [row])[0]
            return _VisitFacts(
                visit=visit,
                patient_name=full_name(patient.last_name, patient.first_name, patient.middle_name),
                birth_date=patient.birth_date,
                language=_language(patient.language),
                next_appointment=_next_appointment(s, row),
                russian_names={
                    line.lot_id: line.product_name_ru
                    for line in visit.product_lines
                    if line.product_name_ru
                },
            )


def _applies(item: CatalogItem, areas: Sequence[Area]) -> bool:
    """Whether the item's scope covers the planned work (everything, while nothing is planned)."""
    regions = {area.region for area in areas}
    return item.scope is Scope.ALL or not regions or item.scope.value in regions


def health_questions(
    catalog: Sequence[CatalogItem],
    record: PatientAnamnesisRecord,
    checklist: DayChecklist | None,
    areas: Sequence[Area],
    birth_date: date | None,
    procedure_on: date,
    language: Language,
) -> list[HealthQuestion]:
    """The consent's questionnaire: every catalog item in scope for the planned areas, in
    catalog order, with the answer the record gives.

    A card item is answered when the patient's anamnesis was ever saved (a condition not on a
    saved card counts as "no"); a day question when the day's checklist was asked; the age
    from the date of birth. Anything else is "not asked": boxes for the patient to tick.
    """
    facts = record.anamnesis
    card_saved = record.version > 0
    questions: list[HealthQuestion] = []
    for item in catalog:
        if not _applies(item, areas):
            continue
        group = {
            RecordedAs.CHECKLIST: QuestionGroup.TODAY,
            RecordedAs.MEDICATION: QuestionGroup.MEDICINES,
        }.get(item.recorded_as, QuestionGroup.CONDITIONS)
        answer, detail, on = _answer(item, facts, card_saved, checklist, birth_date, procedure_on)
        questions.append(
            HealthQuestion(
                group=group,
                code=item.code,
                text=item.name_ru if language is Language.RUSSIAN else item.name_en,
                answer=answer,
                absolute=item.kind is ContraindicationKind.ABSOLUTE,
                detail=detail,
                on=on,
            )
        )
    return questions


def _answer(
    item: CatalogItem,
    facts: Anamnesis,
    card_saved: bool,
    checklist: DayChecklist | None,
    birth_date: date | None,
    procedure_on: date,
) -> tuple[Answer, str, date | None]:
    def yes_no(
        present: bool, detail: str = "", on: date | None = None
    ) -> tuple[Answer, str, date | None]:
        return (Answer.YES, detail, on) if present else (Answer.NO, "", None)

    not_asked: tuple[Answer, str, date | None] = (Answer.NOT_ASKED, "", None)
    place, code = item.recorded_as, item.code
    if place is RecordedAs.CHECKLIST:
        if checklist is None:
            return not_asked
        if code in _DATE_QUESTIONS:
            when = getattr(checklist, _DATE_QUESTIONS[code])
            return yes_no(when is not None, on=when)
        return yes_no(code in checklist.ticked_codes())
    if place is RecordedAs.BIRTH_DATE:
        age = age_on(birth_date, procedure_on)
        return not_asked if age is None else yes_no(age < ADULT_AGE)
    if not card_saved:
        return not_asked
    if place is RecordedAs.CONDITION:
        entries = [c for c in facts.conditions if c.code == code and c.active]
        return yes_no(bool(entries), "; ".join(c.note for c in entries if c.note.strip()))
    if place is RecordedAs.ALLERGY:
        labels = [a.label for a in facts.allergies if a.label]
        return yes_no(bool(labels), ", ".join(labels))
    if place is RecordedAs.MEDICATION:
        flag = _MEDICATION_FLAG.get(code)
        if flag is None:
            return not_asked
        names = [m.name.strip() for m in facts.medications if getattr(m, flag)]
        return yes_no(bool(names), ", ".join(n for n in names if n))
    if code == "postpartum":
        born = facts.childbirth_on
        recent = born is not None and 0 <= (procedure_on - born).days < POSTPARTUM_WAIT_DAYS
        return yes_no(recent, on=born if recent else None)
    flag = _CARD_FLAG.get(code)
    return not_asked if flag is None else yes_no(bool(getattr(facts, flag)))


def finding_lines(
    screening: VisitScreening,
    catalog: Sequence[CatalogItem],
    marks: Sequence[MarkRecord],
    language: Language,
) -> list[FindingLine]:
    """Every finding the visit shows (warnings too), each with the override written for it;
    then overrides whose finding is no longer raised, so no recorded decision is left out."""
    items = {item.code: item for item in catalog}
    about: dict[str, list[MarkRecord]] = {}
    for mark in marks:
        for depth in mark_depth_findings(mark):
            about.setdefault(depth.key, []).append(mark)

    def decision(override: OverrideRecord | None) -> Decision | None:
        if override is None:
            return None
        return Decision(override.reason, override.decided_by, _local(override.decided_at))

    lines: list[FindingLine] = []
    used: set[int] = set()
    for finding in screening.findings:
        index = next(
            (i for i, o in enumerate(screening.overrides) if i not in used and covers(o, finding)),
            None,
        )
        override = None if index is None else screening.overrides[index]
        if index is not None:
            used.add(index)
        lines.append(
            FindingLine(
                code=finding.code,
                severity=finding.severity,
                reason=finding.reason,
                sentence=finding.text(language.value) if finding.message is not None else "",
                item_name=_item_name(items.get(finding.subject or finding.code), language),
                kind=finding.kind,
                marks=tuple(about.get(finding.key, ())),
                decision=decision(override),
            )
        )
    for index, override in enumerate(screening.overrides):
        if index in used:
            continue
        item = items.get(override.finding_subject or override.finding_code)
        stored = override.finding_reason_ru if language is Language.RUSSIAN else ""
        lines.append(
            FindingLine(
                code=override.finding_code,
                severity=item.severity if item is not None else Severity.WARNING,
                reason=override.finding_reason,
                sentence=stored,
                item_name=_item_name(item, language),
                kind=item.kind if item is not None else None,
                marks=(),
                decision=decision(override),
            )
        )
    return lines


def _item_name(item: CatalogItem | None, language: Language) -> str:
    if item is None:
        return ""
    return item.name_ru if language is Language.RUSSIAN else item.name_en


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
    """The clinic's band; what an older version stored beyond today's limits is cut to them,
    so the band always fits its page."""
    return ClinicLetterhead(
        name=limits.clipped(profile.name, limits.CLINIC_NAME),
        address=limits.clipped(profile.address, limits.CLINIC_ADDRESS),
        phone=limits.clipped(profile.phone, limits.CLINIC_PHONE),
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
