"""Screening a visit: everything the app knows about the patient and the plan, in one list.

The rules are `mesodesk.domain.screening.screen`; this service only gathers their input from
the visit (areas, techniques, the products of the lots chosen, the day's checklist), adds the
findings of other rules (depth limits, course intervals) and keeps the practitioner's written
overrides. Signing goes through `require_overrides`, so no visit is signed over a blocking
finding without a recorded reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.courses import CoursePlan, check_plan
from mesodesk.domain.findings import Finding
from mesodesk.domain.records import OverrideRecord, ProductRecord, VisitRecord
from mesodesk.domain.safety_records import (
    VisitScreening,
    checklist_from_json,
    checklist_to_json,
    finding_title,
    is_unresolved,
)
from mesodesk.domain.screening import (
    CHECKLIST_NOT_ASKED,
    IngredientRef,
    PlannedProcedure,
    ProductComposition,
    ScreeningFinding,
    screen,
)
from mesodesk.domain.visit_records import local_day
from mesodesk.domain.vocabulary import (
    Area,
    Indication,
    Technique,
    VisitStatus,
)
from mesodesk.models import Lot, Patient, Visit
from mesodesk.models.visit import Course, VisitOverride, VisitProductLine
from mesodesk.services.anamnesis import AnamnesisService
from mesodesk.services.base import Service
from mesodesk.services.catalog import CatalogService
from mesodesk.services.errors import NotFound, ReadOnlyRecord, ServiceError, ValidationFailed

_Term = TypeVar("_Term", Area, Technique)

FindingSource = Callable[[int], list[Finding]]
"""Another rule's findings for a visit id (depth limits of the marks, say)."""


class UnresolvedBlock(ServiceError):
    """A blocking finding has no written override, so the visit cannot go ahead."""


