"""Injection marks of a visit: chart, move, edit, delete and put back (for undo), count.

Every write checks the visit is still editable (a signed visit is read-only like its notes),
validates the geometry against the diagram and stores the zone computed from it, so the totals
and the depth checks never trust a zone sent by the UI.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from mesodesk.domain.diagram import (
    DiagramName,
    MarkShape,
    Point,
    ZoneTotal,
    load_diagram,
    mark_zone,
    zone_totals,
)
from mesodesk.domain.findings import Finding, most_serious_first
from mesodesk.domain.mark_records import MarkRecord, mark_depth_findings
from mesodesk.domain.vocabulary import Technique
from mesodesk.models import Visit
from mesodesk.models.marks import InjectionMark
from mesodesk.models.visit import VisitProductLine
from mesodesk.services.base import Service
from mesodesk.services.errors import NotFound, StaleRecord, ValidationFailed
from mesodesk.services.visits import VisitService, ensure_editable

NEEDLE_LIMIT = 40

_MIN_POINTS = {MarkShape.POINT: 1, MarkShape.LINE: 2, MarkShape.AREA: 3}


class MarkService(Service):
    def __init__(self, sessions: sessionmaker[Session], visits: VisitService | None = None) -> None:
        super().__init__(sessions)
        self._visits = visits or VisitService(sessions)

    # --- reading ----------------------------------------------------------------------------

    def list_for_visit(self, visit_id: int) -> list[MarkRecord]:
        """The visit's marks in the order they were charted."""
        with self._read() as session:
            rows = session.scalars(
                select(InjectionMark)
                .where(InjectionMark.visit_id == visit_id)
                .order_by(InjectionMark.id)
            )
            return [_record(row) for row in rows]

    def previous_marks(self, visit_id: int) -> list[MarkRecord]:
        """The marks of the patient's last done visit before this one, for the faint overlay."""
        with self._read() as session:
            visit = _visit(session, visit_id)
            patient_id, starts_at = visit.patient_id, visit.starts_at
        previous = self._visits.previous_visit(patient_id, starts_at)
        if previous is None or previous.id is None:
            return []
        return self.list_for_visit(previous.id)

    def totals(self, visit_id: int) -> list[ZoneTotal]:
        """Injections and volume per zone, each mark counted whole in its zone."""
        return zone_totals(mark.geometry() for mark in self.list_for_visit(visit_id))

    def depth_findings(self, visit_id: int) -> list[Finding]:
        """Depth warnings for the visit's marks, one per distinct problem, worst first."""
        findings: dict[str, Finding] = {}
        for mark in self.list_for_visit(visit_id):
            for finding in mark_depth_findings(mark):
                findings.setdefault(finding.reason, finding)
        return most_serious_first(list(findings.values()))

    # --- writing ----------------------------------------------------------------------------

    def add(self, mark: MarkRecord) -> MarkRecord:
        return self.add_many([mark])[0]

    def add_many(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """New marks in one transaction (a whole scheme is one step for the practitioner)."""
        if not marks:
            return []
        with self._write() as session:
            _editable_visits(session, {m.visit_id for m in marks})
            rows = []
            for mark in marks:
                checked = _checked(session, mark)
                row = InjectionMark(visit_id=mark.visit_id)
                _apply(row, checked)
                rows.append(row)
            session.add_all(rows)
            session.flush()
            return [_record(row) for row in rows]

    def update(self, mark: MarkRecord) -> MarkRecord:
        return self.update_many([mark])[0]

    def update_many(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """Store edited marks (a batch edit of a selection), each checked against its version."""
        if not marks:
            return []
        with self._write() as session:
            rows = _rows(session, [m.id for m in marks if m.id is not None], len(marks))
            _editable_visits(session, {row.visit_id for row in rows.values()})
            for mark in marks:
                row = rows[mark.id]  # type: ignore[index]
                self._check_version(row.version, mark.version)
                _apply(row, _checked(session, replace(mark, visit_id=row.visit_id)))
            session.flush()
            return [_record(rows[m.id]) for m in marks]  # type: ignore[index]

    def move(self, mark_id: int, points: Sequence[Point], version: int) -> MarkRecord:
        return self.move_many([(mark_id, points, version)])[0]

    def move_many(self, moves: Sequence[tuple[int, Sequence[Point], int]]) -> list[MarkRecord]:
        """New positions for marks dragged together, in one transaction."""
        if not moves:
            return []
        with self._write() as session:
            rows = _rows(session, [mark_id for mark_id, _, _ in moves], len(moves))
            _editable_visits(session, {row.visit_id for row in rows.values()})
            for mark_id, points, version in moves:
                row = rows[mark_id]
                self._check_version(row.version, version)
                moved = replace(_record(row), points=tuple(Point(*p) for p in points))
                _apply(row, _checked(session, moved))
            session.flush()
            return [_record(rows[mark_id]) for mark_id, _, _ in moves]

    def delete(self, ids: Iterable[int]) -> list[MarkRecord]:
        """Remove marks; returns them as they were, so `restore` can put them back."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        with self._write() as session:
            rows = _rows(session, wanted, len(wanted))
            _editable_visits(session, {row.visit_id for row in rows.values()})
            removed = [_record(rows[mark_id]) for mark_id in wanted]
            session.execute(delete(InjectionMark).where(InjectionMark.id.in_(wanted)))
            return removed

    def restore(self, marks: Sequence[MarkRecord]) -> list[MarkRecord]:
        """Put deleted marks back with their ids and versions, so undo history stays valid.

        Ids come from the table's sequence and are never handed out twice while the marks are
        kept by the undo history, so re-using them is safe on both engines.
        """
        if not marks:
            return []
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
        return self._by_ids(ids)

    def _by_ids(self, ids: list[int]) -> list[MarkRecord]:
        with self._read() as session:
            rows = _rows(session, ids, len(ids))
            return [_record(rows[mark_id]) for mark_id in ids]


# --- helpers --------------------------------------------------------------------------------


def _visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound(f"There is no visit with id {visit_id}.")
    return visit


def _editable_visits(session: Session, visit_ids: set[int]) -> None:
    for visit_id in visit_ids:
        ensure_editable(_visit(session, visit_id))


def _rows(session: Session, ids: list[int], expected: int) -> dict[int, InjectionMark]:
    rows = {
        row.id: row
        for row in session.scalars(select(InjectionMark).where(InjectionMark.id.in_(ids)))
    }
    if len(rows) != len(set(ids)) or len(ids) != expected:
        raise NotFound("Some of these marks were deleted on another workstation; reload the visit.")
    return rows


def _checked(session: Session, mark: MarkRecord) -> MarkRecord:
    """The mark with its zone computed, or ValidationFailed with a sentence per field."""
    errors: dict[str, str] = {}
    try:
        diagram = load_diagram(DiagramName(mark.diagram))
    except ValueError:
        raise ValidationFailed(
            {"diagram": f"There is no diagram called {mark.diagram!r}."}
        ) from None
    shape = MarkShape(mark.shape)
    points = tuple(Point(float(x), float(y)) for x, y in mark.points)
    needed = _MIN_POINTS[shape]
    if len(points) < needed or (shape is MarkShape.POINT and len(points) != 1):
        errors["points"] = {
            MarkShape.POINT: "A point mark has exactly one position.",
            MarkShape.LINE: "A line needs at least two points.",
            MarkShape.AREA: "An area needs at least three corners.",
        }[shape]
    elif any(not (0 <= x <= diagram.width_mm and 0 <= y <= diagram.height_mm) for x, y in points):
        errors["points"] = "Every point of a mark must lie on the diagram."
    depth = _decimal(mark.depth_mm)
    if mark.depth_mm is not None and (depth is None or depth <= 0):
        errors["depth_mm"] = "The depth must be more than 0 mm."
    elif depth is not None and depth >= 1000:
        errors["depth_mm"] = "The depth must be less than 1000 mm."
    volume = _decimal(mark.volume_ml)
    if mark.volume_ml is not None and (volume is None or volume < 0):
        errors["volume_ml"] = "The volume per injection cannot be negative."
    elif volume is not None and volume >= 100:
        errors["volume_ml"] = "The volume per injection must be less than 100 ml."
    if len(mark.needle.strip()) > NEEDLE_LIMIT:
        errors["needle"] = f"The needle may have at most {NEEDLE_LIMIT} characters."
    if mark.product_line_id is not None:
        line = session.get(VisitProductLine, mark.product_line_id)
        if line is None or line.visit_id != mark.visit_id:
            errors["product_line_id"] = "The product must be one of this visit's product lines."
    if errors:
        raise ValidationFailed(errors)
    checked = replace(
        mark,
        diagram=diagram.name,
        shape=shape,
        points=points,
        technique=Technique(mark.technique) if mark.technique else None,
        depth_mm=depth,
        volume_ml=volume,
        needle=mark.needle.strip(),
    )
    return replace(checked, zone=mark_zone(checked.geometry()))


def _decimal(value: Decimal | float | int | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _columns(mark: MarkRecord) -> dict[str, object]:
    return {
        "diagram": mark.diagram.value,
        "shape": mark.shape.value,
        "points": [[p.x, p.y] for p in mark.points],
        "technique": mark.technique.value if mark.technique else None,
        "depth_mm": mark.depth_mm,
        "volume_ml": mark.volume_ml,
        "needle": mark.needle,
        "product_line_id": mark.product_line_id,
        "zone": mark.zone,
        "note": mark.note,
    }


def _apply(row: InjectionMark, mark: MarkRecord) -> None:
    for name, value in _columns(mark).items():
        setattr(row, name, value)


def _record(row: InjectionMark) -> MarkRecord:
    return MarkRecord(
        id=row.id,
        visit_id=row.visit_id,
        diagram=DiagramName(row.diagram),
        shape=MarkShape(row.shape),
        points=tuple(Point(float(x), float(y)) for x, y in row.points),
        technique=Technique(row.technique) if row.technique else None,
        depth_mm=row.depth_mm,
        volume_ml=row.volume_ml,
        needle=row.needle,
        product_line_id=row.product_line_id,
        zone=row.zone,
        note=row.note,
        version=row.version,
    )
