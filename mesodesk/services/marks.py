"""Injection marks of a visit: chart, move, edit, delete and put back (for undo), count.

Every write checks the visit is still editable (a signed visit is read-only like its notes),
validates the geometry against the diagram and stores the zone computed from it, so the totals
and the depth checks never trust a zone sent by the UI.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from mesodesk.domain import limits
from mesodesk.domain.audit import AuditAction, AuditEvent
from mesodesk.domain.chart import (
    ChartTemplateRecord,
    Injected,
    TemplateMark,
    lot_name,
    marks_for_visit,
    reconcile,
)
from mesodesk.domain.diagram import (
    DiagramName,
    MarkShape,
    Point,
    ZoneTotal,
    load_diagram,
    mark_zone,
    zone_totals,
)
from mesodesk.domain.findings import Finding, Localized, Param
from mesodesk.domain.mark_records import MarkRecord, visit_depth_findings
from mesodesk.domain.photo_marks import MarkPhoto, mark_photo, photo_diagram
from mesodesk.domain.records import ProductLineRecord
from mesodesk.domain.vocabulary import Sex, Technique
from mesodesk.models import Patient, Visit
from mesodesk.models.base import columns_of
from mesodesk.models.catalog import Cocktail, Lot, Product
from mesodesk.models.marks import ChartTemplate, InjectionMark
from mesodesk.models.photos import VisitPhoto
from mesodesk.services.audit import visit_patient
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, StaleRecord, ValidationFailed
from mesodesk.services.visits import ensure_editable, lock_visit, previous_visit_id

NEEDLE_LIMIT = limits.NEEDLE

_MIN_POINTS = {MarkShape.POINT: 1, MarkShape.LINE: 2, MarkShape.AREA: 3}


class MarkService(Service):
    """Marks of a visit. Every write locks the visit row and checks it is still editable in
    the same transaction, so a visit signed on another workstation takes no more marks."""

    # --- reading ----------------------------------------------------------------------------

    def list_for_visit(self, visit_id: int) -> list[MarkRecord]:
        """The visit's marks in the order they were charted."""
        with self._read() as session:
            return marks_of(session, visit_id)

    def previous_marks(self, visit_id: int) -> list[MarkRecord]:
        """The marks of the patient's last done visit before this one, for the faint overlay."""
        with self._read() as session:
            visit = _visit(session, visit_id)
            previous = previous_visit_id(session, visit.patient_id, visit.starts_at)
            return [] if previous is None else marks_of(session, previous)

    def totals(self, visit_id: int) -> list[ZoneTotal]:
        """Injections and volume per zone, a mark crossing zones shared among them."""
        return zone_totals(mark.geometry() for mark in self.list_for_visit(visit_id))

    def depth_findings(self, visit_id: int) -> list[Finding]:
        """Depth findings for the visit's marks, one per rule and subject, worst first."""
        with self._read() as session:
            return visit_depth_findings(marks_of(session, visit_id))

    # --- writing ----------------------------------------------------------------------------

    def add(self, mark: MarkRecord) -> MarkRecord:
        return self.add_many([mark])[0]

    def add_many(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """New marks in one transaction (a whole scheme is one step for the practitioner)."""
        if not marks:
            return []
        _refuse_too_many(marks)
        with self._write() as session:
            _editable_visits(session, {m.visit_id for m in marks})
            return _insert(session, marks)

    def update(self, mark: MarkRecord) -> MarkRecord:
        return self.update_many([mark])[0]

    def update_many(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """Store edited marks (a batch edit of a selection), each checked against its version."""
        if not marks:
            return []
        _refuse_too_many(marks)
        with self._write() as session:
            rows = _rows(session, [m.id for m in marks if m.id is not None], len(marks))
            _editable_visits(session, {row.visit_id for row in rows.values()})
            for mark in marks:
                row = rows[mark.id]  # type: ignore[index]
                self._check_version(row.version, mark.version)
                stays = replace(mark, visit_id=row.visit_id, photo=_photo_of(session, row))
                _apply(row, _checked(session, stays))
            session.flush()
            return [_record(session, rows[m.id]) for m in marks]  # type: ignore[index]

    def move(self, mark_id: int, points: Sequence[Point], version: int) -> MarkRecord:
        return self.move_many([(mark_id, points, version)])[0]

    def move_many(self, moves: Sequence[tuple[int, Sequence[Point], int]]) -> list[MarkRecord]:
        """New positions for marks dragged together, in one transaction."""
        if not moves:
            return []
        _refuse_too_many(moves)
        with self._write() as session:
            rows = _rows(session, [mark_id for mark_id, _, _ in moves], len(moves))
            _editable_visits(session, {row.visit_id for row in rows.values()})
            for mark_id, points, version in moves:
                row = rows[mark_id]
                self._check_version(row.version, version)
                moved = replace(_record(session, row), points=tuple(points))
                _apply(row, _checked(session, moved))
            session.flush()
            return [_record(session, rows[mark_id]) for mark_id, _, _ in moves]

    def delete(self, ids: Iterable[int]) -> list[MarkRecord]:
        """Remove marks; returns them as they were, so `restore` can put them back."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        with self._write() as session:
            rows = _rows(session, wanted, len(wanted))
            _editable_visits(session, {row.visit_id for row in rows.values()})
            removed = [_record(session, rows[mark_id]) for mark_id in wanted]
            session.execute(delete(InjectionMark).where(InjectionMark.id.in_(wanted)))
            self._record_marks(session, AuditAction.DELETE, removed)
            return removed

    def restore(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """Put deleted marks back with their ids and versions, so undo history stays valid.

        Ids come from the table's sequence and are never handed out twice while the marks are
        kept by the undo history, so re-using them is safe on both engines.
        """
        if not marks:
            return []
        _refuse_too_many(marks)
        with self._write() as session:
            _editable_visits(session, {m.visit_id for m in marks})
            ids = [m.id for m in marks if m.id is not None]
            if len(ids) != len(marks):
                raise ValidationFailed({"marks": "Only marks that were saved can be restored."})
            taken = session.scalars(select(InjectionMark.id).where(InjectionMark.id.in_(ids)))
            if taken.first() is not None:
                raise StaleRecord(
                    "These marks were charted again on another workstation; reload the visit."
                )
            values = []
            for mark in marks:
                checked = _checked(session, mark)
                values.append(
                    {
                        "id": mark.id,
                        "version": max(mark.version, 1),
                        "visit_id": mark.visit_id,
                        **_columns(checked),
                    }
                )
            session.execute(insert(InjectionMark), values)
            self._record_marks(session, AuditAction.CREATE, marks)
        return self._by_ids(ids)

    def _record_marks(self, session: Session, action: str, marks: Sequence[MarkRecord]) -> None:
        """Audit entries for marks written by one statement (the flush does not see them)."""
        patients: dict[int, int | None] = {}
        for mark in marks:
            patient_id = visit_patient(session, mark.visit_id, patients)
            self._record(session, AuditEvent(action, "injection_marks", mark.id, patient_id))

    def repeat_previous(self, visit_id: int) -> list[MarkRecord]:
        """Chart last visit's marks again on this visit, in one step (one transaction)."""
        with self._write() as session:
            visit = lock_visit(session, visit_id)
            ensure_editable(visit)
            previous = previous_visit_id(session, visit.patient_id, visit.starts_at)
            if previous is None:
                raise NotFound("There is no earlier done visit to repeat the chart of.")
            source = marks_of(session, previous)
            if not source:
                raise NotFound("The last visit has no marks to repeat.")
            return _insert(session, marks_for_visit(source, visit_id))

    def apply_template(self, visit_id: int, template_id: int) -> list[MarkRecord]:
        """Chart a saved template's marks on this visit, in one step (one transaction)."""
        with self._write() as session:
            ensure_editable(lock_visit(session, visit_id))
            row = session.get(ChartTemplate, template_id)
            if row is None:
                raise NotFound("This template was deleted on another workstation.")
            return _insert(session, marks_for_visit(template_of(row).marks, visit_id))

    def _by_ids(self, ids: list[int]) -> list[MarkRecord]:
        with self._read() as session:
            rows = _rows(session, ids, len(ids))
            return [_record(session, rows[mark_id]) for mark_id in ids]


# --- helpers --------------------------------------------------------------------------------


MARK_COLUMNS = columns_of(InjectionMark)
_VISIT_MARKS = (
    select(*MARK_COLUMNS)
    .where(InjectionMark.visit_id == bindparam("visit_id"))
    .order_by(InjectionMark.id)
)
"""Built once, as the statements read at every opening are (see `visits.visit_records`)."""


def marks_of(session: Session, visit_id: int) -> list[MarkRecord]:
    """The visit's marks in charting order (plain rows: read at every opening and screening)."""
    rows = session.execute(_VISIT_MARKS, {"visit_id": visit_id}).all()
    if any(row.photo_id is not None for row in rows):  # the visit's photos, in one query
        session.scalars(select(VisitPhoto).where(VisitPhoto.visit_id == visit_id)).all()
    return [_record(session, row) for row in rows]


def chart_findings(
    session: Session, marks: Sequence[MarkRecord], lines: Sequence[ProductLineRecord]
) -> list[Finding]:
    """What the visit's chart (`marks`, as `marks_of` reads them) says: depths beyond limits,
    and volumes that disagree with `lines` (the product lines as saved or as being edited)."""
    names = injected_names(session, marks, lines)
    return visit_depth_findings(marks) + reconcile(marks, lines, names)


def injected_names(
    session: Session, marks: Sequence[MarkRecord], lines: Sequence[ProductLineRecord]
) -> dict[Injected, Param]:
    """How a practitioner names what was injected: the cocktail, or "product (lot N)", each
    with its Russian name where the catalog has one.

    The names the visit's lines hold come first (a signed visit's lines keep the names it was
    signed with); the catalog names the rest.
    """
    names: dict[Injected, Param] = {}
    for line in lines:
        if line.cocktail_id is not None and line.cocktail_name:
            names.setdefault(
                Injected(cocktail_id=line.cocktail_id),
                Localized(line.cocktail_name, line.cocktail_name_ru),
            )
        if line.product_name:
            names.setdefault(
                Injected(lot_id=line.lot_id),
                lot_name(line.product_name, line.product_name_ru, line.lot_number),
            )
    cocktail_ids = {
        m.cocktail_id
        for m in marks
        if m.cocktail_id is not None and Injected(cocktail_id=m.cocktail_id) not in names
    }
    lot_ids = {
        m.lot_id
        for m in marks
        if m.lot_id is not None and m.cocktail_id is None and Injected(lot_id=m.lot_id) not in names
    }
    if cocktail_ids:
        for cocktail_id, name, name_ru in session.execute(
            select(Cocktail.id, Cocktail.name, Cocktail.name_ru).where(
                Cocktail.id.in_(cocktail_ids)
            )
        ):
            names[Injected(cocktail_id=cocktail_id)] = Localized(name, name_ru)
    if lot_ids:
        for lot_id, number, product, product_ru in session.execute(
            select(Lot.id, Lot.lot_number, Product.name, Product.name_ru)
            .join(Product, Product.id == Lot.product_id)
            .where(Lot.id.in_(lot_ids))
        ):
            names[Injected(lot_id=lot_id)] = lot_name(product, product_ru, number)
    return names


def template_of(row: ChartTemplate) -> ChartTemplateRecord:
    return ChartTemplateRecord(
        id=row.id,
        name=row.name,
        marks=tuple(stored_mark_of(item) for item in row.marks),
        version=row.version,
    )


def stored_mark_of(item: dict[str, object]) -> TemplateMark:
    """A template's mark from its stored JSON; KeyError, ValueError or TypeError if malformed."""

    def number(key: str) -> Decimal | None:
        value = item.get(key)
        return None if value is None else Decimal(str(value))

    technique = item.get("technique")
    raw_points = item.get("points")
    pairs = raw_points if isinstance(raw_points, list) else []
    return TemplateMark(
        diagram=DiagramName(str(item["diagram"])),
        shape=MarkShape(str(item["shape"])),
        points=tuple(Point(float(x), float(y)) for x, y in pairs),
        technique=Technique(str(technique)) if technique else None,
        depth_mm=number("depth_mm"),
        volume_ml=number("volume_ml"),
        needle=str(item.get("needle") or ""),
    )


def stored_template_mark(mark: TemplateMark) -> dict[str, object]:
    return {
        "diagram": mark.diagram.value,
        "shape": mark.shape.value,
        "points": [[p.x, p.y] for p in mark.points],
        "technique": mark.technique.value if mark.technique else None,
        "depth_mm": None if mark.depth_mm is None else str(mark.depth_mm),
        "volume_ml": None if mark.volume_ml is None else str(mark.volume_ml),
        "needle": mark.needle,
    }


def _insert(session: Session, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
    rows = []
    for mark in marks:
        row = InjectionMark(visit_id=mark.visit_id)
        _apply(row, _checked(session, mark))
        rows.append(row)
    session.add_all(rows)
    session.flush()
    return [_record(session, row) for row in rows]


def _refuse_too_many(items: Sequence[object]) -> None:
    if len(items) > limits.MARKS_PER_ACTION:
        raise ValidationFailed(
            {"marks": f"At most {limits.MARKS_PER_ACTION:,} marks can be changed in one step."}
        )


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound(f"There is no visit with id {visit_id}.")
    return visit


def _editable_visits(session: Session, visit_ids: set[int]) -> None:
    """Lock the visits (in id order, so two writers never wait on each other in a circle)
    and refuse a signed one, in the transaction of the write."""
    for visit_id in sorted(visit_ids):
        ensure_editable(lock_visit(session, visit_id))


def _rows(session: Session, ids: list[int], expected: int) -> dict[int, InjectionMark]:
    rows = {
        row.id: row
        for row in session.scalars(select(InjectionMark).where(InjectionMark.id.in_(ids)))
    }
    if len(rows) != len(set(ids)) or len(ids) != expected:
        raise NotFound("Some of these marks were deleted on another workstation; reload the visit.")
    return rows


def _checked(session: Session, mark: MarkRecord) -> MarkRecord:
    """The mark with its zone computed, or ValidationFailed with a sentence per field.

    A mark on a photo takes the photo's frame and its view's diagram from the database (never
    from the caller) and has no zone: a photo has none drawn on it.
    """
    if mark.photo is not None:
        photo, diagram_name = _photo_place(session, mark.photo.id, mark.visit_id)
        mark = replace(mark, photo=photo, diagram=diagram_name)
    errors = mark_errors(mark)
    if "injected" not in errors:
        if mark.lot_id is not None and session.get(Lot, mark.lot_id) is None:
            errors["injected"] = "This lot is no longer in the catalog; choose another."
        elif mark.cocktail_id is not None and session.get(Cocktail, mark.cocktail_id) is None:
            errors["injected"] = "This cocktail is no longer in the catalog; choose another."
    if errors:
        raise ValidationFailed(errors)
    diagram = load_diagram(DiagramName(mark.diagram))
    checked = replace(
        mark,
        diagram=diagram.name,
        shape=MarkShape(mark.shape),
        points=tuple(Point(float(x), float(y)) for x, y in mark.points),
        technique=Technique(mark.technique) if mark.technique else None,
        depth_mm=limits.as_decimal(mark.depth_mm),
        volume_ml=limits.as_decimal(mark.volume_ml),
        needle=mark.needle.strip(),
    )
    if checked.photo is not None:
        return replace(checked, zone=None)
    return replace(checked, zone=mark_zone(checked.geometry()))


def _photo_place(session: Session, photo_id: int, visit_id: int) -> tuple[MarkPhoto, DiagramName]:
    """The photo a mark is placed on, which must be a photo of the mark's own visit, and the
    diagram its view counts on (a woman's face for a woman, as on the chart)."""
    row = session.get(VisitPhoto, photo_id)
    if row is None:
        raise NotFound("The photo of these marks was removed; reload the visit.")
    if row.visit_id != visit_id:
        raise ValidationFailed({"photo": "A mark can only be placed on a photo of its own visit."})
    known: dict[int, str | None] = session.info.setdefault("visit_patient_sex", {})
    if visit_id not in known:  # once per visit and transaction, however many marks are undone
        known[visit_id] = session.scalar(
            select(Patient.sex)
            .join(Visit, Visit.patient_id == Patient.id)
            .where(Visit.id == visit_id)
        )
    sex = known[visit_id]
    photo = _mark_photo(row)
    return photo, photo_diagram(photo.view, Sex(sex) if sex in {s.value for s in Sex} else None)


def _mark_photo(row: VisitPhoto) -> MarkPhoto:
    return mark_photo(row.id, row.kind, row.view, row.width, row.height)


def _photo_of(session: Session, row: InjectionMark | Row[*tuple[Any, ...]]) -> MarkPhoto | None:
    """The photo of a stored mark (from the session's identity map once it was read)."""
    if row.photo_id is None:
        return None
    photo = session.get(VisitPhoto, row.photo_id)
    if photo is None:
        raise NotFound("The photo of these marks was removed; reload the visit.")
    return _mark_photo(photo)


def mark_errors(mark: MarkRecord | TemplateMark) -> dict[str, str]:
    """Field -> message for what in a mark (or a template's mark) cannot be stored: an unknown
    diagram, shape or technique, points off the diagram, a depth or volume outside what is
    kept, a needle or note too long or with characters that cannot be stored."""
    errors: dict[str, str] = {}
    try:
        diagram = load_diagram(DiagramName(mark.diagram))
    except ValueError:
        return {"diagram": f"There is no diagram called {mark.diagram!r}."}
    try:
        shape = MarkShape(mark.shape)
    except ValueError:
        return {"shape": "A mark is a point, a line or an area."}
    points = _points(mark.points)
    photo = mark.photo if isinstance(mark, MarkRecord) else None
    needed = _MIN_POINTS[shape]
    if points is None:
        errors["points"] = "Every point of a mark must lie on the diagram."
    elif len(points) < needed or (shape is MarkShape.POINT and len(points) != 1):
        errors["points"] = {
            MarkShape.POINT: "A point mark has exactly one position.",
            MarkShape.LINE: "A line needs at least two points.",
            MarkShape.AREA: "An area needs at least three corners.",
        }[shape]
    elif len(points) > limits.MARK_POINTS:
        errors["points"] = f"A mark can have at most {limits.MARK_POINTS:,} points."
    elif photo is not None:
        if not all(photo.holds(x, y) for x, y in points):
            errors["points"] = "Every point of a mark must lie on the photo."
    elif any(not (0 <= x <= diagram.width_mm and 0 <= y <= diagram.height_mm) for x, y in points):
        errors["points"] = "Every point of a mark must lie on the diagram."
    if mark.technique:
        try:
            Technique(mark.technique)
        except ValueError:
            errors["technique"] = "Choose the technique from the list."
    if mark.depth_mm is not None:
        problem = limits.amount_problem(
            mark.depth_mm, maximum=limits.DEPTH_MAX, places=limits.DEPTH_PLACES, unit="mm"
        )
        if problem is not None:
            errors["depth_mm"] = f"The depth: {problem}"
    if mark.volume_ml is not None:
        problem = limits.amount_problem(
            mark.volume_ml, maximum=limits.INJECTION_VOLUME_MAX, allow_zero=True
        )
        if problem is not None:
            errors["volume_ml"] = f"The volume per injection: {problem}"
    needle = limits.text_problem(mark.needle, limits.NEEDLE)
    if needle is not None:
        errors["needle"] = needle
    elif len(mark.needle.strip()) > NEEDLE_LIMIT:
        errors["needle"] = f"The needle may have at most {NEEDLE_LIMIT} characters."
    if isinstance(mark, MarkRecord):
        limits.check_text(errors, "note", mark.note, limits.MARK_NOTE, multiline=True)
        if mark.lot_id is not None and mark.cocktail_id is not None:
            errors["injected"] = "A mark is injected with a cocktail or with one product, not both."
    return errors


def _points(raw: Iterable[object]) -> list[tuple[float, float]] | None:
    """The points as finite (x, y) pairs; None when one is not a pair of finite numbers."""
    found: list[tuple[float, float]] = []
    try:
        for point in raw:
            x: float
            y: float
            x, y = point  # type: ignore[misc]
            pair = (float(x), float(y))
            if not (math.isfinite(pair[0]) and math.isfinite(pair[1])):
                return None
            found.append(pair)
    except (TypeError, ValueError, OverflowError):
        return None
    return found


def _columns(mark: MarkRecord) -> dict[str, object]:
    """The row's values; a mark on a photo keeps its points as fractions of the image."""
    points = (
        mark.photo.to_fractions(mark.points)
        if mark.photo is not None
        else [[p.x, p.y] for p in mark.points]
    )
    return {
        "diagram": mark.diagram.value,
        "shape": mark.shape.value,
        "points": points,
        "technique": mark.technique.value if mark.technique else None,
        "depth_mm": mark.depth_mm,
        "volume_ml": mark.volume_ml,
        "needle": mark.needle,
        "lot_id": mark.lot_id,
        "cocktail_id": mark.cocktail_id,
        "zone": mark.zone,
        "note": mark.note,
        "photo_id": mark.photo_id,
    }


def _apply(row: InjectionMark, mark: MarkRecord) -> None:
    for name, value in _columns(mark).items():
        setattr(row, name, value)


def _record(session: Session, row: InjectionMark | Row[*tuple[Any, ...]]) -> MarkRecord:
    photo = _photo_of(session, row)
    return MarkRecord(
        id=row.id,
        visit_id=row.visit_id,
        diagram=DiagramName(row.diagram),
        shape=MarkShape(row.shape),
        points=(
            photo.from_fractions(row.points)
            if photo is not None
            else tuple(Point(float(x), float(y)) for x, y in row.points)
        ),
        technique=Technique(row.technique) if row.technique else None,
        depth_mm=row.depth_mm,
        volume_ml=row.volume_ml,
        needle=row.needle,
        lot_id=row.lot_id,
        cocktail_id=row.cocktail_id,
        zone=row.zone,
        note=row.note,
        version=row.version,
        photo=photo,
    )
