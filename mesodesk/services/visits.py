"""Visit use cases: start, record, mark done, sign, add an addendum; the patient's timeline.

A visit is created `planned` (today's or a future one) and becomes `done` only when the
practitioner marks it so; only a done visit can be signed, and a signed visit is read-only for
good: corrections are addenda. Recording a product line takes its volume out of the lot in the
same transaction that saves the visit, so stock and record never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import BindParameter, Row, bindparam, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.domain import limits
from mesodesk.domain.chart import charted_areas, charted_techniques
from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.findings import Severity
from mesodesk.domain.lots import LotState, check_lot_use
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photo_marks import mark_photo
from mesodesk.domain.records import (
    AddendumRecord,
    OverrideRecord,
    ProductLineRecord,
    ReactionRecord,
    VisitRecord,
)
from mesodesk.domain.visit_records import Timeline, TimelineEntry, local_day
from mesodesk.domain.vocabulary import (
    Area,
    Method,
    Reaction,
    ReactionSeverity,
    Technique,
    VisitStatus,
)
from mesodesk.models import (
    Cocktail,
    Course,
    Lot,
    Patient,
    Product,
    Visit,
    VisitAddendum,
    VisitOverride,
    VisitProductLine,
    VisitReaction,
)
from mesodesk.models.base import columns_of, utcnow
from mesodesk.models.marks import InjectionMark
from mesodesk.models.photos import VisitPhoto
from mesodesk.services.access import Access
from mesodesk.services.base import Service
from mesodesk.services.courses import course_record
from mesodesk.services.errors import NotFound, ReadOnlyRecord, ValidationFailed
from mesodesk.services.settings import ClinicSettingsService

SIGNED_MESSAGE = (
    "This visit is signed and can no longer be changed; write an addendum to correct it."
)
NAME_LIMIT = limits.PRACTITIONER
TEXT_LIMIT = limits.VISIT_DETAIL
MAX_PRICE_MINOR = limits.PRICE_MAX_MINOR

GoAheadCheck = Callable[[Session, int], None]
"""The signing policy: called inside the transaction that marks a visit done or signs it,
after the edits are applied, with the visit's id; raises a ServiceError to refuse."""


def no_go_ahead_check(_session: Session, _visit_id: int) -> None:
    """For a service used where no screening applies (the demo filler, some tests)."""


def ensure_editable(visit: Visit) -> None:
    """The one read-only check for a visit and everything charted in it (lines, marks)."""
    if visit.signed_at is not None:
        raise ReadOnlyRecord(SIGNED_MESSAGE)