class ScreeningService(Service):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        anamnesis: AnamnesisService,
        catalog: CatalogService,
    ) -> None:
        super().__init__(sessions)
        self._anamnesis = anamnesis
        self._catalog = catalog
        self.finding_sources: list[FindingSource] = []
        """Other features add their per-visit findings here so they show in the same list."""

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
        """The findings with the overrides already recorded: what the banner shows.

        `plan` is the visit as it is being edited (areas, techniques, lots, date not saved
        yet), so the findings follow the plan while it changes.
        """
        with self._read() as session:
            visit = _visit(session, visit_id)
            birth_date = session.scalar(
                select(Patient.birth_date).where(Patient.id == visit.patient_id)
            )
            if plan is None:
                product_ids = _product_ids(session, visit_id)
                day_of_visit = local_day(visit.starts_at)
                areas = _members(Area, visit.areas)
                techniques = _members(Technique, visit.techniques)
            else:
                product_ids = _products_of_lots(session, [x.lot_id for x in plan.product_lines])
                day_of_visit = local_day(plan.starts_at)
                areas, techniques = tuple(plan.areas), tuple(plan.techniques)
            course = _course_findings(session, visit, day_of_visit)
            overrides = _overrides(session, visit_id)
            stored = checklist_from_json(visit.checklist)
            on = today or day_of_visit
            patient_id, signed = visit.patient_id, visit.signed_at is not None
        compositions = self._catalog.product_compositions(product_ids)
        procedure = PlannedProcedure(
            on=on,
            areas=areas,
            techniques=techniques,
            products=tuple(_composition(compositions[i]) for i in product_ids if i in compositions),
        )
        day = checklist if checklist is not None else stored
        facts = self._anamnesis.get(patient_id).anamnesis
        catalog = self._anamnesis.catalog()
        also = course + [f for source in self.finding_sources for f in source(visit_id)]
        findings = screen(birth_date, facts, day, procedure, catalog=catalog.items, also=also)
        if signed:  # the day is over: its unasked questions are history, not a reminder
            findings = [f for f in findings if f.code != CHECKLIST_NOT_ASKED]
        return VisitScreening(
            visit_id=visit_id,
            patient_id=patient_id,
            findings=tuple(findings),
            overrides=tuple(overrides),
            checklist=day,
            signed=signed,
            catalog_problem=catalog.problem,
        )

    def save_checklist(self, visit_id: int, checklist: DayChecklist) -> DayChecklist:
        """Keep the day's answers with the visit.

        Written without bumping the visit's version: the answers are asked at the chair while
        the visit notes may be open elsewhere, and one must not make the other stale.
        """
        with self._write() as session:
            visit = _visit(session, visit_id)
            _refuse_signed(visit)
            written = cast(
                "CursorResult[Any]",
                session.execute(
                    update(Visit)
                    .where(Visit.id == visit_id, Visit.signed_at.is_(None))
                    .values(checklist=checklist_to_json(checklist))
                    .execution_options(synchronize_session=False)
                ),
            )
            if written.rowcount == 0:  # signed on another workstation meanwhile
                raise ReadOnlyRecord("This visit is signed; corrections go into an addendum.")
        return checklist

    def record_override(
        self, visit_id: int, finding: ScreeningFinding, reason: str, decided_by: str
    ) -> OverrideRecord:
        """Keep the practitioner's written reason for going ahead despite `finding`."""
        errors = {}
        if not reason.strip():
            errors["reason"] = "Write the reason for going ahead despite this finding."
        if not decided_by.strip():
            errors["decided_by"] = "Enter who decides to go ahead."
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            _refuse_signed(_visit(session, visit_id))
            row = VisitOverride(
                visit_id=visit_id,
                finding_code=finding.code,
                finding_reason=finding.reason,
                reason=reason.strip(),
                decided_by=decided_by.strip(),
            )
            session.add(row)
            session.flush()
            return _override(row)

    def overrides(self, visit_id: int) -> list[OverrideRecord]:
        with self._read() as session:
            _visit(session, visit_id)
            return _overrides(session, visit_id)

    def require_overrides(self, visit_id: int) -> None:
        """The go-ahead check (marking done, signing): refuses while a blocking finding has no
        recorded reason."""
        screening = self.screening(visit_id)
        missing = [f for f in screening.findings if is_unresolved(f, screening.overrides)]
        if missing:
            raise UnresolvedBlock(
                f"This visit cannot be marked done or signed: {finding_title(missing[0])} has "
                "no recorded reason. Record an override with a written reason, or postpone "
                "the visit."
            )


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound("This visit no longer exists; it may have been deleted elsewhere.")
    return visit


def _refuse_signed(visit: Visit) -> None:
    if visit.signed_at is not None:
        raise ReadOnlyRecord("This visit is signed; corrections go into an addendum.")


def _members(enum: type[_Term], values: list[str] | None) -> tuple[_Term, ...]:
    known = {member.value for member in enum}
    return tuple(enum(v) for v in values or () if v in known)


def _product_ids(session: Session, visit_id: int) -> list[int]:
    """The products of the lots used in the visit, in the order they were recorded."""
    rows = session.scalars(
        select(Lot.product_id)
        .join(VisitProductLine, VisitProductLine.lot_id == Lot.id)
        .where(VisitProductLine.visit_id == visit_id)
        .order_by(VisitProductLine.position, VisitProductLine.id)
    )
    return list(dict.fromkeys(rows))


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
    )


def _course_findings(session: Session, visit: Visit, day_of_visit: date) -> list[Finding]:
    """The course rules (sessions a week, intervals) over the dates of the patient's visits,
    this visit counted on `day_of_visit` (its planned day while it is being moved)."""
    if visit.course_id is None:
        return []
    course = session.get(Course, visit.course_id)
    if course is None:
        return []
    try:
        plan = CoursePlan(
            indication=Indication(course.indication),
            area=Area(course.area),
            sessions=course.sessions,
            interval_min_days=course.interval_min_days,
            interval_max_days=course.interval_max_days,
            start_on=course.start_on,
        )
    except ValueError:
        return []
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
        finding_reason=row.finding_reason,
        reason=row.reason,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )
