"""Plane geometry in mm and the shipped diagram data it works on."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mesodesk.domain.diagram import (
    DiagramName,
    Facing,
    Point,
    Region,
    art_path,
    centroid,
    interior_point,
    load_diagram,
    point_in_polygon,
    points_along,
    polygon_area,
    polyline_length,
)
from mesodesk.domain.diagram.geometry import distance_to_boundary
from mesodesk.domain.vocabulary import Area

SQUARE = [Point(0, 0), Point(30, 0), Point(30, 30), Point(0, 30)]
# A "U" open at the top: its centroid falls in the notch, outside the polygon.
U_SHAPE = [
    Point(0, 0), Point(10, 0), Point(10, 40), Point(30, 40), Point(30, 0), Point(40, 0),
    Point(40, 50), Point(0, 50),
]  # fmt: skip


def test_polygon_area_is_exact_and_ignores_winding() -> None:
    assert polygon_area(SQUARE) == 900
    assert polygon_area(SQUARE[::-1]) == 900
    assert polygon_area([Point(0, 0), Point(4, 0), Point(0, 3)]) == 6
    assert polygon_area(U_SHAPE) == 40 * 50 - 20 * 40


def test_centroid_of_a_square_is_its_centre() -> None:
    assert centroid(SQUARE) == pytest.approx(Point(15, 15))


def test_centroid_of_a_concave_shape_can_lie_outside_but_interior_point_never_does() -> None:
    middle = centroid(U_SHAPE)
    assert not point_in_polygon(middle.x, middle.y, U_SHAPE)
    inside = interior_point(U_SHAPE)
    assert point_in_polygon(inside.x, inside.y, U_SHAPE)


def test_point_in_polygon_inside_and_outside() -> None:
    assert point_in_polygon(15, 15, SQUARE)
    assert not point_in_polygon(31, 15, SQUARE)
    assert not point_in_polygon(20, 20, U_SHAPE)
    assert point_in_polygon(5, 20, U_SHAPE)


def test_a_point_on_a_shared_edge_belongs_to_exactly_one_of_two_neighbours() -> None:
    left = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]
    right = [Point(10, 10), Point(10, 0), Point(20, 0), Point(20, 10)]
    for y in (0.0, 2.5, 5.0, 9.99):
        assert point_in_polygon(10, y, left) + point_in_polygon(10, y, right) == 1


def test_polyline_length_is_exact() -> None:
    assert polyline_length([Point(0, 0), Point(3, 4), Point(3, 10)]) == 11
    assert polyline_length([Point(5, 5)]) == 0


def test_points_along_a_line_include_both_ends_and_never_exceed_the_spacing() -> None:
    line = [Point(0, 0), Point(30, 0)]
    assert points_along(line, 10) == [Point(0, 0), Point(10, 0), Point(20, 0), Point(30, 0)]
    uneven = points_along([Point(0, 0), Point(25, 0)], 10)
    assert [p.x for p in uneven] == pytest.approx([0, 25 / 3, 50 / 3, 25])
    bent = points_along([Point(0, 0), Point(10, 0), Point(10, 10)], 5)
    assert bent == [Point(0, 0), Point(5, 0), Point(10, 0), Point(10, 5), Point(10, 10)]
    assert points_along([Point(2, 2), Point(2, 2)], 10) == [Point(2, 2)]


def test_bad_geometry_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="at least 3 points"):
        polygon_area([Point(0, 0), Point(1, 1)])
    with pytest.raises(ValueError, match="more than 0 mm"):
        points_along([Point(0, 0), Point(1, 1)], 0)


@pytest.mark.parametrize("name", list(DiagramName))
def test_each_diagram_loads_with_its_size_zones_and_art(name: DiagramName) -> None:
    diagram = load_diagram(name)
    assert diagram.name is name
    assert diagram.midline_x_mm == diagram.width_mm / 2
    assert diagram.zones and diagram.label and diagram.label_ru
    root = ET.parse(art_path(name)).getroot()
    assert root.get("viewBox") == f"0 0 {diagram.width_mm:g} {diagram.height_mm:g}"
    for zone in diagram.zones:
        for x, y in zone.polygon:
            assert 0 <= x <= diagram.width_mm and 0 <= y <= diagram.height_mm
        assert zone.region is Region(zone.area.region)


def test_diagrams_are_life_size_for_an_average_adult() -> None:
    face = load_diagram("face")
    assert (face.width_mm, face.height_mm) == (300, 420)
    back = load_diagram(DiagramName.BACK)
    assert (back.width_mm, back.height_mm, back.midline_x_mm) == (500, 950, 250)
    for body in (DiagramName.BODY_FRONT, DiagramName.BODY_BACK):
        assert (load_diagram(body).width_mm, load_diagram(body).height_mm) == (640, 1800)


def test_facing_decides_which_side_the_patients_left_is_drawn_on() -> None:
    assert load_diagram(DiagramName.FACE).facing is Facing.FRONT
    assert load_diagram(DiagramName.BODY_FRONT).facing is Facing.FRONT
    assert load_diagram(DiagramName.BACK).facing is Facing.BACK
    assert load_diagram(DiagramName.BODY_BACK).facing is Facing.BACK


def test_the_face_chart_has_every_zone_the_issue_lists() -> None:
    names = {z.name for z in load_diagram(DiagramName.FACE).zones}
    paired = ["temple", "periorbital", "cheek", "nasolabial", "marionette", "jawline", "ear_lobe"]
    single = ["forehead", "glabella", "nose", "perioral", "lips", "chin", "neck", "decollete"]
    assert names == set(single) | {f"{p}_{s}" for p in paired for s in ("left", "right")}


def test_the_body_charts_have_the_listed_areas() -> None:
    front = {z.name for z in load_diagram(DiagramName.BODY_FRONT).zones}
    back = {z.name for z in load_diagram(DiagramName.BODY_BACK).zones}
    for side in ("left", "right"):
        assert {f"flank_{side}", f"thigh_{side}", f"upper_arm_{side}", f"hand_{side}"} <= front
        assert {f"buttock_{side}", f"thigh_{side}", f"upper_arm_{side}", f"flank_{side}"} <= back
    assert {"abdomen", "scalp", "decollete"} <= front
    assert {"back", "scalp"} <= back


def test_zone_areas_point_to_the_practitioners_treatment_areas() -> None:
    face = load_diagram(DiagramName.FACE)
    assert face.zone("lips").area is Area.LIPS
    assert face.zone("periorbital_left").area is Area.EYES
    assert {z.region for z in face.zones} == {Region.FACE}
    back = load_diagram(DiagramName.BACK)
    assert back.zone("thoracic").region is Region.VASCULAR
    assert back.zone("buttock_left").region is Region.BODY
    assert load_diagram(DiagramName.BODY_FRONT).zone("abdomen").area is Area.STOMACH


def test_every_zone_has_english_and_russian_labels() -> None:
    for name in DiagramName:
        for zone in load_diagram(name).zones:
            assert zone.label
            assert any("а" <= ch.lower() <= "я" for ch in zone.label_ru), zone.name


def test_unknown_zone_names_the_diagram() -> None:
    with pytest.raises(KeyError, match="no zone 'elbow' on the face diagram"):
        load_diagram(DiagramName.FACE).zone("elbow")


def test_zone_label_points_are_well_inside() -> None:
    for name in DiagramName:
        for zone in load_diagram(name).zones:
            x, y = zone.label_point
            assert point_in_polygon(x, y, zone.polygon)
            assert distance_to_boundary(zone.label_point, zone.polygon) > 1.0, zone.name
