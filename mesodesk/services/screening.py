"""Screening a visit: everything the app knows about the patient and the plan, in one list.

The rules are `mesodesk.domain.screening.screen`; this service only gathers their input from
the visit (areas, techniques, the products of the lots chosen, the anaesthesia and disinfection
typed, the day's checklist), adds the findings of other rules (the chart's depths and volumes,
course intervals, last visit's reactions) and keeps the practitioner's written overrides, each
for a finding's code and subject. Marking done and signing go through `go_ahead` inside their
own transaction, so no visit goes ahead over a blocking finding without a recorded reason. A
stored value the rules do not know (an area, a course's indication) is reported as "could not
check", never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.domain import finding_texts as texts
from mesodesk.domain import limits
from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.audit import AuditAction, AuditEvent
from mesodesk.domain.courses import CoursePlan, check_plan
from mesodesk.domain.findings import Finding, Joined, Message, Param, Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.records import (
    OverrideRecord,
    ProductLineRecord,
    ProductRecord,
    VisitRecord,
)
from mesodesk.domain.safety_records import (
    ChecklistConflict,
    VisitScreening,
    checklist_from_json,
    checklist_to_json,
    finding_title,
    is_unresolved,
    merge_checklist,
)
from mesodesk.domain.screening import (
    CHECKLIST_NOT_ASKED,
    IngredientRef,
    PlannedProcedure,
    ProductComposition,
    ScreeningFinding,
    could_not_check,
    screen,
)
from mesodesk.domain.visit_records import local_day
from mesodesk.domain.vocabulary import (
    Area,
    Indication,
    Reaction,
    ReactionSeverity,
    Technique,
    VisitStatus,
)
from mesodesk.models import Lot, Patient, Visit
from mesodesk.models.visit import Course, VisitOverride, VisitReaction
from mesodesk.services.access import Access
from mesodesk.services.anamnesis import anamnesis_of
from mesodesk.services.base import Service
from mesodesk.services.catalog import product_compositions
from mesodesk.services.errors import (
    NotFound,
    ReadOnlyRecord,
    ServiceError,
    StaleRecord,
    ValidationFailed,
)
from mesodesk.services.marks import marks_of
from mesodesk.services.safety_catalog import (
    ClinicCatalog,
    ClinicMedicines,
    load_clinic_catalog,
    load_clinic_medicines,
)
from mesodesk.services.visits import lock_visit, previous_visit_id, visit_records

ChartFindings = Callable[
    [Session, Sequence[MarkRecord], Sequence[ProductLineRecord]], list[Finding]
]
"""The chart's findings for a visit's marks (depths, volumes against the given product lines),
in the screening's transaction."""

LAST_VISIT_REACTIONS = "last_visit_reactions"
_BIRTH_DATE = select(Patient.birth_date).where(Patient.id == bindparam("patient_id"))
"""Read at every screening, so built once (its cache key made once)."""
CHECKLIST_CONFLICT_MESSAGE = (
    "This answer was changed on another workstation after you opened the questions, to "
    "another value; nothing was saved. The answers as stored now are shown: check them, then "
    "answer again."
)


class UnresolvedBlock(ServiceError):
    """A blocking finding has no written override, so the visit cannot go ahead."""


def no_chart_findings(
    _session: Session, _marks: Sequence[MarkRecord], _lines: Sequence[ProductLineRecord]
) -> list[Finding]:
    return []


