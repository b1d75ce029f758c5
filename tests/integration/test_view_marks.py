"""Marks on the newer diagram views, on both engines: stored under their view's name, their
zone computed, and feeding the visit's treated areas and the depth screening as marks on the
face chart do."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mesodesk.domain.anamnesis import DayChecklist
from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Area, Technique
from mesodesk.services.registry import Services
from tests.integration.safety_helpers import add_patient, add_visit

NEW_VIEWS = list(DiagramName)[4:]


def _square(view: DiagramName, zone: str, visit_id: int, depth: str = "1") -> MarkRecord:
    x, y = load_diagram(view).zone(zone).label_point
    corners = (Point(x - 3, y - 3), Point(x + 3, y - 3), Point(x + 3, y + 3), Point(x - 3, y + 3))
    return MarkRecord(
        None, visit_id, view, MarkShape.AREA, corners, Technique.PAPULAR, Decimal(depth),
        Decimal("0.02"), "32G 4 mm",
    )  # fmt: skip


@pytest.mark.parametrize("view", NEW_VIEWS)
def test_a_mark_on_each_zone_of_a_view_is_kept_with_its_zone(services: Services, view) -> None:
    visit = add_visit(services, add_patient(services).id, areas=())
    diagram = load_diagram(view)
    services.marks.add_many([_square(view, zone.name, visit.id) for zone in diagram.zones])
    stored = services.marks.list_for_visit(visit.id)
    assert [(m.diagram, m.zone) for m in stored] == [(view, z.name) for z in diagram.zones]
    assert set(services.visits.get(visit.id).charted_areas) == {z.area for z in diagram.zones}


def test_marks_on_the_close_up_views_are_the_visits_treated_areas(services: Services) -> None:
    visit = add_visit(services, add_patient(services).id, areas=())
    services.marks.add_many(
        [
            _square(DiagramName.NECK_DECOLLETE, "submental", visit.id),
            _square(DiagramName.NECK_DECOLLETE, "decollete_right", visit.id),
            _square(DiagramName.HANDS, "hand_back_left", visit.id),
            _square(DiagramName.SCALP, "vertex", visit.id),
            _square(DiagramName.PROFILE_LEFT, "cheek_left", visit.id),
        ]
    )
    record = services.visits.get(visit.id)
    assert record.charted_areas == (
        Area.FACE, Area.NECK, Area.DECOLLETE, Area.SCALP, Area.HANDS,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("view", "zone", "depth", "keys"),
    [
        (DiagramName.NECK_DECOLLETE, "neck_front", "4", []),
        (DiagramName.NECK_DECOLLETE, "neck_front", "5", ["depth:neck"]),
        (DiagramName.NECK_DECOLLETE, "decollete_left", "5", ["depth:decollete"]),
        (DiagramName.HANDS, "fingers_right", "3", ["depth:hands"]),
        (DiagramName.SCALP, "occipital", "5", ["depth:scalp"]),
        (DiagramName.PROFILE_RIGHT, "neck", "5", ["depth:neck"]),
        (DiagramName.FACE_3Q_LEFT, "periorbital_left", "5", ["depth:eyes"]),
        (DiagramName.FACE_FEMALE, "forehead", "5", ["depth:face"]),
    ],
)
def test_a_depth_on_a_new_view_is_screened_by_its_zones_area(
    services: Services, view, zone, depth, keys
) -> None:
    visit = add_visit(services, add_patient(services).id, areas=())
    services.marks.add(_square(view, zone, visit.id, depth))
    findings = services.screening.screen_visit(visit.id, DayChecklist())
    assert [f.key for f in findings if f.code == "depth"] == keys