class VisitService(Service):
    """Visit use cases, one transaction each. Every write locks the visit row, checks it is
    not signed and not changed meanwhile, and runs the signing policy in that same
    transaction, so no guard can be overtaken by another workstation between check and write."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: ClinicSettingsService,
        go_ahead: GoAheadCheck,
        access: Access | None = None,
    ) -> None:
        super().__init__(sessions, access)
        self._settings = settings
        self._go_ahead = go_ahead

    # --- reading ----------------------------------------------------------------------------

    def get(self, visit_id: int) -> VisitRecord:
        with self._read() as session:
            return visit_records(session, [load_visit(session, visit_id)])[0]

    def list_for_patient(self, patient_id: int) -> list[VisitRecord]:
        """Every visit of the patient, oldest first."""
        with self._read() as session:
            return _visits_of(session, patient_id)

    def previous_visit(self, patient_id: int, before: datetime) -> VisitRecord | None:
        """The last done visit before `before`: what the practitioner saw last time."""
        with self._read() as session:
            found = previous_visit_id(session, patient_id, before)
            return (
                None if found is None else visit_records(session, [load_visit(session, found)])[0]
            )

    def today_visit(self, patient_id: int, now: datetime | None = None) -> VisitRecord | None:
        """The patient's open visit today (planned or done, not signed), if there is one."""
        with self._read() as session:
            row = _today(session, patient_id, now or utcnow())
            return None if row is None else visit_records(session, [row])[0]

    def timeline(self, patient_id: int, now: datetime | None = None) -> Timeline:
        """Courses and visits in date order; the first planned visit from today on is flagged."""
        today = local_day(now or utcnow())
        with self._read() as session:
            visits = _visits_of(session, patient_id)
            courses = [
                course_record(row)
                for row in session.scalars(_PATIENT_COURSES, {"patient_id": patient_id})
            ]
        upcoming = [
            v for v in visits if v.status is VisitStatus.PLANNED and local_day(v.starts_at) >= today
        ]
        next_visit = upcoming[0] if upcoming else None
        entries = [TimelineEntry(day=c.start_on, course=c) for c in courses] + [
            TimelineEntry(
                day=local_day(v.starts_at),
                visit=v,
                is_next=next_visit is not None and v.id == next_visit.id,
            )
            for v in visits
        ]
        # a course sorts before the visits of its first day
        entries.sort(
            key=lambda e: (e.day, e.visit is not None, e.visit.starts_at if e.visit else 0)
        )
        return Timeline(entries=tuple(entries), next_visit=next_visit)

    # --- writing ----------------------------------------------------------------------------

    def start_visit(
        self,
        patient_id: int,
        starts_at: datetime | None = None,
        practitioner: str | None = None,
        course_id: int | None = None,
    ) -> VisitRecord:
        """A new visit, `planned` until the practitioner marks it done (now, if no time given)."""
        moment = _moment(starts_at or utcnow())
        who = self._practitioner(practitioner)
        currency = self._settings.profile().currency
        with self._write() as session:
            return visit_records(
                session, [_new_visit(session, patient_id, moment, who, currency, course_id)]
            )[0]

    def start_or_open_today(
        self, patient_id: int, practitioner: str | None = None, now: datetime | None = None
    ) -> VisitRecord:
        """Today's open visit of the patient, or a new one starting now (Ctrl+T).

        The patient row is locked while looking, so two workstations pressing Ctrl+T together
        open one visit, not two.
        """
        moment = _moment(now or utcnow())
        who = self._practitioner(practitioner)
        currency = self._settings.profile().currency
        with self._write() as session:
            if session.get(Patient, patient_id, with_for_update=True) is None:
                raise NotFound(f"There is no patient with id {patient_id}.")
            row = _today(session, patient_id, moment)
            if row is None:
                row = _new_visit(session, patient_id, moment, who, currency, None)
            return visit_records(session, [row])[0]

    def save(self, visit: VisitRecord) -> VisitRecord:
        """Store what was recorded: fields, status, product lines (taking stock), reactions.

        A new or changed product line is checked against its lot on the visit day; a removed
        or changed line gives its old volume back to the lot first. A visit becomes done only
        through the signing policy, checked after the edits are in, in this transaction.
        """
        with self._write() as session:
            row = self._apply_edits(session, visit)
            return visit_records(session, [row])[0]

    def mark_done(self, visit: VisitRecord) -> VisitRecord:
        """Store the edits and mark the visit done, in one transaction."""
        return self.save(replace(visit, status=VisitStatus.DONE))

    def sign(self, visit: VisitRecord) -> VisitRecord:
        """Store the edits and sign the done visit as its practitioner; from now on it is
        read-only. The signing policy may refuse; then nothing at all is stored.

        Where users sign in, the signature is the signed-in user's name, whatever was typed.
        """
        if isinstance(visit.practitioner, str):
            visit = replace(visit, practitioner=self._access.signer(visit.practitioner))
        who = visit.practitioner.strip() if isinstance(visit.practitioner, str) else ""
        errors: dict[str, str] = {}
        limits.check_text(
            errors,
            "practitioner",
            visit.practitioner,
            NAME_LIMIT,
            required="Enter the name of the practitioner signing the visit.",
        )
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            row = self._apply_edits(session, visit)
            if row.status != VisitStatus.DONE.value:
                raise ValidationFailed(
                    {"status": "Only a done visit can be signed; mark it done first."}
                )
            self._go_ahead(session, row.id)
            _keep_what_was_used(session, row.id)
            row.signed_at = utcnow()
            row.signed_by = who
            row.updated_at = row.signed_at
            session.flush()
            return visit_records(session, [row])[0]

    def reschedule(self, visit: VisitRecord, day: date) -> VisitRecord:
        """Move a planned visit to another day at the same time, storing its edits with it."""
        if visit.status is not VisitStatus.PLANNED:
            raise ValidationFailed({"starts_at": "Only a planned visit can be moved."})
        problem = limits.day_problem(day)
        if problem is not None:
            raise ValidationFailed({"starts_at": problem})
        local = visit.starts_at.astimezone()
        moved = replace(visit, starts_at=datetime.combine(day, local.timetz()))
        with self._write() as session:
            row = self._apply_edits(session, moved)
            return visit_records(session, [row])[0]

    def add_addendum(self, visit_id: int, author: str, text: str) -> VisitRecord:
        """A correction to a signed visit, kept with its time and author (the signed-in user
        where users sign in); the original stays."""
        author = self._access.signer(author)
        errors: dict[str, str] = {}
        limits.check_text(
            errors,
            "author",
            author,
            NAME_LIMIT,
            required="Enter the name of the practitioner writing the addendum.",
        )
        limits.check_text(
            errors,
            "text",
            text,
            limits.NOTES,
            multiline=True,
            required="Write the text of the addendum.",
        )
        if errors:
            raise ValidationFailed(errors)
        with self._write() as session:
            row = lock_visit(session, visit_id)
            if row.signed_at is None:
                raise ValidationFailed(
                    {"text": "The visit is not signed yet: correct the record itself."}
                )
            session.add(
                VisitAddendum(
                    visit_id=row.id,
                    author=author.strip(),
                    text=text.strip(),
                    written_at=utcnow(),
                )
            )
            session.flush()
            return visit_records(session, [row])[0]

    # --- internals --------------------------------------------------------------------------

    def _practitioner(self, given: str | None) -> str:
        who = given if given is not None else self._settings.profile().practitioner
        errors: dict[str, str] = {}
        limits.check_text(errors, "practitioner", who, NAME_LIMIT)
        if errors:
            raise ValidationFailed(errors)
        return who.strip()

    def _apply_edits(self, session: Session, visit: VisitRecord) -> Visit:
        """Lock, check and write the visit's fields, lines, reactions and status."""
        if visit.id is None:
            raise NotFound("Start the visit before recording it.")
        errors = _validate(visit)
        if errors:
            raise ValidationFailed(errors)
        row = lock_visit(session, visit.id)
        ensure_editable(row)
        self._check_version(row.version, visit.version)
        if visit.course_id is not None:
            course = session.get(Course, visit.course_id)
            if course is None or course.patient_id != row.patient_id:
                raise ValidationFailed({"course": "Choose one of this patient's courses."})
        _take_stock(session, row, visit)
        _apply(row, visit)
        session.execute(delete(VisitReaction).where(VisitReaction.visit_id == row.id))
        session.add_all(
            VisitReaction(
                visit_id=row.id,
                reaction=Reaction(item.reaction).value,
                severity=ReactionSeverity(item.severity).value,
                note=item.note.strip(),
            )
            for item in visit.reactions
        )
        status = VisitStatus(visit.status)
        status_changed = row.status != status.value
        if status_changed:
            _check_status(session, row, status)
            row.status = status.value
        row.updated_at = utcnow()
        session.flush()
        if status_changed and status is VisitStatus.DONE:
            self._go_ahead(session, row.id)
        _update_last_visit(session, row.patient_id)
        return row