class ScreeningService(Service):
    """Everything the app knows about the patient and the plan, as one list of findings.

    Every read happens in one transaction: the one `screening` opens, or the caller's when the
    visits service runs `go_ahead` inside the write that marks a visit done or signs it.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalog: Callable[[], ClinicCatalog] = load_clinic_catalog,
        chart: ChartFindings = no_chart_findings,
        medicines: Callable[[], ClinicMedicines] = load_clinic_medicines,
        access: Access | None = None,
        rules_in: Callable[[Session], tuple[ClinicCatalog, ClinicMedicines]] | None = None,
    ) -> None:
        """`rules_in`, where given, reads the catalog and the dictionary in the screening's
        own transaction instead of `catalog` and `medicines` (each a transaction of its own)."""
        super().__init__(sessions, access)
        self._catalog = catalog
        self._medicines = medicines
        self._chart = chart
        self._rules_in = rules_in

    def screen_visit(
        self, visit_id: int, checklist: DayChecklist | None = None, today: date | None = None
    ) -> list[ScreeningFinding]:
        """All findings for the visit, most serious first.

        `checklist` replaces the stored answers (to screen what is being ticked); `today` is
        the day the procedure is screened for, the visit's own date by default.
        """
        return list(self.screening(visit_id, checklist, today).findings)

    def screening(
        self,
        visit_id: int,
        checklist: DayChecklist | None = None,
        today: date | None = None,
        plan: VisitRecord | None = None,
    ) -> VisitScreening:
        """The findings with the overrides already recorded: what the Visit tab shows.

        `plan` is the visit as it is being edited (areas, techniques, lots, date not saved
        yet), so the findings follow the plan while it changes.
        """
        with self._read() as session:
            return self._screening(session, visit_id, checklist, today, plan)

    def go_ahead(self, session: Session, visit_id: int) -> None:
        """The signing policy: refuses, inside the caller's transaction, while a blocking
        finding has no recorded reason."""
        screening = self._screening(session, visit_id, None, None, None)
        missing = [f for f in screening.findings if is_unresolved(f, screening.overrides)]
        if missing:
            raise UnresolvedBlock(
                f"This visit cannot be marked done or signed: {finding_title(missing[0])} has "
                "no recorded reason. Record an override with a written reason, or postpone "
                "the visit."
            )

    def require_overrides(self, visit_id: int) -> None:
        """`go_ahead` in a transaction of its own, to ask before trying."""
        with self._read() as session:
            self.go_ahead(session, visit_id)

    def save_checklist(
        self, visit_id: int, checklist: DayChecklist, based_on: DayChecklist | None = None
    ) -> DayChecklist:
        """Keep the day's answers with the visit; returns the answers as stored.

        `based_on` is the checklist this workstation showed (None: shown unanswered). Only the
        answers changed from it are applied onto what is stored now, so answers given on
        another workstation meanwhile stay; the same answer changed to another value there is
        refused as stale. Written without bumping the visit's version: the answers are asked
        at the chair while the visit notes may be open elsewhere, and one must not make the
        other stale.
        """
        problem = _checklist_problem(checklist)
        if problem is not None:
            raise ValidationFailed({"checklist": problem})
        with self._write() as session:
            row = lock_visit(session, visit_id)
            _refuse_signed(row)
            try:
                merged = merge_checklist(checklist_from_json(row.checklist), checklist, based_on)
            except ChecklistConflict as conflict:
                raise StaleRecord(CHECKLIST_CONFLICT_MESSAGE) from conflict
            written = cast(
                "CursorResult[Any]",
                session.execute(
                    update(Visit)
                    .where(Visit.id == visit_id, Visit.signed_at.is_(None))
                    .values(checklist=checklist_to_json(merged))
                    .execution_options(synchronize_session=False)
                ),
            )
            self._record(
                session,
                AuditEvent(AuditAction.UPDATE, "visits", visit_id, row.patient_id, ("checklist",)),
            )
            if written.rowcount == 0:  # signed on another workstation meanwhile
                raise ReadOnlyRecord("This visit is signed; corrections go into an addendum.")
        return merged

    def record_override(
        self, visit_id: int, finding: ScreeningFinding, reason: str, decided_by: str
    ) -> OverrideRecord:
        """Keep the practitioner's written reason for going ahead despite `finding`."""
        errors: dict[str, str] = {}
        limits.check_text(
            errors,
            "reason",
            reason,
            limits.OVERRIDE_REASON,
            multiline=True,
            required="Write the reason for going ahead despite this finding.",
        )
        limits.check_text(
            errors,
            "decided_by",
            decided_by,
            limits.PRACTITIONER,
            required="Enter the name of the practitioner who decides to go ahead.",
        )
        limits.check_text(errors, "finding", finding.code, limits.FINDING_CODE)
        limits.check_text(errors, "finding", finding.reason, limits.FINDING_REASON, multiline=True)
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            _refuse_signed(lock_visit(session, visit_id))
            row = VisitOverride(
                visit_id=visit_id,
                finding_code=finding.code,
                finding_subject=finding.subject,
                finding_reason=finding.reason,
                finding_reason_ru=finding.text("ru"),
                reason=reason.strip(),
                decided_by=self._access.signer(decided_by.strip()),
            )
            session.add(row)
            session.flush()
            return _override(row)

    def overrides(self, visit_id: int) -> list[OverrideRecord]:
        with self._read() as session:
            _visit(session, visit_id)
            return _overrides(session, visit_id)

    # --- internals --------------------------------------------------------------------------

    def _screening(
        self,
        session: Session,
        visit_id: int,
        checklist: DayChecklist | None,
        today: date | None,
        plan: VisitRecord | None,
    ) -> VisitScreening:
        visit = _visit(session, visit_id)
        marks = marks_of(session, visit_id)
        stored = visit_records(session, [visit], {visit_id: marks})[0]
        edited = stored if plan is None else plan
        return self._screen(session, visit, edited, checklist, today, charted=stored, marks=marks)

    def opened_in(
        self, session: Session, visit: Visit, record: VisitRecord, marks: Sequence[MarkRecord]
    ) -> VisitScreening:
        """`screening` of a visit just read in `session` (its row, its record as stored and its
        marks), for the opening that shows it: the reads are not repeated."""
        return self._screen(session, visit, record, None, None, charted=record, marks=marks)

    def preview(self, plan: VisitRecord) -> VisitScreening:
        """The findings for a visit not stored yet (opened with Ctrl+T, nothing typed)."""
        with self._read() as session:
            return self._screen(session, None, plan, None, None)

    def _screen(
        self,
        session: Session,
        visit: Visit | None,
        edited: VisitRecord,
        checklist: DayChecklist | None,
        today: date | None,
        charted: VisitRecord | None = None,
        marks: Sequence[MarkRecord] | None = None,
    ) -> VisitScreening:
        """`charted` is the stored visit and `marks` its marks when the caller has read them
        already (the marks tell the areas charted): read once per screening, not twice."""
        patient_id = edited.patient_id if visit is None else visit.patient_id
        birth_date = session.scalar(_BIRTH_DATE, {"patient_id": patient_id})
        lines = edited.product_lines
        product_ids = _products_of_lots(session, [line.lot_id for line in lines])
        day_of_visit = local_day(edited.starts_at)
        if charted is None:
            charted = visit_records(session, [visit])[0] if visit is not None else edited
        # marks are stored as they are charted: the stored record knows their areas
        areas = tuple(a for a in Area if a in set(edited.areas) | set(charted.charted_areas))
        techniques = tuple(
            t for t in Technique if t in set(edited.techniques) | set(charted.charted_techniques)
        )
        _, unknown_areas = _members(Area, visit.areas if visit is not None else ())
        _, unknown_techniques = _members(Technique, visit.techniques if visit is not None else ())
        compositions = product_compositions(session, product_ids)
        procedure = PlannedProcedure(
            on=today or day_of_visit,
            areas=areas,
            techniques=techniques,
            products=tuple(_composition(compositions[i]) for i in product_ids if i in compositions),
            anaesthesia=edited.anaesthesia,
            disinfection=edited.disinfection,
            unknown_areas=unknown_areas,
            unknown_techniques=unknown_techniques,
        )
        stored_answers = checklist_from_json(visit.checklist) if visit is not None else None
        day = checklist if checklist is not None else stored_answers
        if self._rules_in is not None:
            catalog, medicines = self._rules_in(session)
        else:
            catalog, medicines = self._catalog(), self._medicines()
        facts = anamnesis_of(session, patient_id, medicines.dictionary).anamnesis
        also = _last_visit_reactions(session, patient_id, edited.starts_at)
        if visit is not None:
            also = (
                _course_findings(session, visit, day_of_visit)
                + self._chart(
                    session, marks if marks is not None else marks_of(session, visit.id), lines
                )
                + also
            )
        findings = screen(
            birth_date,
            facts,
            day,
            procedure,
            catalog=catalog.items,
            also=also,
            medicines=medicines.dictionary,
        )
        signed = visit is not None and visit.signed_at is not None
        if signed:  # the day is over: its unasked questions are history, not a reminder
            findings = [f for f in findings if f.code != CHECKLIST_NOT_ASKED]
        return VisitScreening(
            visit_id=visit.id if visit is not None else None,
            patient_id=patient_id,
            findings=tuple(findings),
            overrides=charted.overrides if visit is not None else (),  # as stored, read above
            checklist=day,
            signed=signed,
            catalog_problem=" ".join(p for p in (catalog.problem, medicines.problem) if p) or None,
        )


def _last_visit_reactions(session: Session, patient_id: int, before: datetime) -> list[Finding]:
    """What followed the patient's last done visit, for the practitioner to keep in mind."""
    previous = previous_visit_id(session, patient_id, before)
    if previous is None:
        return []
    starts = session.scalar(select(Visit.starts_at).where(Visit.id == previous))
    reactions = session.execute(
        select(VisitReaction.reaction, VisitReaction.severity, VisitReaction.note)
        .where(VisitReaction.visit_id == previous)
        .order_by(VisitReaction.id)
    ).all()
    if not reactions or starts is None:
        return []
    parts: list[Param] = []
    for reaction, severity, note in reactions:
        seen = {
            "reaction": texts.reaction_name(Reaction(reaction)),
            "severity": texts.severity_name(ReactionSeverity(severity)),
        }
        if note:
            parts.append(Message(texts.REACTION_SEEN_NOTE, {**seen, "note": note.rstrip(".")}))
        else:
            parts.append(Message(texts.REACTION_SEEN, seen))
    only_mild = all(severity == ReactionSeverity.MILD.value for _, severity, _ in reactions)
    return [
        Finding.of(
            LAST_VISIT_REACTIONS,
            str(previous),
            Severity.INFO if only_mild else Severity.WARNING,
            Message(
                texts.LAST_VISIT_REACTIONS,
                {"date": local_day(starts), "reactions": Joined(tuple(parts), "; ")},
            ),
        )
    ]


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound("This visit no longer exists; it may have been deleted elsewhere.")
    return visit


def _checklist_problem(checklist: DayChecklist) -> str | None:
    """Why the day's answers cannot be stored as they are; None if they can."""
    if not isinstance(checklist, DayChecklist):
        return "Answer the day's questions from the list."
    for field in ("recent_peeling_on", "recent_surgery_on"):
        value = getattr(checklist, field)
        if value is not None:
            problem = limits.day_problem(value)
            if problem is not None:
                return problem
    codes = checklist.other_codes
    if len(codes) > limits.CHECKLIST_CODES:
        return f"At most {limits.CHECKLIST_CODES} added questions can be answered."
    for code in codes:
        problem = limits.text_problem(code, limits.CHECKLIST_CODE)
        if problem is not None or not code.strip():
            return "An added question has a code that cannot be stored; reload the questions."
    return None


def _refuse_signed(visit: Visit) -> None:
    if visit.signed_at is not None:
        raise ReadOnlyRecord("This visit is signed; corrections go into an addendum.")


_Term = TypeVar("_Term", Area, Technique)


def _members(
    enum: type[_Term], values: Iterable[str] | None
) -> tuple[tuple[_Term, ...], tuple[str, ...]]:
    """The known members among stored values, and the values the app does not know."""
    known = {member.value for member in enum}
    members = tuple(enum(str(v)) for v in values or () if str(v) in known)
    unknown = tuple(dict.fromkeys(str(v) for v in values or () if str(v) not in known))
    return members, unknown


