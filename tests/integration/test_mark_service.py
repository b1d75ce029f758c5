"""Injection marks of a visit on both engines: what is charted is what is kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.vocabulary import Technique
from mesodesk.services.errors import ReadOnlyRecord, StaleRecord, ValidationFailed
from mesodesk.services.registry import Services


def _visit(services: Services, days_ago: int = 0, done: bool = False):
    patient = services.patients.save(PatientCard(last_name="Орлова", first_name="Вера"))
    return _visit_for(services, patient.id, days_ago, done)


def _visit_for(services: Services, patient_id: int, days_ago: int, done: bool):
    visit = services.visits.start_visit(
        patient_id, datetime.now(UTC) - timedelta(days=days_ago, hours=1)
    )
    if done:
        visit = services.visits.mark_done(visit)
    return visit


def _point(visit_id: int, diagram: DiagramName, zone: str, **fields) -> MarkRecord:
    x, y = load_diagram(diagram).zone(zone).label_point
    return MarkRecord(None, visit_id, diagram, MarkShape.POINT, (Point(x, y),), **fields)


def test_a_mark_round_trips_with_all_its_attributes_and_its_zone_computed(services):
    visit = _visit(services)
    area = load_diagram(DiagramName.FACE).zone("cheek_left").polygon
    cx, cy = load_diagram(DiagramName.FACE).zone("cheek_left").label_point
    square = (
        Point(cx - 4, cy - 4),
        Point(cx + 4, cy - 4),
        Point(cx + 4, cy + 4),
        Point(cx - 4, cy + 4),
    )
    assert len(area) >= 3
    saved = services.marks.add(
        MarkRecord(
            None,
            visit.id,
            DiagramName.FACE,
            MarkShape.AREA,
            square,
            technique=Technique.NAPPAGE_SUPERFICIAL,
            depth_mm=Decimal("1.5"),
            volume_ml=Decimal("0.02"),
            needle="32G 4 mm",
            note="по сетке",
            zone="forehead",
        )
    )
    [stored] = services.marks.list_for_visit(visit.id)
    assert stored == saved
    assert stored.zone == "cheek_left"
    assert stored.points == square
    assert stored.depth_mm == Decimal("1.5") and stored.volume_ml == Decimal("0.02")
    assert (stored.needle, stored.note, stored.technique) == (
        "32G 4 mm",
        "по сетке",
        Technique.NAPPAGE_SUPERFICIAL,
    )


def test_moving_a_point_into_another_zone_changes_its_zone_and_totals(services):
    visit = _visit(services)
    mark = services.marks.add(
        _point(visit.id, DiagramName.BACK, "cervical", volume_ml=Decimal("0.1"))
    )
    target = load_diagram(DiagramName.BACK).zone("lumbar").label_point
    moved = services.marks.move(mark.id, [target], mark.version)
    assert moved.zone == "lumbar"
    [total] = services.marks.totals(visit.id)
    assert (total.zone, total.injections, total.volume_ml) == ("lumbar", 1, Decimal("0.1"))
    with pytest.raises(StaleRecord):
        services.marks.move(mark.id, [target], mark.version)


def test_marks_of_a_signed_visit_cannot_be_added_changed_or_deleted(services):
    visit = _visit(services, done=True)
    mark = services.marks.add(_point(visit.id, DiagramName.FACE, "forehead"))
    services.visits.sign(replace(services.visits.get(visit.id), practitioner="Доктор"))
    with pytest.raises(ReadOnlyRecord):
        services.marks.add(_point(visit.id, DiagramName.FACE, "chin"))
    with pytest.raises(ReadOnlyRecord):
        services.marks.update(replace(mark, depth_mm=Decimal(2)))
    with pytest.raises(ReadOnlyRecord):
        services.marks.delete([mark.id])
    assert services.marks.list_for_visit(visit.id) == [mark]


def test_a_batch_edit_changes_every_selected_mark_in_one_go(services):
    visit = _visit(services)
    marks = services.marks.add_many(
        [_point(visit.id, DiagramName.BACK, z) for z in ("cervical", "thoracic", "lumbar")]
    )
    edited = services.marks.update_many(
        [replace(m, depth_mm=Decimal(4), needle="30G 13 mm") for m in marks[:2]]
    )
    assert [m.depth_mm for m in edited] == [Decimal(4), Decimal(4)]
    stored = services.marks.list_for_visit(visit.id)
    assert [(m.depth_mm, m.needle) for m in stored] == [
        (Decimal(4), "30G 13 mm"),
        (Decimal(4), "30G 13 mm"),
        (None, ""),
    ]


def test_deleted_marks_come_back_with_their_ids_and_attributes_for_undo(services):
    visit = _visit(services)
    marks = services.marks.add_many(
        [_point(visit.id, DiagramName.FACE, z, depth_mm=Decimal(2)) for z in ("chin", "lips")]
    )
    removed = services.marks.delete([m.id for m in marks])
    assert services.marks.list_for_visit(visit.id) == []
    restored = services.marks.restore(removed)
    assert restored == marks
    assert services.marks.list_for_visit(visit.id) == marks
    services.marks.update(replace(restored[0], note="ok"))


def test_previous_marks_are_those_of_the_last_done_visit_before_this_one(services):
    first = _visit(services, days_ago=30, done=True)
    old = services.marks.add(_point(first.id, DiagramName.BACK, "thoracic"))
    _visit_for(services, first.patient_id, 10, done=False)
    today = _visit_for(services, first.patient_id, 0, done=False)
    assert services.marks.previous_marks(today.id) == [old]
    assert services.marks.previous_marks(first.id) == []


def test_marks_off_the_diagram_or_with_no_depth_are_refused(services):
    visit = _visit(services)
    with pytest.raises(ValidationFailed) as refused:
        services.marks.add(
            MarkRecord(
                None,
                visit.id,
                DiagramName.FACE,
                MarkShape.POINT,
                (Point(5000, 10),),
                depth_mm=Decimal(0),
                volume_ml=Decimal("-0.1"),
            )
        )
    assert set(refused.value.errors) == {"points", "depth_mm", "volume_ml"}
    assert services.marks.list_for_visit(visit.id) == []


def test_six_mm_on_the_face_is_a_depth_finding_for_the_visit(services):
    visit = _visit(services)
    services.marks.add(_point(visit.id, DiagramName.FACE, "cheek_left", depth_mm=Decimal(6)))
    findings = services.marks.depth_findings(visit.id)
    assert any("4 mm limit for the face" in f.reason for f in findings)