# --- helpers ----------------------------------------------------------------------------------


def _visits_of(session: Session, patient_id: int) -> list[VisitRecord]:
    rows = session.execute(_PATIENT_VISITS, {"patient_id": patient_id}).all()
    return visit_records(session, rows)


def load_visit(session: Session, visit_id: int) -> Visit:
    row = session.get(Visit, visit_id)
    if row is None:
        raise NotFound(f"There is no visit with id {visit_id}.")
    return row


def lock_visit(session: Session, visit_id: int) -> Visit:
    """The visit row, locked for the rest of the transaction (a no-op lock on SQLite, where
    the write transaction itself is exclusive)."""
    row = session.get(Visit, visit_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise NotFound(f"There is no visit with id {visit_id}.")
    return row


def previous_visit_id(session: Session, patient_id: int, before: datetime) -> int | None:
    """The patient's last done visit before `before`."""
    return session.scalar(_PREVIOUS_DONE, {"patient_id": patient_id, "before": before})


def _moment(moment: datetime) -> datetime:
    """The visit's time to the second, with the workstation's time zone if it had none;
    refused when outside the years a visit can lie in."""
    if isinstance(moment, datetime) and moment.tzinfo is None:
        problem = limits.day_problem(moment.date())
        if problem is None:
            moment = moment.astimezone()
    problem = limits.moment_problem(moment)
    if problem is not None:
        raise ValidationFailed({"starts_at": problem})
    return moment.replace(microsecond=0)


def _today(session: Session, patient_id: int, now: datetime) -> Visit | None:
    """The earliest unsigned planned or done visit of the patient on `now`'s local day."""
    day = local_day(now)
    start = datetime.combine(day, time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return session.scalars(
        select(Visit)
        .where(
            Visit.patient_id == patient_id,
            Visit.starts_at >= start,
            Visit.starts_at < end,
            Visit.signed_at.is_(None),
            Visit.status.in_((VisitStatus.PLANNED.value, VisitStatus.DONE.value)),
        )
        .order_by(Visit.starts_at, Visit.id)
        .limit(1)
    ).first()


def _new_visit(
    session: Session,
    patient_id: int,
    moment: datetime,
    practitioner: str,
    currency: str,
    course_id: int | None,
) -> Visit:
    if session.get(Patient, patient_id) is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    if course_id is not None:
        course = session.get(Course, course_id)
        if course is None or course.patient_id != patient_id:
            raise NotFound(f"There is no course with id {course_id} for this patient.")
    row = Visit(
        patient_id=patient_id,
        course_id=course_id,
        starts_at=moment,
        practitioner=practitioner,
        status=VisitStatus.PLANNED.value,
        currency=currency,
    )
    session.add(row)
    session.flush()
    return row


def _check_status(session: Session, row: Visit, status: VisitStatus) -> None:
    if status is VisitStatus.DONE and local_day(row.starts_at) > local_day(utcnow()):
        raise ValidationFailed({"status": "A visit on a future day cannot be marked done yet."})
    if status in (VisitStatus.CANCELLED, VisitStatus.NO_SHOW) and _has_lines(session, row):
        raise ValidationFailed(
            {
                "status": "Products are recorded for this visit; remove them before "
                "marking it cancelled or a no-show."
            }
        )


def _validate(visit: VisitRecord) -> dict[str, str]:
    """Field -> message for everything in the record that cannot be stored as it is."""
    errors: dict[str, str] = {}
    limits.check_text(errors, "practitioner", visit.practitioner, NAME_LIMIT)
    if "practitioner" not in errors and len(visit.practitioner.strip()) > NAME_LIMIT:
        errors["practitioner"] = f"The practitioner's name is longer than {NAME_LIMIT} characters."
    for name, value in (("anaesthesia", visit.anaesthesia), ("disinfection", visit.disinfection)):
        problem = limits.text_problem(value, TEXT_LIMIT)
        if problem is not None:
            errors[name] = (
                f"Keep this under {TEXT_LIMIT} characters; use the notes for more."
                if isinstance(value, str) and len(value) > TEXT_LIMIT
                else problem
            )
    limits.check_text(errors, "notes", visit.notes, limits.NOTES, multiline=True)
    price = visit.price_minor
    if price is not None and (isinstance(price, bool) or not isinstance(price, int)):
        errors["price"] = "Enter the price as a number."
    elif price is not None and price < 0:
        errors["price"] = "The price cannot be negative."
    elif price is not None and price > MAX_PRICE_MINOR:
        errors["price"] = "This price is too large; check the number."
    problem = limits.moment_problem(visit.starts_at)
    if problem is not None:
        errors["starts_at"] = problem
    line_problem = _lines_problem(visit.product_lines)
    if line_problem is not None:
        errors["product_lines"] = line_problem
    reaction_problem = _reactions_problem(visit.reactions)
    if reaction_problem is not None:
        errors["reactions"] = reaction_problem
    choices: tuple[tuple[str, type[StrEnum], Iterable[object]], ...] = (
        ("areas", Area, visit.areas),
        ("techniques", Technique, visit.techniques),
        ("method", Method, () if visit.method is None else (visit.method,)),
    )
    for name, kind, values in choices:
        if not limits.all_chosen(kind, values):
            errors[name] = "Choose from the list."
    if not limits.all_chosen(VisitStatus, (visit.status,)):
        errors["status"] = "Choose from the list."
    return errors


def _lines_problem(lines: Iterable[ProductLineRecord]) -> str | None:
    lines = list(lines)
    if len(lines) > limits.PRODUCT_LINES:
        return f"A visit can record at most {limits.PRODUCT_LINES} product lines."
    for line in lines:
        problem = limits.amount_problem(line.volume_ml)
        if problem is not None:
            return f"{line.product_name or 'A product line'}: {problem}"
    return None


def _reactions_problem(reactions: Iterable[ReactionRecord]) -> str | None:
    reactions = list(reactions)
    if len(reactions) > limits.REACTIONS:
        return f"A visit can record at most {limits.REACTIONS} reactions."
    for item in reactions:
        if not limits.all_chosen(Reaction, (item.reaction,)) or not limits.all_chosen(
            ReactionSeverity, (item.severity,)
        ):
            return "Choose each reaction and its severity from the list."
        problem = limits.text_problem(item.note, limits.REACTION_NOTE, multiline=True)
        if problem is not None:
            return f"The note on a reaction: {problem}"
    return None


def _apply(row: Visit, visit: VisitRecord) -> None:
    row.starts_at = visit.starts_at
    row.course_id = visit.course_id
    row.practitioner = visit.practitioner.strip()
    row.areas = [Area(area).value for area in visit.areas]
    row.techniques = [Technique(technique).value for technique in visit.techniques]
    row.method = Method(visit.method).value if visit.method else None
    row.anaesthesia = visit.anaesthesia.strip()
    row.disinfection = visit.disinfection.strip()
    row.notes = visit.notes
    row.price_minor = visit.price_minor


def _has_lines(session: Session, row: Visit) -> bool:
    return (
        session.scalar(
            select(func.count(VisitProductLine.id)).where(VisitProductLine.visit_id == row.id)
        )
        or 0
    ) > 0


def _take_stock(session: Session, row: Visit, visit: VisitRecord) -> None:
    """Replace the visit's product lines, moving stock in and out of the lots.

    Lines keep their ids when they stay, so a visit's history of a line stays one line.
    """
    stored = {
        line.id: line
        for line in session.scalars(
            select(VisitProductLine).where(VisitProductLine.visit_id == row.id)
        )
    }
    wanted = [line for line in visit.product_lines]
    kept_ids = {line.id for line in wanted if line.id in stored}
    unchanged = {
        line.id
        for line in wanted
        if line.id in stored
        and stored[line.id].lot_id == line.lot_id
        and stored[line.id].volume_ml == line.volume_ml
    }
    given_back: dict[int, Decimal] = defaultdict(Decimal)
    for line_id, old in stored.items():
        if line_id not in unchanged:
            given_back[old.lot_id] += old.volume_ml
    taking = [line for line in wanted if line.id not in unchanged]
    lot_ids = set(given_back) | {line.lot_id for line in taking}
    lots = _lots(session, lot_ids)
    day = local_day(visit.starts_at)
    available = {
        lot_id: lot.on_hand + given_back.get(lot_id, Decimal(0)) for lot_id, lot in lots.items()
    }
    for line in taking:
        lot = lots.get(line.lot_id)
        if lot is None:
            raise ValidationFailed({"product_lines": f"Lot {line.lot_id} is not in the catalog."})
        product = session.get(Product, lot.product_id)
        state = LotState(
            lot_number=lot.lot_number,
            product_name=product.name if product else "",
            expires_on=lot.expires_on,
            on_hand=available[lot.id],
            unit=product.unit if product and product.unit in ("ml", "unit") else "ml",
        )
        blocks = [
            f for f in check_lot_use(state, line.volume_ml, day) if f.severity is Severity.BLOCK
        ]
        if blocks:
            raise ValidationFailed({"product_lines": blocks[0].reason})
        available[lot.id] -= line.volume_ml
    for lot_id, amount in available.items():
        if lots[lot_id].on_hand != amount:
            lots[lot_id].on_hand = amount
    for line_id, stored_line in stored.items():
        if line_id not in kept_ids:
            session.delete(stored_line)
    for position, line in enumerate(wanted):
        target = stored.get(line.id) if line.id in kept_ids else None
        if target is None:
            target = VisitProductLine(visit_id=row.id)
            session.add(target)
        target.lot_id = line.lot_id
        target.volume_ml = line.volume_ml
        target.cocktail_id = line.cocktail_id
        target.position = position
    session.flush()


def _keep_what_was_used(session: Session, visit_id: int) -> None:
    """Copy onto the lines of a visit being signed the product, lot and cocktail as the catalog
    names them now: the signed record keeps them whatever the catalog says later."""
    for line, lot, product, cocktail in session.execute(
        select(VisitProductLine, Lot, Product, Cocktail)
        .join(Lot, Lot.id == VisitProductLine.lot_id)
        .join(Product, Product.id == Lot.product_id)
        .outerjoin(Cocktail, Cocktail.id == VisitProductLine.cocktail_id)
        .where(VisitProductLine.visit_id == visit_id)
    ):
        line.product_name = product.name
        line.lot_number = lot.lot_number
        line.expires_on = lot.expires_on
        line.cocktail_name = cocktail.name if cocktail is not None else ""
    session.flush()


def _lots(session: Session, lot_ids: Iterable[int]) -> dict[int, Lot]:
    ids = sorted(set(lot_ids))
    if not ids:
        return {}
    rows = session.scalars(select(Lot).where(Lot.id.in_(ids)).with_for_update()).all()
    return {lot.id: lot for lot in rows}


def _update_last_visit(session: Session, patient_id: int) -> None:
    """Keep the patient list's 'last visit' column right.

    A Core UPDATE on purpose: the ORM would bump the card's version and make a card open in
    the window look stale to its own user.
    """
    latest = session.scalar(
        select(Visit.starts_at)
        .where(Visit.patient_id == patient_id, Visit.status == VisitStatus.DONE.value)
        .order_by(Visit.starts_at.desc())
        .limit(1)
    )
    session.execute(
        update(Patient)
        .where(Patient.id == patient_id)
        .values(last_visit_on=local_day(latest) if latest is not None else None)
        .execution_options(synchronize_session=False)
    )


VISIT_COLUMNS = columns_of(Visit)
LINE_COLUMNS = columns_of(VisitProductLine)
REACTION_COLUMNS = columns_of(VisitReaction)
ADDENDUM_COLUMNS = columns_of(VisitAddendum)
OVERRIDE_COLUMNS = columns_of(VisitOverride)

# The statements read at every opening of a patient or a visit are built once: a statement
# built anew costs SQLAlchemy its cache key at each execution, more than the query itself.
_PATIENT_VISITS = (
    select(*VISIT_COLUMNS)
    .where(Visit.patient_id == bindparam("patient_id"))
    .order_by(Visit.starts_at, Visit.id)
)
_PREVIOUS_DONE = (
    select(Visit.id)
    .where(
        Visit.patient_id == bindparam("patient_id"),
        Visit.status == VisitStatus.DONE.value,
        Visit.starts_at < bindparam("before", type_=Visit.starts_at.type),
    )
    .order_by(Visit.starts_at.desc(), Visit.id.desc())
    .limit(1)
)
_PATIENT_COURSES = (
    select(Course)
    .where(Course.patient_id == bindparam("patient_id"))
    .order_by(Course.start_on, Course.id)
)
_VISIT_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_CHARTED_MARKS = (
    select(
        InjectionMark.visit_id,
        InjectionMark.diagram,
        InjectionMark.shape,
        InjectionMark.points,
        InjectionMark.technique,
        InjectionMark.zone,
        InjectionMark.photo_id,
        VisitPhoto.kind,
        VisitPhoto.view,
        VisitPhoto.width,
        VisitPhoto.height,
    )
    .outerjoin(VisitPhoto, VisitPhoto.id == InjectionMark.photo_id)
    .where(InjectionMark.visit_id.in_(_VISIT_IDS))
)
_LINES = (
    select(
        *LINE_COLUMNS,
        Lot.lot_number.label("lot_lot_number"),
        Lot.expires_on.label("lot_expires_on"),
        Product.name.label("lot_product_name"),
        Product.name_ru.label("lot_product_name_ru"),
        Cocktail.name.label("catalog_cocktail_name"),
        Cocktail.name_ru.label("catalog_cocktail_name_ru"),
    )
    .join(Lot, Lot.id == VisitProductLine.lot_id)
    .join(Product, Product.id == Lot.product_id)
    .outerjoin(Cocktail, Cocktail.id == VisitProductLine.cocktail_id)
    .where(VisitProductLine.visit_id.in_(_VISIT_IDS))
    .order_by(VisitProductLine.visit_id, VisitProductLine.position, VisitProductLine.id)
)
_REACTIONS = (
    select(*REACTION_COLUMNS)
    .where(VisitReaction.visit_id.in_(_VISIT_IDS))
    .order_by(VisitReaction.visit_id, VisitReaction.id)
)
_ADDENDA = (
    select(*ADDENDUM_COLUMNS)
    .where(VisitAddendum.visit_id.in_(_VISIT_IDS))
    .order_by(VisitAddendum.visit_id, VisitAddendum.written_at, VisitAddendum.id)
)
_OVERRIDES = (
    select(*OVERRIDE_COLUMNS)
    .where(VisitOverride.visit_id.in_(_VISIT_IDS))
    .order_by(VisitOverride.visit_id, VisitOverride.decided_at, VisitOverride.id)
)


def visit_records(
    session: Session,
    rows: Iterable[Visit | Row[*tuple[Any, ...]]],
    marks: Mapping[int, Sequence[MarkRecord]] | None = None,
) -> list[VisitRecord]:
    """Visits with their lines, reactions, addenda, overrides and charted areas and
    techniques, in five queries in all (four when the caller read the visits' `marks`)."""
    rows = list(rows)
    ids = [row.id for row in rows]
    lines: dict[int, list[ProductLineRecord]] = defaultdict(list)
    reactions: dict[int, list[ReactionRecord]] = defaultdict(list)
    addenda: dict[int, list[AddendumRecord]] = defaultdict(list)
    overrides: dict[int, list[OverrideRecord]] = defaultdict(list)
    charted: dict[int, list[MarkRecord]] = defaultdict(list)
    if marks is not None:
        charted.update((visit_id, list(marks.get(visit_id, ()))) for visit_id in ids)
    if ids and marks is None:
        for mark in session.execute(_CHARTED_MARKS, {"ids": ids}):
            charted[mark.visit_id].append(_charted_mark(mark))
    if ids:
        for line in session.execute(_LINES, {"ids": ids}):
            if line.product_name is not None:  # signed: the copy made at signing
                used = (line.product_name, line.lot_number or "", line.expires_on)
                cocktail_name = line.cocktail_name or ""
            else:
                used = (line.lot_product_name, line.lot_lot_number, line.lot_expires_on)
                cocktail_name = line.catalog_cocktail_name or ""
            # the catalog's Russian name, while the catalog still names it as recorded
            product_ru = line.lot_product_name_ru if used[0] == line.lot_product_name else ""
            cocktail_ru = (
                line.catalog_cocktail_name_ru
                if cocktail_name and cocktail_name == line.catalog_cocktail_name
                else ""
            )
            lines[line.visit_id].append(
                ProductLineRecord(
                    lot_id=line.lot_id,
                    volume_ml=line.volume_ml,
                    product_name=used[0],
                    lot_number=used[1],
                    expires_on=used[2],
                    cocktail_id=line.cocktail_id,
                    cocktail_name=cocktail_name,
                    id=line.id,
                    product_name_ru=product_ru or "",
                    cocktail_name_ru=cocktail_ru or "",
                )
            )
        for item in session.execute(_REACTIONS, {"ids": ids}):
            reactions[item.visit_id].append(
                ReactionRecord(
                    reaction=Reaction(item.reaction),
                    severity=ReactionSeverity(item.severity),
                    note=item.note,
                )
            )
        for written in session.execute(_ADDENDA, {"ids": ids}):
            addenda[written.visit_id].append(
                AddendumRecord(
                    written_at=written.written_at, author=written.author, text=written.text
                )
            )
        for decided in session.execute(_OVERRIDES, {"ids": ids}):
            overrides[decided.visit_id].append(
                OverrideRecord(
                    finding_code=decided.finding_code,
                    finding_reason=decided.finding_reason,
                    reason=decided.reason,
                    decided_by=decided.decided_by,
                    decided_at=decided.decided_at,
                    finding_subject=decided.finding_subject,
                    finding_reason_ru=decided.finding_reason_ru,
                )
            )
    return [
        VisitRecord(
            id=row.id,
            patient_id=row.patient_id,
            starts_at=row.starts_at,
            status=VisitStatus(row.status),
            practitioner=row.practitioner,
            course_id=row.course_id,
            # a value this version does not know is kept in the row and reported by screening
            areas=tuple(Area(a) for a in row.areas or () if a in Area._value2member_map_),
            techniques=tuple(
                Technique(t) for t in row.techniques or () if t in Technique._value2member_map_
            ),
            method=Method(row.method) if row.method else None,
            anaesthesia=row.anaesthesia,
            disinfection=row.disinfection,
            notes=row.notes,
            price_minor=row.price_minor,
            currency=row.currency,
            product_lines=tuple(lines[row.id]),
            reactions=tuple(reactions[row.id]),
            addenda=tuple(addenda[row.id]),
            overrides=tuple(overrides[row.id]),
            checklist=row.checklist,
            signed_at=row.signed_at,
            signed_by=row.signed_by,
            version=row.version,
            charted_areas=charted_areas(charted[row.id]),
            charted_techniques=charted_techniques(charted[row.id]),
        )
        for row in rows
    ]


def _charted_mark(row: Row[*tuple[Any, ...]]) -> MarkRecord:
    """Just enough of a mark to know its areas and technique (a mark on a photo: its photo)."""
    photo = (
        None
        if row.photo_id is None
        else mark_photo(row.photo_id, row.kind, row.view, row.width, row.height)
    )
    return MarkRecord(
        id=None,
        visit_id=row.visit_id,
        diagram=DiagramName(row.diagram),
        shape=MarkShape(row.shape),
        points=(
            photo.from_fractions(row.points)
            if photo is not None
            else tuple(Point(float(x), float(y)) for x, y in row.points)
        ),
        technique=Technique(row.technique) if row.technique else None,
        zone=row.zone,
        photo=photo,
    )