def _products_of_lots(session: Session, lot_ids: list[int]) -> list[int]:
    """The products of lots chosen in an unsaved plan, in the order the lots were chosen."""
    if not lot_ids:
        return []
    rows = session.execute(select(Lot.id, Lot.product_id).where(Lot.id.in_(set(lot_ids))))
    product_of = {lot_id: product_id for lot_id, product_id in rows}
    return list(dict.fromkeys(product_of[lot] for lot in lot_ids if lot in product_of))


def _composition(product: ProductRecord) -> ProductComposition:
    """A product as the allergy rule reads it: each ingredient by its English and Russian name."""
    return ProductComposition(
        product.name,
        tuple(
            IngredientRef(
                name=part.name, group=part.group, synonyms=(part.name_ru,) if part.name_ru else ()
            )
            for part in product.ingredients
        ),
        product.name_ru,
    )


def _course_findings(session: Session, visit: Visit, day_of_visit: date) -> list[Finding]:
    """The course rules (sessions a week, intervals) over the dates of the patient's visits,
    this visit counted on `day_of_visit` (its planned day while it is being moved)."""
    if visit.course_id is None:
        return []
    course = session.get(Course, visit.course_id)
    if course is None:
        return []
    unknown = []
    if course.indication not in Indication._value2member_map_:
        unknown.append(
            could_not_check(
                f"course_indication:{course.indication}",
                texts.CANNOT_CHECK_COURSE_INDICATION,
                {"value": course.indication},
            )
        )
    if course.area not in Area._value2member_map_:
        unknown.append(
            could_not_check(
                f"course_area:{course.area}",
                texts.CANNOT_CHECK_COURSE_AREA,
                {"value": course.area},
            )
        )
    if unknown:
        return unknown
    try:
        plan = CoursePlan(
            indication=Indication(course.indication),
            area=Area(course.area),
            sessions=course.sessions,
            interval_min_days=course.interval_min_days,
            interval_max_days=course.interval_max_days,
            start_on=course.start_on,
        )
    except ValueError as error:  # a plan the course rules refuse: say so, never skip it
        return [
            could_not_check(
                f"course:{course.id}", texts.CANNOT_CHECK_COURSE_PLAN, {"problem": str(error)}
            )
        ]
    visits = session.execute(
        select(Visit.id, Visit.course_id, Visit.starts_at).where(
            Visit.patient_id == visit.patient_id,
            Visit.status != VisitStatus.CANCELLED.value,
        )
    ).all()
    days = [
        (course_id, day_of_visit if visit_id == visit.id else local_day(starts))
        for visit_id, course_id, starts in visits
    ]
    own = [day for course_id, day in days if course_id == course.id]
    others = [day for course_id, day in days if course_id != course.id]
    return check_plan(plan, own, others)


def _overrides(session: Session, visit_id: int) -> list[OverrideRecord]:
    rows = session.scalars(
        select(VisitOverride)
        .where(VisitOverride.visit_id == visit_id)
        .order_by(VisitOverride.decided_at, VisitOverride.id)
    )
    return [_override(row) for row in rows]


def _override(row: VisitOverride) -> OverrideRecord:
    return OverrideRecord(
        finding_code=row.finding_code,
        finding_subject=row.finding_subject,
        finding_reason=row.finding_reason,
        finding_reason_ru=row.finding_reason_ru,
        reason=row.reason,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )
